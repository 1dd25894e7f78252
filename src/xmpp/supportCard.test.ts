import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { buildChatMessage, parseMessage } from './message';
import { buildCard, parseCard } from './supportCard';

const NS = 'urn:parley:support:0';
const msg = (inner: string) =>
  parse(`<message xmlns='jabber:client' type='groupchat' from='r@c.shop/guest'>${inner}</message>`);
const product = (inner: string) => parseCard(msg(`<product xmlns='${NS}'>${inner}</product>`));

describe('product and order cards', () => {
  it('builds and parses a product card back to the same card', () => {
    const card = {
      kind: 'product' as const,
      title: 'Oolong tea, 100 g',
      price: 12.5,
      currency: 'EUR',
      url: 'https://shop.example/p/tea',
      image: 'https://shop.example/img/tea.png',
    };
    const el = buildCard(card);
    expect(el.toString()).toBe(
      `<product xmlns="${NS}"><title>Oolong tea, 100 g</title><price currency="EUR">12.5</price><url>https://shop.example/p/tea</url><image>https://shop.example/img/tea.png</image></product>`,
    );
    expect(parseCard(msg(el.toString()))).toEqual(card);
  });

  it('builds and parses an order card with its items', () => {
    const card = {
      kind: 'order' as const,
      id: 'A-1042',
      total: 64,
      currency: 'USD',
      status: 'Shipped',
      url: 'https://shop.example/orders/A-1042',
      items: [
        { title: 'Cast-iron teapot', quantity: 1 },
        { title: 'Oolong tea', quantity: 2 },
      ],
    };
    expect(parseCard(msg(buildCard(card).toString()))).toEqual(card);
  });

  it('goes out beside the plain body in a room message, and comes back from it', () => {
    const el = buildChatMessage({
      to: 'guest-a@conference.shop',
      id: 'c1',
      body: '🛍 Mug — 18.00 EUR',
      toKind: 'groupchat',
      card: { kind: 'product', title: 'Mug', price: 18, currency: 'EUR' },
    });
    expect(el.getChildText('body')).toBe('🛍 Mug — 18.00 EUR');
    const back = parseMessage(parse(el.toString().replace('<message ', "<message from='r@c/x' ")));
    expect(back?.card).toEqual({ kind: 'product', title: 'Mug', price: 18, currency: 'EUR' });
    // Not in one-to-one chats: cards belong to support rooms.
    const chat = parseMessage(
      parse(
        `<message xmlns='jabber:client' type='chat' from='a@b/c'><body>x</body><product xmlns='${NS}'><title>Mug</title></product></message>`,
      ),
    );
    expect(chat?.card).toBeUndefined();
  });

  it('reads a card that breaks a rule as no card at all', () => {
    expect(product('<title>  </title>')).toBeUndefined();
    expect(product('<title>Mug</title><url>javascript:alert(1)</url>')).toBeUndefined();
    expect(
      product('<title>Mug</title><image>data:image/svg+xml,&lt;svg/&gt;</image>'),
    ).toBeUndefined();
    expect(product("<title>Mug</title><price currency='EUR'>Infinity</price>")).toBeUndefined();
    expect(product("<title>Mug</title><price currency='EURO'>3</price>")).toBeUndefined();
    expect(product('<title>Mug</title><price>3</price>')).toBeUndefined();
    expect(
      parseCard(msg(`<order xmlns='${NS}'><total currency='EUR'>3</total></order>`)),
    ).toBeUndefined();
    expect(
      parseCard(msg(`<order xmlns='${NS}'><id>1</id><item quantity='-2'>Mug</item></order>`)),
    ).toBeUndefined();
    // In another namespace it is someone else's element.
    expect(
      parseCard(msg("<product xmlns='urn:example'><title>Mug</title></product>")),
    ).toBeUndefined();
  });

  it('caps long text and drops control characters', () => {
    const card = product(`<title>${'a'.repeat(500)}\u0007</title>`);
    expect(card?.kind === 'product' && card.title).toBe('a'.repeat(200));
    expect(
      product('<title>Tea\u202Egnp.exe</title>')?.kind === 'product' &&
        (product('<title>Tea\u202Egnp.exe</title>') as { title: string }).title,
    ).toBe('Teagnp.exe');
  });
});
