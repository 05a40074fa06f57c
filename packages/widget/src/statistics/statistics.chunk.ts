/** The statistics element as a chunk: the one-script bundle loads it when a page first uses <aduan-statistics>. */
export { AduanStatistics as default } from './statistics.component.js';
