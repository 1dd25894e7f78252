// Issue 19, "Measure": send latency and a burst on Prosody and on ejabberd, each over WebSocket
// and over BOSH, and the time for a client of a stopped ejabberd cluster node to be back on
// the other node, in one run. Writes bench/RESULTS-servers.md. See bench/README.md.
// Run: npm run bench:servers
import os from 'node:os';
import { expect, test } from '@playwright/test';
import { ejabberdInstalled } from '../dev/ejabberd.mjs';
import { type FailoverResult, measureFailover } from './servers/failover';
import { type Report, writeReport } from './servers/report';
import { measureSetup, type SetupResult, type Sizes } from './servers/setup';
import { type ServerKind, startStack, type Transport } from './servers/stack';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SIZES: Sizes = {
  latency: num('BENCH_SERVERS_N', 30),
  warmup: num('BENCH_SERVERS_WARMUP', 3),
  gapMs: num('BENCH_SERVERS_GAP_MS', 300),
  burst: num('BENCH_SERVERS_BURST', 200),
  burstLimitMs: 120_000,
};
const FAILOVERS = num('BENCH_SERVERS_FAILOVERS', 3);
const knobs = Object.entries(process.env)
  .filter(([k]) => k.startsWith('BENCH_SERVERS_'))
  .map(([k, v]) => `${k}=${v} `)
  .join('');
const COMMAND =
  knobs +
  (process.env['npm_lifecycle_event'] === 'bench:servers'
    ? 'npm run bench:servers'
    : 'npx playwright test -c bench/playwright.config.ts bench/servers.bench.ts');

const SERVERS: ServerKind[] = ['prosody', 'ejabberd'];
const TRANSPORTS: Transport[] = ['websocket', 'bosh'];

test('servers and transports: latency and burst on Prosody and ejabberd over WebSocket and BOSH, cluster failover', async ({
  browser,
}) => {
  test.setTimeout(20 * 60_000);
  const startedAt = Date.now();
  const loadBefore = os.loadavg();
  const setups: SetupResult[] = [];
  const notRun: string[] = [];
  // One server at a time: the other one is not running while this one is measured.
  for (const kind of SERVERS) {
    let stack: Awaited<ReturnType<typeof startStack>>;
    try {
      stack = await startStack(kind);
    } catch (error) {
      notRun.push(`${kind}: not measured, it did not start: ${(error as Error).message}`);
      continue;
    }
    try {
      for (const transport of TRANSPORTS) {
        const result = await measureSetup(browser, stack, transport, SIZES);
        console.log(
          `${kind} over ${transport}: ${result.latency.length} latencies, burst ${result.burst ? `${Math.round(result.burst.ms)} ms` : 'not measured'}${result.failed.length ? `; did not finish: ${result.failed.join('; ')}` : ''}`,
        );
        setups.push(result);
      }
    } finally {
      await stack.stop();
    }
  }
  let failover: FailoverResult | null = null;
  if (ejabberdInstalled()) failover = await measureFailover(browser, FAILOVERS);
  const report: Report = {
    startedAt,
    loadBefore,
    browserVersion: browser.version(),
    command: COMMAND,
    sizes: SIZES,
    failoverRounds: FAILOVERS,
    setups,
    notRun,
    failover,
  };
  // Everything measured is written first; then the run fails if anything did not finish.
  expect(writeReport(report)).toEqual([]);
});
