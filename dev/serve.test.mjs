// The cuttable XMPP path of dev/serve.mjs, against a tiny upgrade-and-echo server
// standing in for Prosody (raw bytes after the 101, no WebSocket framing needed).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp } from './serve.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, timeoutMs = 2_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${check}`);
    await sleep(10);
  }
}

/** Upstream: answers any upgrade with 101 and echoes what follows; keeps its sockets. */
const startEchoServer = () => startEchoServerOn(0);

async function startEchoServerOn(port) {
  const upstreams = [];
  const server = createServer((_req, res) => res.end('not an upgrade\n'));
  server.on('upgrade', (_req, socket) => {
    const record = { socket, received: '', closed: false };
    upstreams.push(record);
    socket.on('error', () => {});
    socket.on('end', () => socket.end()); // like Prosody: the client's FIN closes the stream
    socket.on('close', () => {
      record.closed = true;
    });
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
    );
    socket.on('data', (chunk) => {
      record.received += chunk.toString();
      socket.write(chunk);
    });
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    upstreams,
    close: () =>
      new Promise((done) => {
        for (const { socket } of upstreams) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** A client socket that sent an upgrade request; `data` is everything after the 101 header. */
function openTunnel(port) {
  const socket = createConnection({ host: '127.0.0.1', port });
  const tunnel = { socket, head: '', data: '', upgraded: false, error: null, closed: false };
  let buffer = '';
  socket.on('data', (chunk) => {
    if (tunnel.upgraded) {
      tunnel.data += chunk.toString();
      return;
    }
    buffer += chunk.toString();
    const end = buffer.indexOf('\r\n\r\n');
    if (end >= 0) {
      tunnel.head = buffer.slice(0, end);
      tunnel.data = buffer.slice(end + 4);
      tunnel.upgraded = true;
    }
  });
  socket.on('error', (error) => {
    tunnel.error = error;
  });
  socket.on('close', () => {
    tunnel.closed = true;
  });
  socket.write(
    'GET /xmpp-websocket HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\n' +
      'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
      'Sec-WebSocket-Protocol: xmpp\r\n\r\n',
  );
  return tunnel;
}

async function openUpgraded(port) {
  const tunnel = openTunnel(port);
  await waitFor(() => tunnel.upgraded || tunnel.closed);
  expect(tunnel.head).toMatch(/^HTTP\/1\.1 101/);
  return tunnel;
}

describe('serveApp net control', () => {
  let echo;
  let app;
  let root;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'parley-serve-test-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    echo = await startEchoServer();
    app = await serveApp({ root, prosodyHttpPort: echo.port, config: { domain: 'localhost' } });
  });

  afterAll(async () => {
    await app?.close();
    await echo?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const configServed = async () => {
    const response = await fetch(new URL('/config.json', app.url));
    return response.status === 200 && (await response.json()).domain === 'localhost';
  };

  it('carries bytes both ways when up', async () => {
    expect(app.net.state()).toBe('up');
    const tunnel = await openUpgraded(app.port);
    tunnel.socket.write('<presence/>');
    await waitFor(() => tunnel.data === '<presence/>');
    expect(echo.upstreams.at(-1)?.received).toBe('<presence/>');
    expect(app.net.openSockets()).toBe(1);
    tunnel.socket.destroy();
    await waitFor(() => app.net.openSockets() === 0 && echo.upstreams.at(-1)?.closed === true);
  });

  it("'rst' resets open connections on both sides and refuses new ones", async () => {
    const tunnel = await openUpgraded(app.port);
    const upstream = echo.upstreams.at(-1);
    app.net.cut('rst');
    expect(app.net.state()).toBe('rst');
    await waitFor(() => tunnel.closed && upstream?.closed === true);
    expect(tunnel.error?.code).toBe('ECONNRESET');
    expect(app.net.openSockets()).toBe(0);

    const refused = openTunnel(app.port);
    await waitFor(() => refused.closed);
    expect(refused.upgraded).toBe(false);
    expect(refused.error?.code).toBe('ECONNRESET');
    expect(await configServed()).toBe(true);
    app.net.restore();
  });

  it("'blackhole' makes bytes vanish both ways without a close; restore lets new ones through", async () => {
    const old = await openUpgraded(app.port);
    const upstream = echo.upstreams.at(-1);
    const upstreamsBefore = echo.upstreams.length;
    app.net.cut('blackhole');
    expect(app.net.state()).toBe('blackhole');
    old.socket.write('<message>lost</message>');
    upstream?.socket.write('<message>also lost</message>');

    const pending = openTunnel(app.port); // accepted, never answered
    expect(await configServed()).toBe(true);
    await sleep(1_100);
    expect(old.data).toBe('');
    expect(old.closed).toBe(false);
    expect(old.error).toBe(null);
    expect(upstream?.received).toBe('');
    expect(upstream?.closed).toBe(false);
    expect(pending.upgraded).toBe(false);
    expect(pending.closed).toBe(false);
    expect(echo.upstreams.length).toBe(upstreamsBefore);
    expect(app.net.counts()).toEqual({ live: 0, silent: 1, hanging: 1 });
    expect(app.net.openSockets()).toBe(2);

    app.net.restore();
    expect(app.net.state()).toBe('up');
    const fresh = await openUpgraded(app.port);
    fresh.socket.write('<iq/>');
    await waitFor(() => fresh.data === '<iq/>');

    // What was blackholed stays silent after the restore.
    old.socket.write('<message>still lost</message>');
    await sleep(200);
    expect(old.data).toBe('');
    expect(upstream?.received).toBe('');
    expect(pending.upgraded).toBe(false);
    expect(app.net.counts()).toEqual({ live: 1, silent: 1, hanging: 1 });

    // The browser side giving up is not passed on to the server side.
    old.socket.destroy();
    await waitFor(() => app.net.counts().silent === 0);
    await sleep(100);
    expect(upstream?.closed).toBe(false);

    // A later 'rst' clears whatever is left on the path, silent or not.
    app.net.cut('rst');
    await waitFor(() => upstream?.closed === true && pending.closed && fresh.closed);
    expect(app.net.openSockets()).toBe(0);
    app.net.restore();
    fresh.socket.destroy();
    pending.socket.destroy();
  });

  it('rejects unknown modes', () => {
    expect(() => app.net.cut('drop')).toThrow(TypeError);
    expect(app.net.state()).toBe('up');
  });
});

describe('serveApp in front of a cluster (fallbackHttpPorts)', () => {
  it('sends each new connection to the first node that takes connections, and back', async () => {
    const root = await mkdtemp(join(tmpdir(), 'parley-serve-test-'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>t</title>');
    const one = await startEchoServer();
    const two = await startEchoServer();
    const onePort = one.port;
    const app = await serveApp({ root, prosodyHttpPort: onePort, fallbackHttpPorts: [two.port] });
    try {
      const first = await openUpgraded(app.port);
      await waitFor(() => one.upstreams.length === 1);
      expect(two.upstreams).toHaveLength(0);
      first.socket.destroy();

      // Node one goes away: the next connection lands on node two.
      await one.close();
      const second = await openUpgraded(app.port);
      second.socket.write('<presence/>');
      await waitFor(() => second.data === '<presence/>');
      expect(two.upstreams).toHaveLength(1);
      second.socket.destroy();

      // Node one is back on its port: new connections go there again.
      const back = await startEchoServerOn(onePort);
      const third = await openUpgraded(app.port);
      await waitFor(() => back.upstreams.length === 1);
      expect(two.upstreams).toHaveLength(1);
      third.socket.destroy();
      await back.close();
    } finally {
      await app.close();
      await two.close();
      await rm(root, { recursive: true, force: true });
    }
  });
});
