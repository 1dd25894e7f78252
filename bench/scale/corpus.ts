// The scale tier's data, the same every run for the same sizes and clock: which conversation
// each archived message belongs to and when, which are shared files, and what the screen
// must show (the chat list's order, each conversation's newest text). Pure: the seeding
// (server.ts) writes it in Prosody's formats, the scenarios check the screen against it.
import type { ArchivedChat } from '../../test-support/seed.mjs';
import { contactName, DOMAIN, pad } from '../compare/config';
import { mixedTextAt } from '../search/corpus';

const DAY = 24 * 3600;

export interface ScaleSizes {
  conversations: number;
  recent: number;
  messages: number;
  biggest: number;
  attachEvery: number;
  /** Days the archive covers (the oldest message is this many days old). */
  days: number;
}

export interface ScaleCorpus {
  /** Every archived message, oldest first (`messages` of them). */
  items: ArchivedChat[];
  /** The names the chat list shows for the last 30 days' conversations, newest first. */
  recentNames: string[];
  /** Messages per conversation (index = conversation = contact number). */
  counts: number[];
  /** How many items are shared files. */
  files: number;
  /** How many items are from the last 30 days (what a new browser's scan reads through). */
  recentMessages: number;
}

export const peerJid = (i: number) => `contact${pad(i, 4)}@${DOMAIN}`;
/** The newest message of conversation i: text, never a file, and unique. */
export const newestText = (i: number) => `${mixedTextAt(1_000_000 + i)} — ${contactName(i)}`;

/**
 * Conversation i's newest message, seconds since 1970: the `recent` ones between an hour and
 * 27 days ago (0 newest), the others from 32 days ago to a day after the archive's start,
 * well clear of the 30-day line however long the run takes.
 */
export function endOf(s: ScaleSizes, now: number, i: number): number {
  if (i < s.recent) return now - 3600 - Math.floor((i * 27 * DAY) / s.recent);
  const older = Math.max(1, s.conversations - s.recent);
  const span = Math.max(0, s.days - 33) * DAY;
  return now - 32 * DAY - Math.floor(((i - s.recent) * span) / older);
}

/**
 * `messages` archived messages over `days` days. Each conversation's last message is at its end
 * (endOf); the others are spread evenly in time, every one going to a conversation still
 * active then: conversation 0 (the biggest) gets `biggest - 1` of them spread evenly, the
 * rest go round the others that are active. A third are the account's own; every
 * `attachEvery`-th is a shared file.
 */
export function scaleCorpus(
  s: ScaleSizes,
  now: number,
  fileUrl: (k: number) => string,
): ScaleCorpus {
  const { conversations: C, messages: M } = s;
  if (s.recent > C || C > M || s.biggest > M - C + 1 || s.days < 34)
    throw new RangeError('scale corpus: sizes do not fit');
  const me = 'bench@localhost/web';
  const counts = Array<number>(C).fill(1);
  const items: ArchivedChat[] = [];
  const start = now - s.days * DAY;
  const n = M - C; // messages before each conversation's last
  const bigShare = s.biggest - 1;
  let active = C; // conversations 0..active-1 are active (their end is not before `when`)
  let others = 0;
  let files = 0;
  const message = (k: number, i: number, when: number, body: string, id: string) => {
    const jid = peerJid(i);
    const ours = k % 3 === 0;
    const file =
      s.attachEvery > 0 && k % s.attachEvery === s.attachEvery - 1 && !id.startsWith('last');
    const url = fileUrl(k);
    if (file) files++;
    items.push({
      from: ours ? me : `${jid}/phone`,
      to: ours ? jid : me,
      with: jid,
      body: file ? url : body,
      ...(file ? { oob: url } : {}),
      id,
      when,
    });
  };
  // Conversations in the order of their ends, oldest first (endOf falls as i grows).
  const last = Array.from({ length: C }, (_, i) => C - 1 - i);
  let nextLast = 0;
  for (let k = 0; k < n; k++) {
    const when = start + Math.floor((k * (now - 3600 - start)) / n);
    // Conversations that ended before `when` get their last message first, in time order.
    while (nextLast < C && endOf(s, now, last[nextLast] as number) <= when) {
      const i = last[nextLast++] as number;
      message(M + i, i, endOf(s, now, i), newestText(i), `last${i}`);
    }
    // Strictly before its end: no message shares the second of a conversation's last.
    while (active > 1 && endOf(s, now, active - 1) <= when) active--;
    const toBiggest = Math.floor(((k + 1) * bigShare) / n) > Math.floor((k * bigShare) / n);
    const i = toBiggest || active === 1 ? 0 : 1 + (others++ % (active - 1));
    counts[i] = (counts[i] ?? 0) + 1;
    message(k, i, when, `${mixedTextAt(k)} (${k})`, `s${k}`);
  }
  while (nextLast < C) {
    const i = last[nextLast++] as number;
    message(M + i, i, endOf(s, now, i), newestText(i), `last${i}`);
  }
  const recentNames = Array.from({ length: s.recent }, (_, i) => contactName(i));
  const recentMessages = items.filter((m) => m.when > now - 30 * DAY).length;
  return { items, recentNames, counts, files, recentMessages };
}
