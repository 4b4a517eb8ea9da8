import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const jt808Source = fileURLToPath(new URL('./packages/jt808/src/index.ts', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@weiyun/jt808': jt808Source } },
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker (cores − 1), which ran the files one after
    // another although most of their time is spent waiting on PostgreSQL, sockets and the browser.
    // TEST_WORKERS overrides it (1 for the old serial run).
    maxWorkers: Number(process.env.TEST_WORKERS) || 2,
  },
});
