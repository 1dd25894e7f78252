// XEP-0308 last message correction: a new message whose <replace id/> names the message it
// corrects (its sender's id: the origin-id we give every message). Its body is the new text.
import xml, { type Element } from '@xmpp/xml';
import { NS_CORRECT } from './ns';
import { attr } from './stanza';

/** The id of the message this one corrects, if it is a correction. */
export function parseReplace(el: Element): string | undefined {
  const r = el.getChild('replace', NS_CORRECT);
  return (r && attr(r, 'id')) || undefined;
}

export function buildReplace(id: string): Element {
  return xml('replace', { xmlns: NS_CORRECT, id });
}
