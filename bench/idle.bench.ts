// Idle cost (issue 18): with Parley open, signed in and nothing happening, what the page
// spends. Over IDLE_SECONDS (default 60): main-thread task and script time, timer wake-ups
// (and the timeouts that were set, so a poll shows by its period), animation frames, and the
// WebSocket frames each way. Aim: no polling; wake-ups only for the keepalive.
//
//   npm run build && npx playwright test -c bench/playwright.config.ts idle
//   IDLE_SECONDS=300 npx playwright test -c bench/playwright.config.ts idle
//
// Parley only: Converse.js is not measured here (the side-by-side harness is compare.bench.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { startProsody } from '../dev/prosody.mjs';
import { serveApp } from '../dev/serve.mjs';
import { connectBot } from '../test-support/bot';
import { createAccount } from '../test-support/steps';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));
const SECONDS = Number(process.env['IDLE_SECONDS'] ?? 60);

type TraceEvent = {
  name: string;
  ph: string;
  dur?: number;
  args?: { data?: { timeout?: number; singleShot?: boolean } | object };
};

test('idle cost of an open, signed-in Parley', async ({ browser }) => {
  test.setTimeout((SECONDS + 120) * 1000);
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-idle-'));
  const prosody = await startProsody({ dataDir });
  const app = await serveApp({
    root: DIST,
    port: 0,
    prosodyHttpPort: prosody.httpPort,
    config: { domain: 'localhost', websocketUrl: '/xmpp-websocket', allowRegistration: true },
  });
  try {
    await prosody.register('peer', 'peer-pass');
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await createAccount(page, 'idle');
    // One conversation with a few messages, open on screen, as a person leaves it.
    const peer = await connectBot({
      service: prosody.websocketUrl,
      domain: 'localhost',
      username: 'peer',
      password: 'peer-pass',
    });
    await peer.sendMany('idle@localhost', ['one', 'two', 'three']);
    await page.evaluate(() => {
      location.hash = '#/chat/peer@localhost';
    });
    await page.getByRole('log').getByText('three').waitFor();

    const frames = { sent: 0, received: 0 };
    const counting = { on: false };
    // The socket opened before the measurement: its frames are counted through CDP.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketFrameSent', () => {
      if (counting.on) frames.sent++;
    });
    cdp.on('Network.webSocketFrameReceived', () => {
      if (counting.on) frames.received++;
    });
    await cdp.send('Performance.enable');
    const metric = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as {
        metrics: Array<{ name: string; value: number }>;
      };
      const get = (n: string) => metrics.find((m) => m.name === n)?.value ?? 0;
      return { task: get('TaskDuration'), script: get('ScriptDuration') };
    };
    // Let the sign-in's own work settle (catch-up, avatars, presence) before the quiet minute.
    await page.waitForTimeout(5_000);

    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e: { value: object[] }) => {
      events.push(...(e.value as TraceEvent[]));
    });
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline',
      transferMode: 'ReportEvents',
    });
    const before = await metric();
    counting.on = true;
    // The idle stretch itself: nothing is done to the page; the wait is the measurement.
    await page.waitForTimeout(SECONDS * 1000);
    counting.on = false;
    const after = await metric();
    const done = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.end');
    await done;

    const per = (n: number) => ((n * 60) / SECONDS).toFixed(1);
    const count = (name: string) => events.filter((e) => e.name === name).length;
    const installs = new Map<string, number>();
    for (const e of events.filter((x) => x.name === 'TimerInstall')) {
      const d = e.args?.data as { timeout?: number; singleShot?: boolean } | undefined;
      const key = `${d?.timeout ?? '?'} ms${d?.singleShot === false ? ' (repeating)' : ''}`;
      installs.set(key, (installs.get(key) ?? 0) + 1);
    }
    // What the wake-ups ran: the functions called, by name and place.
    const calls = new Map<string, number>();
    for (const e of events.filter((x) => x.name === 'FunctionCall')) {
      const d = e.args?.data as { functionName?: string; url?: string; lineNumber?: number };
      const key = `${d?.functionName || '(anonymous)'} ${(d?.url ?? '').split('/').pop()}:${d?.lineNumber ?? '?'}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
    }
    // Where the main thread's time went, by kind of work.
    const kinds = new Map<string, number>();
    for (const e of events.filter(
      (x) => x.ph === 'X' && x.dur !== undefined && x.name !== 'RunTask',
    ))
      kinds.set(e.name, (kinds.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    const lines = [
      `Idle ${SECONDS} s, Parley signed in with a conversation open (per minute):`,
      `  main-thread task time   ${(((after.task - before.task) * 1000 * 60) / SECONDS).toFixed(1)} ms`,
      `  of it script            ${(((after.script - before.script) * 1000 * 60) / SECONDS).toFixed(1)} ms`,
      `  timer wake-ups          ${per(count('TimerFire'))}`,
      `  animation frames        ${per(count('FireAnimationFrame'))}`,
      `  WebSocket frames        ${per(frames.sent)} sent, ${per(frames.received)} received`,
      '  timers set, by timeout:',
      ...[...installs.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `    ${String(n).padStart(4)} × ${k}`),
      '  functions the wake-ups called (top 8):',
      ...[...calls.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, n]) => `    ${per(n).padStart(6)} × ${k}`),
      '  main-thread time by kind, ms (top 6):',
      ...[...kinds.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, ms]) => `    ${((ms * 60) / SECONDS).toFixed(1).padStart(7)}  ${k}`),
    ];
    console.log(lines.join('\n'));
    await peer.stop();
    await context.close();
  } finally {
    await app.close();
    await prosody.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
