// Product and order cards (urn:parley:support:0), beside a plain <body/> any client shows:
//   <product xmlns='urn:parley:support:0'><title>Oolong tea</title>
//     <price currency='EUR'>12.5</price><url>https://…</url><image>https://…</image></product>
//   <order xmlns='urn:parley:support:0'><id>A-1042</id><total currency='EUR'>64</total>
//     <status>Shipped</status><url>https://…</url><item quantity='2'>Oolong tea</item></order>
// The rules (http(s) URLs, capped text, finite amounts, ISO currency codes) are
// shared/supportCard.ts's, the same the widget's JS API applies before sending.
import xml, { type Element } from '@xmpp/xml';
import { checkCard, type SupportCard } from '../shared/supportCard';
import { attr } from './stanza';
import { NS_SUPPORT } from './support';

const text = (el: Element | undefined) => (el ? el.getText() : undefined);

/** The message's card, or undefined (absent, or one that breaks a rule: the body shows). */
export function parseCard(el: Element): SupportCard | undefined {
  const product = el.getChild('product', NS_SUPPORT);
  const order = el.getChild('order', NS_SUPPORT);
  let raw: Record<string, unknown>;
  if (product) {
    const price = product.getChild('price');
    raw = {
      kind: 'product',
      title: text(product.getChild('title')),
      price: text(price),
      currency: price ? attr(price, 'currency') : undefined,
      url: text(product.getChild('url')),
      image: text(product.getChild('image')),
    };
  } else if (order) {
    const total = order.getChild('total');
    raw = {
      kind: 'order',
      id: text(order.getChild('id')) ?? '',
      total: text(total),
      currency: total ? attr(total, 'currency') : undefined,
      status: text(order.getChild('status')),
      url: text(order.getChild('url')),
      items: order.getChildren('item').map((i) => ({
        title: i.getText(),
        quantity: attr(i, 'quantity') ?? '1',
      })),
    };
  } else return undefined;
  const checked = checkCard(raw);
  return 'card' in checked ? checked.card : undefined;
}

export function buildCard(card: SupportCard): Element {
  const money = (name: string, amount?: number, currency?: string) =>
    amount !== undefined && currency ? xml(name, { currency }, String(amount)) : null;
  const url = card.url ? xml('url', {}, card.url) : null;
  if (card.kind === 'product')
    return xml(
      'product',
      { xmlns: NS_SUPPORT },
      xml('title', {}, card.title),
      money('price', card.price, card.currency),
      url,
      card.image ? xml('image', {}, card.image) : null,
    );
  return xml(
    'order',
    { xmlns: NS_SUPPORT },
    xml('id', {}, card.id),
    money('total', card.total, card.currency),
    card.status ? xml('status', {}, card.status) : null,
    url,
    ...card.items.map((i) => xml('item', { quantity: String(i.quantity) }, i.title)),
  );
}
