import xml from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildChatMessage, parseMessage } from './message';
import { buildOob, httpUrl, MAX_URL, parseOob } from './oob';
import { attr } from './stanza';

const OOB = 'jabber:x:oob';
const URL_ = 'https://download.montague.tld/4a771ac1/my-juliet.jpg';

const msg = (inner: string) =>
  parse(`<message xmlns='jabber:client' type='chat' from='romeo@montague.tld/garden'>
    <body>${URL_}</body>${inner}</message>`);
const oob = (inner: string) => parseOob(msg(inner));

describe('buildOob', () => {
  it('makes <x><url/><desc/></x>', () => {
    const el = buildOob({ url: URL_, desc: 'Juliet on the balcony' });
    expect(el.toString()).toBe(
      `<x xmlns="${OOB}"><url>${URL_}</url><desc>Juliet on the balcony</desc></x>`,
    );
  });

  it('leaves out an absent or empty desc', () => {
    expect(buildOob({ url: URL_ }).toString()).toBe(`<x xmlns="${OOB}"><url>${URL_}</url></x>`);
    expect(buildOob({ url: URL_, desc: '' }).getChild('desc')).toBeUndefined();
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const el = buildOob({ url: 'https://a.example/?a=1&b=<2>', desc: 'x\u0000y</desc>' });
    expect(parseOob(parse(`<message>${el.toString()}</message>`))).toEqual({
      url: 'https://a.example/?a=1&b=<2>',
      desc: 'xy</desc>',
    });
  });
});

describe('parseOob', () => {
  it('reads the url and desc', () => {
    expect(oob(`<x xmlns='${OOB}'><url>${URL_}</url><desc>A picture</desc></x>`)).toEqual({
      url: URL_,
      desc: 'A picture',
    });
    expect(oob(`<x xmlns='${OOB}'><url>${URL_}</url></x>`)).toEqual({ url: URL_ });
    expect(oob(`<x xmlns='${OOB}'><url>${URL_}</url><desc>  </desc></x>`)).toEqual({ url: URL_ });
  });

  it('trims the url and desc, caps the desc, and keeps the url as sent', () => {
    expect(
      oob(`<x xmlns='${OOB}'><url>
        HTTP://Example.ORG/a%20b?q=1#frag
      </url><desc>  ${'d'.repeat(2000)} </desc></x>`),
    ).toEqual({ url: 'HTTP://Example.ORG/a%20b?q=1#frag', desc: 'd'.repeat(1024) });
  });

  it('takes only the first <x/> in the namespace, even when it is unusable', () => {
    expect(
      oob(`<x xmlns='${OOB}'><url>${URL_}</url></x><x xmlns='${OOB}'><url>https://b/</url></x>`),
    ).toEqual({ url: URL_ });
    expect(
      oob(`<x xmlns='${OOB}'><url>javascript:alert(1)</url></x>
        <x xmlns='${OOB}'><url>${URL_}</url></x>`),
    ).toBeUndefined();
    // An <x/> in another namespace before it does not count.
    expect(oob(`<x xmlns='jabber:x:data'/><x xmlns='${OOB}'><url>${URL_}</url></x>`)).toEqual({
      url: URL_,
    });
  });

  it('refuses URLs that are not absolute http(s), or carry credentials or control characters', () => {
    const bad = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java&#10;script:alert(1)',
      'data:image/svg+xml,&lt;svg onload=alert(1)&gt;',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://files.example/x',
      'aesgcm://download.example/x#0123abcd', // OMEMO media sharing: not ours to open
      'xmpp:romeo@montague.tld',
      'mailto:romeo@montague.tld',
      '/relative',
      'example.org/x',
      'https://',
      'http://[::1',
      'https://user@download.example/x',
      'https://download.montague.tld@evil.example/x',
      'https://download.example/a&#9;b',
      'https://download.example/a&#13;b',
      `https://download.example/${'a'.repeat(MAX_URL)}`,
    ];
    for (const url of bad) {
      expect(oob(`<x xmlns='${OOB}'><url>${url}</url></x>`), url).toBeUndefined();
    }
  });

  it('wants the <url/> in the namespace, a direct child of the message', () => {
    expect(oob(`<x xmlns='${OOB}'/>`)).toBeUndefined();
    expect(oob(`<x xmlns='${OOB}'><url/></x>`)).toBeUndefined();
    expect(oob(`<x xmlns='${OOB}'><url xmlns='urn:example'>${URL_}</url></x>`)).toBeUndefined();
    expect(oob(`<x xmlns='jabber:x:oob:2'><url>${URL_}</url></x>`)).toBeUndefined();
    expect(oob(`<x><url>${URL_}</url></x>`)).toBeUndefined();
    expect(
      oob(`<reference xmlns='urn:xmpp:reference:0'><x xmlns='${OOB}'><url>${URL_}</url></x>
        </reference>`),
    ).toBeUndefined();
    // XEP-0066's iq flavour is another namespace.
    expect(oob(`<query xmlns='jabber:iq:oob'><url>${URL_}</url></query>`)).toBeUndefined();
  });

  it('ignores markup inside <url/> and reads only its text', () => {
    expect(oob(`<x xmlns='${OOB}'><url>https://a.example/<b>bold</b>x</url></x>`)).toEqual({
      url: 'https://a.example/x',
    });
  });

  it('returns undefined for nothing, without throwing', () => {
    expect(parseOob(null)).toBeUndefined();
    expect(parseOob(undefined)).toBeUndefined();
    expect(parseOob({} as never)).toBeUndefined();
    expect(parseOob(parse('<message/>'))).toBeUndefined();
  });
});

describe('httpUrl', () => {
  it('accepts http and https URLs as given, trimmed', () => {
    expect(httpUrl('http://localhost:5280/file_share/x/a.png')).toBe(
      'http://localhost:5280/file_share/x/a.png',
    );
    expect(httpUrl(' https://例え.jp/ファイル ')).toBe('https://例え.jp/ファイル');
    expect(httpUrl(`https://a.example/${'a'.repeat(MAX_URL - 18)}`)).toHaveLength(MAX_URL);
    expect(httpUrl(null)).toBeUndefined();
    expect(httpUrl(undefined)).toBeUndefined();
  });
});

describe('parseMessage and buildChatMessage with OOB', () => {
  it('fills oob from a direct child only', () => {
    expect(parseMessage(msg(`<x xmlns='${OOB}'><url>${URL_}</url></x>`))?.oob).toEqual({
      url: URL_,
    });
    const carbon = msg(`<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>
      <message xmlns='jabber:client'><x xmlns='${OOB}'><url>${URL_}</url></x></message>
      </forwarded></sent>`);
    expect(parseMessage(carbon)?.oob).toBeUndefined();
    expect(parseMessage(msg(`<x xmlns='${OOB}'><url>javascript:x</url></x>`))).not.toHaveProperty(
      'oob',
    );
  });

  it('appends <x/> after the usual children and reads it back', () => {
    const el = buildChatMessage({
      to: 'romeo@montague.tld',
      id: 'o-1',
      body: URL_,
      oob: { url: URL_, desc: 'pic' },
    });
    expect(el.getChildElements().map((c) => `${c.name} ${attr(c, 'xmlns') ?? ''}`)).toEqual([
      'body ',
      'origin-id urn:xmpp:sid:0',
      'request urn:xmpp:receipts',
      'markable urn:xmpp:chat-markers:0',
      'active http://jabber.org/protocol/chatstates',
      `x ${OOB}`,
    ]);
    expect(parseMessage(parse(el.toString()))?.oob).toEqual({ url: URL_, desc: 'pic' });
  });

  it('reads an oob element built in code', () => {
    const el = xml('message', {}, buildOob({ url: URL_ }));
    expect(parseMessage(el)?.oob).toEqual({ url: URL_ });
  });
});
