import { type Accessor, createMemo } from 'solid-js';
import { allConversationsQuery, contactsQuery } from '../../app/queries';
import { createLiveList } from '../lib/live';
import { conversationName } from './conversationName';

/** Somewhere to send to: a conversation, or a contact with none yet (sending starts one). */
export interface SendTarget {
  peer: string;
  name: string;
}

/**
 * Where "Forward to…" and "Send to…" can send: the conversations (archived ones too) in the chat
 * list's order, then the other contacts, filtered by name or address as the person types.
 */
export function createSendTargets(filter: Accessor<string>): Accessor<SendTarget[]> {
  const convs = createLiveList(() => allConversationsQuery, 'peer');
  const contacts = createLiveList(() => contactsQuery, 'jid');
  return createMemo(() => {
    const all: SendTarget[] = convs.rows.map((c) => ({ peer: c.peer, name: conversationName(c) }));
    const seen = new Set(all.map((x) => x.peer));
    for (const c of contacts.rows)
      if (!seen.has(c.jid)) all.push({ peer: c.jid, name: c.displayName });
    const q = filter().trim().toLocaleLowerCase();
    return q ? all.filter((x) => `${x.name} ${x.peer}`.toLocaleLowerCase().includes(q)) : all;
  });
}
