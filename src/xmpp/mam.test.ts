import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildMamQuery, parseMamFin, parseMamResult } from './mam';
import { attr } from './stanza';

const MAM = 'urn:xmpp:mam:2';
const RSM = 'http://jabber.org/protocol/rsm';
const DATA = 'jabber:x:data';

/** field var → values, from a built query's form. */
function formOf(iq: ReturnType<typeof buildMamQuery>) {
  const x = iq.getChild('query', MAM)?.getChild('x', DATA);
  return x?.getChildren('field', DATA).map((f) => ({
    var: attr(f, 'var'),
    type: attr(f, 'type'),
    values: f.getChildren('value', DATA).map((v) => v.getText()),
  }));
}

function rsmOf(iq: ReturnType<typeof buildMamQuery>) {
  const set = iq.getChild('query', MAM)?.getChild('set', RSM);
  return set?.getChildElements().map((c) => [c.name, c.getText()]);
}

describe('buildMamQuery', () => {
  it('asks our own archive for the last page', () => {
    const iq = buildMamQuery({ queryId: 'q1', before: true, max: 50 });
    expect(iq.name).toBe('iq');
    expect(attr(iq, 'type')).toBe('set');
    expect(attr(iq, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(attr(iq, 'to')).toBeUndefined();
    expect(iq.toString()).not.toContain('to=');
    const query = iq.getChild('query', MAM);
    expect(query?.attrs).toEqual({ xmlns: MAM, queryid: 'q1' });
    expect(query?.getChildElements().map((c) => `${c.name} ${attr(c, 'xmlns')}`)).toEqual([
      `x ${DATA}`,
      `set ${RSM}`,
    ]);
    expect(attr(query?.getChild('x', DATA) ?? iq, 'type')).toBe('submit');
    expect(formOf(iq)).toEqual([{ var: 'FORM_TYPE', type: 'hidden', values: [MAM] }]);
    expect(rsmOf(iq)).toEqual([
      ['max', '50'],
      ['before', ''],
    ]);
    expect(iq.toString()).toContain('<before/>');
  });

  it('filters by peer and dates, in UTC, and pages after an id', () => {
    const iq = buildMamQuery({
      queryId: 'q2',
      to: 'room@muc.capulet.lit',
      with: 'romeo@montague.lit',
      start: new Date('2024-03-01T10:00:00+02:00'),
      end: new Date(Date.UTC(2024, 2, 2, 0, 0, 0, 250)),
      after: '28482-98726-73623',
      max: 10,
    });
    expect(attr(iq, 'to')).toBe('room@muc.capulet.lit');
    expect(formOf(iq)).toEqual([
      { var: 'FORM_TYPE', type: 'hidden', values: [MAM] },
      { var: 'with', type: undefined, values: ['romeo@montague.lit'] },
      { var: 'start', type: undefined, values: ['2024-03-01T08:00:00.000Z'] },
      { var: 'end', type: undefined, values: ['2024-03-02T00:00:00.250Z'] },
    ]);
    expect(rsmOf(iq)).toEqual([
      ['max', '10'],
      ['after', '28482-98726-73623'],
    ]);
  });

  it('pages before an id', () => {
    const iq = buildMamQuery({ queryId: 'q3', before: '09af3-cc343-b409f', max: 0 });
    expect(rsmOf(iq)).toEqual([
      ['max', '0'],
      ['before', '09af3-cc343-b409f'],
    ]);
  });

  it('without after or before asks for the first page', () => {
    expect(rsmOf(buildMamQuery({ queryId: 'q', max: 5 }))).toEqual([['max', '5']]);
  });

  it('round-trips through XML text, escaping what it is given', () => {
    const iq = buildMamQuery({ queryId: `q'<&>"`, with: 'a@b.lit', after: 'x<y', max: 1 });
    const back = parse(iq.toString());
    const query = back.getChild('query', MAM);
    expect(attr(query ?? back, 'queryid')).toBe(`q'<&>"`);
    expect(query?.getChild('set', RSM)?.getChildText('after', RSM)).toBe('x<y');
  });

  it('refuses invalid dates, a bad max, and after with before', () => {
    const bad = new Date('nonsense');
    expect(() => buildMamQuery({ queryId: 'q', start: bad, max: 1 })).toThrow(RangeError);
    expect(() => buildMamQuery({ queryId: 'q', end: bad, max: 1 })).toThrow(RangeError);
    expect(() => buildMamQuery({ queryId: 'q', max: -1 })).toThrow(RangeError);
    expect(() => buildMamQuery({ queryId: 'q', max: 1.5 })).toThrow(RangeError);
    expect(() => buildMamQuery({ queryId: 'q', max: Number.NaN })).toThrow(RangeError);
    expect(() => buildMamQuery({ queryId: 'q', after: 'a', before: true, max: 1 })).toThrow(
      RangeError,
    );
    expect(() => buildMamQuery({ queryId: 'q', after: 'a', before: 'b', max: 1 })).toThrow(
      RangeError,
    );
  });
});

const INNER = `<message xmlns='jabber:client' type='chat' id='m1'
    from='romeo@montague.lit/orchard' to='juliet@capulet.lit/balcony'>
  <body>Call me but love, and I'll be new baptized.</body>
  <markable xmlns='urn:xmpp:chat-markers:0'/>
</message>`;

const result = (
  resultAttrs = "queryid='q1' id='28482-98726-73623'",
  fwd = `<delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>${INNER}`,
  outer = "to='juliet@capulet.lit/balcony'",
) =>
  parse(`<message xmlns='jabber:client' ${outer}>
    <result xmlns='${MAM}' ${resultAttrs}>
      <forwarded xmlns='urn:xmpp:forward:0'>${fwd}</forwarded>
    </result></message>`);

describe('parseMamResult', () => {
  it('reads an archived message, the stamp from the forwarded delay', () => {
    expect(parseMamResult(result())).toEqual({
      queryId: 'q1',
      archiveId: '28482-98726-73623',
      outerFrom: '',
      stamp: new Date('2010-07-10T23:08:25Z'),
      message: {
        kind: 'message',
        type: 'chat',
        from: 'romeo@montague.lit/orchard',
        to: 'juliet@capulet.lit/balcony',
        id: 'm1',
        body: "Call me but love, and I'll be new baptized.",
        stanzaIds: [],
        receiptRequest: false,
        markable: true,
      },
    });
  });

  it('reports the outer sender as sent, for the engine to check against the archive asked', () => {
    const room = result(undefined, undefined, "from='room@muc.capulet.lit'");
    expect(parseMamResult(room)?.outerFrom).toBe('room@muc.capulet.lit');
    const forged = result(undefined, undefined, "from='mallory@evil.lit/x'");
    expect(parseMamResult(forged)?.outerFrom).toBe('mallory@evil.lit/x');
  });

  it('keeps the inner delay apart from the archive stamp', () => {
    const inner = `<message xmlns='jabber:client' from='romeo@montague.lit/o'><body>x</body>
      <delay xmlns='urn:xmpp:delay' stamp='2010-07-10T20:00:00Z'/></message>`;
    const r = parseMamResult(
      result(undefined, `<delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>${inner}`),
    );
    expect(r?.stamp).toEqual(new Date('2010-07-10T23:08:25Z'));
    expect(r?.message.delay).toEqual({ stamp: new Date('2010-07-10T20:00:00Z') });
  });

  it('leaves the stamp out when the server sends no delay', () => {
    const r = parseMamResult(result(undefined, INNER));
    expect(r).not.toBeNull();
    expect(r && 'stamp' in r).toBe(false);
  });

  it('is null for a broken or doubled delay', () => {
    expect(
      parseMamResult(
        result(undefined, `<delay xmlns='urn:xmpp:delay' stamp='yesterday'/>${INNER}`),
      ),
    ).toBeNull();
    expect(parseMamResult(result(undefined, `<delay xmlns='urn:xmpp:delay'/>${INNER}`))).toBeNull();
    const d = "<delay xmlns='urn:xmpp:delay' stamp='2010-07-10T23:08:25Z'/>";
    expect(parseMamResult(result(undefined, `${d}${d}${INNER}`))).toBeNull();
    expect(
      parseMamResult(
        result(undefined, `<delay xmlns='urn:evil' stamp='2010-07-10T23:08:25Z'/>${INNER}`),
      ),
    ).toBeNull();
  });

  it('is null without a queryid or id', () => {
    expect(parseMamResult(result("id='a'"))).toBeNull();
    expect(parseMamResult(result("queryid='q1'"))).toBeNull();
    expect(parseMamResult(result("queryid='' id='a'"))).toBeNull();
    expect(parseMamResult(result("queryid='q1' id=''"))).toBeNull();
  });

  it('is null for a result in another MAM version or without a namespace', () => {
    const el = (ns: string) =>
      parse(`<message xmlns='jabber:client'><result ${ns} queryid='q1' id='a'>
        <forwarded xmlns='urn:xmpp:forward:0'>${INNER}</forwarded></result></message>`);
    expect(parseMamResult(el("xmlns='urn:xmpp:mam:1'"))).toBeNull();
    expect(parseMamResult(el(''))).toBeNull();
    expect(parseMamResult(el(`xmlns='${MAM}'`))).not.toBeNull();
  });

  it('is null with two results in one message', () => {
    const one = `<result xmlns='${MAM}' queryid='q1' id='a'>
      <forwarded xmlns='urn:xmpp:forward:0'>${INNER}</forwarded></result>`;
    expect(
      parseMamResult(parse(`<message xmlns='jabber:client'>${one}${one}</message>`)),
    ).toBeNull();
  });

  it('is null unless the result wraps exactly one <forwarded/> with one client <message/>', () => {
    expect(parseMamResult(result(undefined, ''))).toBeNull();
    expect(parseMamResult(result(undefined, `${INNER}${INNER}`))).toBeNull();
    expect(parseMamResult(result(undefined, '<message><body>no ns</body></message>'))).toBeNull();
    const bare = parse(`<message xmlns='jabber:client'>
      <result xmlns='${MAM}' queryid='q1' id='a'>${INNER}</result></message>`);
    expect(parseMamResult(bare)).toBeNull();
    const twoFwd = parse(`<message xmlns='jabber:client'>
      <result xmlns='${MAM}' queryid='q1' id='a'>
        <forwarded xmlns='urn:xmpp:forward:0'>${INNER}</forwarded>
        <forwarded xmlns='urn:xmpp:forward:0'>${INNER}</forwarded></result></message>`);
    expect(parseMamResult(twoFwd)).toBeNull();
  });

  it('is null when an address inside or outside is not a JID', () => {
    expect(parseMamResult(result(undefined, undefined, "from='bad jid'"))).toBeNull();
    const inner = `<message xmlns='jabber:client' to='@nowhere'><body>x</body></message>`;
    expect(parseMamResult(result(undefined, inner))).toBeNull();
  });

  it('is null for a plain message, a carbon, or what is not a message', () => {
    expect(
      parseMamResult(parse("<message xmlns='jabber:client'><body>hi</body></message>")),
    ).toBeNull();
    expect(
      parseMamResult(
        parse(`<message xmlns='jabber:client'><sent xmlns='urn:xmpp:carbons:2'>
          <forwarded xmlns='urn:xmpp:forward:0'>${INNER}</forwarded></sent></message>`),
      ),
    ).toBeNull();
    expect(
      parseMamResult(
        parse(`<iq type='result'><result xmlns='${MAM}' queryid='q1' id='a'>
          <forwarded xmlns='urn:xmpp:forward:0'>${INNER}</forwarded></result></iq>`),
      ),
    ).toBeNull();
    expect(parseMamResult(null)).toBeNull();
    expect(parseMamResult(undefined)).toBeNull();
    expect(parseMamResult({ name: 'message' } as never)).toBeNull();
  });
});

describe('parseMamFin', () => {
  const fin = (finAttrs: string, set: string, iqAttrs = "type='result' id='i1'") =>
    parse(`<iq xmlns='jabber:client' ${iqAttrs}><fin xmlns='${MAM}' ${finAttrs}>
      <set xmlns='${RSM}'>${set}</set></fin></iq>`);

  it('reads a complete last page', () => {
    expect(
      parseMamFin(
        fin(
          "complete='true'",
          "<first index='0'>28482-98726-73623</first><last>09af3-cc343-b409f</last><count>20</count>",
        ),
      ),
    ).toEqual({ complete: true, first: '28482-98726-73623', last: '09af3-cc343-b409f', count: 20 });
  });

  it('reads an incomplete page; complete also as "1", anything else false', () => {
    expect(parseMamFin(fin('', '<first>a</first><last>b</last>'))).toEqual({
      complete: false,
      first: 'a',
      last: 'b',
    });
    expect(parseMamFin(fin("complete='1'", ''))?.complete).toBe(true);
    expect(parseMamFin(fin("complete='false'", ''))?.complete).toBe(false);
    expect(parseMamFin(fin("complete='yes'", ''))?.complete).toBe(false);
  });

  it('reads an empty page (no first or last)', () => {
    expect(parseMamFin(fin("complete='true'", '<count>0</count>'))).toEqual({
      complete: true,
      count: 0,
    });
    expect(
      parseMamFin(parse(`<iq type='result'><fin xmlns='${MAM}' complete='true'/></iq>`)),
    ).toEqual({ complete: true });
  });

  it('leaves out a malformed count, and empty first/last', () => {
    for (const c of ['-1', 'many', '1e3', '', '12345678901234567890', ' 5'])
      expect(parseMamFin(fin('', `<count>${c}</count>`))).toEqual({ complete: false });
    expect(parseMamFin(fin('', '<first/><last></last>'))).toEqual({ complete: false });
  });

  it('ignores RSM elements outside the RSM namespace', () => {
    const el = parse(`<iq type='result'><fin xmlns='${MAM}'>
      <set xmlns='urn:evil'><last>x</last></set></fin></iq>`);
    expect(parseMamFin(el)).toEqual({ complete: false });
  });

  it('is null for an error, a set, no fin, two fins, or a fin in another version', () => {
    expect(parseMamFin(fin('', '', "type='error' id='i1'"))).toBeNull();
    expect(parseMamFin(fin('', '', "type='set' id='i1'"))).toBeNull();
    expect(parseMamFin(parse("<iq type='result' id='i1'/>"))).toBeNull();
    expect(
      parseMamFin(
        parse(`<iq type='result'><fin xmlns='${MAM}' complete='true'/><fin xmlns='${MAM}'/></iq>`),
      ),
    ).toBeNull();
    expect(
      parseMamFin(parse("<iq type='result'><fin xmlns='urn:xmpp:mam:1' complete='true'/></iq>")),
    ).toBeNull();
    expect(parseMamFin(parse(`<message><fin xmlns='${MAM}'/></message>`))).toBeNull();
    expect(parseMamFin(null)).toBeNull();
  });
});
