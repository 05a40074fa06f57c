import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships CommonJS and ESM copies; the generator (a plain Node module) gets the
  // CommonJS one, so the tests must use the same one or `instanceof` checks fail.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: { environment: 'node', include: ['test/**/*.test.ts'] },
});
