// A small static server for the built app (dist/), used by `npm start` and the
// end-to-end tests. Besides files it serves:
//   GET /config.json                 the runtime config given to serveApp (overrides dist/config.json)
//   /xmpp-websocket                  reverse proxy (HTTP upgrade) to Prosody's WebSocket endpoint
//   /http-bind                       reverse proxy to Prosody's BOSH endpoint
//   /.well-known/host-meta(.json)    XEP-0156 discovery, pointing at the two endpoints above
// Everything else that is not a file falls back to index.html (client-side routes).

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as httpRequest } from 'node:http';
import { createConnection } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';

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
 * @param {{ root?: string, port?: number, host?: string, prosodyHttpPort?: number, config?: object }} options
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function serveApp({
  root = 'dist',
  port = 0,
  host = '127.0.0.1',
  prosodyHttpPort,
  config,
} = {}) {
  const rootDir = resolve(root);
  const sockets = new Set();

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

  function proxyHttp(req, res) {
    if (!prosodyHttpPort) return send(res, 502, 'text/plain', 'No XMPP server configured\n');
    const upstream = httpRequest(
      {
        host: '127.0.0.1',
        port: prosodyHttpPort,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1' },
      },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent)
        send(res, 502, 'text/plain', `XMPP server unreachable: ${error.message}\n`);
      else res.destroy();
    });
    req.pipe(upstream);
  }

  async function handle(req, res) {
    const path = pathOf(req.url);
    if (isUnder(path, WEBSOCKET_PATH) || isUnder(path, BOSH_PATH)) return proxyHttp(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    if (path === '/config.json' && config !== undefined) {
      return send(res, 200, CONTENT_TYPES['.json'], `${JSON.stringify(config, null, 2)}\n`);
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
    const upstream = createConnection({ host: '127.0.0.1', port: prosodyHttpPort });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      socket.destroy();
    });
    socket.on('close', () => upstream.destroy());
    upstream.on('error', () => {
      if (upstream.bytesRead === 0 && socket.writable) {
        socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      } else {
        socket.destroy();
      }
    });
    upstream.on('connect', () => {
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
    close() {
      return new Promise((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
    },
  };
}
