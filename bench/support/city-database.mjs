// A scratch PostgreSQL database holding the Kupang demo city and as many generated
// reports as a benchmark asks for. Created under a random name on the server of
// ADUAN_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres, used
// only to create and drop it) and dropped again by `drop()`.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { generateTrackingCode } from '@aduan/core';
import { mulberry32 } from './random.mjs';
import { demoCityPath } from '@aduan/prisma';
import { applyCityConfig, applyMigrations, loadCityConfig, openDatabase } from '../../packages/api/dist/index.js';

export const adminUrl = process.env.ADUAN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function adminQuery(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The server's version, for a benchmark's header. */
export async function postgresVersion() {
  return (await adminQuery('SHOW server_version')).rows[0].server_version;
}

/**
 * A new database with the migrations and the Kupang demo city applied. `url` is its
 * connection string; `drop()` removes it (also with connections still open).
 */
export async function createCityDatabase(prefix = 'aduan_bench') {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  try {
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    try {
      await applyMigrations(database);
      await applyCityConfig(database.prisma, await loadCityConfig(demoCityPath));
    } finally {
      await database.close();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url: url.toString(), drop };
}

/**
 * Inserts `count` reports submitted between `from` and `to`, spread over Kupang's
 * kelurahan (1% filed for the whole city, 1% for a kecamatan), every category and
 * agency, with a status mix and timings roughly as in a live deployment: 85% answered
 * (hours to days, a tenth late), 55% resolved, 10% rejected, 8% rerouted once or twice.
 * Each gets a real tracking code, the same ones on every run (`benchTrackingCodes`). Each report
 * gets its SUBMITTED timeline event, and an answered one its STATUS_CHANGED event too,
 * so a status lookup reads a timeline as it would in use. The statistics triggers keep
 * the tally as the rows go in. Returns the time taken, in ms.
 */
export async function generateReports(client, { count, from, to }) {
  const start = process.hrtime.bigint();
  await client.query(
    `
    WITH k AS (SELECT array_agg(code ORDER BY code) AS codes FROM "Jurisdiction" WHERE level = 4 AND code LIKE '53.71.%'),
         c AS (SELECT array_agg(id ORDER BY code) AS ids FROM "Category"),
         a AS (SELECT array_agg(id ORDER BY slug) AS ids FROM "Agency"),
         s AS (SELECT id FROM "Site" WHERE key = 'demo'),
         -- unnest, not ($4)[i]: subscripting a parameter array copies it for every row.
         g AS (
           SELECT i::int AS i, code, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
                  date_trunc('milliseconds', $1::timestamp + random() * ($2::timestamp - $1::timestamp)) AS submitted
           FROM unnest($3::text[]) WITH ORDINALITY AS codes(code, i)),
         r AS (
           SELECT g.*, submitted + (ARRAY[24, 48, 72, 120])[1 + floor(u4 * 4)::int] * interval '1 hour' AS due,
                  -- Whole milliseconds, as the columns (timestamp(3)) and the durations derived from them hold.
                  CASE WHEN u1 < 0.85 THEN date_trunc('milliseconds', submitted + (u2 ^ 2) * interval '150 hours') END AS responded,
                  CASE WHEN u1 < 0.55 THEN date_trunc('milliseconds', submitted + (u2 ^ 2) * interval '150 hours' + u3 * interval '400 hours') END AS resolved
           FROM g)
    INSERT INTO "Report" (id, "trackingCode", "siteId", "categoryId", "agencyId", "jurisdictionCode", description,
                          status, "routingMethod", "routingReason", "routingDecision", "submittedAt", "dueAt", "updatedAt",
                          "firstRespondedAt", "resolvedAt", "rerouteCount", "firstResponseSeconds", "resolutionSeconds")
    SELECT gen_random_uuid(), code, s.id,
           c.ids[1 + (i * 7) % array_length(c.ids, 1)], a.ids[1 + (i * 13) % array_length(a.ids, 1)],
           CASE WHEN i % 100 = 0 THEN '53.71' WHEN i % 100 = 1 THEN '53.71.04' ELSE k.codes[1 + (i * 31) % array_length(k.codes, 1)] END,
           'Laporan uji beban',
           (CASE WHEN u1 < 0.40 THEN 'CLOSED' WHEN u1 < 0.55 THEN 'RESOLVED' WHEN u1 < 0.65 THEN 'REJECTED'
                 WHEN u1 < 0.75 THEN 'IN_PROGRESS' WHEN u1 < 0.85 THEN 'ACKNOWLEDGED' ELSE 'RECEIVED' END)::"ReportStatus",
           'POINT', 'bench', '{}', submitted, due, coalesce(resolved, responded, submitted),
           responded, resolved, CASE WHEN u4 < 0.06 THEN 1 WHEN u4 < 0.08 THEN 2 ELSE 0 END,
           EXTRACT(EPOCH FROM responded - submitted), EXTRACT(EPOCH FROM resolved - submitted)
    FROM r, k, c, a, s`,
    [from.toISOString().slice(0, 23), to.toISOString().slice(0, 23), benchTrackingCodes(count)],
  );
  await client.query(`
    INSERT INTO "ReportEvent" ("reportId", kind, at, status, actor)
    SELECT id, 'SUBMITTED'::"ReportEventKind", "submittedAt", 'RECEIVED'::"ReportStatus", 'resident' FROM "Report" WHERE "routingReason" = 'bench'
    UNION ALL
    SELECT id, 'STATUS_CHANGED'::"ReportEventKind", "firstRespondedAt", status, 'staff' FROM "Report"
    WHERE "routingReason" = 'bench' AND "firstRespondedAt" IS NOT NULL`);
  await client.query('VACUUM ANALYZE "Report"');
  await client.query('VACUUM ANALYZE "ReportEvent"');
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * The tracking codes `generateReports` gives its reports, in order: valid codes (check
 * symbol and all) from a seeded generator, so every run has the same ones.
 */
export function benchTrackingCodes(count) {
  const random = mulberry32(0x5eed);
  const seeded = (n) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
  const codes = new Set();
  while (codes.size < count) codes.add(generateTrackingCode('KPG', seeded));
  return [...codes];
}

/**
 * A staff member of an agency, with a password of its own (not a one-time one), for
 * benchmarks that read the inbox. Returns the e-mail and password to sign in with.
 */
export async function addBenchStaff(url, agencySlug) {
  const { addStaffAccount } = await import('../../packages/api/dist/staff/index.js');
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const { account, password } = await addStaffAccount(database.prisma, {
      agency: agencySlug,
      email: `bench.${agencySlug}@example.id`,
      name: 'Bench Petugas',
      role: 'STAFF',
    });
    await database.prisma.staffAccount.update({ where: { id: account.id }, data: { mustChangePassword: false } });
    return { email: account.email, password, accountId: account.id };
  } finally {
    await database.close();
  }
}
