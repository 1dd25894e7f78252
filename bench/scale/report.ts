// RESULTS-scale.md: the head (as the side-by-side results), the sizes and the seeding's times,
// the table, what could not finish, every counted run and the evidence.
import { COMMAND, LIMIT_S, PARLEY_LIMIT_S } from '../compare/config';
import { environmentLines, writeResults } from '../compare/report';
import type { Store } from '../compare/results';
import { buildTable, rawRuns, stuckNotes } from '../compare/table';
import { SCALE, SCALE_RESULTS_FILE } from './config';
import { SCALE_GROUP, SCALE_ROWS } from './plans';

export interface ScaleReportInput {
  store: Store;
  browserVersion: string;
  startedAt: number;
  failure: unknown;
  seeding: string[];
  counts: number[];
  files: number;
  recentMessages: number;
}

export function writeScaleReport(r: ScaleReportInput) {
  const table = buildTable(r.store, SCALE_GROUP, false, SCALE_ROWS);
  const stuck = stuckNotes(r.store, SCALE_GROUP);
  const n = (v: number) => v.toLocaleString('en');
  const header = [
    '# Benchmark results: the scale tier, Parley and Converse.js side by side',
    '',
    ...environmentLines(r.browserVersion),
    `- Command: \`${COMMAND}\``,
    `- Sizes: ${n(SCALE.contacts)} contacts; ${n(SCALE.conversations)} conversations (${n(SCALE.recent)} in the last 30 days); ${n(SCALE.messages)} archived messages over ${SCALE.days} days (${n(r.recentMessages)} of them in the last 30), mixed Chinese and English, ${n(r.files)} shared files among them; the biggest conversation ${n(r.counts[0] ?? 0)} messages; ${SCALE.rooms} rooms, one with ${n(SCALE.occupants)} other occupants; ${SCALE.switches} conversations switched between`,
    `- Runs: 1 warm-up + ${SCALE.runs} counted rounds, each round both plans once per client, Parley first; Converse.js limit ${LIMIT_S} s per step (Parley: ${PARLEY_LIMIT_S} s, then the benchmark fails); the server is not restored between runs (a restart would drop the crowd)`,
    `- Seeding: ${r.seeding.join('; ')}`,
    `- Wall time: ${((Date.now() - r.startedAt) / 60_000).toFixed(1)} min${r.failure ? `; FAILED: ${String((r.failure as Error).message ?? r.failure).split('\n')[0]}` : ''}`,
  ].join('\n');
  const body = [
    header,
    '',
    table.markdown,
    '',
    'Ratios are Parley median / Converse.js median. What each row measures, from where to where: bench/README.md "Scale tier".',
    ...(stuck ? ['', '### Could not finish', '', stuck] : []),
    table.misses.length
      ? `\nParley misses: ${table.misses.join('; ')}.`
      : '\nParley misses no target it could be judged on in this run.',
    '',
    '## Every counted run',
    '',
    rawRuns(r.store, SCALE_GROUP, SCALE_ROWS),
    '',
    '## Evidence',
    '',
    r.store.evidence.map((e) => (e.startsWith('CPU') ? e : `- ${e}`)).join('\n'),
    '',
  ].join('\n');
  writeResults(SCALE_RESULTS_FILE, body);
  console.log(`\n${header}\n\n${table.markdown}\n\nWritten to ${SCALE_RESULTS_FILE}\n`);
}
