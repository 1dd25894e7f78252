// Shared fixtures for the end-to-end tests. Import `test` and `expect` from here,
// not from @playwright/test, so `page.goto('/')` goes to the app under test.
import { randomBytes } from 'node:crypto';
import { test as base } from '@playwright/test';
import { prosodyctl } from '../dev/prosody.mjs';

export { expect } from '@playwright/test';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npx playwright test\``);
  return value;
}

export const test = base.extend({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here
  baseURL: async ({}, use) => {
    await use(env('PARLEY_URL'));
  },
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

/** Create user@domain with prosodyctl (for tests that need an account made beforehand). */
export async function registerAccount(user: string, password: string): Promise<string> {
  await prosodyctl(env('PARLEY_PROSODY_CFG'), ['register', user, domain(), password]);
  return `${user}@${domain()}`;
}
