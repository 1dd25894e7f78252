// The scale tier's sizes (issue 18, "At ten times the size"), each a BENCH_SCALE_* variable so a
// development run can be small; names and the results file. See bench/README.md "Scale tier".
import path from 'node:path';
import type { Account } from '../compare/config';

const num = (name: string, full: number) => Number(process.env[name] ?? full);

export const SCALE = {
  contacts: num('BENCH_SCALE_CONTACTS', 5000),
  /** One-to-one conversations, each with one of the first contacts. */
  conversations: num('BENCH_SCALE_CONVERSATIONS', 500),
  /** Of them, how many have their newest message in the last 30 days (the rest are older). */
  recent: num('BENCH_SCALE_RECENT', 400),
  messages: num('BENCH_SCALE_MESSAGES', 100_000),
  /** Days the archive covers: a year, so about a twelfth of it is from the last 30 days. */
  days: num('BENCH_SCALE_DAYS', 365),
  /** Messages of the biggest conversation (with Contact 0000), among `messages`. */
  biggest: num('BENCH_SCALE_BIGGEST', 20_000),
  /** Every n-th archived message is a shared file (XEP-0066 URL, body = URL). */
  attachEvery: num('BENCH_SCALE_ATTACH_EVERY', 25),
  rooms: num('BENCH_SCALE_ROOMS', 20),
  /** Occupants of the biggest room besides the account (anonymous sessions, bench/lib/crowd). */
  occupants: num('BENCH_SCALE_OCCUPANTS', 1000),
  /** Conversations opened in turn in the switching row. */
  switches: num('BENCH_SCALE_SWITCHES', 10),
  runs: num('BENCH_SCALE_RUNS', 2),
};

/** Sizes changed by hand: the results go to a file that is not committed. */
export const SCALE_CUSTOM = Object.keys(process.env).some((k) => k.startsWith('BENCH_SCALE_'));
export const SCALE_RESULTS_FILE = path.join(
  'bench',
  SCALE_CUSTOM ? 'RESULTS-scale-custom.md' : 'RESULTS-scale.md',
);

/** The account that has it all: the roster, the conversations, the rooms. */
export const SCALE_ACCOUNT = {
  user: 'bench',
  jid: 'bench@localhost',
  password: 'bench-pass-1',
  contacts: SCALE.contacts,
} satisfies Account;

export const CROWD_ROOM = 'crowd@conference.localhost';
export const ANON_HOST = 'anon.localhost';
