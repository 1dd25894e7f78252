// XEP-0444 message reactions: the full set of one person's reactions to one message, which
// replaces the set they sent before (an empty set takes them all back).
import xml, { type Element } from '@xmpp/xml';
import { NS_HINTS, NS_REACTIONS } from './ns';
import { attr } from './stanza';
import { xmlText } from './text';

/** At most this many reactions per person and message, each at most this long (UTF-16). */
export const MAX_REACTIONS = 20;
export const MAX_REACTION_LENGTH = 32;

export interface Reactions {
  id: string; // the message reacted to
  emojis: string[];
}

/** The reactions this message carries, deduplicated, blank and oversized ones dropped. */
export function parseReactions(el: Element): Reactions | undefined {
  const r = el.getChild('reactions', NS_REACTIONS);
  const id = r && attr(r, 'id');
  if (!r || !id) return undefined;
  const emojis: string[] = [];
  for (const c of r.getChildren('reaction')) {
    const text = c.getText().trim();
    if (!text || text.length > MAX_REACTION_LENGTH || emojis.includes(text)) continue;
    emojis.push(text);
    if (emojis.length === MAX_REACTIONS) break;
  }
  return { id, emojis };
}

export function buildReactionsChildren(id: string, emojis: readonly string[]): Element[] {
  return [
    xml(
      'reactions',
      { xmlns: NS_REACTIONS, id },
      ...emojis.map((e) => xml('reaction', {}, xmlText(e))),
    ),
    xml('store', { xmlns: NS_HINTS }),
  ];
}
