/**
 * What the widget's lazily loaded parts (its chunks: chunks.json) take from the first
 * script. In the one-script bundle each chunk is built apart and reads these from the
 * first script's copy (first-script.in-chunk.ts), so lit and the elements' configuration
 * exist once on a page and a chunk stays small; everywhere else (the ES build, tests)
 * this is a plain module. Chunk code takes src/common only through here (and lit from
 * here or as `lit`, which a chunk build maps here too): the chunk build fails otherwise.
 */
export { LitElement, html, svg, nothing, css } from 'lit';
export { baseStyles } from './common/base.styles.js';
export { linkButtonStyles } from './common/link-button.styles.js';
export { ConfigController, emit } from './common/config.controller.js';
export { rememberReport } from './common/my-reports.js';
export { claimed, outbox, pending, remove as removeFromOutbox, sentLater, type OutboxResult } from './common/outbox.js';
export { addStrings } from './common/strings.js';
export { loadChunk } from './common/chunks.js';
export { randomKey } from './common/random.js';
