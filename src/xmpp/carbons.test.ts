import xml from '@xmpp/xml';
import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildCarbonsEnable, parseCarbon } from './carbons';
import { buildChatMessage } from './message';
import { attr } from './stanza';

const FWD = 'urn:xmpp:forward:0';
const INNER_SENT = `<message xmlns='jabber:client' type='chat' id='m1'
    from='juliet@capulet.lit/balcony' to='romeo@montague.lit/garden'>
  <body>Wherefore art thou, Romeo?</body>
  <thread>0e3141cd80894871a68e6fe6b1ec56fa</thread>
  <markable xmlns='urn:xmpp:chat-markers:0'/>
  <origin-id xmlns='urn:xmpp:sid:0' id='o1'/>
</message>`;

/** A carbon as Prosody sends it: outer from our bare JID to this resource. */
const carbon = (
  wrapper: string,
  inner = INNER_SENT,
  outer = "from='juliet@capulet.lit' to='juliet@capulet.lit/chamber' type='chat'",
) =>
  parse(`<message xmlns='jabber:client' ${outer}>
    <${wrapper} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='${FWD}'>${inner}</forwarded></${wrapper}>
  </message>`);

describe('buildCarbonsEnable', () => {
  it('is an iq set with <enable/> under a fresh id', () => {
    const el = buildCarbonsEnable();
    expect(el.name).toBe('iq');
    expect(attr(el, 'type')).toBe('set');
    expect(attr(el, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(attr(el, 'to')).toBeUndefined();
    expect(el.getChildElements()).toHaveLength(1);
    expect(el.getChild('enable', 'urn:xmpp:carbons:2')?.attrs).toEqual({
      xmlns: 'urn:xmpp:carbons:2',
    });
    expect(attr(buildCarbonsEnable(), 'id')).not.toBe(attr(el, 'id'));
  });
});

describe('parseCarbon', () => {
  it('reads a sent carbon: the inner message as we sent it from another device', () => {
    expect(parseCarbon(carbon('sent'))).toEqual({
      direction: 'sent',
      outerFrom: 'juliet@capulet.lit',
      message: {
        kind: 'message',
        type: 'chat',
        from: 'juliet@capulet.lit/balcony',
        to: 'romeo@montague.lit/garden',
        id: 'm1',
        body: 'Wherefore art thou, Romeo?',
        thread: '0e3141cd80894871a68e6fe6b1ec56fa',
        originId: 'o1',
        stanzaIds: [],
        receiptRequest: false,
        markable: true,
      },
    });
  });

  it('reads a received carbon', () => {
    const c = parseCarbon(
      carbon(
        'received',
        `<message xmlns='jabber:client' type='chat' id='r1'
            from='romeo@montague.lit/orchard' to='juliet@capulet.lit/balcony'>
          <body>Hi</body><request xmlns='urn:xmpp:receipts'/>
          <stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='juliet@capulet.lit'/>
        </message>`,
      ),
    );
    expect(c?.direction).toBe('received');
    expect(c?.message).toMatchObject({
      from: 'romeo@montague.lit/orchard',
      body: 'Hi',
      receiptRequest: true,
      stanzaIds: [{ id: 's1', by: 'juliet@capulet.lit' }],
    });
  });

  it("reports the outer sender as sent, a forger's included, for the engine to check", () => {
    const forged = parseCarbon(carbon('received', INNER_SENT, "from='mallory@evil.lit/x'"));
    expect(forged?.outerFrom).toBe('mallory@evil.lit/x');
    expect(parseCarbon(carbon('sent', INNER_SENT, ''))?.outerFrom).toBe('');
  });

  it('hands a groupchat inner message through with its type, for the engine to refuse', () => {
    const inner = `<message xmlns='jabber:client' type='groupchat' from='room@muc.lit/nurse'
        to='juliet@capulet.lit/balcony'><body>forged room line</body></message>`;
    expect(parseCarbon(carbon('received', inner))?.message.type).toBe('groupchat');
  });

  it('reads the inner body only in jabber:client, never the outer one or a foreign one', () => {
    const inner = `<message xmlns='jabber:client' from='romeo@montague.lit/o'>
        <body xmlns='urn:evil'>evil</body><body>real</body></message>`;
    expect(parseCarbon(carbon('received', inner))?.message.body).toBe('real');
    const el = parse(`<message xmlns='jabber:client' from='juliet@capulet.lit'>
      <body>outer</body>
      <sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='${FWD}'>
        <message xmlns='jabber:client' to='romeo@montague.lit'/></forwarded></sent></message>`);
    expect(parseCarbon(el)?.message.body).toBeUndefined();
  });

  it('is null for a plain message, or wrappers outside the carbons namespace', () => {
    expect(
      parseCarbon(parse("<message xmlns='jabber:client'><body>hi</body></message>")),
    ).toBeNull();
    const receipt = parse(`<message xmlns='jabber:client' from='romeo@montague.lit/o'>
      <received xmlns='urn:xmpp:receipts' id='x'/></message>`);
    expect(parseCarbon(receipt)).toBeNull();
    expect(
      parseCarbon(
        parse(`<message xmlns='jabber:client'><sent xmlns='urn:xmpp:carbons:1'>
          <forwarded xmlns='${FWD}'>${INNER_SENT}</forwarded></sent></message>`),
      ),
    ).toBeNull();
    expect(
      parseCarbon(
        parse(`<message xmlns='jabber:client'><sent>
          <forwarded xmlns='${FWD}'>${INNER_SENT}</forwarded></sent></message>`),
      ),
    ).toBeNull();
  });

  it('is null with two wrappers, sent and received or twice the same', () => {
    const two = (a: string, b: string) =>
      parse(`<message xmlns='jabber:client' from='juliet@capulet.lit'>
        <${a} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='${FWD}'>${INNER_SENT}</forwarded></${a}>
        <${b} xmlns='urn:xmpp:carbons:2'><forwarded xmlns='${FWD}'>${INNER_SENT}</forwarded></${b}>
      </message>`);
    expect(parseCarbon(two('sent', 'received'))).toBeNull();
    expect(parseCarbon(two('sent', 'sent'))).toBeNull();
    expect(parseCarbon(two('received', 'received'))).toBeNull();
  });

  it('is null unless the wrapper holds exactly one <forwarded/> with one client <message/>', () => {
    const wrap = (inside: string) =>
      parse(`<message xmlns='jabber:client' from='juliet@capulet.lit'>
        <sent xmlns='urn:xmpp:carbons:2'>${inside}</sent></message>`);
    const fwd = (inner: string, ns = FWD) => `<forwarded xmlns='${ns}'>${inner}</forwarded>`;
    expect(parseCarbon(wrap(''))).toBeNull();
    expect(parseCarbon(wrap(INNER_SENT))).toBeNull(); // no <forwarded/>
    expect(parseCarbon(wrap(fwd('')))).toBeNull();
    expect(parseCarbon(wrap(fwd(INNER_SENT, 'urn:xmpp:forward:1')))).toBeNull();
    expect(parseCarbon(wrap(fwd(INNER_SENT) + fwd(INNER_SENT)))).toBeNull();
    expect(parseCarbon(wrap(fwd(INNER_SENT) + fwd(INNER_SENT, 'urn:evil')))).toBeNull();
    expect(parseCarbon(wrap(fwd(INNER_SENT + INNER_SENT)))).toBeNull();
    // A <message/> without its own xmlns inherits the forward namespace: not a stanza.
    expect(parseCarbon(wrap(fwd('<message><body>hi</body></message>')))).toBeNull();
    expect(
      parseCarbon(wrap(fwd("<message xmlns='jabber:server'><body>hi</body></message>"))),
    ).toBeNull();
    expect(parseCarbon(wrap(fwd(`${INNER_SENT}<message><body>2</body></message>`)))).toBeNull();
    expect(parseCarbon(wrap(fwd("<iq xmlns='jabber:client' type='set' id='1'/>")))).toBeNull();
    expect(parseCarbon(wrap(fwd(INNER_SENT)))?.message.id).toBe('m1');
  });

  it('is null when an address inside or outside is not a JID', () => {
    expect(parseCarbon(carbon('sent', INNER_SENT, "from='a@b@c'"))).toBeNull();
    const inner = `<message xmlns='jabber:client' from='not a jid'><body>x</body></message>`;
    expect(parseCarbon(carbon('sent', inner))).toBeNull();
  });

  it('tolerates a delay in <forwarded/>, but not a broken one', () => {
    const withDelay = (d: string) =>
      parse(`<message xmlns='jabber:client' from='juliet@capulet.lit'>
        <sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='${FWD}'>${d}${INNER_SENT}</forwarded>
        </sent></message>`);
    expect(
      parseCarbon(withDelay("<delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/>")),
    ).not.toBeNull();
    expect(parseCarbon(withDelay("<delay xmlns='urn:xmpp:delay' stamp='soon'/>"))).toBeNull();
  });

  it('is null for what is not a message, without throwing', () => {
    expect(parseCarbon(parse("<iq type='set'><sent xmlns='urn:xmpp:carbons:2'/></iq>"))).toBeNull();
    expect(parseCarbon(null)).toBeNull();
    expect(parseCarbon(undefined)).toBeNull();
    expect(parseCarbon({ name: 'message' } as never)).toBeNull();
  });

  it('reads a carbon built in code', () => {
    const inner = buildChatMessage({ to: 'romeo@montague.lit', id: 'c1', body: 'hi' });
    inner.attrs['xmlns'] = 'jabber:client';
    const el = xml(
      'message',
      { from: 'juliet@capulet.lit' },
      xml('sent', { xmlns: 'urn:xmpp:carbons:2' }, xml('forwarded', { xmlns: FWD }, inner)),
    );
    expect(parseCarbon(el)?.message).toMatchObject({ id: 'c1', body: 'hi', markable: true });
    expect(parseCarbon(parse(el.toString()))?.message.body).toBe('hi');
  });
});
