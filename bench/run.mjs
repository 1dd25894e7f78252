// `npm run bench [-- --quick | --scale] [-- --no-build]`: build Parley for production, then run
// the side-by-side benchmark (bench/compare.bench.ts), or its scale tier (bench/scale.bench.ts),
// with Playwright. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { BENCH_PACKAGES, ensurePackages } from '../dev/packages.mjs';
import { missingNeeds } from './lib/needs.mjs';

const args = process.argv.slice(2);
const known = new Set(['--quick', '--scale', '--no-build']);
const unknown = args.filter((a) => !known.has(a));
if (unknown.length) {
  console.error(
    `Unknown option(s): ${unknown.join(' ')}\nUsage: npm run bench [-- --quick | --scale] [-- --no-build]`,
  );
  process.exit(2);
}
const quick = args.includes('--quick');
const scale = args.includes('--scale');
if (quick && scale) {
  console.error('--quick and --scale are two different runs: name one.');
  process.exit(2);
}
const script = process.env.npm_lifecycle_event;
const envPrefix = Object.entries(process.env)
  .filter(([k]) => k.startsWith('BENCH_'))
  .map(([k, v]) => `${k}=${v} `)
  .join('');
const command =
  envPrefix +
  (script
    ? `npm run ${script}${args.length ? ` -- ${args.join(' ')}` : ''}`
    : `node bench/run.mjs${args.length ? ` ${args.join(' ')}` : ''}`);

const run = (cmd, cmdArgs, env = {}) => {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
};

// The bench keeps archives in SQLite: Prosody needs its LuaDBI driver, which nothing else
// installs (.ci/run installs only what the tests need; Debian merely recommends it).
// Prosody and Chromium too: .ci/run installs them for the tests, but a bench machine may not
// have run it.
const packages = ensurePackages([
  ...BENCH_PACKAGES,
  { name: 'prosody', why: 'the XMPP server both clients talk to' },
  { name: 'chromium', why: "the browser both clients run in (Debian's, at /usr/bin/chromium)" },
]);
if (!packages.ok) {
  console.error(`npm run bench cannot start.\n${packages.message}`);
  process.exit(1);
}
const problems = missingNeeds({ noBuild: args.includes('--no-build') });
if (problems.length) {
  console.error(`npm run bench cannot start:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  process.exit(1);
}

if (!args.includes('--no-build')) {
  const status = run('npx', ['vite', 'build']);
  if (status !== 0) process.exit(status);
}
process.exit(
  run(
    'npx',
    [
      'playwright',
      'test',
      '-c',
      'bench/playwright.config.ts',
      scale ? 'scale.bench.ts' : 'compare.bench.ts',
    ],
    {
      BENCH_QUICK: quick ? '1' : '0',
      BENCH_COMMAND: command,
    },
  ),
);
