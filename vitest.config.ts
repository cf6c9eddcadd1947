import { defineConfig } from 'vitest/config';

// Integration tests run on PGlite and on PostgreSQL (the local server's `test` database, a schema per
// test file); TZ=UTC and an injected clock keep dates stable.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', globalSetup: ['test/helpers/global-setup.ts'], include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], testTimeout: 60_000, hookTimeout: 120_000 } },
      { extends: true, test: { name: 'e2e', globalSetup: ['test/helpers/global-setup.ts'], include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
