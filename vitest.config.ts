import { availableParallelism } from 'node:os';
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
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    // Worker threads rather than child processes: the same 1,002 tests in 117 s against 138 s
    // (2 cores, idle), most of a file's cost being its start, not its tests.
    pool: 'threads',
    // One worker per core. Vitest's default in a run is one fewer (a single worker on 2 cores):
    // the 1,103 tests took 136 s on one worker and 83 s on two (2 cores, idle); 131 s on two
    // beside two CPU-bound processes, all passing.
    maxWorkers: availableParallelism(),
    setupFiles: ['src/test-setup.ts'],
    // Tests wait for events (src/engine/testing.ts), which a loaded machine only delays: the
    // limit is there to catch a hang, not to time the run (5 s was hit by tests that passed).
    testTimeout: 15_000,
  },
});
