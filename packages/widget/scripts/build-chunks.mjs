// Builds each of the widget's chunks on its own (vite.config.ts, mode "chunks") into an
// emptied dist/chunks: a module two chunks share is copied into both, so a page fetches
// one file per chunk and never waits on a common one.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'vite';

const root = new URL('..', import.meta.url).pathname;
const names = Object.keys(JSON.parse(readFileSync(new URL('../chunks.json', import.meta.url), 'utf8')));
rmSync(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
for (const name of names) {
  process.env.ADUAN_CHUNK = name;
  await build({ root, mode: 'chunks', logLevel: 'warn' });
}
