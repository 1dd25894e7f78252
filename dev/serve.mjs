// A small static server for the built app (dist/), used by `npm start` and the
// end-to-end tests. Besides files it serves:
//   GET /config.json                 the runtime config given to serveApp (overrides dist/config.json)
//   /xmpp-websocket                  reverse proxy (HTTP upgrade) to Prosody's WebSocket endpoint
//   /http-bind                       reverse proxy to Prosody's BOSH endpoint
//   /file_share/                     with `uploadHost`: reverse proxy to Prosody's XEP-0363 file
//                                    share, as host `uploadHost` (set the component's
//                                    http_external_url to this server to upload through it)
//   /.well-known/host-meta(.json)    XEP-0156 discovery, pointing at the two endpoints above
// Everything else that is not a file falls back to index.html (client-side routes).
//
// `net` on the returned server cuts and restores the XMPP path (the proxies) for tests of
// lost connections; files and /config.json are served regardless.

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { createConnection } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { portAcceptsConnections } from './prosody.mjs';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

const WEBSOCKET_PATH = '/xmpp-websocket';
const BOSH_PATH = '/http-bind';
const UPLOAD_PATH = '/file_share';

const pathOf = (url) => (url ?? '/').split('?')[0] ?? '/';
const isUnder = (path, prefix) => path === prefix || path.startsWith(`${prefix}/`);

function hostMeta(req, format) {
  const host = req.headers.host ?? '127.0.0.1';
  const ws = `ws://${host}${WEBSOCKET_PATH}`;
  const bosh = `http://${host}${BOSH_PATH}`;
  if (format === 'json') {
    return JSON.stringify({
      links: [
        { rel: 'urn:xmpp:alt-connections:websocket', href: ws },
        { rel: 'urn:xmpp:alt-connections:xbosh', href: bosh },
      ],
    });
  }
  return `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
  <Link rel="urn:xmpp:alt-connections:websocket" href="${ws}"/>
  <Link rel="urn:xmpp:alt-connections:xbosh" href="${bosh}"/>
</XRD>
`;
}

function send(res, status, type, body, extraHeaders = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache',
    ...extraHeaders,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Serve the built app from `root`. Resolves once listening.
 * @param {{ root?: string, port?: number, host?: string, prosodyHttpPort?: number, config?: object, uploadHost?: string }} options
 * @returns {Promise<import('./serve.d.mts').AppServer>}
 */
export async function serveApp({
  root = 'dist',
  port = 0,
  host = '127.0.0.1',
  prosodyHttpPort,
  fallbackHttpPorts = [],
  config,
  uploadHost,
} = {}) {
  const rootDir = resolve(root);
  const sockets = new Set();
  // Where the XMPP path goes: the server's HTTP port, or, with fallbacks (a cluster's other
  // nodes), the first of them that takes connections, as a load balancer with health checks.
  const upstreamPorts = [prosodyHttpPort, ...fallbackHttpPorts].filter(Boolean);
  async function upstreamPort() {
    if (upstreamPorts.length < 2) return prosodyHttpPort;
    for (const p of upstreamPorts) if (await portAcceptsConnections(p, 300)) return p;
    return prosodyHttpPort;
  }

  async function fileAt(urlPath) {
    let decoded;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    const file = resolve(join(rootDir, decoded));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) return null; // no ../ escapes
    try {
      const info = await stat(file);
      if (info.isFile()) return { file, size: info.size };
      if (info.isDirectory()) {
        const index = join(file, 'index.html');
        const indexInfo = await stat(index).catch(() => null);
        if (indexInfo?.isFile()) return { file: index, size: indexInfo.size };
      }
    } catch {
      // not there
    }
    return null;
  }

  // The XMPP path (WebSocket upgrades and BOSH requests) can be cut for tests, while
  // static files and /config.json keep being served, so the app can still reload.
  //   'up'         proxy normally
  //   'rst'        open connections are reset (TCP RST), new ones are reset on arrival
  //   'blackhole'  open connections stop carrying bytes both ways without anyone being
  //                told; new ones are accepted but never answered
  let netState = 'up';
  /** Proxied WebSocket connections: { client, upstream, silent }. */
  const tunnels = new Set();
  /** WebSocket upgrade requests that arrived while blackholed: accepted, never answered. */
  const hanging = new Set();
  /** BOSH requests in flight: { req, res, upstream, silent }. */
  const exchanges = new Set();

  const discard = () => {};
  /** Read and drop whatever arrives; never write, never close (the peer closing is seen). */
  function silence(socket) {
    socket.on('data', discard);
    socket.on('end', () => socket.destroy());
    socket.resume();
  }
  function reset(socket) {
    if (!socket || socket.destroyed) return;
    try {
      socket.resetAndDestroy();
    } catch {
      socket.destroy();
    }
  }

  function proxyHttp(req, res) {
    if (!prosodyHttpPort) return send(res, 502, 'text/plain', 'No XMPP server configured\n');
    if (netState === 'rst') return reset(req.socket);
    const exchange = { req, res, upstream: null, silent: netState === 'blackhole' };
    exchanges.add(exchange);
    res.on('close', () => exchanges.delete(exchange));
    if (exchange.silent) {
      req.resume(); // read the body, answer nothing
      return;
    }
    upstreamPort().then((to) => proxyHttpTo(to, req, res, exchange));
  }

  function proxyHttpTo(to, req, res, exchange) {
    if (exchange.silent || res.destroyed) return;
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: to,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          ...(uploadHost && isUnder(pathOf(req.url), UPLOAD_PATH) ? { host: uploadHost } : {}),
          'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
        },
      },
      (upRes) => {
        if (exchange.silent) return upRes.resume();
        exchange.upRes = upRes;
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    exchange.upstream = upstream;
    upstream.on('error', (error) => {
      if (exchange.silent || res.destroyed) return;
      if (!res.headersSent)
        send(res, 502, 'text/plain', `XMPP server unreachable: ${error.message}\n`);
      else res.destroy();
    });
    req.pipe(upstream);
  }

  function silenceExchange(exchange) {
    if (exchange.silent) return;
    exchange.silent = true;
    exchange.req.unpipe();
    exchange.req.resume();
    if (exchange.upRes) {
      exchange.upRes.unpipe(exchange.res);
      exchange.upRes.resume();
    }
  }

  async function handle(req, res) {
    const path = pathOf(req.url);
    if (isUnder(path, WEBSOCKET_PATH) || isUnder(path, BOSH_PATH)) return proxyHttp(req, res);
    if (uploadHost && isUnder(path, UPLOAD_PATH)) return proxyHttp(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    // The support widget runs on shops' pages (other origins): its chunks are ES modules
    // (fetched in CORS mode) and it reads config.json, so both may be read from anywhere.
    const anyOrigin =
      path === '/config.json' || path === '/widget.js' || isUnder(path, '/widget')
        ? { 'Access-Control-Allow-Origin': '*' }
        : {};
    if (path === '/config.json' && config !== undefined) {
      return send(
        res,
        200,
        CONTENT_TYPES['.json'],
        `${JSON.stringify(config, null, 2)}\n`,
        anyOrigin,
      );
    }
    if (path === '/.well-known/host-meta') {
      return send(res, 200, 'application/xrd+xml; charset=utf-8', hostMeta(req, 'xml'), {
        'Access-Control-Allow-Origin': '*',
      });
    }
    if (path === '/.well-known/host-meta.json') {
      return send(res, 200, 'application/json; charset=utf-8', hostMeta(req, 'json'), {
        'Access-Control-Allow-Origin': '*',
      });
    }

    let found = await fileAt(path);
    if (!found) {
      // Client-side routes get index.html; a missing asset stays a 404.
      const wantsPage = (req.headers.accept ?? '').includes('text/html') || !extname(path);
      if (wantsPage) found = await fileAt('/index.html');
      if (!found) return send(res, 404, 'text/plain', 'Not found\n');
    }
    const type = CONTENT_TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    const immutable = found.file.startsWith(join(rootDir, 'assets') + sep);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': found.size,
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...anyOrigin,
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(found.file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  // WebSocket: hand the raw upgrade request to Prosody and splice the two sockets.
  function handleUpgrade(req, socket, head) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (!isUnder(pathOf(req.url), WEBSOCKET_PATH) || !prosodyHttpPort) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (netState === 'rst') return reset(socket);
    if (netState === 'blackhole') {
      hanging.add(socket);
      socket.on('close', () => hanging.delete(socket));
      silence(socket);
      return;
    }
    upstreamPort().then((to) => {
      if (!socket.destroyed) tunnelTo(to, req, socket, head);
    });
  }

  function tunnelTo(to, req, socket, head) {
    const upstream = createConnection({ host: '127.0.0.1', port: to });
    const tunnel = { client: socket, upstream, silent: false };
    tunnels.add(tunnel);
    sockets.add(upstream);
    const forget = () => {
      if (socket.destroyed && upstream.destroyed) tunnels.delete(tunnel);
    };
    // A close is passed on to the other side, unless the path is silent (blackholed):
    // then nobody is told, as when packets vanish.
    upstream.on('close', () => {
      sockets.delete(upstream);
      if (!tunnel.silent) socket.destroy();
      forget();
    });
    socket.on('close', () => {
      if (!tunnel.silent) upstream.destroy();
      forget();
    });
    upstream.on('error', () => {
      if (!tunnel.silent && upstream.bytesRead === 0 && socket.writable) {
        socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      } else if (!tunnel.silent) {
        socket.destroy();
      }
    });
    upstream.on('connect', () => {
      if (tunnel.silent) return; // cut before the upstream answered: the request vanished
      let header = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i];
        if (name?.toLowerCase() === 'x-forwarded-for') continue;
        header += `${name}: ${req.rawHeaders[i + 1]}\r\n`;
      }
      header += `X-Forwarded-For: ${req.socket.remoteAddress ?? '127.0.0.1'}\r\n\r\n`;
      upstream.write(header);
      if (head?.length) upstream.write(head);
      socket.setNoDelay(true);
      upstream.setNoDelay(true);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
  }

  function silenceTunnel(tunnel) {
    if (tunnel.silent) return;
    tunnel.silent = true;
    tunnel.client.unpipe();
    tunnel.upstream.unpipe();
    silence(tunnel.client);
    silence(tunnel.upstream);
  }

  const net = {
    /** Cut the XMPP path: 'rst' resets connections, 'blackhole' makes bytes vanish. */
    cut(mode) {
      if (mode !== 'rst' && mode !== 'blackhole') {
        throw new TypeError(`net.cut: mode must be 'rst' or 'blackhole', not ${String(mode)}`);
      }
      netState = mode;
      if (mode === 'rst') {
        // Everything on the XMPP path goes, including connections blackholed earlier.
        for (const { client, upstream } of tunnels) {
          reset(client);
          reset(upstream);
        }
        tunnels.clear();
        for (const socket of hanging) reset(socket);
        hanging.clear();
        for (const { req, upstream } of exchanges) {
          reset(req.socket);
          reset(upstream?.socket);
        }
        exchanges.clear();
      } else {
        for (const tunnel of tunnels) silenceTunnel(tunnel);
        for (const exchange of exchanges) silenceExchange(exchange);
      }
    },
    /** New connections work again; blackholed ones stay silent until a side closes them. */
    restore() {
      netState = 'up';
    },
    state: () => netState,
    /** Browser-side WebSocket connections on the XMPP path still open, whatever their state. */
    openSockets() {
      let open = hanging.size;
      for (const { client } of tunnels) if (!client.destroyed) open += 1;
      return open;
    },
    /** The same, by kind: live (carrying bytes), silent (blackholed), hanging (never answered). */
    counts() {
      let live = 0;
      let silent = 0;
      for (const { client, silent: isSilent } of tunnels) {
        if (client.destroyed) continue;
        if (isSilent) silent += 1;
        else live += 1;
      }
      return { live, silent, hanging: hanging.size };
    },
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `Internal error: ${error.message}\n`);
      else res.destroy();
    });
  });
  server.on('upgrade', handleUpgrade);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise((done, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      done();
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const anyHost = host === '0.0.0.0' || host === '::';
  const urlHost = anyHost ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${actualPort}/`,
    port: actualPort,
    net,
    close() {
      return new Promise((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
    },
  };
}
