// Fails the build when the one-script embed grows past its budget (gzip -9), and prints
// each chunk's size: chunks are fetched only when a page needs them.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 20 * 1024;
const gzipped = (file) => {
  const raw = readFileSync(file);
  return [raw.length, gzipSync(raw, { level: 9 }).length];
};
const dist = new URL('../dist/', import.meta.url);
const [raw, size] = gzipped(new URL('aduan.js', dist));
console.log(`dist/aduan.js: ${raw} bytes, ${size} bytes gzipped (budget ${BUDGET})`);
for (const name of readdirSync(new URL('chunks/', dist)).filter((n) => n.endsWith('.js'))) {
  const [chunkRaw, chunkSize] = gzipped(new URL(`chunks/${name}`, dist));
  console.log(`dist/chunks/${name}: ${chunkRaw} bytes, ${chunkSize} bytes gzipped (fetched when needed)`);
}
if (size > BUDGET) {
  console.error(`dist/aduan.js is ${size - BUDGET} bytes over the ${BUDGET}-byte gzip budget`);
  process.exit(1);
}
