// Archived one-to-one messages for the replay server, generated the same every run: N people
// each send M messages to one reader, interleaved as if they wrote at once, mixed Chinese and
// English, shaped like the messages test-support/bot.ts sends (origin-id, receipt request,
// markable, active) so that Parley does the work it does for Prosody's archive.
import type { ArchiveItem } from './archive';

const ENGLISH = [
  'Are we still on for the review tomorrow morning?',
  'I pushed the fix; the build should be green in a few minutes.',
  'Lunch at the noodle place on the corner?',
  'The report is in the shared folder, page 12 has the numbers.',
  'Can you send me the slides before the call?',
  'Thanks, that works for me.',
];
const CHINESE = [
  '明天上午的评审会还照常进行吗？',
  '我已经提交了修复，几分钟后构建应该就通过了。',
  '中午去街角那家面馆吃饭怎么样？',
  '报告放在共享文件夹里，第十二页有数据。',
  '开会之前能把幻灯片发给我吗？',
  '谢谢，我这边没问题。',
];

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/'/g, '&apos;')
    .replace(/"/g, '&quot;');
}

/** The body of message k (from 1) of sender i: its last words name both, for checks. */
export function bodyOf(i: number, k: number): string {
  const n = i * 7 + k;
  const text = k % 2 === 0 ? CHINESE[n % CHINESE.length] : ENGLISH[n % ENGLISH.length];
  return `${text} (sender${i} #${k})`;
}

/** A deterministic id shaped like Prosody's archive ids (a UUID). */
function uuidOf(kind: number, n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0000${kind.toString(16).padStart(4, '0')}-0000-4000-8000-${hex}`;
}

export interface CorpusOptions {
  reader: string; // bare JID
  domain: string;
  senders: number;
  perSender: number;
  /** Time of the first message (ms since the epoch); one message every `gapMs` after it. */
  from: number;
  gapMs?: number;
  /** Numbers the ids, so two corpora in one archive never share one; default 1. */
  batch?: number;
  /** Sender numbers start here (sender0, sender1, …); default 0. */
  firstSender?: number;
  /** Message k (from 1) of sender i; default bodyOf. */
  body?: (i: number, k: number) => string;
}

/** Sender i's bare JID. */
export const senderJid = (i: number, domain: string) => `sender${i}@${domain}`;

/** The messages, oldest first: round after round, one from each sender. */
export function buildCorpus(o: CorpusOptions): ArchiveItem[] {
  const { gapMs = 10, batch = 1, firstSender = 0, body = bodyOf } = o;
  const items: ArchiveItem[] = [];
  for (let k = 1; k <= o.perSender; k++) {
    for (let s = 0; s < o.senders; s++) {
      const i = firstSender + s;
      const n = items.length;
      const peer = senderJid(i, o.domain);
      const id = uuidOf(batch, n + 1);
      const msgId = uuidOf(batch + 0x8000, n + 1);
      const xml =
        `<message xmlns='jabber:client' type='chat' to='${o.reader}' from='${peer}/bot-${i}' id='${msgId}'>` +
        `<body>${escapeXml(body(i, k))}</body>` +
        `<origin-id xmlns='urn:xmpp:sid:0' id='${msgId}'/>` +
        `<request xmlns='urn:xmpp:receipts'/>` +
        `<markable xmlns='urn:xmpp:chat-markers:0'/>` +
        `<active xmlns='http://jabber.org/protocol/chatstates'/>` +
        `</message>`;
      items.push({ id, stamp: o.from + n * gapMs, peer, xml });
    }
  }
  return items;
}
