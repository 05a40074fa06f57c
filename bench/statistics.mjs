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
// denormalised Report.firstRespondedAt / resolvedAt / rerouteCount (the triggers
// keep the statistics tally as they go in), folds the tally, then times `statistics`
// for the city over two ranges — a year of whole weeks, and a year to a Thursday
// afternoon (partial weeks at both ends) — with the same function the GraphQL field
// calls, against a baseline in the same run: `SELECT count(*)` over the same scope.
// Every number is checked against PostgreSQL computing it from the reports first.
// The database is dropped at the end, also on failure.
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { demoCityPath } from '@aduan/prisma';
import { applyCityConfig, applyMigrations, loadCityConfig, openDatabase, RoutingCatalog } from '../packages/api/dist/index.js';
import { foldTally, queryStatistics, resolveScope } from '../packages/api/dist/statistics/index.js';

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

/**
 * The numbers, checked once per scope (not timed) against PostgreSQL computing them
 * from every report in scope: counts by status, area and agency, the weekly series and
 * the medians (percentile_cont). A mismatch stops the bench.
 */
async function check(client, scope, stats) {
  const params = [scope.from.toISOString(), scope.to.toISOString(), scope.codes, scope.now.toISOString()];
  const where = `"submittedAt" >= ($1::timestamptz AT TIME ZONE 'UTC') AND "submittedAt" < ($2::timestamptz AT TIME ZONE 'UTC') AND "jurisdictionCode" = ANY($3)`;
  const fail = (what, mine, theirs) => {
    throw new Error(`${what}: statistics say ${JSON.stringify(mine)}, the reports say ${JSON.stringify(theirs)}`);
  };
  const byStatus = await client.query(`SELECT status, count(*)::int AS n FROM "Report" WHERE ${where} GROUP BY 1`, params.slice(0, 3));
  for (const row of byStatus.rows) if ((stats.byStatus.get(row.status) ?? 0) !== row.n) fail(`status ${row.status}`, stats.byStatus.get(row.status), row.n);
  const total = byStatus.rows.reduce((sum, row) => sum + row.n, 0);
  if (stats.total !== total) fail('total', stats.total, total);
  const byArea = await client.query(`SELECT "jurisdictionCode" AS code, count(*)::int AS n FROM "Report" WHERE ${where} GROUP BY 1`, params.slice(0, 3));
  for (const row of byArea.rows) if (stats.byJurisdictionCode.get(row.code) !== row.n) fail(`area ${row.code}`, stats.byJurisdictionCode.get(row.code), row.n);
  const agencies = await client.query(`
    SELECT "agencyId" AS agency, count(*)::int AS received, count("firstRespondedAt")::int AS responded, count("resolvedAt")::int AS resolved,
           count(*) FILTER (WHERE "firstRespondedAt" <= "dueAt")::int AS within,
           count(*) FILTER (WHERE "firstRespondedAt" IS NOT NULL OR "dueAt" < ($4::timestamptz AT TIME ZONE 'UTC'))::int AS decided,
           count(*) FILTER (WHERE status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS') AND "dueAt" < ($4::timestamptz AT TIME ZONE 'UTC'))::int AS overdue,
           sum("rerouteCount")::int AS reroutes,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "firstResponseSeconds") AS response,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "resolutionSeconds") AS resolution
    FROM "Report" WHERE ${where} GROUP BY 1`, params);
  const same = (x, y) => (x === null && y === null) || Math.abs(x - y) < 1e-6;
  for (const row of agencies.rows) {
    const mine = stats.agencies.find((a) => a.agencyId === row.agency);
    const theirs = [row.received, row.responded, row.resolved, row.within, row.decided, row.overdue, row.reroutes];
    const ours = mine && [mine.received, mine.responded, mine.resolved, mine.answeredWithinDeadline, mine.deadlineDecided, mine.openOverdue, mine.reroutes];
    if (!ours || ours.some((n, i) => n !== theirs[i])) fail(`agency ${row.agency}`, ours, theirs);
    if (!same(mine.medianSecondsToFirstResponse, row.response) || !same(mine.medianSecondsToResolution, row.resolution)) {
      fail(`medians of agency ${row.agency}`, [mine.medianSecondsToFirstResponse, mine.medianSecondsToResolution], [row.response, row.resolution]);
    }
  }
  const weeks = await client.query(`
    SELECT to_char(date_trunc('week', ("submittedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Makassar'), 'YYYY-MM-DD') AS monday, count(*)::int AS received,
           0 AS resolved FROM "Report" WHERE ${where} GROUP BY 1
    UNION ALL
    SELECT to_char(date_trunc('week', ("resolvedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Makassar'), 'YYYY-MM-DD'), 0, count(*)::int
    FROM "Report" WHERE ${where} AND "resolvedAt" < ($2::timestamptz AT TIME ZONE 'UTC') GROUP BY 1`, params.slice(0, 3));
  const expected = new Map();
  for (const row of weeks.rows) {
    const week = expected.get(row.monday) ?? { received: 0, resolved: 0 };
    week.received += row.received;
    week.resolved += row.resolved;
    expected.set(row.monday, week);
  }
  for (const week of stats.weekly) {
    const theirs = expected.get(week.startsOn) ?? { received: 0, resolved: 0 };
    if (week.received !== theirs.received || week.resolved !== theirs.resolved) fail(`week ${week.startsOn}`, week, theirs);
  }
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
    const folded = await foldTally(prisma);
    const foldMs = ms(start);
    start = process.hrtime.bigint();
    await client.query('VACUUM ANALYZE "Report"');
    await client.query('VACUUM ANALYZE "ReportTally"');
    const tallyRows = Number((await client.query('SELECT count(*) AS n FROM "ReportTally"')).rows[0].n);
    console.log(`setup: inserted ${N.toLocaleString('en')} reports (the triggers keeping the tally) in ${(inserted / 1000).toFixed(1)} s, ` +
      `folded ${folded.toLocaleString('en')} tally rows in ${(foldMs / 1000).toFixed(1)} s (${tallyRows.toLocaleString('en')} rows), VACUUM ANALYZE ${(ms(start) / 1000).toFixed(1)} s`);

    const catalog = new RoutingCatalog(prisma, 0);
    const snapshot = await catalog.current();
    // The year to a Monday 00:00 (whole weeks only), and what a caller gets by default: the
    // 365 days up to now, here a Thursday 14:37 in Kupang (partial weeks at both ends).
    const thursday = new Date(TO.getTime() - (3 * 24 + 9 + 23 / 60) * 3_600_000);
    const scopes = [
      { label: 'whole weeks', from: FROM, to: TO },
      { label: 'to a Thursday 14:37', from: new Date(thursday.getTime() - 365 * 86_400_000), to: thursday },
    ];
    const f = (t) => `${t.median.toFixed(0)} ms (min ${t.min.toFixed(0)}, max ${t.max.toFixed(0)})`;
    for (const { label, from, to } of scopes) {
      const scope = resolveScope(snapshot, { jurisdictionCode: '53.71', from, to }, TO);
      const stats = await queryStatistics(prisma, scope);
      await check(client, scope, stats);
      const baseline = await time(() =>
        prisma.$queryRaw`SELECT count(*) FROM "Report" r
          WHERE r."submittedAt" >= ${scope.from} AND r."submittedAt" < ${scope.to} AND r."jurisdictionCode" = ANY(${scope.codes}::text[])`,
      );
      const statistics = await time(() => queryStatistics(prisma, scope));
      console.log(`scope (${label}): city 53.71 (${scope.codes.length} areas), ${from.toISOString()} → ${to.toISOString()}, ${stats.total.toLocaleString('en')} reports, ${stats.weekly.length} weeks, ${stats.agencies.length} agencies; numbers checked against the reports`);
      console.log(`  baseline  SELECT count(*) over the scope: ${f(baseline)}`);
      console.log(`  statistics (queryStatistics):            ${f(statistics)}`);
      console.log(`  ratio statistics / count(*): ${(statistics.median / baseline.median).toFixed(2)}×`);
    }
  } finally {
    await client.end();
  }
} finally {
  await database?.close();
  if (keep) console.log(`kept ${url}`);
  else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
