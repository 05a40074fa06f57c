import { readdirSync, readFileSync } from 'node:fs';
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
 *   and the elements' configuration from the first script (src/first-script.ts);
 * - `vite build --mode iife` writes dist/aduan.js (self-registering, everything else
 *   bundled and minified: the one-script-tag embed), which knows its chunks' file names.
 */
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CHUNKS_DIR = source('dist/chunks');
/** Chunk name → its entry module and when it is fetched (chunks.json: scripts/build-chunks.mjs and check-size.mjs read it too). */
const CHUNK_ENTRIES: Record<string, string> = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(source('chunks.json'), 'utf8')) as Record<string, { entry: string }>).map(([name, chunk]) => [name, chunk.entry]),
);

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

/** In a chunk, lit and ./common come only through first-script.ts: a second copy would be a second widget. */
function chunksShareTheFirstScript(): Plugin {
  const shim = source('src/first-script.in-chunk.ts');
  return {
    name: 'aduan-chunks-share-the-first-script',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (!importer || importer.startsWith(shim)) return null;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      // One copy per importing module, so no chunk shares a module with another: each
      // loads in a single request instead of waiting for a common one it imports.
      // lit itself (say, in @aduan/charts) is the first script's lit too.
      if (resolved?.id === source('src/first-script.ts') || /\/node_modules\/lit\/index\.js$/.test(resolved?.id ?? ''))
        return `${shim}?from=${basename(importer).replace(/\W/g, '-')}&lang.ts`;
      if (resolved && /\/node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+)\/|\/src\/common\//.test(resolved.id)) {
        this.error(`${importer} imports ${id}: chunk code takes lit and src/common only through src/first-script.ts`);
      }
      return null;
    },
    load(id) {
      return id.startsWith(`${shim}?from=`) ? readFileSync(shim, 'utf8') : null;
    },
  };
}

/** Chunk name → file name (`<name>-<hash>.js`), from what the chunk builds wrote. */
function builtChunks(): Record<string, string> {
  const files = readdirSync(CHUNKS_DIR);
  return Object.fromEntries(
    Object.keys(CHUNK_ENTRIES).map((name) => {
      const file = files.find((f) => new RegExp(`^${name}-[\\w-]{8}\\.js$`).test(f));
      if (!file) throw new Error(`dist/chunks has no ${name} chunk: run scripts/build-chunks.mjs first`);
      return [name, file];
    }),
  );
}

// The CSS in the elements' css`` templates and the whitespace of html`` templates, minified.
const minifyLiterals = () => literalsHtmlCssMinifier({ include: 'src/**/*.ts' });

export default defineConfig(({ mode }) => {
  if (mode === 'chunks') {
    // One entry per build (scripts/build-chunks.mjs): a module two chunks use is copied
    // into both rather than split into a third file, so each chunk is one request.
    const name = process.env['ADUAN_CHUNK'];
    if (!name || !CHUNK_ENTRIES[name]) throw new Error(`ADUAN_CHUNK must name a chunk: ${Object.keys(CHUNK_ENTRIES).join(', ')}`);
    return {
      plugins: [minifyLiterals(), chunksShareTheFirstScript()],
      build: {
        outDir: CHUNKS_DIR,
        emptyOutDir: false,
        minify: true,
        manifest: false,
        modulePreload: false,
        rollupOptions: {
          input: { [name]: CHUNK_ENTRIES[name]! },
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
