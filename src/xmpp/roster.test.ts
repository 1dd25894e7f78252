import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import {
  buildRosterGet,
  buildRosterRemove,
  buildRosterSet,
  parseRosterPush,
  parseRosterResult,
} from './roster';
import { attr } from './stanza';

const NS = 'jabber:iq:roster';
const result = (query: string) =>
  parseRosterResult(parse(`<iq xmlns='jabber:client' type='result' id='r1'>${query}</iq>`));
const push = (items: string, attrs = "type='set' id='p1'", ver = '') =>
  parseRosterPush(
    parse(`<iq xmlns='jabber:client' ${attrs}><query xmlns='${NS}' ${ver}>${items}</query></iq>`),
  );

describe('buildRosterGet', () => {
  it('asks for the roster, with ver only when given (even empty)', () => {
    const plain = buildRosterGet();
    expect(attr(plain, 'type')).toBe('get');
    expect(plain.getChild('query', NS)?.attrs).toEqual({ xmlns: NS });
    expect(buildRosterGet('').getChild('query', NS)?.attrs).toEqual({ xmlns: NS, ver: '' });
    expect(buildRosterGet('v42').getChild('query', NS)?.attrs).toEqual({ xmlns: NS, ver: 'v42' });
  });
});

describe('parseRosterResult', () => {
  it('reads items, their groups and the version', () => {
    expect(
      result(`<query xmlns='${NS}' ver='v3'>
        <item jid='Romeo@Montague.lit' name='Romeo' subscription='both'>
          <group>Friends</group><group> Friends </group><group>  </group><group>Verona</group>
        </item>
        <item jid='nurse@capulet.lit' ask='subscribe'/>
      </query>`),
    ).toEqual({
      ver: 'v3',
      items: [
        {
          jid: 'romeo@montague.lit',
          name: 'Romeo',
          subscription: 'both',
          groups: ['Friends', 'Verona'],
        },
        { jid: 'nurse@capulet.lit', subscription: 'none', ask: 'subscribe', groups: [] },
      ],
    });
  });

  it('reads an empty result as "up to date"', () => {
    expect(result('')).toEqual({ items: null });
  });

  it('gives an empty list for an empty roster', () => {
    expect(result(`<query xmlns='${NS}'/>`)).toEqual({ items: [] });
  });

  it('skips items without a valid bare jid, repeated items and removals', () => {
    const r = result(`<query xmlns='${NS}'>
      <item name='no jid'/>
      <item jid='' />
      <item jid='a b@c.lit'/>
      <item jid='romeo@montague.lit/orchard'/>
      <item jid='tybalt@capulet.lit' subscription='remove'/>
      <item jid='benvolio@montague.lit' subscription='wat'/>
      <item jid='BENVOLIO@montague.lit' name='again'/>
      <item xmlns='urn:evil' jid='evil@evil.lit'/>
    </query>`);
    expect(r?.items).toEqual([{ jid: 'benvolio@montague.lit', subscription: 'none', groups: [] }]);
  });

  it('caps names', () => {
    const r = result(
      `<query xmlns='${NS}'><item jid='a@b.lit' name='${'n'.repeat(3000)}'/></query>`,
    );
    expect(r?.items?.[0]?.name).toHaveLength(1024);
  });

  it('returns null for anything but a roster result', () => {
    expect(
      parseRosterResult(parse(`<iq type='error' id='r1'><query xmlns='${NS}'/></iq>`)),
    ).toBeNull();
    expect(
      parseRosterResult(parse(`<iq type='result' id='r1'><query xmlns='jabber:iq:version'/></iq>`)),
    ).toBeNull();
    expect(parseRosterResult(parse('<message/>'))).toBeNull();
    expect(parseRosterResult(null)).toBeNull();
  });
});

describe('parseRosterPush', () => {
  it('reads a push with its one item, id, from and version', () => {
    expect(
      push(
        "<item jid='romeo@montague.lit' subscription='remove'/>",
        "type='set' id='p1' from='juliet@capulet.lit'",
        "ver='v4'",
      ),
    ).toEqual({
      kind: 'rosterPush',
      id: 'p1',
      from: 'juliet@capulet.lit',
      ver: 'v4',
      item: { jid: 'romeo@montague.lit', subscription: 'remove', groups: [] },
    });
  });

  it("gives from '' when absent (from our server)", () => {
    expect(push("<item jid='romeo@montague.lit'/>")?.from).toBe('');
  });

  it('refuses a push with two items, no item, or a bad item', () => {
    expect(push("<item jid='a@b.lit'/><item jid='c@d.lit'/>")).toBeNull();
    expect(push('')).toBeNull();
    expect(push("<item name='no jid'/>")).toBeNull();
  });

  it('refuses what is not an iq set with an id', () => {
    expect(push("<item jid='a@b.lit'/>", "type='get' id='p1'")).toBeNull();
    expect(push("<item jid='a@b.lit'/>", "type='set'")).toBeNull();
    expect(parseRosterPush(parse("<iq type='set' id='p1'/>"))).toBeNull();
  });
});

describe('buildRosterSet / buildRosterRemove', () => {
  it('round-trips a contact with name and clean groups through a push', () => {
    const el = buildRosterSet({
      jid: 'romeo@montague.lit',
      name: 'Romeo <3',
      groups: ['Friends', ' Friends', '', 'Verona'],
    });
    expect(attr(el, 'type')).toBe('set');
    const parsed = parseRosterPush(parse(el.toString()));
    expect(parsed?.item).toEqual({
      jid: 'romeo@montague.lit',
      name: 'Romeo <3',
      subscription: 'none',
      groups: ['Friends', 'Verona'],
    });
  });

  it('sends no name attribute when there is none', () => {
    const item = buildRosterSet({ jid: 'romeo@montague.lit' })
      .getChild('query', NS)
      ?.getChild('item');
    expect(item?.attrs).toEqual({ jid: 'romeo@montague.lit' });
  });

  it('removes with subscription="remove"', () => {
    const el = buildRosterRemove('romeo@montague.lit');
    expect(parseRosterPush(parse(el.toString()))?.item).toEqual({
      jid: 'romeo@montague.lit',
      subscription: 'remove',
      groups: [],
    });
  });
});
