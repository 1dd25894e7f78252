// The results table: one row per scenario, Parley and Converse.js side by side, the ratio of
// their medians and the verdict against the target (bench/README.md "Targets and verdicts").
import { DEEP_BACK, LIMIT_S, SIZE } from './config';
import { median, type Sample, type Scenario, type Store } from './results';

export interface Row {
  scenario: string;
  unit: string;
  key: Scenario;
  target: string;
  /** true/false for a verdict; ratio targets are checked against the ratio. */
  ratioTarget?: number;
  absoluteMax?: number;
  digits: number;
  /** Converse.js cannot do this work at all: why, shown in its column instead of a figure. */
  converseCannot?: string;
}

export const ROWS: Row[] = [
  {
    key: 'bytesSignIn',
    scenario: '1a. Bytes (gzip) until the sign-in screen shows',
    unit: 'kB',
    target: '≤ 0.3×',
    ratioTarget: 0.3,
    digits: 1,
  },
  {
    key: 'bytesMain',
    scenario: '1b. Bytes (gzip) until the signed-in main screen shows',
    unit: 'kB',
    target: '≤ 0.3×',
    ratioTarget: 0.3,
    digits: 1,
  },
  {
    key: 'roster',
    scenario: `2. Cold sign-in until the ${SIZE.contacts.toLocaleString('en')}-contact roster is shown`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'openNewest',
    scenario: `3a. Open the ${SIZE.history.toLocaleString('en')}-message conversation until the newest is visible`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'scrollBack',
    scenario: `3b. Scroll back ${SIZE.scrollBack} messages`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'burst',
    scenario: `4a. Burst of ${SIZE.burst.toLocaleString('en')} incoming messages until the last is visible`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'burstLongTask',
    scenario: '4b. Longest main-thread task during the burst (0 = none over 50 ms)',
    unit: 'ms',
    target: 'every run ≤ 50 ms',
    absoluteMax: 50,
    digits: 0,
  },
  {
    key: 'warmReload',
    scenario: '5. Warm reload until the conversation list is painted',
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'heapAfter3',
    scenario: '6a. JS heap after 3 (after GC)',
    unit: 'MiB',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 1,
  },
  {
    key: 'heapAfter4',
    scenario: '6b. JS heap after 4 (after GC)',
    unit: 'MiB',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 1,
  },
  {
    key: 'deepBack1',
    scenario: `6c. From 3, scroll back to ${DEEP_BACK[0].toLocaleString('en')} messages before the newest`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'heapBack1',
    scenario: `6c. JS heap there (after GC)`,
    unit: 'MiB',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 1,
  },
  {
    key: 'deepBack2',
    scenario: `6d. On, to ${DEEP_BACK[1].toLocaleString('en')} messages before the newest`,
    unit: 'ms',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 0,
  },
  {
    key: 'heapBack2',
    scenario: `6d. JS heap there (after GC)`,
    unit: 'MiB',
    target: '≤ 0.5×',
    ratioTarget: 0.5,
    digits: 1,
  },
];

function summarize(samples: Sample[], unitScale: number, digits: number) {
  const values = samples.flatMap((s) => ('value' in s ? [s.value * unitScale] : []));
  const dnf = samples.filter((s) => 'dnf' in s).length;
  const skipped = samples.filter((s) => 'skipped' in s).length;
  const why = [...new Set(samples.flatMap((s) => ('skipped' in s ? [s.skipped] : [])))].join('; ');
  // A run that did not finish counts as slower than any that did.
  const all = [...values, ...Array<number>(dnf).fill(Number.POSITIVE_INFINITY)];
  const med = all.length ? median(all) : Number.NaN;
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(digits) : '∞');
  let text: string;
  if (!all.length) text = skipped ? `not run in ${skipped}/${samples.length} runs: ${why}` : '—';
  else if (!values.length)
    text = `did not finish (limit ${LIMIT_S} s) in ${dnf}/${samples.length} runs`;
  else {
    const min = Math.min(...values);
    const max = Math.max(...values);
    text = `${Number.isFinite(med) ? f(med) : `> ${LIMIT_S} s`} [${f(min)}–${dnf ? '∞' : f(max)}]`;
    if (dnf) text += `, did not finish (limit ${LIMIT_S} s) in ${dnf}/${samples.length} runs`;
    if (skipped) text += `, not run in ${skipped} (${why})`;
  }
  return { med, values, dnf, text };
}

/** The table of one group of runs; `parleyAlone` adds send latency and the floors (7). */
export function buildTable(
  store: Store,
  group: string,
  parleyAlone: boolean,
  rows: readonly Row[] = ROWS,
): { markdown: string; misses: string[] } {
  const results = store.series(group);
  const lines = [
    '| scenario | Parley median [min–max] | Converse.js median [min–max] | ratio | target | verdict |',
    '|---|---|---|---|---|---|',
  ];
  const misses: string[] = [];
  for (const row of rows) {
    const scale = row.unit === 'kB' ? 1 / 1000 : 1;
    const p = summarize(results.parley[row.key], scale, row.digits);
    const c = row.converseCannot
      ? { med: Number.NaN, values: [], dnf: 0, text: `could not: ${row.converseCannot}` }
      : summarize(results.converse[row.key], scale, row.digits);
    let ratio = '—';
    let verdict = '—';
    const limitInUnit = row.unit === 'ms' ? LIMIT_S * 1000 : Number.NaN;
    if (Number.isFinite(p.med) && Number.isFinite(c.med) && c.med > 0) {
      ratio = (p.med / c.med).toFixed(3);
      if (row.ratioTarget !== undefined)
        verdict = p.med / c.med <= row.ratioTarget ? 'pass' : 'MISS';
    } else if (
      Number.isFinite(p.med) &&
      c.med === Number.POSITIVE_INFINITY &&
      Number.isFinite(limitInUnit)
    ) {
      // Converse.js did not finish: the ratio is at most Parley / limit.
      const bound = p.med / limitInUnit;
      ratio = `< ${bound.toFixed(3)}`;
      if (row.ratioTarget !== undefined) verdict = bound <= row.ratioTarget ? 'pass' : 'unknown';
    }
    if (row.converseCannot) verdict = 'not judged: no Converse.js figure';
    if (row.absoluteMax !== undefined && p.values.length) {
      verdict = Math.max(...p.values) <= row.absoluteMax ? 'pass' : 'MISS';
    }
    if (verdict === 'MISS') misses.push(row.scenario);
    lines.push(
      `| ${row.scenario} (${row.unit}) | ${p.text} | ${c.text} | ${ratio} | ${row.target} | ${verdict} |`,
    );
  }
  const f1 = (v: number) => v.toFixed(1);
  if (!parleyAlone) return { markdown: lines.join('\n'), misses };
  if (store.latency) {
    const l = store.latency;
    const ok = l.p50 < 20;
    if (!ok) misses.push('7. Send latency p50');
    lines.push(
      `| 7a. Send latency, A's Send to B's screen, p50 (ms, ${l.n} messages) | ${f1(l.p50)} [${f1(l.min)}–${f1(l.max)}] | (Parley alone) | — | < 20 ms | ${ok ? 'pass' : 'MISS'} |`,
      `| 7b. Send latency p95 (ms) | ${f1(l.p95)} | (Parley alone) | — | — | — |`,
    );
  }
  if (store.wsFloor) {
    const w = store.wsFloor;
    lines.push(
      `| 7c. Floor: bare WebSocket XMPP ping round trip, p50 / p95 (ms, ${w.n} pings) | ${f1(w.p50)} / ${f1(w.p95)} [${f1(w.min)}–${f1(w.max)}] | — | — | floor | — |`,
    );
  }
  if (store.idbFloor.length) {
    const idbFloor = store.idbFloor;
    lines.push(
      `| 7d. Floor: bare IndexedDB bulk write of ${SIZE.idbRows.toLocaleString('en')} rows (ms, ${idbFloor.length} writes) | ${f1(median(idbFloor))} [${f1(Math.min(...idbFloor))}–${f1(Math.max(...idbFloor))}] | — | — | floor | — |`,
    );
  }
  if (store.idbTxFloor) {
    const t = store.idbTxFloor;
    lines.push(
      `| 7e. Floor: one small IndexedDB readwrite transaction, p50 / p95 (ms, ${t.n} transactions) | ${f1(t.p50)} / ${f1(t.p95)} [${f1(t.min)}–${f1(t.max)}] | — | — | floor | — |`,
    );
  }
  return { markdown: lines.join('\n'), misses };
}

export function rawRuns(store: Store, group: string, rows: readonly Row[] = ROWS): string {
  const results = store.series(group);
  const out: string[] = ['| scenario | Parley runs | Converse.js runs |', '|---|---|---|'];
  const fmt = (s: Sample, scale: number) =>
    'value' in s
      ? (s.value * scale).toFixed(scale === 1 ? 0 : 1)
      : 'dnf' in s
        ? `dnf(${s.dnf}s)`
        : 'not run';
  for (const row of rows) {
    const scale = row.unit === 'kB' ? 1 / 1000 : 1;
    const p = results.parley[row.key].map((s) => fmt(s, scale)).join(', ');
    const c = results.converse[row.key].map((s) => fmt(s, scale)).join(', ');
    out.push(`| ${row.key} (${row.unit}) | ${p} | ${c} |`);
  }
  return out.join('\n');
}

/** Where Converse.js (or Parley, before it fails the run) could not finish: the step, in how
 * many runs, and what the page was busy with in the 3 s after the limit (first such run). */
export function stuckNotes(store: Store, group: string): string {
  const out: string[] = [];
  const seen = new Map<string, number>();
  for (const s of store.stuck.filter((x) => x.group === group))
    seen.set(
      `${s.client} ${s.plan} ${s.step}`,
      (seen.get(`${s.client} ${s.plan} ${s.step}`) ?? 0) + 1,
    );
  const shown = new Set<string>();
  for (const s of store.stuck.filter((x) => x.group === group)) {
    const k = `${s.client} ${s.plan} ${s.step}`;
    if (shown.has(k)) continue;
    shown.add(k);
    const who = s.client === 'parley' ? 'Parley' : 'Converse.js';
    out.push(
      `- ${who}, ${s.plan} runs: ${s.step} did not finish within ${LIMIT_S} s in ${seen.get(k)} run(s). What it was doing (run ${s.run}; CPU self time in the 3 s after the limit):\n\n  \`\`\`\n${s.profile
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}\n  \`\`\``,
    );
  }
  return out.join('\n');
}
