// What every benchmark shares: its options, the header it prints (machine, date,
// configuration), a few statistics, and the result file `bench/run.mjs` gathers
// into BENCHMARKS.md.
import os from 'node:os';
import { writeFileSync } from 'node:fs';

/**
 * `--quick` (a short run that only proves the benchmark still works), `--json PATH`
 * (where `bench/run.mjs` wants the result), and numeric options by name.
 */
export function benchOptions(argv = process.argv.slice(2)) {
  const valueAfter = (name) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    quick: argv.includes('--quick'),
    json: valueAfter('--json'),
    number(name, fallback) {
      const raw = valueAfter(name);
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
      return value;
    },
    has: (name) => argv.includes(name),
  };
}

/** One line naming the machine: cores, CPU model, memory, OS, Node. */
export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

/** Prints the header every benchmark starts with, and returns it for the result file. */
export function header(title, config) {
  const head = { title, date: new Date().toISOString(), machine: machine(), config };
  console.log(`${title} — ${head.date}`);
  console.log(`machine: ${head.machine}`);
  console.log(`config: ${config}`);
  return head;
}

/** Milliseconds since `start` (a process.hrtime.bigint()). */
export const msSince = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/** The q-quantile (0..1) of numbers, nearest-rank. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values) => quantile(values, 0.5);

/** A number for a table: thousands separated, `digits` decimals. */
export function fmt(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio for a table: `0.62×`. */
export const ratio = (value) => `${fmt(value, 2)}×`;

/** A markdown table from a header row and rows of cells. */
export function table(head, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * A target and whether it was met, for the summary: `what` names it, `target` says
 * it ("≥ 0.5× baseline"), `measured` is what this run saw.
 */
export function target(what, met, targetText, measured) {
  console.log(`${met ? 'met   ' : 'MISSED'} ${what}: ${measured} (target ${targetText})`);
  return { what, target: targetText, measured, met };
}

/**
 * Writes the result for `bench/run.mjs`: the header, the markdown section (tables and
 * notes), and the targets. Without --json it only prints.
 */
export function finish(options, head, markdown, targets) {
  const result = { ...head, quick: options.quick, markdown, targets };
  if (options.json) writeFileSync(options.json, JSON.stringify(result, null, 2));
  return result;
}
