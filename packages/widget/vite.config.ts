import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import { defineConfig } from 'vite';

/*
 * Two library builds: `vite build` writes dist/aduan.es.js (ES module, lit and
 * @aduan/client external, for bundlers); `vite build --mode iife` writes dist/aduan.js
 * (self-registering, everything bundled and minified: the one-script-tag embed).
 */
export default defineConfig(({ mode }) =>
  mode === 'iife'
    ? {
        // The CSS in the elements' css`` templates, minified; html`` templates stay as written.
        plugins: [literalsHtmlCssMinifier({ include: 'src/**/*.ts' })],
        build: {
          emptyOutDir: false,
          minify: true,
          lib: { entry: 'src/bundle.ts', name: 'Aduan', formats: ['iife'], fileName: () => 'aduan.js' },
        },
      }
    : {
        build: {
          minify: false,
          lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'aduan.es.js' },
          rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^@aduan\/client$/] },
        },
      },
);
