// Fails the build when the one-script embed grows past its budget (gzip -9).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 20 * 1024;
const file = new URL('../dist/aduan.js', import.meta.url);
const raw = readFileSync(file);
const size = gzipSync(raw, { level: 9 }).length;
console.log(`dist/aduan.js: ${raw.length} bytes, ${size} bytes gzipped (budget ${BUDGET})`);
if (size > BUDGET) {
  console.error(`dist/aduan.js is ${size - BUDGET} bytes over the ${BUDGET}-byte gzip budget`);
  process.exit(1);
}
