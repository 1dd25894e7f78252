// dev/prosody.mjs against the real Prosody (skipped where it is not installed): a crash
// (SIGKILL) and a restart on the same data folder and ports keep accounts and archives.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectBot } from '../test-support/bot.ts';
import { freePort, onPath, portAcceptsConnections, startProsody } from './prosody.mjs';

const installed = onPath('prosody') && onPath('prosodyctl');

describe.skipIf(!installed)('startProsody', () => {
  const dirs = [];
  const servers = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-prosody-test-'));
    dirs.push(dir);
    return dir;
  };

  it('starts again on the same data and ports right after SIGKILL, keeping accounts and archives', async () => {
    const dataDir = await tempDir();
    const first = await startProsody({ dataDir, extraConfig: 'smacks_hibernation_time = 7' });
    servers.push(first);
    const config = await readFile(first.configPath, 'utf8');
    expect(config).toContain('smacks_hibernation_time = 7');
    expect(config).toContain('archive_expires_after = "never"');
    await first.register('ann', 'ann-pass');
    await first.register('bob', 'bob-pass');
    const service = first.websocketUrl;
    const ann = await connectBot({
      service,
      domain: 'localhost',
      username: 'ann',
      password: 'ann-pass',
    });
    const ids = await ann.sendMany('bob@localhost', ['one', 'two', 'three']);

    const killedAt = performance.now();
    await first.stop({ signal: 'SIGKILL' });
    expect(performance.now() - killedAt).toBeLessThan(1_000);
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    await ann.stop();

    const second = await startProsody({
      dataDir,
      c2sPort: first.c2sPort,
      httpPort: first.httpPort,
      extraConfig: 'smacks_hibernation_time = 7',
    });
    servers.push(second);
    expect(second.pid).not.toBe(first.pid);
    // No presence: offline messages stay put, and no receipts go out yet.
    const reader = await connectBot({
      service,
      domain: 'localhost',
      username: 'bob',
      password: 'bob-pass',
      presence: false,
    });
    expect((await reader.archive('ann@localhost')).map((m) => m.id)).toEqual(ids);
    expect(await reader.archiveCount()).toBe(3);
    await reader.stop();
    // What went to offline storage survived too, and arrives on the first presence.
    const bob = await connectBot({
      service,
      domain: 'localhost',
      username: 'bob',
      password: 'bob-pass',
    });
    await bob.waitForMessage((m) => m.body === 'three');
    expect(bob.received.map((m) => [m.body, m.delayed])).toEqual([
      ['one', true],
      ['two', true],
      ['three', true],
    ]);
    await bob.stop();
    await second.stop();
  }, 30_000);

  it('fails at once when another program listens on its port', async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise((done) => squatter.listen(port, '127.0.0.1', done));
    try {
      const started = performance.now();
      await expect(startProsody({ dataDir: await tempDir(), c2sPort: port })).rejects.toThrow(
        /could not listen/,
      );
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      await new Promise((done) => squatter.close(done));
    }
  }, 30_000);
});

describe('portAcceptsConnections', () => {
  const listening = async () => {
    const server = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    return server;
  };

  it('says yes for a listening port even when the event loop was starved past the timeout', async () => {
    const server = await listening();
    try {
      const answer = portAcceptsConnections(server.address().port, 50);
      const until = Date.now() + 200;
      while (Date.now() < until) {} // a busy machine: the timer is due before the connect is seen
      expect(await answer).toBe(true);
    } finally {
      server.close();
    }
  });

  it('says no for a closed port', async () => {
    const server = await listening();
    const { port } = server.address();
    await new Promise((done) => server.close(done));
    expect(await portAcceptsConnections(port, 50)).toBe(false);
  });
});
