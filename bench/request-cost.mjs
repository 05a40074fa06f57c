#!/usr/bin/env node
// Where a status lookup's CPU goes, layer by layer, on demand (not part of `npm test`):
//
//   npm run build && node bench/request-cost.mjs      # full run
//   node bench/request-cost.mjs --quick               # a short run that proves it works
//
// The throughput benchmark says how far Aduan is from the plain node:http + pg
// baseline; this one says which layer the difference is in. In one process, on the
// same database and the same known tracking codes, each step adds one layer:
//   1. pg: the baseline's two statements (the report, its public timeline);
//   2. Prisma: the one `findUnique` the GraphQL layer sends, with the same selection;
//   3. Yoga in-process: the whole `reportStatus` request through `yoga.fetch`
//      (parsing, validation and limits, context, Pothos, Prisma, the JSON answer),
//      without a socket;
//   4. the same request answered from the public-read cache (a kept answer: the same 50
//      codes again and again, as widgets following their reports ask them).
// Each runs with 10 lookups in flight, in alternating rounds; the least CPU time per
// lookup (process.cpuUsage, this process only: PostgreSQL's own work is not in it)
// counts. Ratios are to step 1.
import pg from 'pg';
import { ReportStatusDocument } from '@aduan/client/operations';
import { createGraphQLHandler, DiskPhotoStorage, openDatabase, RoutingCatalog } from '../packages/api/dist/index.js';
import { MemoryPublicReadStore } from '../packages/api/dist/server/public-read-store.js';
import { benchTrackingCodes, createCityDatabase, generateReports, postgresVersion } from './support/city-database.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchOptions, finish, fmt, header, ratio, table } from './support/report.mjs';

const options = benchOptions();
const REPORTS = options.number('--reports', options.quick ? 500 : 5_000);
const LOOKUPS = options.number('--lookups', options.quick ? 300 : 4_000);
const ROUNDS = options.number('--rounds', options.quick ? 1 : 3);
const IN_FLIGHT = 10;
const PUBLIC_KINDS = ['SUBMITTED', 'STATUS_CHANGED', 'PUBLIC_NOTE', 'REROUTED'];

const head = header(
  'Where a status lookup’s CPU goes',
  `PostgreSQL ${await postgresVersion()}; Kupang demo + ${fmt(REPORTS)} reports; ${fmt(LOOKUPS)} lookups per layer per round, ` +
    `${IN_FLIGHT} in flight; least CPU of ${ROUNDS} alternating rounds; one process, no socket`,
);

/** CPU milliseconds per call of `lookup(code)` over LOOKUPS random known codes, IN_FLIGHT at a time. */
async function cpuPerLookup(codes, lookup) {
  let next = 0;
  const started = process.cpuUsage();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < LOOKUPS) await lookup(codes[(next++ * 7919) % codes.length]);
    }),
  );
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / LOOKUPS;
}

const scratch = await createCityDatabase();
const photoDir = mkdtempSync(join(tmpdir(), 'aduan-request-cost-'));
let markdown = '';
const targets = [];
let database;
let pool;
try {
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  const to = new Date();
  await generateReports(client, { count: REPORTS, from: new Date(to.getTime() - 365 * 86_400_000), to }).finally(() => client.end());
  const codes = benchTrackingCodes(REPORTS);

  pool = new pg.Pool({ connectionString: scratch.url, max: 10 });
  // An idle connection the server ends (the scratch database dropped, another run's clean-up) is no failure of this benchmark.
  pool.on('error', () => {});
  database = await openDatabase({ databaseUrl: scratch.url, poolSize: 10 });
  const prisma = database.prisma;
  const yoga = createGraphQLHandler({ prisma, catalog: new RoutingCatalog(prisma, 60_000), photoStorage: new DiskPhotoStorage(photoDir) });
  const keeping = createGraphQLHandler({
    prisma,
    catalog: new RoutingCatalog(prisma, 60_000),
    photoStorage: new DiskPhotoStorage(photoDir),
    publicReads: new MemoryPublicReadStore(),
  });
  const statusRequest = (handler, code) =>
    handler.fetch('http://aduan.bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ReportStatusDocument, variables: { trackingCode: code } }),
    });

  // What `reportStatus` asks Prisma for (the PublicReport type's selection, relations joined).
  const selection = {
    id: true,
    trackingCode: true,
    status: true,
    submittedAt: true,
    dueAt: true,
    jurisdictionCode: true,
    category: { select: { id: true, code: true, nameId: true, nameEn: true } },
    agency: { select: { id: true, slug: true, name: true, shortName: true } },
    jurisdiction: { select: { code: true, name: true, kind: true, level: true, timeZone: true } },
    events: { select: { id: true, at: true, status: true, publicNote: true }, where: { kind: { in: PUBLIC_KINDS } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] },
  };
  const expectFound = (found, layer, code) => {
    if (!found) throw new Error(`${layer} did not find ${code}`);
  };
  let keptNext = 0;
  const layers = [
    {
      name: 'pg: the baseline’s two statements',
      async lookup(code) {
        const { rows } = await pool.query('SELECT * FROM "Report" WHERE "trackingCode" = $1', [code]);
        expectFound(rows[0], 'pg', code);
        await pool.query('SELECT at, status, "publicNote" FROM "ReportEvent" WHERE "reportId" = $1 AND kind = ANY($2::"ReportEventKind"[]) ORDER BY at, id', [
          rows[0].id,
          PUBLIC_KINDS,
        ]);
      },
    },
    {
      name: 'Prisma: the one findUnique GraphQL sends',
      async lookup(code) {
        expectFound(await prisma.report.findUnique({ where: { trackingCode: code }, select: selection }), 'Prisma', code);
      },
    },
    {
      name: 'Yoga in-process: the whole reportStatus request',
      async lookup(code) {
        const body = await (await statusRequest(yoga, code)).text();
        expectFound(body.includes(`"trackingCode":"${code}"`), 'Yoga', `${code}: ${body.slice(0, 200)}`);
      },
    },
    {
      name: 'Yoga, a kept answer (50 codes again and again)',
      async lookup() {
        const kept = codes[keptNext++ % 50];
        const body = await (await statusRequest(keeping, kept)).text();
        expectFound(body.includes(`"trackingCode":"${kept}"`), 'kept', `${kept}: ${body.slice(0, 200)}`);
      },
    },
  ];

  // Warm-up: the JIT, both pools, PostgreSQL's plan caches.
  for (const layer of layers) for (let i = 0; i < 200; i++) await layer.lookup(codes[i % codes.length]);
  const least = layers.map(() => Infinity);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, layer] of layers.entries()) {
      const cpu = await cpuPerLookup(codes, layer.lookup);
      least[i] = Math.min(least[i], cpu);
      console.log(`  round ${round + 1} ${layer.name}: ${fmt(cpu, 3)} ms CPU per lookup`);
    }
  }
  // The kept answer replaces the layers below it rather than adding to them.
  const rows = layers.map((layer, i) => [layer.name, fmt(least[i], 3), i === 0 || i === 3 ? '–' : fmt(least[i] - least[i - 1], 3), ratio(least[i] / least[0])]);
  markdown = table(['layer (each includes the ones above)', 'CPU ms per lookup', 'added by this layer', 'vs pg'], rows);
  console.log(markdown);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await database?.close();
  await pool?.end();
  rmSync(photoDir, { recursive: true, force: true });
  await scratch.drop();
}
finish(options, head, markdown, targets);
