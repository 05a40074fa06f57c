// After `prisma generate` and before tsc: the query compiler's WebAssembly becomes a file
// beside the generated client (generated/client/internal/query-compiler.wasm, copied to
// dist by the build), read once when the client starts.
//
// The generator embeds it as a 4.6 MB base64 string in a JavaScript module. V8 keeps a
// module's source for as long as the process lives, and the string literal besides: 9 MB
// of a server's heap that nothing reads after start.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const classFile = join(root, 'generated/client/internal/class.ts');
const wasmName = 'query-compiler.wasm';
const generatedWasm = join(root, 'generated/client/internal', wasmName);
const distWasm = join(root, 'dist/generated/client/internal', wasmName);

// What the generator writes (Prisma 7.x): the base64 module's import and its decoding.
const EMBEDDED =
  /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/query_compiler_[a-z]+_bg\.postgresql\.wasm-base64\.mjs)"\)\n(\s*)return await decodeBase64AsWasm\(wasm\)/;
const FROM_FILE = `const { readFile } = await import('node:fs/promises')\n$2return new WebAssembly.Module(await readFile(new URL('./${wasmName}', import.meta.url)))`;

const stage = process.argv[2];
if (stage === 'after-tsc') {
  // tsc copies no .wasm: put it where the compiled class.js looks.
  mkdirSync(dirname(distWasm), { recursive: true });
  copyFileSync(generatedWasm, distWasm);
} else {
  const source = readFileSync(classFile, 'utf8');
  const embedded = EMBEDDED.exec(source);
  if (!embedded) {
    if (source.includes(wasmName)) process.exit(0);
    // A Prisma release that writes the client differently: say so, rather than ship 9 MB silently.
    throw new Error(`${classFile}: the generated client no longer loads its query compiler as expected; update prisma/scripts/compiler-wasm-file.mjs.`);
  }
  const { wasm } = await import(embedded[1]);
  writeFileSync(generatedWasm, Buffer.from(wasm, 'base64'));
  writeFileSync(classFile, source.replace(EMBEDDED, FROM_FILE));
}
if (!existsSync(stage === 'after-tsc' ? distWasm : generatedWasm)) throw new Error(`${wasmName} was not written`);
