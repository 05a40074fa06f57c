/** The status element as a chunk: the one-script bundle loads it when a page first uses <aduan-status>. */
export { AduanStatus as default } from './status.component.js';
