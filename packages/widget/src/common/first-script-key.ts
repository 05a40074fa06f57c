/** Where the one-script bundle publishes first-script.ts for its chunks (bundle.ts, first-script.in-chunk.ts). */
export const FIRST_SCRIPT_KEY = Symbol.for('aduan.widget.shared');
