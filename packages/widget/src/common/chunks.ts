/**
 * The parts of the widget a page gets only when it uses them. Here (the ES build, tests)
 * each is a plain dynamic import that the host's bundler splits off; the one-script
 * bundle swaps this module for chunks.iife.ts, which fetches the chunk files built
 * beside it.
 */
export const chunks = {
  status: () => import('../status/status.chunk.js'),
  receipt: () => import('../report-form/receipt.chunk.js'),
  en: () => import('./strings.en.js'),
  map: () => import('../report-form/map.chunk.js'),
  statistics: () => import('../statistics/statistics.chunk.js'),
  requests: () => import('../requests/requests.chunk.js'),
  photos: () => import('../report-form/photos.chunk.js'),
  location: () => import('../report-form/location.chunk.js'),
};

export type ChunkName = keyof typeof chunks;
export type Chunk<N extends ChunkName> = Awaited<ReturnType<(typeof chunks)[N]>>;

export function loadChunk<N extends ChunkName>(name: N): Promise<Chunk<N>> {
  return chunks[name]() as Promise<Chunk<N>>;
}
