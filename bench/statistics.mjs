#!/usr/bin/env node
// Statistics at city scale, on demand (not part of `npm test`):
//
//   npm run build && node bench/statistics.mjs            # 1,000,000 reports
//   node bench/statistics.mjs --quick                     # 10,000 reports
//   node bench/statistics.mjs --reports 250000 --runs 7
//   node bench/statistics.mjs --quick --keep              # leaves the database, for EXPLAIN
//
// Creates a scratch PostgreSQL database (ADUAN_BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres is used to create and drop it),
// applies the migrations and the Kupang demo city, bulk-inserts N reports over a
// year spread across Kupang's kelurahan with realistic statuses and the
// denormalised Report.firstRespondedAt / resolvedAt / rerouteCount, then times
// `statistics` for the city over the year (the same function the GraphQL field
// calls) against a baseline in the same run: `SELECT count(*)` over the same scope.
// The database is dropped at the end, also on failure.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { demoCityPath } from '@aduan/prisma';
import { applyCityConfig, applyMigrations, loadCityConfig, openDatabase, RoutingCatalog } from '../packages/api/dist/index.js';
import { queryStatistics, resolveScope } from '../packages/api/dist/statistics/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const quick = args.includes('--quick');
const keep = args.includes('--keep'); // leave the database for EXPLAIN; drop it yourself
const N = option('--reports', quick ? 10_000 : 1_000_000);
const RUNS = option('--runs', 5);
const adminUrl = process.env.ADUAN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TO = new Date('2026-11-15T16:00:00Z'); // a Monday 00:00 in Kupang
const FROM = new Date(TO.getTime() - 365 * 86_400_000);

async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
async function time(fn) {
  await fn(); // warm
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(ms(start));
  }
  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

const name = `aduan_bench_${randomBytes(5).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
await admin(`CREATE DATABASE ${name}`);
let database;
try {
  const server = (await admin('SHOW server_version')).rows[0].server_version;
  console.log(`aduan statistics bench — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}`);
  console.log(`node ${process.version}, PostgreSQL ${server}; ${N.toLocaleString('en')} reports; median of ${RUNS} runs after one warm-up`);

  database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await applyMigrations(database);
  const { prisma } = database;
  await applyCityConfig(prisma, await loadCityConfig(demoCityPath));

  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    let start = process.hrtime.bigint();
    // One year of reports, spread over Kupang's kelurahan (a few routed by the city or a kecamatan).
    // Status mix and timings roughly as in a live deployment: 85% answered (hours to days, a tenth
    // late), 55% resolved, 10% rejected, 8% rerouted once or twice.
    await client.query(
      `
      WITH k AS (SELECT array_agg(code ORDER BY code) AS codes FROM "Jurisdiction" WHERE level = 4 AND code LIKE '53.71.%'),
           c AS (SELECT array_agg(id ORDER BY code) AS ids FROM "Category"),
           a AS (SELECT array_agg(id ORDER BY slug) AS ids FROM "Agency"),
           s AS (SELECT id FROM "Site" WHERE key = 'demo'),
           g AS (
             SELECT i, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
                    date_trunc('milliseconds', $1::timestamp + random() * ($2::timestamp - $1::timestamp)) AS submitted
             FROM generate_series(1, $3::int) AS i),
           r AS (
             SELECT g.*, submitted + (ARRAY[24, 48, 72, 120])[1 + floor(u4 * 4)::int] * interval '1 hour' AS due,
                    -- Whole milliseconds, as the columns (timestamp(3)) and the durations derived from them hold.
                    CASE WHEN u1 < 0.85 THEN date_trunc('milliseconds', submitted + (u2 ^ 2) * interval '150 hours') END AS responded,
                    CASE WHEN u1 < 0.55 THEN date_trunc('milliseconds', submitted + (u2 ^ 2) * interval '150 hours' + u3 * interval '400 hours') END AS resolved
             FROM g)
      INSERT INTO "Report" (id, "trackingCode", "siteId", "categoryId", "agencyId", "jurisdictionCode", description,
                            status, "routingMethod", "routingReason", "routingDecision", "submittedAt", "dueAt", "updatedAt",
                            "firstRespondedAt", "resolvedAt", "rerouteCount", "firstResponseSeconds", "resolutionSeconds")
      SELECT gen_random_uuid(), 'KPG-B' || lpad(i::text, 9, '0'), s.id,
             c.ids[1 + (i * 7) % array_length(c.ids, 1)], a.ids[1 + (i * 13) % array_length(a.ids, 1)],
             CASE WHEN i % 100 = 0 THEN '53.71' WHEN i % 100 = 1 THEN '53.71.04' ELSE k.codes[1 + (i * 31) % array_length(k.codes, 1)] END,
             'Laporan uji beban',
             (CASE WHEN u1 < 0.40 THEN 'CLOSED' WHEN u1 < 0.55 THEN 'RESOLVED' WHEN u1 < 0.65 THEN 'REJECTED'
                   WHEN u1 < 0.75 THEN 'IN_PROGRESS' WHEN u1 < 0.85 THEN 'ACKNOWLEDGED' ELSE 'RECEIVED' END)::"ReportStatus",
             'POINT', 'bench', '{}', submitted, due, coalesce(resolved, responded, submitted),
             responded, resolved, CASE WHEN u4 < 0.06 THEN 1 WHEN u4 < 0.08 THEN 2 ELSE 0 END,
             EXTRACT(EPOCH FROM responded - submitted), EXTRACT(EPOCH FROM resolved - submitted)
      FROM r, k, c, a, s`,
      [FROM.toISOString().slice(0, 23), TO.toISOString().slice(0, 23), N],
    );
    const inserted = ms(start);
    start = process.hrtime.bigint();
    await client.query('VACUUM ANALYZE "Report"');
    console.log(`setup: inserted ${N.toLocaleString('en')} reports in ${(inserted / 1000).toFixed(1)} s, VACUUM ANALYZE ${(ms(start) / 1000).toFixed(1)} s`);

    const catalog = new RoutingCatalog(prisma, 0);
    const scope = resolveScope(await catalog.current(), { jurisdictionCode: '53.71', from: FROM, to: TO }, TO);
    const stats = await queryStatistics(prisma, scope);
    if (stats.total !== N) throw new Error(`statistics counted ${stats.total} reports, expected ${N}`);
    // The medians, checked once against PostgreSQL's own percentile_cont over every report (slow; not timed).
    const direct = await client.query(`
      SELECT "agencyId" AS agency,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', "firstRespondedAt" - "submittedAt")) AS response,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', "resolvedAt" - "submittedAt")) AS resolution
      FROM "Report" GROUP BY 1`);
    for (const row of direct.rows) {
      const mine = stats.agencies.find((a) => a.agencyId === row.agency);
      const same = (x, y) => (x === null && y === null) || Math.abs(x - y) < 1e-6;
      if (!mine || !same(mine.medianSecondsToFirstResponse, row.response) || !same(mine.medianSecondsToResolution, row.resolution)) {
        throw new Error(`median mismatch for agency ${row.agency}: ${JSON.stringify(mine)} vs ${JSON.stringify(row)}`);
      }
    }

    const baseline = await time(() =>
      prisma.$queryRaw`SELECT count(*) FROM "Report" r
        WHERE r."submittedAt" >= ${scope.from} AND r."submittedAt" < ${scope.to} AND r."jurisdictionCode" = ANY(${scope.codes}::text[])`,
    );
    const statistics = await time(() => queryStatistics(prisma, scope));
    const f = (t) => `${t.median.toFixed(0)} ms (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})`;
    console.log(`scope: city 53.71 (${scope.codes.length} areas), ${FROM.toISOString()} → ${TO.toISOString()}, ${stats.total.toLocaleString('en')} reports, ${stats.weekly.length} weeks, ${stats.agencies.length} agencies`);
    console.log(`baseline  SELECT count(*) over the scope: ${f(baseline)}`);
    console.log(`statistics (queryStatistics):            ${f(statistics)}`);
    console.log(`ratio statistics / count(*): ${(statistics.median / baseline.median).toFixed(2)}×`);
  } finally {
    await client.end();
  }
} finally {
  await database?.close();
  if (keep) console.log(`kept ${url}`);
  else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
