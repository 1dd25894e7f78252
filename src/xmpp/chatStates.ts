// XEP-0085 chat states.
import xml, { type Element } from '@xmpp/xml';
import { NS_CHAT_STATES, NS_HINTS } from './ns';
import { localName, newId, oneOf } from './stanza';
import type { ChatStateName } from './types';

export const CHAT_STATES: readonly ChatStateName[] = [
  'active',
  'composing',
  'paused',
  'inactive',
  'gone',
];

/** The first known chat state child of a message, if any. */
export function parseChatState(el: Element): ChatStateName | undefined {
  for (const child of el.getChildElements()) {
    if (child.getNS() !== NS_CHAT_STATES) continue;
    const state = oneOf(CHAT_STATES, localName(child));
    if (state) return state;
  }
  return undefined;
}

/**
 * A standalone chat state notification; never archived (XEP-0334 no-store). To a room
 * (`groupchat`), the room passes it to every occupant (XEP-0085 §5.5).
 */
export function buildChatState(opts: {
  to: string;
  state: ChatStateName;
  type?: 'chat' | 'groupchat';
}): Element {
  return xml(
    'message',
    { type: opts.type ?? 'chat', to: opts.to, id: newId() },
    xml(opts.state, { xmlns: NS_CHAT_STATES }),
    xml('no-store', { xmlns: NS_HINTS }),
  );
}
