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
  },
});
