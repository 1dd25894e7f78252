// dev/chromium.mjs: the switches keep Playwright's own disabled features (Chromium reads only
// the last --disable-features) and leave no hidden renderer beside each page.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, DISABLED_FEATURES } from './chromium.mjs';

/** The features playwright-core switches off, read from its source (its list is not exported). */
function playwrightsDisabledFeatures() {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(require.resolve('playwright-core/lib/coreBundle'), 'utf8');
  const list = bundle.match(/disabledFeatures = \[([\s\S]*?)\]/)?.[1] ?? '';
  return [...list.replace(/\/\/.*$/gm, '').matchAll(/"([A-Za-z0-9]+)"/g)].map((m) => m[1]);
}

describe('CHROMIUM_ARGS', () => {
  it('switches off every feature Playwright switches off (bar Edge’s own)', () => {
    const theirs = playwrightsDisabledFeatures().filter((f) => !f.startsWith('ms'));
    expect(theirs.length).toBeGreaterThan(5);
    expect(DISABLED_FEATURES).toEqual(expect.arrayContaining(theirs));
    expect(CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='))).toHaveLength(1);
  });

  it.skipIf(!existsSync(CHROMIUM_PATH))(
    'a page gets no hidden address-bar popup beside it',
    async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      try {
        const page = await (await browser.newContext()).newPage();
        await page.setContent('<p>hello</p>');
        const cdp = await browser.newBrowserCDPSession();
        const { targetInfos } = await cdp.send('Target.getTargets');
        expect(targetInfos.map((t) => `${t.type} ${t.url}`)).toEqual(['page about:blank']);
      } finally {
        await browser.close();
      }
    },
  );
});
