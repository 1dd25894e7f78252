// Shared reading helpers and stanza errors (RFC 6120 §8.3).
import type { Element } from '@xmpp/xml';
import { NS_STANZAS } from './ns';
import { truncate } from './text';
import type { StanzaError } from './types';

export const MAX_SHORT_TEXT = 1024; // status, names, nicks, error text

const ERROR_TYPES = ['auth', 'cancel', 'continue', 'modify', 'wait'] as const;
const CONDITIONS = [
  'bad-request',
  'conflict',
  'feature-not-implemented',
  'forbidden',
  'gone',
  'internal-server-error',
  'item-not-found',
  'jid-malformed',
  'not-acceptable',
  'not-allowed',
  'not-authorized',
  'policy-violation',
  'recipient-unavailable',
  'redirect',
  'registration-required',
  'remote-server-not-found',
  'remote-server-timeout',
  'resource-constraint',
  'service-unavailable',
  'subscription-required',
  'undefined-condition',
  'unexpected-request',
] as const;

export function newId(): string {
  return crypto.randomUUID();
}

/** Duck-typed: anything else (null, a string, a plain object) is not a stanza we read. */
export function isElement(el: unknown, name: string): el is Element {
  if (typeof el !== 'object' || el === null) return false;
  const e = el as Partial<Element>;
  return e.name === name && typeof e.getChildren === 'function' && typeof e.attrs === 'object';
}

/** A string attribute; undefined when absent or not a string. */
export function attr(el: Element, name: string): string | undefined {
  const v: unknown = el.attrs[name];
  return typeof v === 'string' ? v : undefined;
}

/** The element name without its prefix. */
export function localName(el: Element): string {
  return el.name.slice(el.name.indexOf(':') + 1);
}

/** Children named `name` in the parent's own namespace (<body/>, <show/>, <error/>...). */
export function coreChildren(el: Element, name: string): Element[] {
  const ns = el.getNS();
  return el.getChildren(name).filter((c) => c.getNS() === ns);
}

export function oneOf<T extends string>(
  values: readonly T[],
  v: string | undefined,
): T | undefined {
  return values.find((x) => x === v);
}

/** Of several language versions, the one without xml:lang (or in the stanza's), else the first. */
export function pickLang(els: Element[], stanza: Element): Element | undefined {
  const lang = attr(stanza, 'xml:lang');
  return els.find((e) => [undefined, lang].includes(attr(e, 'xml:lang'))) ?? els[0];
}

/** Trimmed text capped at `max`, or undefined when empty. */
export function shortText(s: string | null | undefined, max = MAX_SHORT_TEXT): string | undefined {
  const t = s?.trim();
  return t ? truncate(t, max) : undefined;
}

/** The <error/> child of a stanza; undefined when there is none. */
export function parseStanzaError(el: Element): StanzaError | undefined {
  const error = coreChildren(el, 'error')[0];
  if (!error) return undefined;
  const cond = error
    .getChildElements()
    .find((c) => c.getNS() === NS_STANZAS && localName(c) !== 'text');
  const result: StanzaError = {
    type: oneOf(ERROR_TYPES, attr(error, 'type')) ?? 'cancel',
    condition: oneOf(CONDITIONS, cond && localName(cond)) ?? 'undefined-condition',
  };
  const text = shortText(error.getChildText('text', NS_STANZAS));
  if (text) result.text = text;
  return result;
}
