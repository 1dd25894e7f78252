import { type MessageHit, searchMessages, substringRanges } from '../db';
import {
  allConversationsQuery,
  type ContactView,
  type ConversationView,
  contactsQuery,
} from './queries';
import { currentDb } from './session';

// The search box's one read: conversations and contacts by name, messages by their text (the
// local index, db/search/). It reads the mirror only.

export type Ranges = Array<[number, number]>;

export interface ChatResult {
  peer: string;
  kind: ConversationView['kind'];
  name: string;
  /** Where the query matched the name; empty when it matched the address instead. */
  ranges: Ranges;
}

export interface ContactResult {
  jid: string;
  name: string;
  ranges: Ranges;
}

export interface MessageResult {
  id: string;
  peer: string;
  kind: ConversationView['kind'];
  /** The conversation's name. */
  chat: string;
  at: number;
  direction: MessageHit['message']['direction'];
  /** What is shown: the body, or a file's name. */
  text: string;
  ranges: Ranges;
}

export interface SearchResults {
  chats: ChatResult[];
  contacts: ContactResult[];
  messages: MessageResult[];
}

export const EMPTY_RESULTS: SearchResults = { chats: [], contacts: [], messages: [] };

const MAX_CHATS = 8;
const MAX_CONTACTS = 8;
const MAX_MESSAGES = 50;

/** By name first, then by address (the name is what a person reads in the list). */
function byName(name: string, address: string, input: string): Ranges | null {
  return substringRanges(name, input) ?? (substringRanges(address, input) ? [] : null);
}

/**
 * Chats and contacts by name, messages by text. `onPartial` gets the results so far when the
 * message search finds its newest hits before it ends (two common words that seldom meet).
 */
export async function searchEverything(
  input: string,
  onPartial?: (results: SearchResults) => void,
): Promise<SearchResults> {
  if (!input.trim()) return EMPTY_RESULTS;
  const db = currentDb();
  const named = Promise.all([allConversationsQuery(), contactsQuery()]);
  let done = false;
  const hits = searchMessages(db, input, {
    limit: MAX_MESSAGES,
    ...(onPartial
      ? {
          onProgress: (so: MessageHit[]) =>
            void named.then(([convs, contacts]) => {
              if (!done) onPartial(resultsOf(input, convs, contacts, so));
            }),
        }
      : {}),
  });
  const [[convs, contacts], found] = await Promise.all([named, hits]);
  done = true;
  return resultsOf(input, convs, contacts, found);
}

function resultsOf(
  input: string,
  convs: ConversationView[],
  contacts: ContactView[],
  hits: MessageHit[],
): SearchResults {
  const chats: ChatResult[] = [];
  for (const c of convs) {
    const ranges = byName(c.displayName, c.peer, input);
    if (ranges) chats.push({ peer: c.peer, kind: c.kind, name: c.displayName, ranges });
  }
  // A contact with a conversation is already under Chats.
  const inChats = new Set(chats.map((c) => c.peer));
  const people: ContactResult[] = [];
  for (const c of contacts) {
    if (inChats.has(c.jid)) continue;
    const ranges = byName(c.displayName, c.jid, input);
    if (ranges) people.push({ jid: c.jid, name: c.displayName, ranges });
  }
  const names = new Map(convs.map((c) => [c.peer, c]));
  const messages = hits.map(({ message: m, ranges }): MessageResult => {
    const conv = names.get(m.peer);
    return {
      id: m.id,
      peer: m.peer,
      kind: conv?.kind ?? 'contact',
      chat: conv?.displayName ?? m.peer,
      at: m.at,
      direction: m.direction,
      text: m.file ? m.file.name : m.body,
      ranges,
    };
  });
  return {
    chats: chats.slice(0, MAX_CHATS),
    contacts: people.slice(0, MAX_CONTACTS),
    messages,
  };
}

/** Messages shown above a found message, so it opens with what led to it. */
const CONTEXT_BEFORE = 15;

/**
 * Where to open a conversation to show a found message: its time, and the time of the message
 * CONTEXT_BEFORE earlier (the window starts there). Null when it is not in that conversation.
 */
export async function messageAnchorQuery(
  peer: string,
  id: string,
): Promise<{ id: string; at: number; from: number } | null> {
  const db = currentDb();
  const m = await db.messages.get(id);
  if (!m || m.peer !== peer) return null;
  const before = await db.messages
    .where('[peer+at]')
    .between([peer, -Infinity], [peer, m.at])
    .reverse()
    .limit(CONTEXT_BEFORE + 1)
    .toArray();
  return { id: m.id, at: m.at, from: before[before.length - 1]?.at ?? m.at };
}
