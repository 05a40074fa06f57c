#!/usr/bin/env node
// `npm run bench`: every benchmark, one after another (they would disturb each other
// side by side), then BENCHMARKS.md rewritten between its "results" markers with what
// they printed. The hand-written parts of the file (what was found and fixed) stay.
//
//   npm run bench                      # the full runs, about half an hour; writes BENCHMARKS.md
//   npm run bench -- --quick           # a minute or two: proves each still works; writes nothing
//   npm run bench -- routing widget    # only these; with --write they replace their sections
//
// Exits non-zero when a benchmark fails to run. A missed target is reported, not an error:
// the numbers are the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { table } from './support/report.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const BENCHMARKS = [
  { name: 'throughput', script: 'bench/throughput.mjs', heading: 'Intake and lookup throughput, and memory' },
  { name: 'request-cost', script: 'bench/request-cost.mjs', heading: 'Where a status lookup’s CPU goes' },
  { name: 'routing', script: 'bench/routing.mjs', heading: 'Routing at national scale' },
  { name: 'growth', script: 'bench/growth.mjs', heading: 'Data growth' },
  { name: 'statistics', script: 'bench/statistics.mjs', heading: 'Statistics at city scale' },
  { name: 'widget', script: 'bench/widget.mjs', heading: 'The widget on a slow phone' },
];
const START = '<!-- results: written by `npm run bench`; edit outside these markers -->';
const END = '<!-- end of results -->';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const write = argv.includes('--write') || (!quick && argv.every((a) => a.startsWith('--')));
const chosen = argv.filter((a) => !a.startsWith('--'));
const unknown = chosen.filter((name) => !BENCHMARKS.some((b) => b.name === name));
if (unknown.length) {
  console.error(`No benchmark named ${unknown.join(', ')}; there are ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
  process.exit(2);
}
const selected = BENCHMARKS.filter((b) => chosen.length === 0 || chosen.includes(b.name));

const dir = mkdtempSync(join(tmpdir(), 'aduan-bench-'));
const results = new Map();
let failed = 0;
try {
  for (const bench of selected) {
    const json = join(dir, `${bench.name}.json`);
    console.log(`\n=== ${bench.name}${quick ? ' (quick)' : ''} ===`);
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--expose-gc', join(root, bench.script), ...(quick ? ['--quick'] : []), '--json', json], {
      cwd: root,
      stdio: 'inherit',
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (run.status !== 0 || !existsSync(json)) {
      console.error(`${bench.name} failed (exit ${run.status ?? run.signal}) after ${seconds} s`);
      failed++;
      continue;
    }
    results.set(bench.name, { ...JSON.parse(readFileSync(json, 'utf8')), seconds });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const all = [...results.values()].flatMap((r) => r.targets);
console.log(`\n${all.filter((t) => t.met).length} of ${all.length} targets met${all.some((t) => !t.met) ? '; missed:' : ''}`);
for (const t of all.filter((t) => !t.met)) console.log(`  ${t.what}: ${t.measured} (target ${t.target})`);

if (write && results.size > 0) {
  const path = join(root, 'BENCHMARKS.md');
  const file = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${START}\n${END}\n`;
  if (!file.includes(START) || !file.includes(END)) throw new Error(`BENCHMARKS.md has lost its markers (${START} … ${END}).`);
  // Sections of benchmarks not run this time are kept as they were.
  const kept = new Map();
  const old = file.slice(file.indexOf(START) + START.length, file.indexOf(END));
  for (const part of old.split(/\n(?=### )/)) {
    const bench = BENCHMARKS.find((b) => part.startsWith(`### ${b.heading}`));
    if (bench) kept.set(bench.name, part.trim());
  }
  for (const bench of BENCHMARKS) {
    const r = results.get(bench.name);
    if (!r) continue;
    kept.set(
      bench.name,
      [
        `### ${bench.heading}`,
        '',
        `\`node ${bench.script}\` — ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.seconds} s. Machine: ${r.machine}.`,
        `Configuration: ${r.config}.`,
        '',
        r.markdown.trim(),
        ...(r.targets.length
          ? [
              '',
              table(
                ['target', 'goal', 'measured', ''],
                r.targets.map((t) => [t.what, t.target, t.measured, t.met ? 'met' : '**missed**']),
              ),
            ]
          : []),
      ].join('\n'),
    );
  }
  const body = BENCHMARKS.filter((b) => kept.has(b.name))
    .map((b) => kept.get(b.name))
    .join('\n\n');
  writeFileSync(path, `${file.slice(0, file.indexOf(START) + START.length)}\n\n${body}\n\n${file.slice(file.indexOf(END))}`);
  console.log(`wrote ${path}`);
}
process.exit(failed ? 1 : 0);
