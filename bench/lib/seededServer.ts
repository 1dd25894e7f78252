// A private Prosody whose data is written in its own file formats (test-support/seed.mjs)
// before it starts, with the archive moved into SQLite. One copy of this for every benchmark
// that seeds big rosters or archives (compare, newdevice).
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Prosody, startProsody } from '../../dev/prosody.mjs';
import { migrateArchiveToSql, SQL_STORAGE } from '../../test-support/seed.mjs';

export interface SeededServer {
  prosody: Prosody;
  /** Stops Prosody, puts back the data as seeded, starts it again on the same ports. */
  restore(): Promise<void>;
  stop(): Promise<void>;
}

export interface SeedOptions {
  /** Name prefix of the temporary data folder. */
  prefix: string;
  accounts: ReadonlyArray<readonly [user: string, password: string]>;
  /** Writes rosters and archives into Prosody's data_path, while Prosody is stopped. */
  write(dataPath: string): void;
  domain: string;
  /** More Prosody configuration (an anonymous host for a crowd, say), on every start. */
  extraConfig?: string;
  /**
   * What can only be made over XMPP (rooms, bookmarks), with Prosody started on the seeded files;
   * done before the snapshot, so a restore keeps it.
   */
  live?(prosody: Prosody): Promise<void>;
}

export async function seedProsody(opts: SeedOptions): Promise<SeededServer> {
  // In memory when the machine has /dev/shm: the server's disk writes (each archived message is
  // an SQLite transaction) then cost the clients nothing, and the clients are what is measured.
  const base = existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  const dataDir = mkdtempSync(path.join(base, opts.prefix));
  const dataPath = path.join(dataDir, 'data');
  const first = await startProsody({ dataDir });
  const { c2sPort, httpPort } = first;
  for (const [user, password] of opts.accounts) await first.register(user, password);
  await first.stop();
  opts.write(dataPath);
  await migrateArchiveToSql(dataDir, dataPath, opts.domain);
  const extraConfig = [SQL_STORAGE, opts.extraConfig ?? ''].join('\n');
  const start = () => startProsody({ dataDir, c2sPort, httpPort, extraConfig });
  if (opts.live) {
    const live = await start();
    await opts.live(live);
    await live.stop();
  }
  const snapshot = path.join(dataDir, 'snapshot');
  cpSync(dataPath, snapshot, { recursive: true });
  const server: SeededServer = {
    prosody: await start(),
    async restore() {
      await server.prosody.stop();
      rmSync(dataPath, { recursive: true, force: true });
      cpSync(snapshot, dataPath, { recursive: true });
      server.prosody = await start();
    },
    async stop() {
      await server.prosody.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
