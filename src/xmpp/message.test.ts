import xml from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildChatMessage, MAX_BODY, parseMessage } from './message';
import { attr } from './stanza';

const m = (inner: string, attrs = "type='chat' from='romeo@montague.lit/orchard' id='m1'") =>
  parseMessage(parse(`<message xmlns='jabber:client' ${attrs}>${inner}</message>`));

describe('parseMessage', () => {
  it('marks a message that carries a room invitation (XEP-0045 §7.8.2, XEP-0249)', () => {
    const mediated = m(
      "<body>an invitation</body><x xmlns='http://jabber.org/protocol/muc#user'><invite from='crone1@shakespeare.lit/desktop'/></x>",
      "from='coven@chat.shakespeare.lit' id='i1'",
    );
    expect(mediated?.invitation).toBe(true);
    const direct = m("<x xmlns='jabber:x:conference' jid='darkcave@macbeth.shakespeare.lit'/>");
    expect(direct?.invitation).toBe(true);
    // A muc#user <x/> without an invitation (a room's status codes) is no invitation.
    expect(m("<body>hi</body><x xmlns='http://jabber.org/protocol/muc#user'/>")?.invitation).toBe(
      undefined,
    );
  });

  it('reads a full chat message', () => {
    const msg = parseMessage(
      parse(`<message xmlns='jabber:client' type='chat' id='m1'
          from='romeo@montague.lit/orchard' to='juliet@capulet.lit/balcony'>
        <body>Art thou not Romeo?</body>
        <thread>t-1</thread>
        <origin-id xmlns='urn:xmpp:sid:0' id='o-1'/>
        <stanza-id xmlns='urn:xmpp:sid:0' id='s-1' by='juliet@capulet.lit'/>
        <active xmlns='http://jabber.org/protocol/chatstates'/>
        <request xmlns='urn:xmpp:receipts'/>
        <markable xmlns='urn:xmpp:chat-markers:0'/>
        <delay xmlns='urn:xmpp:delay' from='capulet.lit' stamp='2002-09-10T23:08:25Z'/>
      </message>`),
    );
    expect(msg).toEqual({
      kind: 'message',
      type: 'chat',
      from: 'romeo@montague.lit/orchard',
      to: 'juliet@capulet.lit/balcony',
      id: 'm1',
      body: 'Art thou not Romeo?',
      thread: 't-1',
      originId: 'o-1',
      stanzaIds: [{ id: 's-1', by: 'juliet@capulet.lit' }],
      chatState: 'active',
      receiptRequest: true,
      markable: true,
      delay: { stamp: new Date('2002-09-10T23:08:25Z'), from: 'capulet.lit' },
    });
  });

  it('defaults a missing or unknown type to normal and absent addresses to ""', () => {
    expect(parseMessage(parse('<message><body>hi</body></message>'))).toEqual({
      kind: 'message',
      type: 'normal',
      from: '',
      to: '',
      body: 'hi',
      stanzaIds: [],
      receiptRequest: false,
      markable: false,
    });
    expect(m('<body>hi</body>', "type='shouting'")?.type).toBe('normal');
  });

  it('returns null for what is not a message, without throwing', () => {
    expect(parseMessage(parse("<iq type='get' id='1'/>"))).toBeNull();
    expect(parseMessage(parse("<foo:message xmlns:foo='urn:x'/>"))).toBeNull();
    expect(parseMessage(null)).toBeNull();
    expect(parseMessage(undefined)).toBeNull();
    expect(parseMessage('<message/>' as never)).toBeNull();
    expect(parseMessage({ name: 'message' } as never)).toBeNull();
  });

  it('returns null when from or to is not a JID', () => {
    expect(m('<body>hi</body>', "from='romeo montague@lit'")).toBeNull();
    expect(m('<body>hi</body>', "from='a@b@c'")).toBeNull();
    expect(m('<body>hi</body>', "to='@capulet.lit'")).toBeNull();
  });

  it('gives markup in a body back as literal text, from CDATA or escaped', () => {
    expect(m('<body><![CDATA[<script>alert(1)</script>]]></body>')?.body).toBe(
      '<script>alert(1)</script>',
    );
    expect(m('<body>&lt;img src=x onerror=alert(1)&gt; &amp;amp; &#x3c;b&#62;</body>')?.body).toBe(
      '<img src=x onerror=alert(1)> &amp; <b>',
    );
  });

  it('never takes an XHTML-IM body, a foreign <body/> or a forwarded one', () => {
    const msg = m(`<html xmlns='http://jabber.org/protocol/xhtml-im'>
        <body xmlns='http://www.w3.org/1999/xhtml'><script>steal()</script></body></html>
      <body xmlns='urn:evil'>evil</body>
      <sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>
        <message xmlns='jabber:client'><body>forged</body></message></forwarded></sent>`);
    expect(msg).not.toBeNull();
    expect(msg?.body).toBeUndefined();
  });

  it('of two bodies takes the one without xml:lang, else the first', () => {
    expect(m("<body xml:lang='de'>Hallo</body><body>Hello</body>")?.body).toBe('Hello');
    expect(m("<body xml:lang='de'>Hallo</body><body xml:lang='fr'>Salut</body>")?.body).toBe(
      'Hallo',
    );
    expect(m('<body>first</body><body>second</body>')?.body).toBe('first');
  });

  it('treats an empty body as no body', () => {
    expect(m('<body/>')?.body).toBeUndefined();
  });

  it(`keeps the first ${MAX_BODY} characters of a huge body`, () => {
    const body = m(`<body>${'a'.repeat(MAX_BODY - 1)}😀tail</body>`)?.body;
    expect(body).toHaveLength(MAX_BODY - 1); // the emoji would be split: it goes too
    expect(m(`<body>${'b'.repeat(MAX_BODY + 200_000)}</body>`)?.body).toHaveLength(MAX_BODY);
    // A megabyte-long message (the case) arrives whole.
    expect(m(`<body>${'c'.repeat(1_000_000)}</body>`)?.body).toHaveLength(1_000_000);
  });

  it('collects every stanza-id that has both id and by', () => {
    const msg = m(`<stanza-id xmlns='urn:xmpp:sid:0' id='a' by='room@muc.lit'/>
      <stanza-id xmlns='urn:xmpp:sid:0' id='b' by='juliet@capulet.lit'/>
      <stanza-id xmlns='urn:xmpp:sid:0' id='c'/>
      <stanza-id xmlns='urn:xmpp:sid:0' by='x.lit'/>
      <stanza-id xmlns='urn:xmpp:sid:1' id='d' by='x.lit'/>`);
    expect(msg?.stanzaIds).toEqual([
      { id: 'a', by: 'room@muc.lit' },
      { id: 'b', by: 'juliet@capulet.lit' },
    ]);
  });

  it('takes the first origin-id with an id', () => {
    const msg = m(`<origin-id xmlns='urn:xmpp:sid:0'/><origin-id xmlns='urn:xmpp:sid:0' id='o2'/>`);
    expect(msg?.originId).toBe('o2');
  });

  it('reads a receipt, and ignores one without an id', () => {
    expect(m("<received xmlns='urn:xmpp:receipts' id='m0'/>")?.receiptFor).toBe('m0');
    expect(m("<received xmlns='urn:xmpp:receipts'/>")?.receiptFor).toBeUndefined();
  });

  it('reads chat markers of every type', () => {
    for (const type of ['received', 'displayed', 'acknowledged'] as const) {
      const msg = m(`<${type} xmlns='urn:xmpp:chat-markers:0' id='m0'/>`);
      expect(msg?.marker).toEqual({ type, id: 'm0' });
      expect(msg?.markable).toBe(false);
      expect(msg?.receiptFor).toBeUndefined(); // a marker <received/> is not a receipt
    }
  });

  it('takes the first marker with an id, and only known markers in the markers namespace', () => {
    expect(
      m(`<displayed xmlns='urn:xmpp:chat-markers:0'/>
        <read xmlns='urn:xmpp:chat-markers:0' id='r'/>
        <acknowledged xmlns='urn:xmpp:chat-markers:1' id='x'/>
        <displayed xmlns='urn:xmpp:chat-markers:0' id='d2'/>
        <received xmlns='urn:xmpp:chat-markers:0' id='r2'/>`)?.marker,
    ).toEqual({ type: 'displayed', id: 'd2' });
    expect(m("<displayed id='x'/><markable/>")).toMatchObject({ markable: false });
    expect(m("<displayed id='x'/>")?.marker).toBeUndefined();
    expect(m("<displayed xmlns='urn:xmpp:chat-markers:0' id=''/>")?.marker).toBeUndefined();
  });

  it('tells a receipt and a marker apart when both come', () => {
    const msg = m(`<received xmlns='urn:xmpp:receipts' id='a'/>
      <received xmlns='urn:xmpp:chat-markers:0' id='b'/>`);
    expect(msg?.receiptFor).toBe('a');
    expect(msg?.marker).toEqual({ type: 'received', id: 'b' });
  });

  it('does not read a marker or markable from a forwarded message', () => {
    const msg = m(`<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>
        <message xmlns='jabber:client'><markable xmlns='urn:xmpp:chat-markers:0'/>
        <displayed xmlns='urn:xmpp:chat-markers:0' id='x'/></message></forwarded></sent>`);
    expect(msg?.markable).toBe(false);
    expect(msg?.marker).toBeUndefined();
  });

  it('ignores a delay with an invalid stamp and takes the next valid one', () => {
    expect(m("<delay xmlns='urn:xmpp:delay' stamp='last tuesday'/>")?.delay).toBeUndefined();
    const msg = m(`<delay xmlns='urn:xmpp:delay' stamp='2024-02-30T00:00:00Z'/>
      <delay xmlns='urn:xmpp:delay' stamp='2024-02-29T10:00:00+01:00'/>`);
    expect(msg?.delay).toEqual({ stamp: new Date('2024-02-29T09:00:00Z') });
  });

  it('reads the error of an error message', () => {
    const msg = m(
      `<body>hi</body><error type='cancel'>
        <service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>`,
      "type='error' from='romeo@montague.lit' id='m1'",
    );
    expect(msg?.type).toBe('error');
    expect(msg?.error).toEqual({ type: 'cancel', condition: 'service-unavailable' });
    expect(m("<error type='cancel'/>")?.error).toBeUndefined(); // not an error message
  });

  it('does not trust a chat state or receipt outside their namespaces', () => {
    const msg = m("<composing/><request/><received id='x'/>");
    expect(msg?.chatState).toBeUndefined();
    expect(msg?.receiptRequest).toBe(false);
    expect(msg?.receiptFor).toBeUndefined();
  });

  it('copes with elements built in code (non-string attributes)', () => {
    const el = xml('message', { type: 'chat', id: 7 as never }, xml('body', {}, 'hi'));
    expect(parseMessage(el)?.id).toBe('7'); // ltx stringifies attributes it is given
  });
});

describe('buildChatMessage', () => {
  it('makes a chat message with body, origin-id = id, receipt request, markable and active', () => {
    const el = buildChatMessage({ to: 'romeo@montague.lit', id: 'c-1', body: 'Hi' });
    expect(el.attrs).toEqual({ type: 'chat', to: 'romeo@montague.lit', id: 'c-1' });
    expect(el.getChildElements().map((c) => `${c.name} ${attr(c, 'xmlns') ?? ''}`)).toEqual([
      'body ',
      'origin-id urn:xmpp:sid:0',
      'request urn:xmpp:receipts',
      'markable urn:xmpp:chat-markers:0',
      'active http://jabber.org/protocol/chatstates',
    ]);
    expect(el.getChild('origin-id')?.attrs).toEqual({ xmlns: 'urn:xmpp:sid:0', id: 'c-1' });
  });

  it('leaves out the receipt request and chat state when asked', () => {
    const el = buildChatMessage({
      to: 'romeo@montague.lit',
      id: 'c-2',
      body: 'Hi',
      requestReceipt: false,
      chatState: null,
    });
    expect(el.getChild('request')).toBeUndefined();
    expect(el.getChild('active')).toBeUndefined();
  });

  it('round-trips through XML text, markup and all', () => {
    const body = `<script>alert("x")</script> & ]]> 'quotes' 😀\nline two`;
    const sent = buildChatMessage({ to: 'romeo@montague.lit', id: 'c-3', body });
    const msg = parseMessage(parse(sent.toString()));
    expect(msg).toMatchObject({
      type: 'chat',
      to: 'romeo@montague.lit',
      id: 'c-3',
      originId: 'c-3',
      body,
      chatState: 'active',
      receiptRequest: true,
      markable: true,
    });
  });

  it('strips characters that would make the stream invalid XML', () => {
    const sent = buildChatMessage({ to: 'romeo@montague.lit', id: 'c-4', body: 'a\u0000b\u001bc' });
    expect(parseMessage(parse(sent.toString()))?.body).toBe('abc');
  });
});
