// XEP-0172 user nickname, as a PEP node: what a person calls themselves. It is shown only where
// we have given them no name of our own (the roster name wins), as the XEP advises.
import xml, { type Element } from '@xmpp/xml';
import { NS_NICK } from './ns';
import { buildItemsGet, buildPublish, parseItemsResult, parsePepNotification } from './pep';
import { shortText } from './stanza';

export const MAX_NICK = 64;

/** A nickname notification: the nickname now set, or '' when it was removed. */
export interface NickEvent {
  from: string;
  nick: string;
}

function readNick(payload: Element | undefined): string {
  if (!payload || payload.getNS() !== NS_NICK || payload.name !== 'nick') return '';
  // One line: a nickname with line breaks or control characters would break every list.
  return shortText(payload.getText().replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' '), MAX_NICK) ?? '';
}

/** A nickname notification, or null when `el` is none. Never throws. */
export function parseNickEvent(el: Element): NickEvent | null {
  const n = parsePepNotification(el, NS_NICK);
  if (!n) return null;
  return { from: n.from, nick: readNick(n.items[0]?.payload) };
}

export function buildNickPublish(nick: string): Element {
  return buildPublish(NS_NICK, 'current', xml('nick', { xmlns: NS_NICK }, nick.trim()));
}

export function buildNickGet(jid: string): Element {
  return buildItemsGet(jid, NS_NICK);
}

export function parseNickResult(iq: Element): string {
  return readNick(parseItemsResult(iq, NS_NICK)[0]?.payload);
}
