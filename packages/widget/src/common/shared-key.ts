/** Where the one-script bundle publishes shared.ts for its chunks (bundle.ts, shared-from-first-script.ts). */
export const SHARED_KEY = Symbol.for('aduan.widget.shared');
