// Shared fixtures for the end-to-end tests. Import `test` and `expect` from here,
// not from @playwright/test, so `page.goto('/')` goes to the app under test.
import { randomBytes } from 'node:crypto';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  test as base,
} from '@playwright/test';
import { ejabberdRegister } from '../dev/ejabberd.mjs';
import { prosodyctl } from '../dev/prosody.mjs';
import { type Bot, connectBot } from '../test-support/bot';
import { createAccount, PASSWORD } from '../test-support/steps';
import { type ServerKind, serverEnvName } from './servers';

export { expect } from '@playwright/test';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npx playwright test\``);
  return value;
}

/** What the global setup started for each server, under the names the tests read. */
const SERVER_ENV: Record<string, string> = {
  URL: 'PARLEY_URL',
  SHOP_URL: 'PARLEY_SHOP_URL',
  HTTP_PORT: 'PARLEY_SERVER_HTTP_PORT',
  CFG: 'PARLEY_PROSODY_CFG',
};

export const test = base.extend<{ testContexts: undefined }, { server: ServerKind }>({
  // The XMPP server of this test's project (playwright.config.ts): its app, shop and ports
  // become PARLEY_URL and the rest for every test of the worker.
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here
    async ({}, use, workerInfo) => {
      const kind = workerInfo.project.metadata['server'] as ServerKind;
      for (const [key, name] of Object.entries(SERVER_ENV)) {
        const value = process.env[serverEnvName(kind, key)];
        if (value) process.env[name] = value;
        else delete process.env[name];
      }
      if (!process.env['PARLEY_URL']) {
        throw new Error(`The global setup started no ${kind} (is it installed? see README)`);
      }
      process.env['PARLEY_SERVER'] = kind;
      await use(kind);
    },
    { scope: 'worker', auto: true },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here
  baseURL: async ({}, use) => {
    await use(env('PARLEY_URL'));
  },
  // What the app said on the console (errors and warnings of every page of every context the
  // test opens), printed and attached when the test fails: the one record of an engine error.
  // The contexts a test opens are closed after it, so no earlier test's pages stay signed in
  // and busy while the next one runs.
  testContexts: [
    async ({ browser }, use, testInfo) => {
      const lines: string[] = [];
      const started = Date.now();
      const newContext = browser.newContext.bind(browser);
      let n = 0;
      const opened: BrowserContext[] = [];
      browser.newContext = async (...args) => {
        const ctx = await newContext(...args);
        opened.push(ctx);
        const name = String.fromCharCode(65 + (n++ % 26));
        ctx.on('console', (m) => {
          if (m.type() !== 'error' && m.type() !== 'warning') return;
          lines.push(`${Date.now() - started} ms ${name} ${m.type()}: ${m.text().slice(0, 600)}`);
        });
        ctx.on('weberror', (e) =>
          lines.push(`${Date.now() - started} ms ${name} page error: ${e.error()}`),
        );
        return ctx;
      };
      await use(undefined);
      browser.newContext = newContext;
      await Promise.all(opened.map((c) => c.close().catch(() => {})));
      if (testInfo.status !== testInfo.expectedStatus && lines.length) {
        console.log(`console of ${testInfo.title}:\n  ${lines.join('\n  ')}`);
        await testInfo.attach('console', { body: lines.join('\n'), contentType: 'text/plain' });
      }
    },
    { auto: true },
  ],
});

/** The XMPP domain of the test server (localhost). */
export const domain = (): string => process.env['PARLEY_DOMAIN'] ?? 'localhost';

/** A fresh account local part: `prefix` plus random letters and digits, e.g. ann-k3x9q2. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
}

/** A new person: an account signed up in a browser context of its own (made with `options`). */
export async function newPerson(
  browser: Browser,
  prefix: string,
  options: BrowserContextOptions = {},
) {
  const user = uniqueUser(prefix);
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await createAccount(page, user);
  return { user, context, page };
}

/** Create user@domain on the test's server (for tests that need an account made beforehand). */
export async function registerAccount(user: string, password: string): Promise<string> {
  if (env('PARLEY_SERVER') === 'ejabberd') {
    await ejabberdRegister(Number(env('PARLEY_SERVER_HTTP_PORT')), user, password, domain());
  } else {
    await prosodyctl(env('PARLEY_PROSODY_CFG'), ['register', user, domain(), password]);
  }
  return `${user}@${domain()}`;
}

/** A new account for a bot (the other person in a test), signed in over the app's WebSocket. */
export async function registeredBot(user: string): Promise<Bot> {
  await registerAccount(user, PASSWORD);
  return connectBot({
    service: `${env('PARLEY_URL').replace(/^http/, 'ws')}xmpp-websocket`,
    domain: domain(),
    username: user,
    password: PASSWORD,
  });
}
