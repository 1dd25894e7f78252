// Sizes, limits, accounts and names of the side-by-side benchmark, read once from the
// environment (BENCH_* variables, bench/README.md "Knobs").
import path from 'node:path';

export const QUICK = process.env['BENCH_QUICK'] === '1';
export const num = (name: string, quick: number, full: number) =>
  Number(process.env[name] ?? (QUICK ? quick : full));
export const SIZE = {
  contacts: num('BENCH_CONTACTS', 300, 2000),
  history: num('BENCH_HISTORY', 1000, 10000),
  scrollBack: num('BENCH_SCROLL_BACK', 100, 500),
  burst: num('BENCH_BURST', 100, 1000),
  runs: num('BENCH_RUNS', 2, 5),
  latency: num('BENCH_LATENCY_MESSAGES', 50, 200),
  idbRows: 10_000,
};
/** How far back (6c) and (6d) scroll, in messages from the newest: within the history. */
export const DEEP_BACK = [
  num('BENCH_DEEP_BACK_1', 400, 2000),
  num('BENCH_DEEP_BACK_2', 900, 5000),
].map((n) => Math.min(n, SIZE.history - 1)) as [number, number];
/** A Converse.js scenario that takes longer than this is recorded as "did not finish". */
export const LIMIT_S = num('BENCH_LIMIT_S', 60, 60);
/** A Parley scenario that takes longer than this fails the benchmark. */
export const PARLEY_LIMIT_S = num('BENCH_PARLEY_LIMIT_S', 120, 300);
/** Pause between two latency messages (after the previous one showed on B's screen). */
export const LATENCY_GAP_MS = num('BENCH_LATENCY_GAP_MS', 30, 30);
/** Before each scenario, wait (at most this long) until the client is idle: no XMPP traffic and
 * no long task for a second, so one scenario's tail is not charged to the next. */
export const SETTLE_S = num('BENCH_SETTLE_S', 5, 15);
export const COMMAND =
  process.env['BENCH_COMMAND'] ?? 'npx playwright test -c bench/playwright.config.ts compare';
/** For investigating one client: BENCH_CLIENTS=parley (or converse) runs only that one. */
export const CLIENTS = (process.env['BENCH_CLIENTS'] ?? 'parley,converse').split(',');
/** BENCH_ONLY=latency: only the send latency (7) and its floors, no warm-up or rounds before it. */
export const ONLY_LATENCY = process.env['BENCH_ONLY'] === 'latency';
/** BENCH_ONLY=all: only the "everything at once" rounds (the benchmark's first form) and the
 * latency, for a before-and-after beside a tree from before the fair rows. */
export const ONLY_ALL_AT_ONCE = process.env['BENCH_ONLY'] === 'all';
/** A run with sizes or clients changed by hand does not overwrite the standard results. */
export const CUSTOM = Object.keys(process.env).some(
  (k) =>
    k.startsWith('BENCH_') && k !== 'BENCH_QUICK' && k !== 'BENCH_COMMAND' && k !== 'BENCH_DUMP',
);
export const RESULTS_FILE = path.join(
  'bench',
  CUSTOM ? 'RESULTS-custom.md' : QUICK ? 'RESULTS-quick.md' : 'RESULTS.md',
);
export const PROFILE = new Set((process.env['BENCH_PROFILE'] ?? '').split(',').filter(Boolean));

export const DOMAIN = 'localhost';
export const USER = 'bench';
export const PASSWORD = 'bench-pass-1';
export const BOT = 'contact0000'; // a roster contact with a real account: the history and the bursts
export const BOT_NAME = 'Contact 0000';
export const BOT_JID = `${BOT}@${DOMAIN}`;
export const USER_JID = `${USER}@${DOMAIN}`;
export const pad = (n: number, w: number) => String(n).padStart(w, '0');
export const contactName = (i: number) => `Contact ${pad(i, 4)}`;
export const historyText = (i: number) => `History message ${pad(i, 5)}`;
export const burstText = (i: number) => `Burst message ${pad(i, 4)}`;

/** A signed-in person of the benchmark: whose roster, of what size. */
export interface Account {
  user: string;
  jid: string;
  password: string;
  /** Roster size: contacts `Contact 0000` … in groups of 200, sorted by group, then name. */
  contacts: number;
}
/** Today's account: the big roster and the big conversation. */
export const BIG = {
  user: USER,
  jid: USER_JID,
  password: PASSWORD,
  contacts: SIZE.contacts,
} satisfies Account;
/** The account of the fair rows (history, scroll-back, burst, warm reload, heap): the same big
 * conversation with the bot, and a small roster, so that no client's roster work is charged to
 * them. Its contacts are the first of the big roster's (`Contact 0000` is the bot). */
export const SMALL = {
  user: 'talk',
  jid: `talk@${DOMAIN}`,
  password: 'talk-pass-1',
  contacts: Math.max(1, Math.min(num('BENCH_SMALL_ROSTER', 50, 50), SIZE.contacts)),
} satisfies Account;
export const CONTACT_NAME_RE = '^Contact \\d{4}$';
