// Bytes of a built dist/ as the bench's servers send them, and what the service worker
// precaches (the side-by-side bench's "bytes per entry point").
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { COMPRESSIBLE } from '../server.mjs';

/** A file's size gzip-compressed (level 9, as the bench's servers compress). */
export const gzipBytes = (file) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** A file's size as the bench's servers send it: gzip for text (COMPRESSIBLE), else as it is. */
export const sentBytes = (file) =>
  COMPRESSIBLE.has(path.extname(file).toLowerCase()) ? gzipBytes(file) : fs.statSync(file).size;

/**
 * The files the service worker precaches: the manifest vite-plugin-pwa injects into sw.js, a
 * JSON array of `{"revision": …, "url": …}` (revision null for hashed file names).
 */
export function precacheUrls(swSource) {
  return [...swSource.matchAll(/\{"revision":(?:"[0-9a-f]+"|null),"url":"([^"]+)"\}/g)].map(
    (m) => m[1],
  );
}

/** What a first visit installs: the precached files and the worker itself, as sent. */
export function precacheBytes(dist) {
  const sw = path.join(dist, 'sw.js');
  const urls = precacheUrls(fs.readFileSync(sw, 'utf8'));
  const bytes = urls.reduce((n, url) => n + sentBytes(path.join(dist, url)), sentBytes(sw));
  return { files: urls.length, bytes };
}
