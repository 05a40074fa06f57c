#!/usr/bin/env node
// Statistics at city scale, on demand (not part of `npm test`):
//
//   npm run build && node bench/statistics.mjs            # 1,000,000 reports
//   node bench/statistics.mjs --quick                     # 5,000 reports
//   node bench/statistics.mjs --reports 250000 --runs 7
//   node bench/statistics.mjs --quick --keep              # leaves the database, for EXPLAIN
//   node bench/statistics.mjs --json /tmp/statistics.json  # the result for bench/run.mjs
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
import pg from 'pg';
import { openDatabase, RoutingCatalog } from '../packages/api/dist/index.js';
import { foldTally, queryStatistics, resolveScope } from '../packages/api/dist/statistics/index.js';
import { createCityDatabase, generateReports, postgresVersion } from './support/city-database.mjs';
import { benchOptions, finish, fmt, header, median, msSince, ratio, table, target } from './support/report.mjs';

const options = benchOptions();
const keep = options.has('--keep'); // leave the database for EXPLAIN; drop it yourself
const N = options.number('--reports', options.quick ? 5_000 : 1_000_000);
const RUNS = options.number('--runs', 5);
const TO = new Date('2026-11-15T16:00:00Z'); // a Monday 00:00 in Kupang
const FROM = new Date(TO.getTime() - 365 * 86_400_000);

async function time(fn) {
  await fn(); // warm
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    times.push(msSince(start));
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
  const agencies = await client.query(
    `
    SELECT "agencyId" AS agency, count(*)::int AS received, count("firstRespondedAt")::int AS responded, count("resolvedAt")::int AS resolved,
           count(*) FILTER (WHERE "firstRespondedAt" <= "dueAt")::int AS within,
           count(*) FILTER (WHERE "firstRespondedAt" IS NOT NULL OR "dueAt" < ($4::timestamptz AT TIME ZONE 'UTC'))::int AS decided,
           count(*) FILTER (WHERE status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS') AND "dueAt" < ($4::timestamptz AT TIME ZONE 'UTC'))::int AS overdue,
           sum("rerouteCount")::int AS reroutes,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "firstResponseSeconds") AS response,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY "resolutionSeconds") AS resolution
    FROM "Report" WHERE ${where} GROUP BY 1`,
    params,
  );
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
  const weeks = await client.query(
    `
    SELECT to_char(date_trunc('week', ("submittedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Makassar'), 'YYYY-MM-DD') AS monday, count(*)::int AS received,
           0 AS resolved FROM "Report" WHERE ${where} GROUP BY 1
    UNION ALL
    SELECT to_char(date_trunc('week', ("resolvedAt" AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Makassar'), 'YYYY-MM-DD'), 0, count(*)::int
    FROM "Report" WHERE ${where} AND "resolvedAt" < ($2::timestamptz AT TIME ZONE 'UTC') GROUP BY 1`,
    params.slice(0, 3),
  );
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

const head = header(
  'Statistics at city scale',
  `PostgreSQL ${await postgresVersion()}; ${fmt(N)} reports over a year; median of ${RUNS} runs after one warm-up`,
);
const scratch = await createCityDatabase();
const rows = [];
const targets = [];
let database;
try {
  database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
  const { prisma } = database;
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    const inserted = await generateReports(client, { count: N, from: FROM, to: TO });
    let start = process.hrtime.bigint();
    const folded = await foldTally(prisma);
    const foldMs = msSince(start);
    start = process.hrtime.bigint();
    await client.query('VACUUM ANALYZE "ReportTally"');
    const tallyRows = Number((await client.query('SELECT count(*) AS n FROM "ReportTally"')).rows[0].n);
    console.log(
      `setup: inserted ${fmt(N)} reports with their timelines (the triggers keeping the tally) in ${fmt(inserted / 1000, 1)} s, ` +
        `folded ${fmt(folded)} tally rows in ${fmt(foldMs / 1000, 1)} s (${fmt(tallyRows)} rows), VACUUM ANALYZE ${fmt(msSince(start) / 1000, 1)} s`,
    );

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
      const baseline = await time(
        () =>
          prisma.$queryRaw`SELECT count(*) FROM "Report" r
          WHERE r."submittedAt" >= ${scope.from} AND r."submittedAt" < ${scope.to} AND r."jurisdictionCode" = ANY(${scope.codes}::text[])`,
      );
      const statistics = await time(() => queryStatistics(prisma, scope));
      console.log(
        `scope (${label}): city 53.71 (${scope.codes.length} areas), ${from.toISOString()} → ${to.toISOString()}, ${stats.total.toLocaleString('en')} reports, ${stats.weekly.length} weeks, ${stats.agencies.length} agencies; numbers checked against the reports`,
      );
      console.log(`  baseline  SELECT count(*) over the scope: ${f(baseline)}`);
      console.log(`  statistics (queryStatistics):            ${f(statistics)}`);
      console.log(`  ratio statistics / count(*): ${(statistics.median / baseline.median).toFixed(2)}×`);
      rows.push([label, fmt(stats.total), `${fmt(baseline.median)} ms`, `${fmt(statistics.median)} ms`, ratio(statistics.median / baseline.median)]);
      targets.push(
        target(`statistics for the city over a year (${label}), ${fmt(N)} reports`, statistics.median <= 250, '≤ 250 ms', `${fmt(statistics.median)} ms`),
      );
    }
  } finally {
    await client.end();
  }
} finally {
  await database?.close();
  if (keep) console.log(`kept ${scratch.url}`);
  else await scratch.drop();
}
const markdown = [
  table(['range', 'reports in scope', 'baseline: SELECT count(*)', 'statistics', 'ratio'], rows),
  '',
  'Every number (counts by status, area and agency, the weekly series, the medians) is checked against PostgreSQL computing it from the reports before it is timed.',
].join('\n');
finish(options, head, markdown, targets);
