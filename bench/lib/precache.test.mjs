import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { precacheBytes, precacheUrls } from './precache.mjs';

// The manifest as vite-plugin-pwa's injectManifest writes it into the built sw.js.
const SW = `import{x}from"y";Ae([{"revision":"db1b5013043cef6a74204aa87b3b323b","url":"index.html"},{"revision":null,"url":"assets/index-Cipox9s3.js"},{"revision":"c8ea4d413c43c7a75ed70fc01b94546c","url":"favicon.svg"}]||[]);const o={url:e,timestamp:t};`;

let dir = '';
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('precache', () => {
  it('reads every file of the injected manifest, hashed names and revisioned ones', () => {
    expect(precacheUrls(SW)).toEqual(['index.html', 'assets/index-Cipox9s3.js', 'favicon.svg']);
  });

  it('adds up the gzip bytes of the precached files and of the worker itself', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-precache-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    const files = {
      'sw.js': SW,
      'index.html': '<!doctype html><title>Parley</title>',
      'assets/index-Cipox9s3.js': 'console.log("hello");'.repeat(50),
      'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'screenshots/wide.png': 'not precached',
    };
    let expected = 0;
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
      if (!name.startsWith('screenshots/')) expected += gzipSync(text, { level: 9 }).length;
    }
    expect(precacheBytes(dir)).toEqual({ files: 3, bytes: expected });
  });

  it('counts a precached picture as it is sent, uncompressed', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-precache-'));
    const sw = '[{"revision":"c8ea4d413c43c7a75ed70fc01b94546c","url":"icon.png"}]';
    const png = Buffer.from('\x89PNG\r\n'.repeat(40), 'latin1');
    fs.writeFileSync(path.join(dir, 'sw.js'), sw);
    fs.writeFileSync(path.join(dir, 'icon.png'), png);
    expect(precacheBytes(dir)).toEqual({
      files: 1,
      bytes: gzipSync(sw, { level: 9 }).length + png.length,
    });
  });
});
