import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildFileMeta, MAX_FILE_NAME, parseFileMeta } from './filemeta';
import { buildChatMessage, parseMessage } from './message';
import { attr } from './stanza';

const FM = 'urn:xmpp:file:metadata:0';

const file = (inner: string) => parseFileMeta(parse(`<file xmlns='${FM}'>${inner}</file>`));
const msg = (inner: string) =>
  parse(`<message xmlns='jabber:client' type='chat' from='romeo@montague.tld/garden'>
    <body>see</body>${inner}</message>`);

/** name → text of a built element's children. */
const children = (el: ReturnType<typeof buildFileMeta>) =>
  el.getChildElements().map((c) => [c.name, c.getText()]);

describe('buildFileMeta', () => {
  it('writes every field, duration as milliseconds in <length/>', () => {
    const el = buildFileMeta({
      name: 'balcony.mp4',
      mediaType: 'video/mp4',
      size: 6144,
      width: 1920,
      height: 1080,
      duration: 63,
    });
    expect(el.name).toBe('file');
    expect(el.attrs).toEqual({ xmlns: FM });
    expect(children(el)).toEqual([
      ['media-type', 'video/mp4'],
      ['name', 'balcony.mp4'],
      ['size', '6144'],
      ['width', '1920'],
      ['height', '1080'],
      ['length', '63000'],
    ]);
  });

  it('writes only the fields given', () => {
    expect(buildFileMeta({}).toString()).toBe(`<file xmlns="${FM}"/>`);
    expect(children(buildFileMeta({ mediaType: 'image/png' }))).toEqual([
      ['media-type', 'image/png'],
    ]);
    expect(children(buildFileMeta({ size: 0, name: '' }))).toEqual([['size', '0']]);
  });

  it('writes numbers as integers and leaves out the unwritable', () => {
    expect(
      children(buildFileMeta({ size: 10.4, width: 99.5, height: 0.2, duration: 1.2345 })),
    ).toEqual([
      ['size', '10'],
      ['width', '100'],
      ['height', '0'],
      ['length', '1235'],
    ]);
    expect(
      children(
        buildFileMeta({
          size: -1,
          width: Number.NaN,
          height: Number.POSITIVE_INFINITY,
          duration: -0.5,
        }),
      ),
    ).toEqual([]);
    expect(children(buildFileMeta({ size: 2 ** 60 }))).toEqual([]);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const el = buildFileMeta({ name: '<a&b>\u0000.txt', mediaType: 'text/plain' });
    expect(file(el.children.map(String).join(''))).toEqual({
      name: '<a&b>.txt',
      mediaType: 'text/plain',
    });
  });
});

describe('parseFileMeta', () => {
  it('reads a full element', () => {
    expect(
      file(`<media-type>image/jpeg</media-type><name>my-juliet.jpg</name>
        <date>2015-07-26T21:46:00+01:00</date><size>23456</size>
        <hash xmlns='urn:xmpp:hashes:2' algo='sha-256'>abc=</hash><desc>Juliet</desc>
        <width>640</width><height>480</height><length>63000</length>
        <thumbnail xmlns='urn:xmpp:thumbs:1' uri='cid:x' media-type='image/png'/>`),
    ).toEqual({
      mediaType: 'image/jpeg',
      name: 'my-juliet.jpg',
      size: 23456,
      width: 640,
      height: 480,
      duration: 63,
    });
  });

  it('reads <length/> milliseconds as seconds, fractions kept', () => {
    expect(file('<length>1500</length>')).toEqual({ duration: 1.5 });
    expect(file('<length>0</length>')).toEqual({ duration: 0 });
  });

  it('reads the first <file/> child of a message, or the element itself', () => {
    const m = msg(`<file xmlns='${FM}'><size>1</size></file><file xmlns='${FM}'><size>2</size>
      </file>`);
    expect(parseFileMeta(m)).toEqual({ size: 1 });
    expect(parseFileMeta(m.getChild('file', FM))).toEqual({ size: 1 });
  });

  it('keeps only non-negative integers', () => {
    expect(file('<size> 42 </size><width>007</width>')).toEqual({ size: 42, width: 7 });
    for (const bad of ['-1', '1.5', '1e3', '0x10', '+5', 'lots', '', '  ', '9007199254740993']) {
      expect(
        file(`<size>${bad}</size><width>${bad}</width><length>${bad}</length>`),
        bad,
      ).toBeUndefined();
    }
    expect(file('<size>9007199254740991</size>')).toEqual({ size: Number.MAX_SAFE_INTEGER });
  });

  it('takes the first of repeated fields', () => {
    expect(file('<size>1</size><size>2</size><name>a</name><name>b</name>')).toEqual({
      size: 1,
      name: 'a',
    });
    // The first is garbage: the field is left out, not taken from the second.
    expect(file('<size>x</size><size>2</size>')).toBeUndefined();
  });

  it('trims the name and caps it, without splitting a surrogate pair', () => {
    expect(file('<name>  a b.txt  </name>')).toEqual({ name: 'a b.txt' });
    expect(file(`<name>${'n'.repeat(1000)}</name>`)?.name).toBe('n'.repeat(MAX_FILE_NAME));
    const emoji = `${'n'.repeat(MAX_FILE_NAME - 1)}😀`;
    expect(file(`<name>${emoji}</name>`)?.name).toBe('n'.repeat(MAX_FILE_NAME - 1));
    expect(file('<name>   </name>')).toBeUndefined();
  });

  it('keeps a hostile name as text: escaping it for a file system is the caller’s job', () => {
    expect(file('<name>../../etc/passwd</name>')).toEqual({ name: '../../etc/passwd' });
    expect(file('<name>&lt;img src=x onerror=alert(1)&gt;</name>')).toEqual({
      name: '<img src=x onerror=alert(1)>',
    });
  });

  it('keeps a media type that looks like type/subtype, lowercased, parameters dropped', () => {
    expect(file('<media-type>image/svg+xml</media-type>')).toEqual({ mediaType: 'image/svg+xml' });
    expect(file('<media-type> Image/PNG </media-type>')).toEqual({ mediaType: 'image/png' });
    expect(file('<media-type>text/plain; charset=utf-8</media-type>')).toEqual({
      mediaType: 'text/plain',
    });
    expect(
      file(
        '<media-type>application/vnd.openxmlformats-officedocument.spreadsheetml.sheet</media-type>',
      ),
    ).toEqual({ mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const bad = [
      'image',
      'image/',
      '/png',
      'image/png/x',
      'image /png',
      '*/*',
      'image/*',
      '<script>/x',
      'text/html"onload="x',
      'téxt/plain',
      ';charset=utf-8',
      `a/${'b'.repeat(200)}`,
      '',
    ];
    for (const t of bad) {
      expect(file(`<media-type>${t.replace(/</g, '&lt;')}</media-type>`), t).toBeUndefined();
    }
  });

  it("reads 0.1's <dimensions>WxH</dimensions> when width and height are absent", () => {
    expect(file('<dimensions>1920x1080</dimensions>')).toEqual({ width: 1920, height: 1080 });
    expect(file('<dimensions> 640x480 </dimensions>')).toEqual({ width: 640, height: 480 });
    expect(file('<dimensions>1920x1080</dimensions><width>10</width>')).toEqual({ width: 10 });
    for (const bad of ['1920', '1920x', 'x1080', '-1x5', '1.5x2', '1920×1080', '1x2x3']) {
      expect(file(`<dimensions>${bad}</dimensions>`), bad).toBeUndefined();
    }
  });

  it('reads only children in the namespace', () => {
    expect(file("<size xmlns='urn:example'>5</size><name xmlns='urn:x'>x</name>")).toBeUndefined();
  });

  it('returns undefined when there is nothing to read, without throwing', () => {
    expect(file('')).toBeUndefined();
    expect(
      file('<desc>only a description</desc><date>2015-07-26T21:46:00Z</date>'),
    ).toBeUndefined();
    expect(
      parseFileMeta(
        parse("<file xmlns='urn:xmpp:jingle:apps:file-transfer:5'><size>5</size></file>"),
      ),
    ).toBeUndefined();
    expect(parseFileMeta(parse('<file><size>5</size></file>'))).toBeUndefined();
    expect(parseFileMeta(msg(''))).toBeUndefined();
    expect(parseFileMeta(null)).toBeUndefined();
    expect(parseFileMeta(undefined)).toBeUndefined();
    expect(parseFileMeta({} as never)).toBeUndefined();
  });
});

describe('parseMessage and buildChatMessage with file metadata', () => {
  it('fills file from a direct child only', () => {
    expect(parseMessage(msg(`<file xmlns='${FM}'><size>5</size></file>`))?.file).toEqual({
      size: 5,
    });
    // XEP-0447 stateless file sharing nests it; that is not read here.
    const sfs = msg(`<file-sharing xmlns='urn:xmpp:sfs:0'><file xmlns='${FM}'><size>5</size>
      </file></file-sharing>`);
    expect(parseMessage(sfs)).not.toHaveProperty('file');
    expect(parseMessage(msg(`<file xmlns='${FM}'><size>-5</size></file>`))).not.toHaveProperty(
      'file',
    );
  });

  it('appends <file/> after the usual children (and after <x/>) and reads it back', () => {
    const el = buildChatMessage({
      to: 'romeo@montague.tld',
      id: 'f-1',
      body: 'https://a.example/v.webm',
      chatState: null,
      oob: { url: 'https://a.example/v.webm' },
      file: { name: 'v.webm', mediaType: 'video/webm', size: 1, duration: 2.5 },
    });
    expect(el.getChildElements().map((c) => `${c.name} ${attr(c, 'xmlns') ?? ''}`)).toEqual([
      'body ',
      'origin-id urn:xmpp:sid:0',
      'request urn:xmpp:receipts',
      'markable urn:xmpp:chat-markers:0',
      'x jabber:x:oob',
      `file ${FM}`,
    ]);
    expect(parseMessage(parse(el.toString()))?.file).toEqual({
      name: 'v.webm',
      mediaType: 'video/webm',
      size: 1,
      duration: 2.5,
    });
  });
});
