import { defineConfig } from '@playwright/test';

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
      executablePath: process.env['PARLEY_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--enable-precise-memory-info',
      ],
    },
  },
});
