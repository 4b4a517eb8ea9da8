import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const jt808Source = fileURLToPath(new URL('./packages/jt808/src/index.ts', import.meta.url));
const browserTests = 'packages/web/src/e2e/**/*.test.ts';
// Vitest's default on a 2-core machine is one worker (cores − 1), which ran every file one after
// another although most of the server tests' time is spent waiting on PostgreSQL and sockets.
// The server and unit tests run two files at a time; the browser tests (each its own server and
// chromium) run after them, one at a time. TEST_WORKERS sets the first number.
const workers = Number(process.env.TEST_WORKERS) || 2;

export default defineConfig({
  resolve: { alias: { '@weiyun/jt808': jt808Source } },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit and server',
          include: ['packages/*/src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, browserTests],
          maxWorkers: workers,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [browserTests],
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
