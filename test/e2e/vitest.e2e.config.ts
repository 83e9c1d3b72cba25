import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: real Chromium against the browser console (main/node/console.ts)
// serving the built renderer (out/renderer). One fork, files one after another: each file starts
// its own console on a random port with its own temp data folder.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
