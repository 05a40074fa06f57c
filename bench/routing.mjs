#!/usr/bin/env node
// Routing at national scale, on demand (not part of `npm test`):
//
//   npm run build && node bench/routing.mjs                  # 100,000 points
//   node bench/routing.mjs --quick                           # 5,000 points, a few seconds
//   node bench/routing.mjs --points 250000 --passes 9 --seed 7
//   node bench/routing.mjs --json /tmp/routing.json          # the result for bench/run.mjs
//
// The 7,284 kecamatan of Indonesia (bench/data) and a fixed set of seeded random points
// spread uniformly over the data's bounding box. Measures what intake calls,
// JurisdictionIndex.locate, and the raw PolygonIndex.containingIndices below it: index
// build time and memory, lookups per second (one JS thread, so one core) and the time of
// each lookup. Against PostGIS in the same run, on the same points: ST_Contains with a
// GiST index, one prepared query per point over one connection and one batched join.
// Every point PostGIS (on ST_MakeValid geometries) places in exactly one kecamatan must
// get exactly that kecamatan from us.
//
// Creates a scratch PostgreSQL database (ADUAN_BENCH_DATABASE_URL, default
// postgres://postgres@127.0.0.1:5432/postgres is used to create and drop it) with the
// postgis extension; it is dropped at the end, also on failure.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { JurisdictionIndex, PolygonIndex } from '@aduan/core';
import { adminQuery, adminUrl } from './support/city-database.mjs';
import { mulberry32 } from './support/random.mjs';
import { benchOptions, finish, fmt, header, median, msSince, quantile, ratio, table, target } from './support/report.mjs';

// Index memory is measured after a forced collection, which needs --expose-gc: rerun
// under it when started without.
if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
}

const DATA = new URL('./data/indonesia-kecamatan.geojson.gz', import.meta.url);
const TARGET_LOOKUPS_PER_SECOND = 1_000_000;
const TARGET_TIMES_BATCHED = 30;
/** One query per point over all points only while that stays under this; else a fixed subset. */
const PER_POINT_BUDGET_MS = 60_000;
const PER_POINT_FALLBACK = 20_000;

const options = benchOptions();
const quick = options.quick;
const N = Math.floor(options.number('--points', quick ? 5_000 : 100_000));
const PASSES = Math.floor(options.number('--passes', quick ? 5 : 7));
const BUILDS = Math.floor(options.number('--builds', quick ? 2 : 5));
const BATCHED_RUNS = Math.floor(options.number('--batched-runs', quick ? 1 : 3));
const PER_POINT = Math.min(N, Math.floor(options.number('--per-point', quick ? 500 : N)));
const SEED = Math.floor(options.number('--seed', 2138));
const wallStart = process.hrtime.bigint();
const loadAtStart = os.loadavg()[0];

/** heapUsed + arrayBuffers after a full collection (typed arrays live outside the JS heap). */
function memoryInUse() {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

const mib = (bytes) => `${fmt(bytes / 2 ** 20, 1)} MiB`;
const perSecond = (count, ms) => (count * 1000) / ms;
const micros = (ns) => fmt(ns / 1000, 2);

/** Codes per point: an array of sorted code lists, empty where nothing contains the point. */
function answersFrom(rows, n) {
  const answers = Array.from({ length: n }, () => []);
  for (const row of rows) answers[row.id].push(row.code);
  for (const codes of answers) codes.sort();
  return answers;
}
const sameCodes = (a, b) => a.length === b.length && a.every((code, i) => code === b[i]);
function countBySize(answers) {
  let none = 0;
  let one = 0;
  let several = 0;
  for (const codes of answers) {
    if (codes.length === 0) none++;
    else if (codes.length === 1) one++;
    else several++;
  }
  return { none, one, several };
}

// ---- Data and points -------------------------------------------------------------------

let start = process.hrtime.bigint();
const beforeParse = memoryInUse();
const collection = JSON.parse(gunzipSync(readFileSync(DATA)).toString('utf8'));
const parsedBytes = memoryInUse() - beforeParse;
const features = collection.features;
const parseMs = msSince(start);
let partCount = 0;
let vertexCount = 0;
for (const feature of features) {
  for (const polygon of feature.geometry.coordinates) {
    partCount++;
    for (const ring of polygon) vertexCount += ring.length;
  }
}

// Level 3 with the kabupaten/kota as parent: that parent is not in the index, which makes
// every kecamatan a root with a one-element ancestry.
const entries = features.map((feature) => ({
  code: feature.properties.code,
  name: feature.properties.name,
  level: 3,
  parentCode: feature.properties.code.split('.').slice(0, -1).join('.'),
  geometry: feature.geometry,
}));
const codes = entries.map((entry) => entry.code);

const raw = new PolygonIndex(entries.map((entry) => ({ key: entry.code, geometry: entry.geometry })));
const [minLng, minLat, maxLng, maxLat] = raw.bbox;
const random = mulberry32(SEED);
const lngs = new Float64Array(N);
const lats = new Float64Array(N);
for (let i = 0; i < N; i++) {
  lngs[i] = minLng + random() * (maxLng - minLng);
  lats[i] = minLat + random() * (maxLat - minLat);
}

const head = header(
  'Routing at national scale',
  `${fmt(features.length)} kecamatan; ${fmt(N)} points (mulberry32 seed ${SEED}) uniform in ` +
    `[${minLng.toFixed(3)}, ${minLat.toFixed(3)}, ${maxLng.toFixed(3)}, ${maxLat.toFixed(3)}]; ` +
    `${PASSES} timed pass${PASSES === 1 ? '' : 'es'} after a warm-up, ${BUILDS} builds; PostGIS one query per point ` +
    `on up to ${fmt(PER_POINT)} points, batched median of ${BATCHED_RUNS}${quick ? '; --quick' : ''}`,
);
console.log(
  `data: ${fmt(features.length)} kecamatan, ${fmt(partCount)} polygons, ${fmt(vertexCount)} vertices; ` +
    `gunzip + JSON.parse ${fmt(parseMs)} ms, ${mib(parsedBytes)} parsed`,
);

// ---- Our index: build time and memory --------------------------------------------------

const buildTimes = [];
for (let b = 0; b < BUILDS; b++) {
  start = process.hrtime.bigint();
  const built = new JurisdictionIndex(entries);
  buildTimes.push(msSince(start));
  if (built.size !== entries.length) throw new Error(`index holds ${built.size} of ${entries.length} entries`);
}
const beforeIndex = memoryInUse();
const index = new JurisdictionIndex(entries);
const indexBytes = memoryInUse() - beforeIndex;
console.log(
  `index: build ${fmt(median(buildTimes), 1)} ms median of ${BUILDS} (first ${fmt(buildTimes[0], 1)} ms), ` + `${mib(indexBytes)} beyond the parsed GeoJSON`,
);

// ---- Our index: lookups per second -----------------------------------------------------

function locatePass() {
  let located = 0;
  for (let i = 0; i < N; i++) if (index.locate(lngs[i], lats[i]) !== null) located++;
  return located;
}
/** Only the points on land: what a deployment sees, since reports come from inside an area. */
let land = new Uint32Array(0);
function landPass() {
  let located = 0;
  for (let k = 0; k < land.length; k++) if (index.locate(lngs[land[k]], lats[land[k]]) !== null) located++;
  return located;
}
function containingPass() {
  let found = 0;
  for (let i = 0; i < N; i++) found += raw.containingIndices(lngs[i], lats[i]).length;
  return found;
}
/** Warm-up passes (at least 200,000 lookups, for the JIT), then PASSES timed passes; the median pass. */
function throughput(pass, count = N) {
  const check = pass();
  for (let done = count; done < 200_000; done += count) pass();
  const times = [];
  for (let p = 0; p < PASSES; p++) {
    start = process.hrtime.bigint();
    if (pass() !== check) throw new Error('a pass answered differently from the warm-up');
    times.push(msSince(start));
  }
  const ms = median(times);
  return { ms, perSecond: perSecond(count, ms) };
}
const locateSpeed = throughput(locatePass);
const containingSpeed = throughput(containingPass);
land = Uint32Array.from({ length: N }, (_, i) => i).filter((i) => raw.containingIndices(lngs[i], lats[i]).length > 0);
const landSpeed = throughput(landPass, land.length);
console.log(
  `locate: ${fmt(locateSpeed.perSecond)} lookups/s (median pass ${fmt(locateSpeed.ms, 1)} ms); ` +
    `containingIndices: ${fmt(containingSpeed.perSecond)} lookups/s (${fmt(containingSpeed.ms, 1)} ms)`,
);

// Each lookup timed on its own; the timer's own cost is an empty call timed the same way.
const lookupNs = new Float64Array(N);
const hit = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  const t0 = process.hrtime.bigint();
  const located = index.locate(lngs[i], lats[i]);
  lookupNs[i] = Number(process.hrtime.bigint() - t0);
  hit[i] = located === null ? 0 : 1;
}
const nothing = (lng, lat) => (lng > 1e300 ? lat : null);
const timerNs = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const t0 = process.hrtime.bigint();
  nothing(lngs[i], lats[i]);
  timerNs[i] = Number(process.hrtime.bigint() - t0);
}
const hitNs = lookupNs.filter((_, i) => hit[i] === 1);
const missNs = lookupNs.filter((_, i) => hit[i] === 0);
const latency = (ns) => ({ p50: quantile(ns, 0.5), p99: quantile(ns, 0.99), p999: quantile(ns, 0.999), max: quantile(ns, 1) });
const lookupLatency = { all: latency(lookupNs), hit: latency(hitNs), miss: latency(missNs), timer: latency(timerNs) };
console.log(
  `locate per lookup: p50 ${micros(lookupLatency.all.p50)} µs, p99 ${micros(lookupLatency.all.p99)} µs ` +
    `(timer alone p50 ${micros(lookupLatency.timer.p50)} µs)`,
);

// Every answer of ours, for the comparison with PostGIS.
const ours = new Array(N);
const oursLocated = new Array(N);
for (let i = 0; i < N; i++) {
  ours[i] = raw
    .containingIndices(lngs[i], lats[i])
    .map((item) => codes[item])
    .sort();
  oursLocated[i] = index.locate(lngs[i], lats[i])?.code ?? null;
}

// ---- PostGIS ---------------------------------------------------------------------------

const name = `aduan_bench_${randomBytes(5).toString('hex')}`;
const url = new URL(adminUrl);
url.pathname = `/${name}`;
await adminQuery(`CREATE DATABASE ${name}`);
let db;
let postgis;
try {
  db = new pg.Client({ connectionString: url.toString() });
  await db.connect();
  db.on('notice', () => {}); // ST_IsValid-style notices from invalid polygons are expected
  // One backend process, like our one thread: no parallel workers.
  await db.query('SET max_parallel_workers_per_gather = 0');
  const setup = {};
  start = process.hrtime.bigint();
  await db.query('CREATE EXTENSION postgis');
  setup.extension = msSince(start);
  const versions = (await db.query('SELECT postgis_lib_version() AS postgis, postgis_geos_version() AS geos, version() AS server')).rows[0];

  start = process.hrtime.bigint();
  await db.query(`CREATE TABLE kecamatan (
    code text PRIMARY KEY,
    geom geometry(MultiPolygon, 4326) NOT NULL,
    -- ST_MakeValid may return a GeometryCollection (a polygon plus a stray line).
    geom_valid geometry(Geometry, 4326))`);
  const CHUNK = 500;
  for (let i = 0; i < features.length; i += CHUNK) {
    const chunk = features.slice(i, i + CHUNK);
    await db.query(
      `INSERT INTO kecamatan (code, geom)
       SELECT code, ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326) FROM unnest($1::text[], $2::text[]) AS t(code, geojson)`,
      [chunk.map((f) => f.properties.code), chunk.map((f) => JSON.stringify(f.geometry))],
    );
  }
  setup.load = msSince(start);
  start = process.hrtime.bigint();
  await db.query('UPDATE kecamatan SET geom_valid = ST_MakeValid(geom)');
  setup.makeValid = msSince(start);
  start = process.hrtime.bigint();
  await db.query('CREATE INDEX kecamatan_geom ON kecamatan USING gist (geom)');
  await db.query('CREATE INDEX kecamatan_geom_valid ON kecamatan USING gist (geom_valid)');
  await db.query('VACUUM ANALYZE kecamatan');
  setup.index = msSince(start);
  const invalid = Number((await db.query('SELECT count(*) AS n FROM kecamatan WHERE NOT ST_IsValid(geom)')).rows[0].n);
  const collections = (await db.query(`SELECT code FROM kecamatan WHERE GeometryType(geom_valid) = 'GEOMETRYCOLLECTION' ORDER BY code`)).rows.map(
    (r) => r.code,
  );

  // Points as float8 arrays: JS numbers print shortest-round-trip and PostgreSQL reads them
  // back exactly, so PostGIS tests the very same coordinates.
  start = process.hrtime.bigint();
  await db.query('CREATE TABLE points (id int PRIMARY KEY, pt geometry(Point, 4326) NOT NULL)');
  await db.query(
    `INSERT INTO points SELECT id, ST_SetSRID(ST_MakePoint(lng, lat), 4326)
     FROM unnest($1::int[], $2::float8[], $3::float8[]) AS t(id, lng, lat)`,
    [Array.from({ length: N }, (_, i) => i), Array.from(lngs), Array.from(lats)],
  );
  await db.query('VACUUM ANALYZE points');
  setup.points = msSince(start);
  const exact = Number(
    (
      await db.query('SELECT count(*) AS n FROM points p WHERE ST_X(p.pt) = ($1::float8[])[p.id + 1] AND ST_Y(p.pt) = ($2::float8[])[p.id + 1]', [
        Array.from(lngs),
        Array.from(lats),
      ])
    ).rows[0].n,
  );
  if (exact !== N) throw new Error(`only ${exact} of ${N} points reached PostGIS unchanged`);
  console.log(
    `PostGIS ${versions.postgis} / GEOS ${versions.geos}: extension ${fmt(setup.extension)} ms, ` +
      `load ${fmt(setup.load)} ms, ST_MakeValid ${fmt(setup.makeValid)} ms, GiST + ANALYZE ${fmt(setup.index)} ms, ` +
      `points ${fmt(setup.points)} ms; ${invalid} invalid geometries`,
  );

  // (a) One prepared query per point over one connection, as a server would ask per report.
  const perPointSql = 'SELECT code FROM kecamatan WHERE ST_Contains(geom, ST_SetSRID(ST_MakePoint($1, $2), 4326))';
  const ask = (i) => db.query({ name: 'locate_point', text: perPointSql, values: [lngs[i], lats[i]] });
  for (let i = 0; i < Math.min(200, PER_POINT); i++) await ask(i); // plan cached, pages in memory
  let perPointCount = PER_POINT;
  let perPointCut = false;
  const perPointNs = [];
  const perPointAnswers = [];
  start = process.hrtime.bigint();
  for (let i = 0; i < perPointCount; i++) {
    const t0 = process.hrtime.bigint();
    const result = await ask(i);
    perPointNs.push(Number(process.hrtime.bigint() - t0));
    perPointAnswers.push(result.rows.map((row) => row.code).sort());
    // Projected past the budget: stop at a fixed subset (the first points) instead.
    if (i === 1999 && perPointCount > PER_POINT_FALLBACK && (msSince(start) / 2000) * perPointCount > PER_POINT_BUDGET_MS) {
      perPointCount = PER_POINT_FALLBACK;
      perPointCut = true;
    }
  }
  const perPointMs = msSince(start);
  const perPoint = { count: perPointCount, cut: perPointCut, ms: perPointMs, perSecond: perSecond(perPointCount, perPointMs), latency: latency(perPointNs) };
  console.log(`PostGIS one query per point: ${fmt(perPoint.perSecond)} points/s over ${fmt(perPointCount)} points`);

  // (b) One join over all points at once.
  const batchedSql = 'SELECT p.id, k.code FROM points p JOIN kecamatan k ON ST_Contains(k.geom, p.pt)';
  const plan = (await db.query(`EXPLAIN ${batchedSql}`)).rows.map((row) => row['QUERY PLAN']);
  async function timeBatched(sql) {
    let rows = (await db.query(sql)).rows; // warm-up
    const times = [];
    for (let r = 0; r < BATCHED_RUNS; r++) {
      start = process.hrtime.bigint();
      rows = (await db.query(sql)).rows;
      times.push(msSince(start));
    }
    const ms = median(times);
    return { ms, perSecond: perSecond(N, ms), rows };
  }
  const batched = await timeBatched(batchedSql);
  console.log(`PostGIS batched: ${fmt(batched.perSecond)} points/s (median ${fmt(batched.ms)} ms)`);

  // The reference answers: ST_Contains on the made-valid geometries.
  const validRows = (await db.query('SELECT p.id, k.code FROM points p JOIN kecamatan k ON ST_Contains(k.geom_valid, p.pt)')).rows;

  // For context, the other way round: a GiST index on the points too, and each polygon
  // fetching its points (LATERAL … OFFSET 0 keeps the planner from turning it back), so
  // GEOS reuses each prepared polygon for many points.
  await db.query('CREATE INDEX points_pt ON points USING gist (pt)');
  await db.query('ANALYZE points');
  const byPolygonSql = `SELECT p.id, k.code FROM kecamatan k
    CROSS JOIN LATERAL (SELECT id FROM points WHERE ST_Contains(k.geom, pt) OFFSET 0) AS p`;
  const pointsPlan = (await db.query(`EXPLAIN ${byPolygonSql}`)).rows.map((row) => row['QUERY PLAN']);
  const batchedByPolygon = await timeBatched(byPolygonSql);
  console.log(`PostGIS batched, polygon by polygon: ${fmt(batchedByPolygon.perSecond)} points/s (median ${fmt(batchedByPolygon.ms)} ms)`);

  const jit = (await db.query('SHOW jit')).rows[0].jit;
  postgis = { versions, setup, invalid, collections, perPoint, perPointAnswers, plan, batched, validRows, pointsPlan, batchedByPolygon, jit };
} finally {
  await db?.end();
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// ---- Correctness -----------------------------------------------------------------------

const plainAnswers = answersFrom(postgis.batched.rows, N);
const validAnswers = answersFrom(postgis.validRows, N);
const byPolygonAnswers = answersFrom(postgis.batchedByPolygon.rows, N);
let decided = 0;
const disagreements = [];
let severalSame = 0;
let severalLocatedAmong = 0;
let noneSame = 0;
let oursVsPlain = 0;
let plainVsValid = 0;
const plainDiffCodes = new Set();
/** Points where our containing set is not the made-valid one (each outside "exactly one"). */
const oursVsValid = [];
for (let i = 0; i < N; i++) {
  const valid = validAnswers[i];
  if (valid.length === 1) {
    decided++;
    if (!sameCodes(ours[i], valid) || oursLocated[i] !== valid[0]) {
      disagreements.push({ point: i, lng: lngs[i], lat: lats[i], postgis: valid[0], containing: ours[i], located: oursLocated[i] });
    }
  } else if (valid.length > 1) {
    if (sameCodes(ours[i], valid)) severalSame++;
    if (valid.includes(oursLocated[i])) severalLocatedAmong++;
  } else if (ours[i].length === 0) {
    noneSame++;
  }
  if (!sameCodes(ours[i], plainAnswers[i])) {
    oursVsPlain++;
    for (const code of [...ours[i], ...plainAnswers[i]]) {
      if (ours[i].includes(code) !== plainAnswers[i].includes(code)) plainDiffCodes.add(code);
    }
  }
  if (!sameCodes(plainAnswers[i], validAnswers[i])) plainVsValid++;
  if (!sameCodes(ours[i], validAnswers[i])) oursVsValid.push(i);
}
let perPointMismatch = 0;
postgis.perPointAnswers.forEach((answer, i) => {
  if (!sameCodes(answer, plainAnswers[i])) perPointMismatch++;
});
let byPolygonMismatch = 0;
for (let i = 0; i < N; i++) if (!sameCodes(byPolygonAnswers[i], plainAnswers[i])) byPolygonMismatch++;
if (perPointMismatch > 0 || byPolygonMismatch > 0) {
  throw new Error(`PostGIS disagrees with itself: ${perPointMismatch} per-point and ${byPolygonMismatch} indexed-points answers differ from the batched join`);
}
for (const d of disagreements.slice(0, 5)) {
  console.log(`DISAGREE point ${d.point} (${d.lng}, ${d.lat}): PostGIS ${d.postgis}, containing [${d.containing.join(', ')}], locate ${d.located}`);
}

// ---- Report ----------------------------------------------------------------------------

const counts = { ours: countBySize(ours), valid: countBySize(validAnswers), plain: countBySize(plainAnswers) };
const pct = (n) => `${fmt(n)} (${fmt((100 * n) / N, 1)}%)`;
const pointsTable = table(
  ['points in', 'ours (PolygonIndex)', 'PostGIS ST_Contains(ST_MakeValid(geom))', 'PostGIS ST_Contains(geom)'],
  [
    ['no kecamatan', pct(counts.ours.none), pct(counts.valid.none), pct(counts.plain.none)],
    ['exactly one', pct(counts.ours.one), pct(counts.valid.one), pct(counts.plain.one)],
    ['more than one', pct(counts.ours.several), pct(counts.valid.several), pct(counts.plain.several)],
  ],
);

const locateRate = locateSpeed.perSecond;
const speedRow = (what, points, rate, note) => [what, fmt(points), fmt(rate), fmt(1e6 / rate, 2), note];
const speedTable = table(
  ['lookup', 'points', 'points/s', 'µs per point (mean)', 'locate is'],
  [
    speedRow('`JurisdictionIndex.locate` (what intake calls)', N, locateRate, '–'),
    speedRow('`PolygonIndex.containingIndices` (raw containment)', N, containingSpeed.perSecond, ratio(locateRate / containingSpeed.perSecond)),
    speedRow('`locate`, only the points in a kecamatan', land.length, landSpeed.perSecond, ratio(locateRate / landSpeed.perSecond)),
    speedRow(
      `PostGIS, one prepared query per point${postgis.perPoint.cut ? ` (first ${fmt(postgis.perPoint.count)})` : ''}`,
      postgis.perPoint.count,
      postgis.perPoint.perSecond,
      ratio(locateRate / postgis.perPoint.perSecond),
    ),
    speedRow('PostGIS, one batched join (GiST on kecamatan)', N, postgis.batched.perSecond, ratio(locateRate / postgis.batched.perSecond)),
    speedRow(
      'PostGIS, batched, polygon by polygon (points GiST-indexed too)',
      N,
      postgis.batchedByPolygon.perSecond,
      ratio(locateRate / postgis.batchedByPolygon.perSecond),
    ),
  ],
);

const latencyRow = (what, l) => [what, micros(l.p50), micros(l.p99), micros(l.p999), micros(l.max)];
const latencyTable = table(
  ['per lookup (µs)', 'p50', 'p99', 'p99.9', 'max'],
  [
    latencyRow(`\`locate\`, all ${fmt(N)} points`, lookupLatency.all),
    latencyRow(`\`locate\`, ${fmt(hitNs.length)} points in a kecamatan`, lookupLatency.hit),
    latencyRow(`\`locate\`, ${fmt(missNs.length)} points in none`, lookupLatency.miss),
    latencyRow('the timer around an empty call', lookupLatency.timer),
    latencyRow('PostGIS, one query per point (round trip)', postgis.perPoint.latency),
  ],
);

const indexTable = table(
  ['index', 'value'],
  [
    [
      'build `JurisdictionIndex` (7,284 entries)',
      `${fmt(median(buildTimes), 1)} ms median of ${BUILDS} (min ${fmt(Math.min(...buildTimes), 1)}, max ${fmt(Math.max(...buildTimes), 1)})`,
    ],
    ['memory of the index (heap + array buffers, after GC)', mib(indexBytes)],
    ['parsed GeoJSON it is built from (for scale)', `${mib(parsedBytes)}; gunzip + parse ${fmt(parseMs)} ms`],
    ['PostGIS: load 7,284 geometries (ST_GeomFromGeoJSON)', `${fmt(postgis.setup.load)} ms`],
    ['PostGIS: ST_MakeValid on all', `${fmt(postgis.setup.makeValid)} ms`],
    ['PostGIS: two GiST indexes + VACUUM ANALYZE', `${fmt(postgis.setup.index)} ms`],
    [`PostGIS: load ${fmt(N)} points + VACUUM ANALYZE`, `${fmt(postgis.setup.points)} ms`],
  ],
);

const correctnessTable = table(
  ['check', 'points', 'result'],
  [
    [
      'PostGIS (made valid) places the point in exactly one kecamatan: our containing set and `locate` give exactly it',
      fmt(decided),
      disagreements.length === 0 ? 'all agree' : `**${fmt(disagreements.length)} disagree**`,
    ],
    [
      'in more than one (overlaps): our containing set is the same',
      fmt(counts.valid.several),
      `${fmt(severalSame)} same; \`locate\` picks one of them on ${fmt(severalLocatedAmong)}`,
    ],
    ['in none: ours finds none either', fmt(counts.valid.none), `${fmt(noneSame)} same`],
    [
      'our containing set = plain `ST_Contains(geom, pt)`',
      fmt(N),
      `${fmt(N - oursVsPlain)} same, ${fmt(oursVsPlain)} differ (in ${[...plainDiffCodes].sort().join(', ') || '–'})`,
    ],
    ['plain `ST_Contains(geom, pt)` = `ST_Contains(ST_MakeValid(geom), pt)`', fmt(N), `${fmt(N - plainVsValid)} same, ${fmt(plainVsValid)} differ`],
  ],
);

const targets = [
  target('`locate` lookups per second on one core', locateRate >= TARGET_LOOKUPS_PER_SECOND, `≥ ${fmt(TARGET_LOOKUPS_PER_SECOND)}/s`, `${fmt(locateRate)}/s`),
  target(
    '`locate` against the batched PostGIS query',
    locateRate >= TARGET_TIMES_BATCHED * postgis.batched.perSecond,
    `≥ ${TARGET_TIMES_BATCHED}×`,
    ratio(locateRate / postgis.batched.perSecond),
  ),
  target(
    'same kecamatan as `ST_Contains(ST_MakeValid(geom), pt)` where PostGIS finds exactly one',
    disagreements.length === 0,
    '0 disagreements',
    `${fmt(disagreements.length)} of ${fmt(decided)}`,
  ),
];

const planShape = (lines) =>
  lines
    .filter((line) => /Loop|Scan|Join/.test(line))
    .map((line) => line.replace(/^[\s>-]+/, '').replace(/\s+\(cost=.*$/, ''))
    .join(' → ');
const notes = [
  `- One JS thread, so one core; PostGIS ran in one backend with \`max_parallel_workers_per_gather = 0\` (JIT ${postgis.jit}). ` +
    `Throughput is the median of ${PASSES} pass${PASSES === 1 ? '' : 'es'} over all ${fmt(N)} points after a warm-up pass; PostGIS batched is the median of ${BATCHED_RUNS} after a warm-up run.`,
  `- Points are uniform over the data's bounding box, so most fall in the sea: ${pct(counts.ours.none)} in no kecamatan by our index. ` +
    'A miss is cheaper than a hit, so the rate over the points in a kecamatan alone (third row) is lower; the targets are over all points.',
  `- Per-lookup times wrap each call in \`process.hrtime.bigint()\`; an empty call timed the same way takes p50 ${micros(lookupLatency.timer.p50)} µs, ` +
    'which is included in every figure of that table.',
  `- Index memory: \`process.memoryUsage()\` heapUsed + arrayBuffers after \`gc()\`, before and after building one index and keeping it; the geometries it was built from are not counted.`,
  `- PostGIS ${postgis.versions.postgis} / GEOS ${postgis.versions.geos}: ${postgis.invalid} of ${fmt(features.length)} geometries are invalid by \`ST_IsValid\`; ` +
    `\`ST_MakeValid\` returns a GeometryCollection for ${postgis.collections.length} (${postgis.collections.join(', ')}), which \`ST_Contains\` accepts. ` +
    `The batched plan: ${planShape(postgis.plan)}; polygon by polygon: ${planShape(postgis.pointsPlan)}. ` +
    'The target compares with the first; the second walks the polygons instead, which pays off when each polygon holds many points.',
  postgis.perPoint.cut
    ? `- One query per point was projected past ${PER_POINT_BUDGET_MS / 1000} s for all points, so it ran on the first ${fmt(postgis.perPoint.count)}.`
    : `- One query per point ran on ${postgis.perPoint.count === N ? 'all' : 'the first'} ${fmt(postgis.perPoint.count)} points (${fmt(postgis.perPoint.ms / 1000, 1)} s), after 200 unrecorded warm-up queries.`,
  '- The three PostGIS queries gave the same answers as each other on every point they shared.',
  `- Load average (1 min) at the start and the end of the run: ${fmt(loadAtStart, 2)} and ${fmt(os.loadavg()[0], 2)} on ${os.cpus().length} cores; ` +
    'other work on the machine slows both sides and widens the spread between runs.',
];
if (quick)
  notes.push(
    '- --quick: so few points that what they touch stays in the CPU caches across passes, so the rates run higher than in the full run; only the full run measures the targets.',
  );
if (oursVsValid.length > 0) {
  const list = (codes) => (codes.length === 0 ? 'none' : codes.join(' + '));
  notes.push(
    `- Where our containing set differs from the made-valid polygons (never where PostGIS finds exactly one): ` +
      oursVsValid
        .slice(0, 10)
        .map((i) => `(${lngs[i].toFixed(5)}, ${lats[i].toFixed(5)}) ours ${list(ours[i])}, made valid ${list(validAnswers[i])}, plain ${list(plainAnswers[i])}`)
        .join('; ') +
      (oursVsValid.length > 10 ? `; and ${oursVsValid.length - 10} more` : '') +
      '.',
  );
}

// bench/run.mjs puts the machine, date and configuration above this section.
const markdown = [speedTable, '', latencyTable, '', indexTable, '', pointsTable, '', correctnessTable, '', ...notes].join('\n');

console.log('');
console.log(markdown);
console.log('');
finish(options, head, markdown, targets);
console.log(`wall time ${fmt(msSince(wallStart) / 1000, 1)} s`);
if (disagreements.length > 0) process.exitCode = 1; // a wrong answer is a bug, not a slow machine
