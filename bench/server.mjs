// A small static server for the benchmark: one origin per client, both served the same way.
//
// Both sites get the same treatment, so bytes and reloads compare like for like:
//   - text assets (js, css, html, json, svg, map, wasm) are sent gzip-compressed (zlib level 9,
//     computed once per file and kept in memory) when the browser accepts gzip;
//   - HTML and generated files are `no-cache`; every other file may be cached for a day
//     (`max-age=86400`), whether or not its name carries a content hash;
//   - nothing else: no proxy (both clients connect straight to Prosody's WebSocket), no service
//     worker, no HTTP/2.
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONTENT_TYPES } from '../dev/serve.mjs';

/** The extensions sent gzip-compressed; anything else goes as it is. */
export const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.json',
  '.svg',
  '.map',
  '.wasm',
]);
const gzipCache = new Map(); // file path + mtime → gzip bytes

/**
 * @param {{
 *   root: string,                               // folder served at /
 *   mounts?: Record<string, string>,            // URL prefix ('/dist/') → folder
 *   generated?: Record<string, { type: string, body: string | Uint8Array }>, // exact paths → bodies
 *   fallback?: string,                          // file (under root) for unknown page paths
 * }} site
 */
export async function serveSite({ root, mounts = {}, generated = {}, fallback = 'index.html' }) {
  const rootDir = resolve(root);
  const mountDirs = Object.entries(mounts).map(([prefix, dir]) => [prefix, resolve(dir)]);
  const sockets = new Set();
  /** Bytes written to the network (headers excluded), for a cross-check of the CDP count. */
  let bytesOut = 0;

  async function find(urlPath) {
    let decoded;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return null;
    }
    let base = rootDir;
    let rest = decoded;
    for (const [prefix, dir] of mountDirs) {
      if (decoded.startsWith(prefix)) {
        base = dir;
        rest = decoded.slice(prefix.length);
        break;
      }
    }
    const file = resolve(join(base, rest));
    if (file !== base && !file.startsWith(base + sep)) return null;
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) return { file, info };
    if (info?.isDirectory()) {
      const index = join(file, 'index.html');
      const indexInfo = await stat(index).catch(() => null);
      if (indexInfo?.isFile()) return { file: index, info: indexInfo };
    }
    return null;
  }

  function reply(req, res, status, type, body, cacheControl) {
    const ext = type.includes('html') ? '.html' : type.includes('javascript') ? '.js' : '';
    const gzip =
      /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') &&
      (COMPRESSIBLE.has(ext) || /json|javascript|css|html|svg|wasm/.test(type));
    const headers = {
      'Content-Type': type,
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
      Vary: 'Accept-Encoding',
    };
    let bytes = body;
    if (gzip) {
      bytes = body.gz ?? gzipSync(body.raw ?? body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
    } else if (body.raw) {
      bytes = body.raw;
    }
    headers['Content-Length'] = bytes.length;
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return res.end();
    bytesOut += bytes.length;
    res.end(bytes);
  }

  async function handle(req, res) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    const gen = generated[path];
    if (gen) return reply(req, res, 200, gen.type, Buffer.from(gen.body), 'no-cache');
    let found = await find(path);
    if (!found) {
      const wantsPage = (req.headers.accept ?? '').includes('text/html') || !extname(path);
      if (wantsPage) found = await find(`/${fallback}`);
      if (!found) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('Not found\n');
      }
    }
    const ext = extname(found.file).toLowerCase();
    const type = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    const key = `${found.file}:${found.info.mtimeMs}`;
    let entry = gzipCache.get(key);
    if (!entry) {
      const raw = await readFile(found.file);
      entry = { raw, gz: COMPRESSIBLE.has(ext) ? gzipSync(raw, { level: 9 }) : null };
      gzipCache.set(key, entry);
    }
    const cache = ext === '.html' ? 'no-cache' : 'public, max-age=86400';
    if (!entry.gz) {
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': entry.raw.length,
        'Cache-Control': cache,
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') return res.end();
      bytesOut += entry.raw.length;
      return res.end(entry.raw);
    }
    return reply(req, res, 200, type, entry, cache);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`Internal error: ${error.message}\n`);
      } else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    bytesOut: () => bytesOut,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        for (const s of sockets) s.destroy();
      }),
  };
}

/**
 * Converse.js as the benchmarks run it: bench/converse/ with the npm package's dist/, told the
 * server's WebSocket and domain (bench/converse/init.js reads window.BENCH).
 */
export function serveConverse(websocketUrl, domain) {
  return serveSite({
    root: 'bench/converse',
    mounts: { '/dist/': 'node_modules/converse.js/dist' },
    generated: {
      '/bench-settings.js': {
        type: 'text/javascript; charset=utf-8',
        body: `window.BENCH = ${JSON.stringify({ websocketUrl, domain })};\n`,
      },
    },
  });
}
