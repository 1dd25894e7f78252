import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../xmpp';
import { parseXml } from '../../xmpp/fake';
import { attachmentOf, kindOf, nameFromUrl, typeFromName } from './attachment';

const msg = (inner: string) => {
  const m = parseMessage(
    parseXml(
      `<message from="bob@example.com/x" to="me@example.com" type="chat" id="1">${inner}</message>`,
    ),
  );
  if (!m) throw new Error('fixture did not parse');
  return m;
};
const URL1 = 'https://up.example.com/abc/holiday%20photo.jpg';

describe('attachmentOf', () => {
  it('reads a file shared the usual way: URL as body and as OOB, no metadata (Conversations)', () => {
    const file = attachmentOf(
      msg(`<body>${URL1}</body><x xmlns="jabber:x:oob"><url>${URL1}</url></x>`),
    );
    expect(file).toEqual({
      url: URL1,
      kind: 'image',
      name: 'holiday photo.jpg',
      mediaType: 'image/jpeg',
    });
  });

  it('takes name, type, size, dimensions and length from XEP-0446 metadata', () => {
    const url = 'https://up.example.com/x/v';
    const file = attachmentOf(
      msg(`<body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x>
        <file xmlns="urn:xmpp:file:metadata:0"><media-type>audio/webm</media-type><name>voice-1.webm</name>
        <size>1234</size><length>2500</length></file>`),
    );
    expect(file).toEqual({
      url,
      kind: 'voice', // Parley's recordings are named voice-…
      name: 'voice-1.webm',
      mediaType: 'audio/webm',
      size: 1234,
      duration: 2.5,
    });
  });

  it('shows other audio as audio', () => {
    const url = 'https://up.example.com/x/song.mp3';
    expect(
      attachmentOf(msg(`<body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x>`))?.kind,
    ).toBe('audio');
  });

  it('is no file when the body says more than the link: a link in a sentence stays text', () => {
    expect(
      attachmentOf(msg(`<body>look: ${URL1}</body><x xmlns="jabber:x:oob"><url>${URL1}</url></x>`)),
    ).toBeUndefined();
    expect(attachmentOf(msg(`<body>${URL1}</body>`))).toBeUndefined();
  });

  it('accepts a file with no body at all', () => {
    expect(attachmentOf(msg(`<x xmlns="jabber:x:oob"><url>${URL1}</url></x>`))?.url).toBe(URL1);
  });

  it('refuses links that are not http(s)', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,<b>x</b>'])
      expect(
        attachmentOf(msg(`<body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x>`)),
      ).toBeUndefined();
  });

  it('cleans hostile names and never shows SVG or HTML inline', () => {
    const url = 'https://up.example.com/x/y';
    const file = attachmentOf(
      msg(`<body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x>
        <file xmlns="urn:xmpp:file:metadata:0"><media-type>image/svg+xml</media-type><name>../../etc/\u202Egnp.svg</name></file>`),
    );
    expect(file?.name).toBe('⟨U+202E⟩gnp.svg');
    expect(file?.kind).toBe('file');
    expect(kindOf('text/html')).toBe('file');
    expect(kindOf('image/png')).toBe('image');
    expect(kindOf('audio/ogg', true)).toBe('voice');
  });

  it('keeps dimensions only when both are positive', () => {
    const url = 'https://up.example.com/p.png';
    const file = attachmentOf(
      msg(`<body>${url}</body><x xmlns="jabber:x:oob"><url>${url}</url></x>
        <file xmlns="urn:xmpp:file:metadata:0"><width>0</width><height>300</height></file>`),
    );
    expect(file?.width).toBeUndefined();
    expect(file?.height).toBeUndefined();
  });
});

describe('names and types from URLs', () => {
  it('decodes the last path segment, and survives bad escapes', () => {
    expect(nameFromUrl('https://x.example/a/b%E4%BD%A0.txt?q=1')).toBe('b你.txt');
    expect(nameFromUrl('https://x.example/a/%E4%BD.txt')).toBe('%E4%BD.txt');
    expect(nameFromUrl('not a url')).toBe('');
  });
  it('knows common extensions in any case', () => {
    expect(typeFromName('A.JPG')).toBe('image/jpeg');
    expect(typeFromName('memo.opus')).toBe('audio/ogg');
    expect(typeFromName('archive')).toBeUndefined();
  });
});
