// The two sites and the browser of a side-by-side run (the compare and the scale tier): Parley's
// dist/ with its config.json, Converse.js's page, Debian's Chromium.
import { type Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../dev/chromium.mjs';
import type { SeededServer } from '../lib/seededServer';
import { serveConverse, serveSite } from '../server.mjs';
import { DOMAIN } from './config';
import type { Sites } from './runner';

export interface Stage {
  sites: Sites;
  browser: Browser;
  close(): Promise<void>;
}

export async function startStage(server: SeededServer): Promise<Stage> {
  const parleySite = await serveSite({
    root: 'dist',
    generated: {
      '/config.json': {
        type: 'application/json; charset=utf-8',
        body: JSON.stringify({
          websocketUrl: server.prosody.websocketUrl,
          domain: DOMAIN,
          allowRegistration: false,
        }),
      },
      '/bench-floor.html': {
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><title>floor</title><p>Floor measurements</p>',
      },
    },
  });
  const converseSite = await serveConverse(server.prosody.websocketUrl, DOMAIN);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'],
  });
  return {
    sites: { parley: parleySite.url, converse: converseSite.url },
    browser,
    async close() {
      await browser.close();
      await parleySite.close();
      await converseSite.close();
    },
  };
}
