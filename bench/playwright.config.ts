import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../dev/chromium.mjs';

const ARGS = [...CHROMIUM_ARGS, '--enable-precise-memory-info'];

// Benchmarks run one at a time on the same Debian Chromium as the end-to-end tests.
// They measure and print; they are not part of `npm test`.
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  workers: 1,
  retries: 0,
  timeout: 600_000,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: ARGS,
    },
  },
});
