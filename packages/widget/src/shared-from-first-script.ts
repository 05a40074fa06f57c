/**
 * shared.ts as a chunk of the one-script bundle sees it: the first script's own modules,
 * which it published under SHARED_KEY before any chunk could load (bundle.ts).
 */
import { SHARED_KEY } from './common/shared-key.js';
import type * as Shared from './shared.js';

const shared = (globalThis as unknown as Record<symbol, typeof Shared>)[SHARED_KEY] as typeof Shared;

export const {
  LitElement,
  html,
  svg,
  nothing,
  css,
  ifDefined,
  reportStatusStreamUrl,
  baseStyles,
  ConfigController,
  emit,
  keepKey,
  residentKeyFor,
  addStrings,
} = shared;
