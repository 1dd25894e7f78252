// A two-node ejabberd cluster for the end-to-end tests (e2e/cluster.spec.ts): both nodes on
// loopback, each with its own WebSocket listener, and one app server per node that sends new
// connections to its own node while that node takes them, else to the other one, as a load
// balancer in front of the nodes would.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EjabberdCluster, startEjabberdCluster } from '../dev/ejabberd.mjs';
import { type AppServer, serveApp } from '../dev/serve.mjs';
import { WORLD_APP_CONFIG } from './world';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

export interface ClusterWorld {
  cluster: EjabberdCluster;
  /** apps[i] prefers node i, and goes to the other node while node i is down. */
  apps: AppServer[];
  dispose(): Promise<void>;
}

export async function createClusterWorld(): Promise<ClusterWorld> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-cluster-'));
  let cluster: EjabberdCluster | null = null;
  const apps: AppServer[] = [];
  const dispose = async () => {
    for (const app of apps) await app.close();
    await cluster?.stop();
    // Keep each node's log for a look after a failed run.
    await mkdir(join(ROOT, 'test-results'), { recursive: true });
    for (const i of [1, 2]) {
      const log = join(dataDir, `node${i}`, 'logs', 'ejabberd.log');
      if (existsSync(log))
        await copyFile(log, join(ROOT, 'test-results', `cluster-node${i}.log`)).catch(() => {});
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    cluster = await startEjabberdCluster({
      dataDir,
      nodes: 2,
      resumeSeconds: 30,
      // PARLEY_SERVER_LOG=debug logs every stanza (test-results/cluster-node*.log).
      ...(process.env['PARLEY_SERVER_LOG'] === 'debug' ? { logLevel: 'debug' as const } : {}),
    });
    const ports = cluster.nodes.map((n) => {
      if (!n) throw new Error('a cluster node did not start');
      return n.httpPort;
    });
    for (const [i, port] of ports.entries()) {
      apps.push(
        await serveApp({
          root: DIST,
          port: 0,
          prosodyHttpPort: port,
          fallbackHttpPorts: ports.filter((_, j) => j !== i),
          config: WORLD_APP_CONFIG,
        }),
      );
    }
  } catch (error) {
    await dispose();
    throw error;
  }
  return { cluster, apps, dispose };
}

/** The cluster nodes that hold the sessions of user@localhost, asked through the node on httpPort. */
export async function nodesOf(httpPort: number, user: string): Promise<string[]> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/api/user_sessions_info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, host: 'localhost' }),
  });
  const sessions = (await response.json()) as Array<{ node: string }>;
  return sessions.map((s) => s.node);
}
