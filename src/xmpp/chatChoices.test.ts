import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import {
  buildChatChoicesGet,
  buildChatChoicesPublish,
  buildChatChoicesRetract,
  hasChoices,
  NS_CHAT_CHOICES,
  parseChatChoicesEvent,
  parseChatChoicesItems,
} from './chatChoices';
import { attr } from './stanza';

const PUBSUB = 'http://jabber.org/protocol/pubsub';
const EVENT = 'http://jabber.org/protocol/pubsub#event';
const ME = 'juliet@capulet.lit';
const T1 = '2026-12-07T01:00:00.000Z';
const T2 = '2026-12-07T02:00:00.000Z';
const ms = (iso: string) => Date.parse(iso);

const chat = (at: string, inner = '') =>
  `<chat xmlns='${NS_CHAT_CHOICES}' at='${at}'>${inner}</chat>`;
const itemsResult = (items: string, from = ME) =>
  parse(`<iq xmlns='jabber:client' type='result' id='g1' from='${from}' to='${ME}/balcony'>
    <pubsub xmlns='${PUBSUB}'><items node='${NS_CHAT_CHOICES}'>${items}</items></pubsub></iq>`);
const event = (inner: string, from = ME) =>
  parse(`<message xmlns='jabber:client' from='${from}' to='${ME}/balcony' type='headline'>
    <event xmlns='${EVENT}'><items node='${NS_CHAT_CHOICES}'>${inner}</items></event></message>`);

describe('buildChatChoicesPublish', () => {
  it('publishes one item per peer with the XEP-0223 publish-options', () => {
    const el = buildChatChoicesPublish({
      peer: 'Romeo@Montague.lit',
      at: ms(T2),
      pinnedAt: ms(T1),
      markedUnread: true,
    });
    const pubsub = el.getChild('pubsub', PUBSUB);
    const publish = pubsub?.getChild('publish');
    expect(attr(publish ?? el, 'node')).toBe(NS_CHAT_CHOICES);
    const item = publish?.getChild('item');
    expect(attr(item ?? el, 'id')).toBe('romeo@montague.lit');
    expect(item?.getChild('chat', NS_CHAT_CHOICES)?.toString()).toBe(
      `<chat xmlns="${NS_CHAT_CHOICES}" at="${T2}"><pinned at="${T1}"/><unread/></chat>`,
    );
    const fields = pubsub
      ?.getChild('publish-options')
      ?.getChild('x', 'jabber:x:data')
      ?.getChildren('field')
      .map((f) => `${attr(f, 'var')}=${f.getChildText('value')}`);
    expect(fields).toContain('pubsub#access_model=whitelist');
    expect(fields).toContain('pubsub#persist_items=true');
  });

  it('leaves the options out, or max_items, when asked', () => {
    const c = { peer: 'romeo@montague.lit', at: ms(T1), deletedAt: ms(T1) };
    expect(
      buildChatChoicesPublish(c, 'none').getChild('pubsub', PUBSUB)?.getChild('publish-options'),
    ).toBeUndefined();
    expect(buildChatChoicesPublish(c, 'lean').toString()).not.toContain('pubsub#max_items');
  });

  it('refuses a peer that is not a bare JID', () => {
    expect(() => buildChatChoicesPublish({ peer: 'room@muc.lit/nick', at: 1 })).toThrow(RangeError);
    expect(() => buildChatChoicesRetract('not a jid@')).toThrow(RangeError);
  });

  it('retracts with notify, and gets the whole node', () => {
    const r = buildChatChoicesRetract('romeo@montague.lit')
      .getChild('pubsub', PUBSUB)
      ?.getChild('retract');
    expect(attr(r ?? parse('<x/>'), 'notify')).toBe('true');
    expect(r?.getChild('item')?.attrs['id']).toBe('romeo@montague.lit');
    const items = buildChatChoicesGet().getChild('pubsub', PUBSUB)?.getChild('items');
    expect(items?.attrs).toEqual({ node: NS_CHAT_CHOICES });
  });

  it('says whether anything is chosen', () => {
    expect(hasChoices({})).toBe(false);
    expect(hasChoices({ markedUnread: true })).toBe(true);
  });
});

describe('parseChatChoicesItems', () => {
  it('reads every choice and its time, and the answer’s sender', () => {
    const r = parseChatChoicesItems(
      itemsResult(
        `<item id='romeo@montague.lit'>${chat(T2, `<pinned at='${T1}'/><archived at='${T2}'/><unread/>`)}</item>
         <item id='nurse@capulet.lit'>${chat(T1, `<deleted at='${T1}'/>`)}</item>`,
      ),
    );
    expect(r).toEqual({
      from: ME,
      items: [
        {
          peer: 'romeo@montague.lit',
          at: ms(T2),
          pinnedAt: ms(T1),
          archivedAt: ms(T2),
          markedUnread: true,
        },
        { peer: 'nurse@capulet.lit', at: ms(T1), deletedAt: ms(T1) },
      ],
    });
  });

  it('leaves out unknown and malformed items, keeping the rest', () => {
    const r = parseChatChoicesItems(
      itemsResult(
        `<item id='romeo@montague.lit'>${chat(T1, `<pinned at='${T1}'/>`)}</item>
         <item id='a@b.lit'><other xmlns='urn:example'/></item>
         <item id='c@d.lit'>${chat('yesterday')}</item>
         <item id='e@f.lit'>${chat(T1, "<pinned at='soon'/>")}</item>
         <item id='room@muc.lit/nick'>${chat(T1, `<pinned at='${T1}'/>`)}</item>
         <item>${chat(T1)}</item>`,
      ),
    );
    expect(r?.items.map((c) => c.peer)).toEqual(['romeo@montague.lit']);
  });

  it('takes a node never written as no items, and other errors as nothing', () => {
    const error = (condition: string) =>
      parse(
        `<iq type='error' id='g1'><error type='cancel'><${condition} xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`,
      );
    expect(parseChatChoicesItems(error('item-not-found'))).toEqual({ from: '', items: [] });
    expect(parseChatChoicesItems(error('feature-not-implemented'))).toBeNull();
    expect(parseChatChoicesItems(parse("<iq type='result' id='g1'/>"))).toBeNull();
  });
});

describe('parseChatChoicesEvent', () => {
  it('reads published and retracted items with the sender', () => {
    const e = parseChatChoicesEvent(
      event(
        `<item id='romeo@montague.lit'>${chat(T1, '<unread/>')}</item><retract id='nurse@capulet.lit'/>`,
      ),
    );
    expect(e).toEqual({
      from: ME,
      items: [{ peer: 'romeo@montague.lit', at: ms(T1), markedUnread: true }],
      retracted: ['nurse@capulet.lit'],
      purged: false,
    });
  });

  it('carries a stranger’s sender for the caller to refuse', () => {
    expect(parseChatChoicesEvent(event('<retract id="a@b.lit"/>', 'mallory@evil.lit'))?.from).toBe(
      'mallory@evil.lit',
    );
  });

  it('is null for other nodes and other stanzas', () => {
    const other = parse(
      `<message from='${ME}'><event xmlns='${EVENT}'><items node='urn:xmpp:bookmarks:1'/></event></message>`,
    );
    expect(parseChatChoicesEvent(other)).toBeNull();
    expect(parseChatChoicesEvent(parse('<message><body>hi</body></message>'))).toBeNull();
  });
});
