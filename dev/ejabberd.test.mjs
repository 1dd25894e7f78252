// dev/ejabberd.mjs against the real ejabberd (skipped where it is not installed; CI installs
// it): accounts through the HTTP API, and a crash (its log synced, then SIGKILL) and a restart
// on the same data folder and ports keep accounts and archives.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectBot } from '../test-support/bot.ts';
import { ejabberdInstalled, startEjabberd } from './ejabberd.mjs';
import { freePort } from './prosody.mjs';

const installed = ejabberdInstalled();

describe.skipIf(!installed && !process.env.CI)('startEjabberd', () => {
  const dirs = [];
  const servers = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-ejabberd-test-'));
    dirs.push(dir);
    return dir;
  };
  const bot = (server, username, password, options = {}) =>
    connectBot({
      service: server.websocketUrl,
      domain: 'localhost',
      username,
      password,
      ...options,
    });

  it('makes accounts, and keeps them and their archives across a crash and a restart', async () => {
    const dataDir = await tempDir();
    // Erlang distribution on: crash() has Mnesia sync its log before the SIGKILL.
    const node = `parley-test-${process.pid}@localhost`;
    const first = await startEjabberd({ dataDir, resumeSeconds: 7, node, cookie: node });
    servers.push(first);
    expect(await readFile(first.configPath, 'utf8')).toContain('resume_timeout: 7');
    expect(await first.hasAccount('ann')).toBe(false);
    await first.register('ann', 'ann-pass');
    await first.register('bob', 'old-pass');
    await first.register('bob', 'bob-pass'); // an existing account: its password changes
    expect(await first.hasAccount('ann')).toBe(true);
    expect(await first.hasAccount('ann', first.customersHost)).toBe(false);
    // The customers' host takes no sign-ups; the shop's desk account is made this way.
    await first.register('shop', 'desk-pass', first.customersHost);
    expect(await first.hasAccount('shop', first.customersHost)).toBe(true);
    await expect(bot(first, 'bob', 'old-pass')).rejects.toThrow(/not-authorized/);

    const ann = await bot(first, 'ann', 'ann-pass');
    const ids = await ann.sendMany('bob@localhost', ['one', 'two', 'three']);
    // Archived before the crash: a message is in the archive once the server answers a query.
    const early = await bot(first, 'bob', 'bob-pass', { presence: false });
    await expect.poll(() => early.archiveCount(), { timeout: 10_000 }).toBe(3);
    await early.stop();
    // Made just before the crash: kept only because crash() syncs Mnesia's log first.
    await first.register('cid', 'cid-pass');
    await first.crash();
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    await ann.stop();

    const second = await startEjabberd({
      dataDir,
      c2sPort: first.c2sPort,
      httpPort: first.httpPort,
      node,
      cookie: node,
    });
    servers.push(second);
    expect(second.pid).not.toBe(first.pid);
    expect(await second.hasAccount('cid')).toBe(true);
    const reader = await bot(second, 'bob', 'bob-pass', { presence: false });
    expect((await reader.archive('ann@localhost')).map((m) => m.id)).toEqual(ids);
    await reader.stop();
    await second.stop();
    expect(await second.exited).toMatchObject({ code: 0 });
  }, 60_000);

  it('fails at once when another program listens on its port', async () => {
    const port = await freePort();
    const squatter = createServer();
    await new Promise((done) => squatter.listen(port, '127.0.0.1', done));
    try {
      await expect(startEjabberd({ dataDir: await tempDir(), httpPort: port })).rejects.toThrow(
        /could not listen|failed to start/,
      );
    } finally {
      await new Promise((done) => squatter.close(done));
    }
  }, 60_000);
});
