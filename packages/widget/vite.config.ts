import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import { defineConfig, type Plugin } from 'vite';

/*
 * Three builds:
 * - `vite build` writes dist/aduan.es.js (ES module, lit, @aduan/client and @aduan/core external, for
 *   bundlers; the lazily loaded parts are plain dynamic imports the bundler splits off);
 * - `vite build --mode chunks` writes dist/chunks/<name>-<hash>.js: the parts the
 *   one-script bundle fetches when a page first needs them, as ES modules that take lit
 *   and the elements' configuration from the first script (src/shared.ts);
 * - `vite build --mode iife` writes dist/aduan.js (self-registering, everything else
 *   bundled and minified: the one-script-tag embed), which knows its chunks' file names.
 */
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CHUNKS_DIR = source('dist/chunks');
const CHUNK_ENTRIES = {
  status: 'src/status/status.chunk.ts',
  receipt: 'src/report-form/receipt.chunk.ts',
  en: 'src/common/strings.en.ts',
  map: 'src/report-form/map.chunk.ts',
  statistics: 'src/statistics/statistics.chunk.ts',
};

/** Redirects imports of one module to another (by resolved path). */
function swapModule(name: string, from: string, to: string): Plugin {
  return {
    name,
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!importer || importer === to) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      return resolved?.id === from ? to : null;
    },
  };
}

/** In a chunk, lit and ./common come only through shared.ts: a second copy would be a second widget. */
function chunksShareTheFirstScript(): Plugin {
  const shim = source('src/shared-from-first-script.ts');
  return {
    name: 'aduan-chunks-share-the-first-script',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!importer || importer.startsWith(shim)) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      // One copy per importing module, so no chunk shares a module with another: each
      // loads in a single request instead of waiting for a common one it imports.
      // lit itself (say, in @aduan/charts) is the first script's lit too.
      if (resolved?.id === source('src/shared.ts') || /\/node_modules\/lit\/index\.js$/.test(resolved?.id ?? ''))
        return `${shim}?from=${basename(importer).replace(/\W/g, '-')}&lang.ts`;
      if (resolved && /\/node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\/|\/src\/common\//.test(resolved.id)) {
        this.error(`${importer} imports ${id}: chunk code takes lit and src/common only through src/shared.ts`);
      }
      return null;
    },
    load(id) {
      return id.startsWith(`${shim}?from=`) ? readFileSync(shim, 'utf8') : null;
    },
  };
}

/** Chunk name → file name, from the chunk build's manifest. */
function builtChunks(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(`${CHUNKS_DIR}/.vite/manifest.json`, 'utf8')) as Record<string, { file: string }>;
  return Object.fromEntries(Object.entries(CHUNK_ENTRIES).map(([name, entry]) => [name, manifest[entry]!.file]));
}

// The CSS in the elements' css`` templates and the whitespace of html`` templates, minified.
const minifyLiterals = () => literalsHtmlCssMinifier({ include: 'src/**/*.ts' });

export default defineConfig(({ mode }) => {
  if (mode === 'chunks') {
    return {
      plugins: [minifyLiterals(), chunksShareTheFirstScript()],
      build: {
        outDir: CHUNKS_DIR,
        emptyOutDir: true,
        minify: true,
        manifest: true,
        modulePreload: false,
        rollupOptions: {
          input: CHUNK_ENTRIES,
          preserveEntrySignatures: 'exports-only',
          output: { format: 'es', entryFileNames: '[name]-[hash].js', chunkFileNames: '[name]-[hash].js' },
        },
      },
    };
  }
  if (mode === 'iife') {
    return {
      plugins: [minifyLiterals(), swapModule('aduan-chunks-by-url', source('src/common/chunks.ts'), source('src/common/chunks.iife.ts'))],
      define: { __ADUAN_CHUNKS__: JSON.stringify(builtChunks()) },
      build: {
        emptyOutDir: false,
        minify: true,
        lib: { entry: 'src/bundle.ts', name: 'Aduan', formats: ['iife'], fileName: () => 'aduan.js' },
      },
    };
  }
  return {
    build: {
      minify: false,
      lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'aduan.es.js' },
      rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^@aduan\/(charts|client|core)$/, /^leaflet(\/|$)/] },
    },
  };
});
