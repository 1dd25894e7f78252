// The soak's people and their traffic: contacts in the reader's roster, each a live bot; rooms
// the reader made, each with some of the bots in it; and a steady stream of messages spread
// over every conversation, sent on a clock and never awaited one by one.
import { join } from 'node:path';
import { xml } from '@xmpp/client';
import type { Element } from '@xmpp/xml';
import { type Bot, chatStanza, joinRoomAs } from '../../test-support/bot';
import { writeRoster } from '../../test-support/seed.mjs';
import type { World } from '../../test-support/world';
import { corpus } from '../search/corpus';

export interface Contact {
  user: string;
  jid: string;
  /** Its name in the reader's roster, and so in the chat list. */
  name: string;
  bot: Bot;
}

/** One conversation of the reader's: a contact's chat or a room. */
export interface Target {
  kind: 'chat' | 'room';
  name: string;
  /** Who sends into it: the contact, or the room's members in turn. */
  senders: Bot[];
  /** Where the stanza goes: the reader, or the room. */
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, fn: (x: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

/**
 * `count` contacts, registered, in the reader's roster (and the reader in theirs, both ways, as
 * in the side-by-side bench's seed: written in Prosody's own roster files before anyone signs
 * in), each online as a bot.
 */
export async function makeContacts(
  world: World,
  reader: string,
  password: string,
  count: number,
): Promise<Contact[]> {
  const users = Array.from({ length: count }, (_, i) => `soak${pad(i + 1)}`);
  await inBatches(users, 4, (u) => world.register(u, password));
  const dataPath = join(world.server.dataDir, 'data');
  const readerUser = reader.split('@')[0] ?? reader;
  const named = users.map((user, i) => ({
    user,
    jid: `${user}@${world.domain}`,
    name: `Contact ${pad(i + 1)}`,
  }));
  writeRoster(
    dataPath,
    world.domain,
    readerUser,
    named.map((c) => ({ jid: c.jid, name: c.name, groups: ['Soak'] })),
  );
  for (const c of named)
    writeRoster(dataPath, world.domain, c.user, [{ jid: reader, name: 'Reader' }]);
  const bots = await inBatches(named, 10, (c) => world.bot(c.user, password));
  return named.map((c, i) => ({ ...c, bot: bots[i] as Bot }));
}

/** The bot joins `room` as `nick`; resolves with its own presence back (status 110). */
export async function joinRoom(bot: Bot, room: string, nick: string): Promise<void> {
  await joinRoomAs(bot, room, nick, 20_000);
}

/** Message `i`'s origin-id (and stanza id): how the page's frames and its database are matched. */
export const soakId = (i: number) => `soak-${i}`;

function stanzaFor(t: Target, i: number): Element {
  const id = soakId(i);
  const body = corpus(i, 1)[0]?.body ?? `message ${i}`;
  if (t.kind === 'chat') return chatStanza(t.to, body, id);
  return xml(
    'message',
    { type: 'groupchat', to: t.to, id },
    xml('body', {}, body),
    xml('origin-id', { xmlns: 'urn:xmpp:sid:0', id }),
  );
}

export interface SendResult {
  sent: number;
  /** Latest a message went out after its due time (ms): the sender keeping up, or not. */
  maxLateMs: number;
  errors: string[];
}

/**
 * `total` messages over `seconds`, message i due at t0 + i × seconds / total, into
 * targets[i mod targets.length], from that target's senders in turn. Sends are written without
 * waiting for anything; `shouldStop` ends it early.
 */
export async function sendSteadily(
  targets: Target[],
  total: number,
  seconds: number,
  t0: number,
  shouldStop: () => boolean,
): Promise<SendResult> {
  const gap = (seconds * 1000) / total;
  const errors: string[] = [];
  let maxLateMs = 0;
  let i = 0;
  while (i < total && !shouldStop()) {
    const now = Date.now();
    for (; i < total && t0 + i * gap <= now; i++) {
      maxLateMs = Math.max(maxLateMs, now - (t0 + i * gap));
      const t = targets[i % targets.length] as Target;
      const bot = t.senders[Math.floor(i / targets.length) % t.senders.length] as Bot;
      bot.xmpp.send(stanzaFor(t, i)).catch((e: Error) => errors.push(`${i}: ${e.message}`));
    }
    const next = t0 + i * gap - Date.now();
    await new Promise((r) => setTimeout(r, Math.max(5, Math.min(next, 100))));
  }
  return { sent: i, maxLateMs, errors };
}
