import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS and ESM copies; Node loads the CommonJS one for Yoga,
    // the gateway and Aduan's server, so the tests must use the same one.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Starting Aduan (migrating an in-memory database, loading the Kupang demo) is most of the run.
    hookTimeout: 60_000,
  },
});
