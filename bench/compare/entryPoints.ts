// Bytes per entry point (Parley alone): the sign-in and main screens from rows 1a and 1b, the
// support widget's loader and first open, and what the service worker precaches.
import { precacheBytes } from '../lib/precache.mjs';
import { measureWidget, type WidgetFigures } from '../lib/widget.mjs';
import { median, type Sample, type Store } from './results';

export interface EntryPoints {
  widget: WidgetFigures;
  precache: { files: number; bytes: number };
}

export async function measureEntryPoints(dist: string, runs: number): Promise<EntryPoints> {
  return { widget: await measureWidget({ dist, runs }), precache: precacheBytes(dist) };
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const medianOf = (samples: Sample[]) => {
  const values = samples.flatMap((s) => ('value' in s ? [s.value] : []));
  return values.length ? kB(median(values)) : '—';
};

/** The section's Markdown table; `group` is the plan whose rows 1a and 1b are quoted. */
export function entryTable(e: EntryPoints, store: Store, group: string): string {
  const parley = store.series(group).parley;
  const rows = [
    ['the sign-in screen (row 1a, median)', medianOf(parley.bytesSignIn), '≤ 0.3× Converse.js'],
    [
      'the signed-in main screen (row 1b, median)',
      medianOf(parley.bytesMain),
      '≤ 0.3× Converse.js',
    ],
    ['support widget: the loader (`widget.js`)', kB(e.widget.loader), '8 KB'],
    [
      `support widget: first open, launcher click until the panel is connected, first visit (${e.widget.files.length} files)`,
      kB(e.widget.firstOpen),
      '80 KB',
    ],
    [
      `service worker: precached on a first visit (${e.precache.files} files and \`sw.js\`)`,
      kB(e.precache.bytes),
      '—',
    ],
  ];
  const usable = median(e.widget.usable);
  return [
    '| entry point | sent (kB) | budget |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `The widget's files on first open: ${e.widget.files.map((f) => `\`${f.path}\` ${kB(f.bytes)}`).join(', ')}. A returning shopper (warm cache): launcher click until the message box has focus, median ${usable} ms of ${e.widget.usable.length} (${e.widget.usable.join(', ')} ms).`,
  ].join('\n');
}
