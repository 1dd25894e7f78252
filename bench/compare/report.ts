// RESULTS.md: the header (date, machine, browser, commit, command, sizes), the table, every
// counted run and the evidence; written as the project's formatter would write it.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { CHROMIUM_PATH } from '../../dev/chromium.mjs';
import { sh } from '../lib/sh';
import { COMMAND, LIMIT_S, PARLEY_LIMIT_S, QUICK, RESULTS_FILE, SIZE, SMALL } from './config';
import { type EntryPoints, entryTable } from './entryPoints';
import { ALL, FAIR } from './plans';
import type { Store } from './results';
import { buildTable, rawRuns, stuckNotes } from './table';

export interface ReportInput {
  store: Store;
  /** Bytes per entry point; null when Parley's scenarios did not run. */
  entry: EntryPoints | null;
  browserVersion: string;
  startedAt: number;
  failure: unknown;
}

export function writeReport({ store, entry, browserVersion, startedAt, failure }: ReportInput) {
  const fair = buildTable(store, FAIR, true);
  const all = buildTable(store, ALL, false);
  const markdown = fair.markdown;
  const misses = [...fair.misses, ...all.misses.map((m) => `everything at once: ${m}`)];
  const stuckFair = stuckNotes(store, FAIR);
  const stuckAll = stuckNotes(store, ALL);
  const header = [
    `# Benchmark results: Parley and Converse.js side by side${QUICK ? ' (quick mode)' : ''}`,
    '',
    ...environmentLines(browserVersion),
    `- Command: \`${COMMAND}\``,
    `- Sizes: roster ${SIZE.contacts} (small roster ${SMALL.contacts}), history ${SIZE.history}, scroll back ${SIZE.scrollBack}, burst ${SIZE.burst}; 1 warm-up + ${SIZE.runs} counted runs per client, alternating; Converse.js limit ${LIMIT_S} s per scenario (Parley: ${PARLEY_LIMIT_S} s, then the benchmark fails)`,
    `- Wall time: ${((Date.now() - startedAt) / 60_000).toFixed(1)} min${failure ? `; FAILED: ${String((failure as Error).message ?? failure).split('\n')[0]}` : ''}`,
  ].join('\n');
  const body = [
    header,
    '',
    `Each scenario on its own account and its own state: rows 1a, 1b and 2 on the account with the ${SIZE.contacts.toLocaleString('en')}-contact roster; rows 3 to 6 on an account with a ${SMALL.contacts}-contact roster and the same conversation, each in a fresh browser context against freshly restored data (the steps before the measured one are done, not counted).`,
    '',
    markdown,
    '',
    'Ratios are Parley median / Converse.js median. What each row measures, and how: bench/README.md.',
    ...(stuckFair ? ['', '### Could not finish', '', stuckFair] : []),
    misses.length
      ? `\nParley misses: ${misses.join('; ')}.`
      : '\nParley meets every target in this run.',
    '',
    ...(entry
      ? [
          '## Bytes per entry point (Parley)',
          '',
          "Bytes (kB = 1,000 bytes) as the bench's servers send them: text files gzip-compressed (level 9), pictures as they are. The widget runs on the demo shop against its own Prosody with guest sign-up (`bench/lib/widget.mjs`, also `node bench/widget.mjs`); the precache total is every file in the service worker's manifest plus the worker (`bench/lib/precache.mjs`).",
          '',
          entryTable(entry, store, FAIR),
          '',
        ]
      : []),
    '## Everything at once',
    '',
    `One account with the ${SIZE.contacts.toLocaleString('en')}-contact roster and the conversation, every scenario in sequence in one browser context (the benchmark's first form): a client that does not finish one scenario has no figure for the later ones.`,
    '',
    all.markdown,
    ...(stuckAll ? ['', '### Could not finish', '', stuckAll] : []),
    '',
    '## Every counted run',
    '',
    rawRuns(store, FAIR),
    '',
    'Everything at once:',
    '',
    rawRuns(store, ALL),
    '',
    '## Evidence',
    '',
    store.evidence.map((e) => (e.startsWith('CPU') ? e : `- ${e}`)).join('\n'),
    '',
  ].join('\n');
  writeResults(RESULTS_FILE, body);
  console.log(
    `\n${header}\n\n${markdown}\n\nEverything at once:\n\n${all.markdown}\n${misses.length ? `\nParley misses: ${misses.join('; ')}.` : ''}\nWritten to ${RESULTS_FILE}\n`,
  );
}

/** Date, machine, browser, server and both clients' versions: the head of every results file. */
export function environmentLines(browserVersion: string): string[] {
  const converseVersion = JSON.parse(
    readFileSync('node_modules/converse.js/package.json', 'utf8'),
  ).version;
  const head = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'index.html', 'vite.config.ts']);
  const cpus = os.cpus();
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}; other work may have been running`,
    `- Browser: Chromium ${browserVersion} (headless, ${CHROMIUM_PATH}), viewport 1280×800`,
    `- Server: Prosody ${sh('dpkg-query', ['-W', `-f=${'$'}{Version}`, 'prosody'])}, archive in SQLite, on loopback`,
    `- Parley: production build (vite build) of ${head}${dirty && dirty !== 'unknown' ? ' with uncommitted changes in src/' : ''}; Converse.js ${converseVersion} (npm package dist/, fullscreen)`,
  ];
}

/** Writes a results file as the project's formatter would (the lint formats Markdown too). */
export function writeResults(file: string, body: string) {
  writeFileSync(file, body);
  sh('npx', ['biome', 'format', '--write', file]);
}
