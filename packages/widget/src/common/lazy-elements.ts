/**
 * Elements whose class comes with a chunk: defined the first time a page (or the form's
 * success screen) uses one, since most pages with the form never show a status.
 */
import { loadChunk, type ChunkName } from './chunks.js';

export const lazyElements = {
  'aduan-status': 'status',
  'aduan-statistics': 'statistics',
} as const satisfies Record<string, ChunkName>;

export type LazyTag = keyof typeof lazyElements;

/** Defines `tag` from its chunk, once; resolves when it is defined. */
export async function ensureDefined(tag: LazyTag): Promise<void> {
  if (customElements.get(tag)) return;
  const element = (await loadChunk(lazyElements[tag])).default;
  if (!customElements.get(tag)) customElements.define(tag, element);
}

/** Loads each lazy tag's chunk when the page first holds one, now or later. */
export function defineWhenUsed(): void {
  const waiting = new Set(Object.keys(lazyElements) as LazyTag[]);
  const check = (root: ParentNode) => {
    for (const tag of waiting) {
      if ((root instanceof Element && root.localName === tag) || root.querySelector(tag)) {
        waiting.delete(tag);
        ensureDefined(tag).catch(() => waiting.add(tag));
      }
    }
    if (!waiting.size) observer.disconnect();
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) check(node);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  check(document);
  // A chunk that could not load (offline) is asked for again when the connection is back.
  addEventListener('online', () => check(document));
}
