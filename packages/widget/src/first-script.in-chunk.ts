/**
 * first-script.ts as a chunk of the one-script bundle sees it: the first script's own modules,
 * which it published under FIRST_SCRIPT_KEY before any chunk could load (bundle.ts).
 */
import type * as Shared from './first-script.js';

// FIRST_SCRIPT_KEY (common/first-script-key.ts), written out: an import would be a module every chunk
// shares, fetched by a second request before any chunk can run.
const shared = (globalThis as unknown as Record<symbol, typeof Shared>)[Symbol.for('aduan.widget.shared')] as typeof Shared;

export const {
  LitElement,
  html,
  svg,
  nothing,
  css,
  baseStyles,
  linkButtonStyles,
  ConfigController,
  emit,
  rememberReport,
  claimed,
  outbox,
  pending,
  removeFromOutbox,
  sentLater,
  addStrings,
  loadChunk,
  randomKey,
} = shared;
