import { formatMoney, type SupportCard } from '../shared/supportCard';
import type { Translate } from './text';

/**
 * A card's plain body, for any XMPP client (and Parley's previews and search): one line
 * with the title, the amount and the link; an order's items on lines of their own.
 */
export function cardFallback(card: SupportCard, t: Translate, lang: string): string {
  const amount = card.kind === 'product' ? card.price : card.total;
  const money =
    amount !== undefined && card.currency ? formatMoney(amount, card.currency, lang) : '';
  if (card.kind === 'product')
    return [`🛍 ${card.title}`, money && ` — ${money}`, card.url && ` ${card.url}`].join('');
  const head = [
    `📦 ${t('card.order', { id: card.id })}`,
    card.status && ` · ${card.status}`,
    money && ` — ${money}`,
    card.url && ` ${card.url}`,
  ].join('');
  const items = card.items.map((i) => t('card.item', { quantity: i.quantity, title: i.title }));
  return [head, ...items].join('\n');
}
