#!/usr/bin/env node
// Intake and lookup throughput on PostgreSQL, and the server's memory, on demand (not
// part of `npm test`):
//
//   npm run build && node bench/throughput.mjs      # full run
//   node bench/throughput.mjs --quick               # a short run that proves it works
//   node bench/throughput.mjs --connections 20 --rounds 3
//   ADUAN_BENCH_NODE_FLAGS=--cpu-prof node bench/throughput.mjs --quick --only inbox   # profile one
//
// `aduan serve` and a baseline server (bench/support/baseline-server.mjs: the same
// database work with plain node:http + pg, no GraphQL) run side by side on copies of
// one scratch database — the Kupang demo and 20,000 reports — and autocannon sends each
// the same three requests in turn: submitReport (a new report at a kelurahan centre,
// each with its own solved proof of work and idempotency key), reportStatus (a random
// known tracking code, every one a miss of the public-read cache; and the same 50 codes
// again and again, kept answers) and the staff inbox's first page (signed in). Each runs for the
// same number of requests, in alternating rounds, and the best round of each counts.
// Every answer is checked; a single error or wrong answer fails the target.
// Memory: the resident set of the aduan process idle, and its highest under the
// submit load (sampled every 100 ms).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { InboxDocument, InboxPageDocument, ProofOfWorkChallengeDocument, ReportStatusDocument, SubmitReportDocument } from '@aduan/client/operations';
import { solveProofOfWork } from '@aduan/client';
import { openDatabase, RoutingCatalog } from '../packages/api/dist/index.js';
import { routeSubmission } from '../packages/api/dist/intake/route-submission.js';
import { addBenchStaff, benchTrackingCodes, createCityDatabase, generateReports, postgresVersion } from './support/city-database.mjs';
import { cpuMsOf, memoryOf, sampleMemory, startAduan, startProcess } from './support/processes.mjs';
import { signIn } from './support/graphql.mjs';
import { benchOptions, finish, fmt, header, ratio, table, target } from './support/report.mjs';

const options = benchOptions();
const REPORTS = options.number('--reports', options.quick ? 1_000 : 20_000);
const CONNECTIONS = options.number('--connections', 10);
const ROUNDS = options.number('--rounds', options.quick ? 1 : 2);
const AMOUNT = {
  submit: options.number('--submits', options.quick ? 100 : 3_000),
  status: options.number('--lookups', options.quick ? 300 : 15_000),
  statusRepeated: options.number('--lookups', options.quick ? 300 : 15_000),
  inbox: options.number('--inboxes', options.quick ? 200 : 6_000),
};
const POW = 400; // hashes at most: verifying costs the server the same at any difficulty; solving thousands here must be quick
const AGENCY = 'upt-kebersihan-oebobo';

const head = header(
  'Intake and lookup throughput',
  `PostgreSQL ${await postgresVersion()}; Kupang demo + ${fmt(REPORTS)} reports; autocannon, ${CONNECTIONS} connections; ` +
    `${fmt(AMOUNT.submit)} submits, ${fmt(AMOUNT.status)} status lookups, ${fmt(AMOUNT.inbox)} inbox pages per round; best of ${ROUNDS} alternating rounds; ` +
    `proof of work at ${POW} hashes; both servers with 10 database connections`,
);

/** Kelurahan centres × categories, each with the decision routing makes for it. */
async function submissionRoutes(url) {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const snapshot = await new RoutingCatalog(database.prisma, 0).current();
    const kelurahan = JSON.parse(readFileSync(new URL('../prisma/kupang/boundaries/kupang-kelurahan.geojson', import.meta.url), 'utf8'));
    // The demo site's city's catalogue.
    const catalogue = snapshot.categoriesOf(snapshot.cityOf(snapshot.sitesByKey.get('demo').jurisdictionCode));
    const categories = ['sampah', 'jalan-rusak', 'lampu-jalan-mati', 'drainase-tersumbat', 'air-mati'].filter((code) => catalogue.has(code));
    if (categories.length < 3) throw new Error(`The demo's categories changed: ${[...catalogue.keys()].join(', ')}`);
    const routes = [];
    for (const feature of kelurahan.features) {
      const [lng, lat] = feature.properties.centroid;
      for (const category of categories) {
        const input = { site: 'demo', category, location: { lat, lng } };
        const outcome = routeSubmission(snapshot, input, { origin: null, ownOrigin: '' }, 'EN');
        if (!outcome.ok) continue;
        const { site, category: c, agency, decision, audit } = outcome.routed;
        routes.push({
          key: `${category}|${lat}|${lng}`,
          input,
          siteId: site.id,
          categoryId: c.id,
          agencyId: agency.id,
          agencySlug: agency.slug,
          jurisdictionCode: decision.jurisdictionCode,
          ruleId: decision.ruleId,
          reason: decision.reason,
          responseHours: decision.responseHours,
          audit,
        });
      }
    }
    return routes;
  } finally {
    await database.close();
  }
}

/** Solved proofs of work from the aduan server, one per submit to come. */
async function proofsOfWork(aduanUrl, count) {
  const proofs = [];
  const fetchOne = async () => {
    const response = await fetch(`${aduanUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ProofOfWorkChallengeDocument }),
    });
    const { data } = await response.json();
    proofs.push(await solveProofOfWork(data.proofOfWorkChallenge.challenge));
  };
  let asked = 0;
  const workers = Array.from({ length: 8 }, async () => {
    while (asked++ < count) await fetchOne();
  });
  await Promise.all(workers);
  return proofs;
}

/**
 * One autocannon run of `amount` requests; `request()` makes each, `check(status, body)`
 * says whether an answer is right. Returns requests/s, p50/p99, the server's CPU time per
 * request and the failures.
 */
async function load(server, amount, request, check) {
  let wrong = 0;
  let firstWrong = null;
  const cpuBefore = cpuMsOf(server.pid);
  const start = process.hrtime.bigint();
  let lastAnswer = start;
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) => ({ ...req, ...request() }),
        onResponse: (status, body) => {
          lastAnswer = process.hrtime.bigint();
          if (!check(status, body)) {
            wrong++;
            firstWrong ??= `${status} ${String(body).slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return {
    // From the start to the last answer: autocannon notices it is done only at its next
    // one-second tick, so its own duration is whole seconds.
    rps: (result.requests.total * 1e9) / Number(lastAnswer - start),
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMs: (cpuMsOf(server.pid) - cpuBefore) / result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx + wrong,
    firstWrong,
  };
}

const json = (body) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
// Status look-ups as the widget sends them: a GET with the document in the query string and
// no header but Accept (a simple request, no CORS preflight).
const graphqlGet = ({ query, variables }) => ({
  method: 'GET',
  path: `/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`,
  headers: { accept: 'application/graphql-response+json, application/json' },
});

const scratch = await createCityDatabase();
const tmp = mkdtempSync(join(tmpdir(), 'aduan-throughput-'));
let aduan;
let baseline;
const targets = [];
let markdown = '';
try {
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  const to = new Date();
  const generatedMs = await generateReports(client, { count: REPORTS, from: new Date(to.getTime() - 365 * 86_400_000), to }).finally(() => client.end());
  const staff = await addBenchStaff(scratch.url, AGENCY);
  const routes = await submissionRoutes(scratch.url);
  writeFileSync(join(tmp, 'routes.json'), JSON.stringify(routes));
  console.log(`setup: ${fmt(REPORTS)} reports in ${fmt(generatedMs / 1000, 1)} s; ${routes.length} kelurahan × category submissions`);

  aduan = await startAduan(scratch.url, {
    ADUAN_RATE_LIMITS: 'off',
    ADUAN_DELIVERY_WORKER: '0',
    ADUAN_PROOF_OF_WORK: String(POW),
    ADUAN_ESCALATION_INTERVAL_MS: '3600000',
  });
  baseline = await startProcess(
    'bench/support/baseline-server.mjs',
    [],
    { DATABASE_URL: scratch.url, ADUAN_BASELINE_ROUTES: join(tmp, 'routes.json'), POOL_SIZE: '10' },
    /baseline ready at (\S+)/,
  );
  const cookie = await signIn(aduan.url, staff);

  // Idle: started, one request of each kind answered, then left alone for a moment.
  await fetch(`${aduan.url}/graphql`, json({ query: ReportStatusDocument, variables: { trackingCode: benchTrackingCodes(1)[0] } }));
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = memoryOf(aduan.pid).rssMiB;

  let sequence = 0;
  const nextRoute = () => routes[sequence++ % routes.length];
  const codes = benchTrackingCodes(REPORTS);
  const randomCode = () => codes[Math.floor(Math.random() * codes.length)];
  const description = 'Sampah menumpuk di depan pasar sejak Senin, baunya sampai ke rumah warga';

  const cases = [
    {
      name: 'submitReport',
      key: 'submit',
      minimum: 0.4,
      prepare: async (rounds) => proofsOfWork(aduan.url, AMOUNT.submit * rounds + 20),
      ours(proofs) {
        return () => {
          const route = nextRoute();
          return json({
            query: SubmitReportDocument,
            variables: { input: { ...route.input, locale: 'EN', description, idempotencyKey: `bench-${sequence}-${Date.now()}`, proofOfWork: proofs.pop() } },
          });
        };
      },
      oursOk: (status, body) => status === 200 && body.includes('"ReportSubmitted"') && !body.includes('"errors"'),
      baseline() {
        return () => {
          const route = nextRoute();
          return {
            method: 'POST',
            path: '/submit',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              ...route.input,
              description,
              idempotencyKey: `base-${sequence}-${Date.now()}`,
              proofOfWork: `baseline-${sequence}-${Math.random()}`,
            }),
          };
        };
      },
      baselineOk: (status, body) => status === 200 && body.includes('"trackingCode"'),
    },
    {
      name: 'reportStatus, random codes',
      key: 'status',
      minimum: 0.35,
      // A variable the document does not declare changes nothing in the answer but the
      // cache key: every lookup is a miss, as for a code nobody asked for in the last 30 s.
      ours: () => () => graphqlGet({ query: ReportStatusDocument, variables: { trackingCode: randomCode(), miss: sequence++ } }),
      oursOk: (status, body) => status === 200 && body.includes('"trackingCode":"KPG-') && !body.includes('"errors"'),
      baseline: () => () => ({ method: 'GET', path: `/status?code=${randomCode()}` }),
      baselineOk: (status, body) => status === 200 && body.includes('"trackingCode":"KPG-'),
    },
    {
      name: 'reportStatus, repeated codes',
      key: 'statusRepeated',
      minimum: 0.8,
      // Widgets following their reports: the same few codes again and again (kept answers).
      ours: () => () => graphqlGet({ query: ReportStatusDocument, variables: { trackingCode: codes[sequence++ % 50] } }),
      oursOk: (status, body) => status === 200 && body.includes('"trackingCode":"KPG-') && !body.includes('"errors"'),
      baseline: () => () => ({ method: 'GET', path: `/status?code=${codes[sequence++ % 50]}` }),
      baselineOk: (status, body) => status === 200 && body.includes('"trackingCode":"KPG-'),
    },
    {
      name: 'inbox (first page)',
      key: 'inbox',
      minimum: 0.35,
      // The console's list: InboxPage, plain values read in one statement.
      ours: () => () => ({
        ...json({ query: InboxPageDocument, variables: { first: 25, locale: 'ID' } }),
        headers: { 'content-type': 'application/json', cookie },
      }),
      oursOk: (status, body) => status === 200 && body.includes('"hasNextPage":true') && !body.includes('"errors"'),
      baseline: () => () => ({ method: 'GET', path: '/inbox', headers: { cookie } }),
      baselineOk: (status, body) => status === 200 && body.includes('"hasNextPage":true'),
    },
    {
      // The same page through the Report connection (kept for API users), in the same run
      // under the same key, so `--only inbox` measures both. Held near what it measures
      // (0.09–0.17×), so it does not get slower unnoticed.
      name: 'inbox (first page, Report connection)',
      key: 'inbox',
      minimum: 0.08,
      ours: () => () => ({
        ...json({ query: InboxDocument, variables: { first: 25, locale: 'ID' } }),
        headers: { 'content-type': 'application/json', cookie },
      }),
      oursOk: (status, body) => status === 200 && body.includes('"hasNextPage":true') && !body.includes('"errors"'),
      baseline: () => () => ({ method: 'GET', path: '/inbox', headers: { cookie } }),
      baselineOk: (status, body) => status === 200 && body.includes('"hasNextPage":true'),
    },
  ];

  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  const rows = [];
  let submitPeak = idle;
  for (const c of cases.filter((c) => !only || c.key === only)) {
    const proofs = c.prepare ? await c.prepare(ROUNDS + 1) : null;
    // A short warm-up of each (JIT, connection pools, plan caches), not counted.
    const warm = Math.max(20, Math.floor(AMOUNT[c.key] / 10));
    await load(aduan, warm, c.ours(proofs), c.oursOk);
    await load(baseline, warm, c.baseline(), c.baselineOk);
    // The fastest round of each side counts; a failure in any round counts against it.
    const best = { ours: null, base: null };
    const leastCpu = { ours: Infinity, base: Infinity };
    const failures = { ours: 0, base: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const base = await load(baseline, AMOUNT[c.key], c.baseline(), c.baselineOk);
      const memory = c.key === 'submit' ? sampleMemory(aduan.pid) : null;
      const ours = await load(aduan, AMOUNT[c.key], c.ours(proofs), c.oursOk);
      if (memory) submitPeak = Math.max(submitPeak, memory.stop());
      for (const [side, run] of [
        ['ours', ours],
        ['base', base],
      ]) {
        if (run.failures) console.log(`  ${side} ${c.name}: ${run.failures} failures; first: ${run.firstWrong}`);
        failures[side] += run.failures;
        if (!best[side] || run.rps > best[side].rps) best[side] = run;
        leastCpu[side] = Math.min(leastCpu[side], run.cpuMs);
      }
      console.log(
        `  round ${round + 1} ${c.name}: aduan ${fmt(ours.rps)} req/s (p50 ${ours.p50} ms, p99 ${ours.p99} ms, ${fmt(ours.cpuMs, 2)} ms CPU each), ` +
          `baseline ${fmt(base.rps)} req/s (p50 ${base.p50} ms, p99 ${base.p99} ms, ${fmt(base.cpuMs, 2)} ms CPU each)`,
      );
    }
    const r = best.ours.rps / best.base.rps;
    rows.push([
      c.name,
      fmt(best.ours.rps),
      `${best.ours.p50} / ${best.ours.p99}`,
      fmt(best.base.rps),
      `${best.base.p50} / ${best.base.p99}`,
      ratio(r),
      `≥ ${c.minimum}×`,
      `${fmt(leastCpu.ours, 2)} / ${fmt(leastCpu.base, 2)} (${ratio(leastCpu.base / leastCpu.ours)})`,
      String(failures.ours + failures.base),
    ]);
    // The target is on server CPU per request: requests per second move with whatever else the machine does.
    const cpuRatio = leastCpu.base / leastCpu.ours;
    targets.push(target(`${c.name} CPU per request vs baseline`, cpuRatio >= c.minimum, `≥ ${c.minimum}× baseline`, ratio(cpuRatio)));
    targets.push(target(`${c.name} errors`, failures.ours + failures.base === 0, '0', String(failures.ours + failures.base)));
  }
  const finalMemory = memoryOf(aduan.pid);
  const peak = Math.max(submitPeak, finalMemory.rssMiB);
  targets.push(target('resident memory idle', idle <= 200, '≤ 200 MB', `${fmt(idle)} MiB`));
  targets.push(target('resident memory under intake load', peak <= 230, '≤ 230 MB', `${fmt(peak)} MiB`));

  markdown = [
    table(
      [
        'request',
        'aduan req/s',
        'aduan p50 / p99 ms',
        'baseline req/s',
        'baseline p50 / p99 ms',
        'throughput ratio',
        'target (on the CPU ratio)',
        'server CPU ms per request: aduan / baseline (ratio)',
        'errors',
      ],
      rows,
    ),
    '',
    'Server CPU per request is the least of the rounds, from /proc; its ratio is baseline ÷ aduan, so it reads like the throughput ratio but does not move with whatever else the machine is doing.',
    '',
    table(
      ['aduan serve resident memory', 'MiB', 'target'],
      [
        ['idle (after start and one lookup)', fmt(idle), '≤ 200'],
        ['highest under the submit load (sampled every 100 ms)', fmt(peak), '≤ 230'],
        ['peak over the whole run (VmHWM)', fmt(finalMemory.peakMiB), '–'],
      ],
    ),
  ].join('\n');
  console.log(markdown);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await aduan?.stop();
  await baseline?.stop();
  rmSync(tmp, { recursive: true, force: true });
  await scratch.drop();
}
finish(options, head, markdown, targets);
