/**
 * The one-script-tag bundle (IIFE, served at /widget/aduan.js):
 *   <script src="https://HOST/widget/aduan.js" data-site="KEY" async></script>
 * Captures its own <script> element first (document.currentScript is only set now),
 * publishes what its chunks share with it, registers the elements, replays the outbox,
 * and adds the launcher with data-launcher.
 */
import { captureScript } from './common/script-config.js';
import { FIRST_SCRIPT_KEY } from './common/first-script-key.js';
import type * as Shared from './first-script.js';
import {
  ConfigController,
  LitElement,
  addStrings,
  baseStyles,
  claimed,
  css,
  emit,
  html,
  linkButtonStyles,
  loadChunk,
  nothing,
  outbox,
  pending,
  randomKey,
  rememberReport,
  removeFromOutbox,
  sentLater,
  svg,
} from './first-script.js';
import { addLauncher, defineAduanElements } from './define.js';
import { replayOutbox } from './common/outbox.js';

captureScript(document.currentScript);
// What the chunks take from this script (first-script.in-chunk.ts), before any can load.
// A plain object rather than the module's namespace, which the bundler would build with getters and a helper.
const lent: typeof Shared = {
  ConfigController,
  LitElement,
  addStrings,
  baseStyles,
  claimed,
  css,
  emit,
  html,
  linkButtonStyles,
  loadChunk,
  nothing,
  outbox,
  pending,
  randomKey,
  rememberReport,
  removeFromOutbox,
  sentLater,
  svg,
};
(globalThis as unknown as Record<symbol, unknown>)[FIRST_SCRIPT_KEY] = lent;
// The elements are defined, and the form starts and draws itself, in a task after this
// script's: on a slow phone the two made one long task. An element undefined until then
// keeps the room its page may hold for it, so nothing jumps in between.
setTimeout(() => {
  defineAduanElements();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => addLauncher());
  else addLauncher();
});

export { replayOutbox };
export const version = '0.1.0';
