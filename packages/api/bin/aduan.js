#!/usr/bin/env node
// The `aduan` command. The TypeScript is compiled by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('aduan: the server is not built yet; run `npm run build` in the repository first.');
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv);
