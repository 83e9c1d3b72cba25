import { defineConfig } from 'vitest/config';

// Unit tests of the renderer's pure logic (money, time, grid query mapping, keyset paging, i18n):
// `npx vitest run --config renderer/vitest.config.ts`. They need no DOM, so they run in Node.
const root = decodeURIComponent(new URL('..', import.meta.url).pathname);

export default defineConfig({
  root,
  test: { include: ['renderer/**/*.test.ts'] },
});
