import { defineConfig } from 'vite';

/*
 * The console is an ordinary single-page app served by the API at /console: one
 * index.html plus content-hashed assets, no inline script or style (the server's
 * CSP is `script-src 'self'; style-src 'self'`). `npm run dev` proxies /graphql to a
 * local `aduan serve` on port 4000.
 */
export default defineConfig({
  base: '/console/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be fine (it is bundled, not inline), but every browser we support has modulepreload.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    proxy: { '/graphql': 'http://localhost:4000' },
  },
});
