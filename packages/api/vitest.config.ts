import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM copies; Node loads the CommonJS one for
    // Pothos and Yoga, so tests must use the same one or `instanceof` checks fail.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Builds (or reuses) the database templates each test file's database is copied from.
    globalSetup: ['test/support/global-setup.ts'],
    // Each file starts an embedded database and creates a PostgreSQL database;
    // two at a time suits these 2-core machines.
    maxWorkers: 2,
    // Files share a worker's loaded modules instead of importing the schema, Prisma and
    // Yoga afresh each (over a minute of a run on these machines); every file still
    // gets its own databases, and no test changes a module's state for the next.
    isolate: false,
    // Receivers and peer servers in tests listen on 127.0.0.1, which deliveries may only reach
    // when allowed (src/delivery/targets.ts); test/delivery-targets.test.ts checks the refusal.
    env: { ADUAN_ALLOW_PRIVATE_TARGETS: '1' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
