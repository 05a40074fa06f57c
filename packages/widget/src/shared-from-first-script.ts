/**
 * shared.ts as a chunk of the one-script bundle sees it: the first script's own modules,
 * which it published under SHARED_KEY before any chunk could load (bundle.ts).
 */
import type * as Shared from './shared.js';

// SHARED_KEY (common/shared-key.ts), written out: an import would be a module every chunk
// shares, fetched by a second request before any chunk can run.
const shared = (globalThis as unknown as Record<symbol, typeof Shared>)[Symbol.for('aduan.widget.shared')] as typeof Shared;

export const { LitElement, html, svg, nothing, css, baseStyles, ConfigController, emit, keepKey, residentKeyFor, rememberReport, addStrings } = shared;
