// The servers a benchmark measures, each in a process of its own (as in production,
// and so the load generator does not share their event loop), and their memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts `node script args` with `env`, resolves once its output matches `ready`
 * (whose first group is the URL), and gives a `stop()` that ends it with SIGTERM.
 */
export async function startProcess(script, args, env, ready, nodeFlags = []) {
  // Without a DATABASE_URL of the caller's, none is inherited from this shell either.
  const inherited = { ...process.env };
  if (!('DATABASE_URL' in env)) delete inherited.DATABASE_URL;
  const child = spawn(process.execPath, [...nodeFlags, join(root, script), ...args], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s:\n${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The V8 heap sizes the README recommends for `aduan serve` on a small server: 2 MB
 * semi-spaces for the young generation and an old generation capped at 128 MB, so
 * garbage is collected before the heap grows instead of after.
 * ADUAN_BENCH_NODE_FLAGS replaces them ("" for Node's defaults, or e.g. --cpu-prof).
 */
export const SERVER_NODE_FLAGS = '--max-old-space-size=128 --max-semi-space-size=2';

/**
 * The allocator setting the README recommends beside them: glibc gives every thread that
 * allocates (V8's compiler and GC helpers, compiling Prisma's WebAssembly at start) an
 * arena of its own and keeps what they free, 20–100 MB of an idle server that varies from
 * start to start; two arenas keep it to a few MB. ADUAN_BENCH_MALLOC_ARENA_MAX replaces it
 * ("" for glibc's default).
 */
export const SERVER_MALLOC_ARENA_MAX = process.env.ADUAN_BENCH_MALLOC_ARENA_MAX ?? '2';

/**
 * `aduan serve` on PostgreSQL at `databaseUrl` (embedded PGlite with the Kupang demo when
 * null), on a free port of 127.0.0.1, with a data directory of its own (removed on stop).
 * `env` adds to or overrides the defaults here.
 */
export async function startAduan(databaseUrl, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'aduan-bench-'));
  const server = await startProcess(
    'packages/api/bin/aduan.js',
    ['serve'],
    {
      PORT: '0',
      HOST: '127.0.0.1',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ADUAN_DATA_DIR: dataDir,
      ...(SERVER_MALLOC_ARENA_MAX ? { MALLOC_ARENA_MAX: SERVER_MALLOC_ARENA_MAX } : {}),
      ...env,
    },
    /Aduan is ready: GraphQL at (http:\/\/[^/\s]+)\/graphql/,
    (process.env.ADUAN_BENCH_NODE_FLAGS ?? SERVER_NODE_FLAGS).split(/\s+/).filter(Boolean),
  );
  return {
    ...server,
    // It names itself localhost; 127.0.0.1 spares clients trying ::1 first.
    url: server.url.replace('//localhost:', '//127.0.0.1:'),
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident and peak resident memory of a process, in MiB, from /proc (Linux). */
export function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/** Samples a process's resident memory every `everyMs` until `stop()`, which returns the highest. */
export function sampleMemory(pid, everyMs = 100) {
  let highest = memoryOf(pid).rssMiB;
  const timer = setInterval(() => {
    try {
      highest = Math.max(highest, memoryOf(pid).rssMiB);
    } catch {
      // the process ended; keep what was seen
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return highest;
    },
  };
}

/**
 * CPU time a process has used so far (user + system), in milliseconds, from /proc
 * (Linux). Steadier than requests/s on a shared machine: it counts the server's own
 * work per request, whatever else is running.
 */
export function cpuMsOf(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

// USER_HZ: 100 on every Linux that Node runs on (getconf CLK_TCK).
const CLOCK_TICKS_PER_SECOND = 100;
