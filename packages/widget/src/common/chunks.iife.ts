/**
 * chunks.ts in the one-script bundle: each chunk is an ES module file beside the bundle
 * (`chunks/<name>-<hash>.js`, named by the chunk build's manifest), imported once, from
 * the same origin as the script itself, so a page's policy that lets the script in lets
 * its chunks in too.
 */
import type { Chunk, ChunkName } from './chunks.js';
import { widgetBase } from './script-config.js';

/** Chunk name → file, written by `vite build --mode chunks`. */
declare const __ADUAN_CHUNKS__: Record<ChunkName, string>;

const loading = new Map<ChunkName, Promise<unknown>>();

export function loadChunk<N extends ChunkName>(name: N): Promise<Chunk<N>> {
  let chunk = loading.get(name);
  if (!chunk) {
    chunk = import(/* @vite-ignore */ new URL(`chunks/${__ADUAN_CHUNKS__[name]}`, widgetBase()).href);
    // A failed fetch (offline) may be tried again later.
    chunk.catch(() => loading.delete(name));
    loading.set(name, chunk);
  }
  return chunk as Promise<Chunk<N>>;
}
