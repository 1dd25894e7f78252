import solid from 'vite-plugin-solid';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [solid()],
  resolve: { conditions: ['development', 'browser'] },
  test: {
    include: [
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'scripts/**/*.test.mjs',
      'dev/**/*.test.mjs',
      'bench/**/*.test.mjs',
    ],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    // Tests wait for events (src/engine/testing.ts), which a loaded machine only delays: the
    // limit is there to catch a hang, not to time the run (5 s was hit by tests that passed).
    testTimeout: 15_000,
  },
});
