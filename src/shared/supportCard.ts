// Product and order cards (the support widget's shareProduct/shareOrder): one set of rules for
// what the shop's page hands the JS API and for what arrives in a stanza, since both are
// untrusted. A card that breaks a rule is not a card at all: it shows as its plain body.

export interface ProductCard {
  kind: 'product';
  title: string;
  /** With `currency`, or neither. */
  price?: number;
  currency?: string; // ISO 4217, upper case
  url?: string; // http(s) only
  image?: string; // http(s) only
}

export interface OrderItem {
  title: string;
  quantity: number;
}

export interface OrderCard {
  kind: 'order';
  id: string;
  /** With `currency`, or neither. */
  total?: number;
  currency?: string;
  status?: string;
  url?: string;
  items: OrderItem[];
}

export type SupportCard = ProductCard | OrderCard;

export const CARD_LIMITS = {
  title: 200,
  id: 64,
  status: 40,
  itemTitle: 120,
  items: 20,
  url: 2048,
  quantity: 9999,
  /** Above any real price: a larger one is a mistake or an attack on the layout. */
  amount: 1e12,
} as const;

/** What makes a card unusable, for the JS API's error and the parser's log. */
export type CardProblem =
  | 'not-an-object'
  | 'title'
  | 'id'
  | 'price'
  | 'currency'
  | 'url'
  | 'image'
  | 'items';

export type CardResult = { card: SupportCard } | { problem: CardProblem };

type Raw = Record<string, unknown>;

/** Control characters (C0, DEL, C1) and bidi overrides dropped, spaces folded, capped. */
export function cardText(v: unknown, max: number): string {
  if (typeof v !== 'string') return '';
  const kept = [...v].filter((ch) => {
    const c = ch.codePointAt(0) ?? 0;
    return !(c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e));
  });
  return [...kept.join('').replace(/\s+/g, ' ').trim()].slice(0, max).join('');
}

/** An absolute http(s) URL without credentials, as `href`; null for anything else. */
export function cardUrl(v: unknown): string | null {
  if (typeof v !== 'string' || !v.trim() || v.length > CARD_LIMITS.url) return null;
  let u: URL;
  try {
    u = new URL(v.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  // "https://shop.example@evil.example/" reads as the shop's address and is not.
  if (u.username || u.password) return null;
  return u.href.length > CARD_LIMITS.url ? null : u.href;
}

/** A finite amount, 0 or more: a number, or a decimal string ("19.90") from a stanza. */
export function cardAmount(v: unknown): number | null {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^\d{1,13}(\.\d{1,6})?$/.test(v.trim())) n = Number(v);
  else return null;
  return Number.isFinite(n) && n >= 0 && n < CARD_LIMITS.amount ? n : null;
}

/** An ISO 4217-shaped code ("EUR"); lower case is accepted and raised. */
export function cardCurrency(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const c = v.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(c) ? c : null;
}

/** Amount and currency come together or not at all. */
function money(raw: Raw, key: 'price' | 'total') {
  const given = raw[key] !== undefined && raw[key] !== null && raw[key] !== '';
  const hasCurrency = raw['currency'] !== undefined && raw['currency'] !== '';
  if (!given && !hasCurrency) return { ok: true as const };
  const amount = cardAmount(raw[key]);
  if (amount === null) return { ok: false as const, problem: 'price' as const };
  const currency = cardCurrency(raw['currency']);
  if (!currency) return { ok: false as const, problem: 'currency' as const };
  return { ok: true as const, amount, currency };
}

/** Optional URL fields: absent is fine, present and bad spoils the card. */
function optionalUrl(raw: Raw, key: 'url' | 'image'): string | null | undefined {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return undefined;
  return cardUrl(v);
}

function items(v: unknown): OrderItem[] | null {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return null;
  const out: OrderItem[] = [];
  for (const it of v.slice(0, CARD_LIMITS.items)) {
    const r = (it && typeof it === 'object' ? it : { title: it }) as Raw;
    const title = cardText(r['title'], CARD_LIMITS.itemTitle);
    const q = r['quantity'] === undefined ? 1 : Number(r['quantity']);
    if (!title || !Number.isInteger(q) || q < 1 || q > CARD_LIMITS.quantity) return null;
    out.push({ title, quantity: q });
  }
  return out;
}

/** `raw` as a card ('product' or 'order' by `kind`), or why it cannot be one. */
export function checkCard(raw: unknown): CardResult {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problem: 'not-an-object' };
  const r = raw as Raw;
  const url = optionalUrl(r, 'url');
  if (url === null) return { problem: 'url' };
  if (r['kind'] === 'order') {
    const id = cardText(r['id'] === undefined ? '' : String(r['id']), CARD_LIMITS.id);
    if (!id) return { problem: 'id' };
    const m = money(r, 'total');
    if (!m.ok) return { problem: m.problem };
    const list = items(r['items']);
    if (!list) return { problem: 'items' };
    const card: OrderCard = { kind: 'order', id, items: list };
    if (m.amount !== undefined) {
      card.total = m.amount;
      card.currency = m.currency;
    }
    const status = cardText(r['status'], CARD_LIMITS.status);
    if (status) card.status = status;
    if (url) card.url = url;
    return { card };
  }
  if (r['kind'] !== 'product') return { problem: 'not-an-object' };
  const title = cardText(r['title'], CARD_LIMITS.title);
  if (!title) return { problem: 'title' };
  const m = money(r, 'price');
  if (!m.ok) return { problem: m.problem };
  const image = optionalUrl(r, 'image');
  if (image === null) return { problem: 'image' };
  const card: ProductCard = { kind: 'product', title };
  if (m.amount !== undefined) {
    card.price = m.amount;
    card.currency = m.currency;
  }
  if (url) card.url = url;
  if (image) card.image = image;
  return { card };
}

/** `amount` in `currency` for `lang` ("€12.50", "12,50 €", "US$5.00"). */
export function formatMoney(amount: number, currency: string, lang: string): string {
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`; // a code Intl does not know: still readable
  }
}
