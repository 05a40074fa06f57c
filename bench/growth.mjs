#!/usr/bin/env node
// Data growth, on demand (not part of `npm test`): does a lookup, the inbox and the
// statistics page stay as fast with a year of a province's reports as with a few?
//
//   npm run build && node bench/growth.mjs        # 1,000 and 1,000,000 reports
//   node bench/growth.mjs --quick                 # 1,000 and 5,000
//   node bench/growth.mjs --large 250000 --requests 500
//
// For each size: a scratch PostgreSQL database with the Kupang demo and that many
// reports over a year (bench/support/city-database.mjs: spread over the kelurahan,
// categories, agencies and statuses, with their timelines), the statistics tally
// folded, then `aduan serve` on it, and one request at a time — as a resident or a
// staff member waits for it — over HTTP: reportStatus for random known codes, the
// inbox's first page of one agency (signed in), and `statistics` for the whole city
// over the past year. Each statistics request starts a day earlier than the one before
// (before the first report, so the numbers stay the same): a new question each time,
// counted, never an answer the server kept. The small database is the baseline: the
// large one's latencies are given as ratios to it.
import pg from 'pg';
import { foldTally } from '../packages/api/dist/statistics/index.js';
import { openDatabase } from '../packages/api/dist/index.js';
import { ReportStatusDocument } from '@aduan/client/operations';
import { addBenchStaff, benchTrackingCodes, createCityDatabase, generateReports, postgresVersion } from './support/city-database.mjs';
import { InboxDocument, StatisticsDocument } from '@aduan/client/operations';
import { graphql, signIn } from './support/graphql.mjs';
import { startAduan } from './support/processes.mjs';
import { mulberry32 } from './support/random.mjs';
import { benchOptions, finish, fmt, header, median, msSince, quantile, ratio, table, target } from './support/report.mjs';

const options = benchOptions();
const SMALL = options.number('--small', 1_000);
const LARGE = options.number('--large', options.quick ? 5_000 : 1_000_000);
const REQUESTS = options.number('--requests', options.quick ? 40 : 400);
const STATISTICS_RUNS = options.number('--statistics-runs', options.quick ? 3 : 10);
const AGENCY = 'upt-kebersihan-oebobo';

const head = header(
  'Data growth',
  `PostgreSQL ${await postgresVersion()}; ${fmt(SMALL)} vs ${fmt(LARGE)} reports over a year; one request at a time over HTTP to aduan serve; ` +
    `${fmt(REQUESTS)} status lookups and inbox pages, ${STATISTICS_RUNS} statistics pages per size, after ${Math.min(20, REQUESTS)} unmeasured`,
);

/** Latencies (ms) of `count` requests made one after another by `send(i)`; each must answer `ok`. */
async function sequential(count, send, ok) {
  const times = [];
  for (let i = 0; i < count + Math.min(20, count); i++) {
    const start = process.hrtime.bigint();
    const answer = await send(i);
    const took = msSince(start);
    if (!ok(answer)) throw new Error(`A wrong answer: ${JSON.stringify(answer.body).slice(0, 400)}`);
    if (i >= Math.min(20, count)) times.push(took);
  }
  return { p50: median(times), p99: quantile(times, 0.99) };
}

async function measure(count) {
  const scratch = await createCityDatabase();
  let aduan;
  try {
    const to = new Date();
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const generatedMs = await generateReports(client, { count, from: new Date(to.getTime() - 365 * 86_400_000), to }).finally(() => client.end());
    const database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
    await foldTally(database.prisma).finally(() => database.close());
    const staff = await addBenchStaff(scratch.url, AGENCY);
    console.log(`${fmt(count)} reports: generated in ${fmt(generatedMs / 1000, 1)} s`);

    aduan = await startAduan(scratch.url, { ADUAN_RATE_LIMITS: 'off', ADUAN_DELIVERY_WORKER: '0', ADUAN_ESCALATION_INTERVAL_MS: '3600000' });
    const cookie = await signIn(aduan.url, staff);
    const codes = benchTrackingCodes(count);
    const random = mulberry32(7);
    const pick = () => codes[Math.floor(random() * codes.length)];

    const status = await sequential(
      REQUESTS,
      () => graphql(aduan.url, ReportStatusDocument, { trackingCode: pick() }),
      (a) => a.body.data?.reportStatus?.timeline?.length >= 1,
    );
    const inbox = await sequential(
      REQUESTS,
      () => graphql(aduan.url, InboxDocument, { first: 25, locale: 'ID' }, { cookie }),
      (a) => a.body.data?.inbox?.edges?.length === 25,
    );
    const from = (i) => new Date(to.getTime() - (365 + i) * 86_400_000);
    const statistics = await sequential(
      STATISTICS_RUNS,
      (i) => graphql(aduan.url, StatisticsDocument, { code: '53.71', from: from(i).toISOString(), to: to.toISOString(), level: 3, locale: 'ID' }),
      (a) => a.body.data?.statistics?.total === count,
    );
    const line = (name, t) => console.log(`  ${name}: p50 ${fmt(t.p50, 1)} ms, p99 ${fmt(t.p99, 1)} ms`);
    line('reportStatus', status);
    line('inbox first page', inbox);
    line('statistics, city, a year', statistics);
    return { count, status, inbox, statistics };
  } finally {
    await aduan?.stop();
    await scratch.drop();
  }
}

const small = await measure(SMALL);
const large = await measure(LARGE);

const targets = [];
const rows = [];
for (const [name, key, limit] of [
  ['reportStatus', 'status', 1.5],
  ['inbox first page', 'inbox', 1.5],
  ['statistics, city, a year', 'statistics', null],
]) {
  const r = large[key].p50 / small[key].p50;
  rows.push([name, `${fmt(small[key].p50, 1)} / ${fmt(small[key].p99, 1)}`, `${fmt(large[key].p50, 1)} / ${fmt(large[key].p99, 1)}`, ratio(r)]);
  if (limit) targets.push(target(`${name} at ${fmt(LARGE)} vs ${fmt(SMALL)} reports (p50)`, r <= limit, `≤ ${limit}×`, ratio(r)));
}
targets.push(
  target(`statistics for the city over a year at ${fmt(LARGE)} reports (p50)`, large.statistics.p50 <= 250, '≤ 250 ms', `${fmt(large.statistics.p50)} ms`),
);

const markdown = table(['request', `${fmt(SMALL)} reports: p50 / p99 ms`, `${fmt(LARGE)} reports: p50 / p99 ms`, 'ratio (p50)'], rows);
console.log(markdown);
finish(options, head, markdown, targets);
