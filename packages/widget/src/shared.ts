/**
 * What the widget's lazily loaded parts (its chunks: the status element now; the map and
 * the statistics next) take from the first script. In the one-script bundle each chunk is
 * built apart and reads these from the first script's copy (shared-from-first-script.ts),
 * so lit and the elements' configuration exist once on a page and a chunk stays small;
 * everywhere else (the ES build, tests) this is a plain module. Chunk code imports lit
 * and ./common only through here: the chunk build fails otherwise.
 */
export { LitElement, html, svg, nothing, css } from 'lit';
export { baseStyles } from './common/base.styles.js';
export { ConfigController, emit } from './common/config.controller.js';
export { keepKey, residentKeyFor } from './common/resident-keys.js';
export { rememberReport } from './common/my-reports.js';
export { addStrings } from './common/strings.js';
