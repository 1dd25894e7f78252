// The support widget's weight and speed on loopback (needs `npm run build` first):
//   node bench/widget.mjs [--runs 5]
// What each figure is: bench/lib/widget.mjs.
import path from 'node:path';
import { measureWidget } from './lib/widget.mjs';

const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 5;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const w = await measureWidget({ dist: path.resolve('dist'), runs: RUNS });
console.log('\nSupport widget (gzip -9 of the built files; loopback; Debian Chromium)\n');
console.log(`loader  dist/widget.js                 ${kb(w.loader)}   (budget 8 KB)`);
console.log(`first open, all files fetched        ${kb(w.firstOpen)}   (budget 80 KB)`);
for (const f of w.files) console.log(`    ${f.path.padEnd(36)} ${kb(f.bytes)}`);
console.log(
  `click → usable panel, warm cache     median ${median(w.usable)} ms of ${RUNS} (${w.usable.join(', ')} ms)   (budget 300 ms)`,
);
console.log(
  `click → connected, warm cache        median ${median(w.online)} ms of ${RUNS} (${w.online.join(', ')} ms)`,
);
