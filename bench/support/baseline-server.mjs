#!/usr/bin/env node
// The baseline the throughput benchmark measures Aduan against: the same three
// requests answered with the same database work, by plain node:http + pg — no
// GraphQL, no ORM, no validation beyond what the SQL needs, routing decisions looked
// up in a table made beforehand (ADUAN_BASELINE_ROUTES, a JSON file), names of
// categories, agencies and areas held in memory. What it leaves out is what a lean
// hand-written server would: everything but the reads and writes themselves.
//
//   POST /submit   {site, category, description, location, idempotencyKey, proofOfWork}
//   GET  /status?code=KPG-…
//   GET  /inbox    (cookie aduan_session=…)
//
// Env: DATABASE_URL, PORT (0 picks one), ADUAN_BASELINE_ROUTES, POOL_SIZE.
// Prints "baseline ready at http://127.0.0.1:PORT" when listening.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { generateTrackingCode } from '@aduan/core';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
// An idle connection the server ends is replaced on the next query; it must not end the process.
pool.on('error', () => {});
/** `category|lat|lng` → the decision routing made for it, with the names a reply shows. */
const routes = new Map(JSON.parse(readFileSync(process.env.ADUAN_BASELINE_ROUTES, 'utf8')).map((r) => [r.key, r]));
const categories = new Map((await pool.query('SELECT id, code, "nameId", "nameEn" FROM "Category"')).rows.map((c) => [c.id, c]));
const agencies = new Map((await pool.query('SELECT id, slug, name, "shortName" FROM "Agency"')).rows.map((a) => [a.id, a]));
const areas = new Map((await pool.query('SELECT code, name, kind FROM "Jurisdiction"')).rows.map((j) => [j.code, j]));

const PUBLIC_KINDS = ['SUBMITTED', 'STATUS_CHANGED', 'PUBLIC_NOTE', 'REROUTED'];
const OPEN = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'];

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response, status, body) {
  const json = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  response.end(json);
}

const publicReport = (r, events) => ({
  trackingCode: r.trackingCode,
  status: r.status,
  category: { code: categories.get(r.categoryId).code, names: { id: categories.get(r.categoryId).nameId, en: categories.get(r.categoryId).nameEn } },
  agency: { slug: agencies.get(r.agencyId).slug, name: agencies.get(r.agencyId).name, shortName: agencies.get(r.agencyId).shortName },
  area: {
    code: r.jurisdictionCode,
    name: areas.get(r.jurisdictionCode).name,
    displayName: `${areas.get(r.jurisdictionCode).kind} ${areas.get(r.jurisdictionCode).name}`,
  },
  submittedAt: r.submittedAt,
  dueAt: r.dueAt,
  overdue: OPEN.includes(r.status) && r.dueAt < new Date(),
  timeline: events.map((e) => ({ at: e.at, status: e.status, note: e.publicNote })),
});

async function submit(body) {
  const input = JSON.parse(body);
  const route = routes.get(`${input.category}|${input.location.lat}|${input.location.lng}`);
  if (!route) return [422, { error: 'no route' }];
  const earlier = await pool.query('SELECT id FROM "Report" WHERE "siteId" = $1 AND "idempotencyKey" = $2', [route.siteId, input.idempotencyKey]);
  if (earlier.rows.length) return [200, { replayed: true }];
  const spent = await pool.query('SELECT count(*) AS n FROM "Report" WHERE "proofOfWork" = $1', [input.proofOfWork]);
  if (Number(spent.rows[0].n) > 0) return [422, { error: 'proof of work spent' }];
  const channels = await pool.query('SELECT id FROM "DeliveryChannel" WHERE "agencyId" = $1 AND "removedAt" IS NULL ORDER BY name', [route.agencyId]);
  const now = new Date();
  const due = new Date(now.getTime() + route.responseHours * 3_600_000);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query(
      `INSERT INTO "Report" (id, "trackingCode", "siteId", "categoryId", "agencyId", "jurisdictionCode", description, lat, lng,
         locale, status, "routingMethod", "routingRuleId", "routingReason", "routingDecision", "idempotencyKey", "proofOfWork",
         "submittedAt", "dueAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'EN', 'RECEIVED', 'POINT', $10, $11, $12, $13, $14, $15, $16, $15) RETURNING *`,
      [
        randomUUID(),
        generateTrackingCode('KPG'),
        route.siteId,
        route.categoryId,
        route.agencyId,
        route.jurisdictionCode,
        input.description,
        input.location.lat,
        input.location.lng,
        route.ruleId,
        route.reason,
        route.audit,
        input.idempotencyKey,
        input.proofOfWork,
        now,
        due,
      ],
    );
    const report = rows[0];
    const event = await client.query(
      `INSERT INTO "ReportEvent" ("reportId", kind, at, status, actor, data) VALUES ($1, 'SUBMITTED', $2, 'RECEIVED', 'resident', $3) RETURNING *`,
      [report.id, now, { agency: route.agencySlug, reason: route.reason }],
    );
    for (const channel of channels.rows) {
      await client.query(
        `INSERT INTO "Delivery" (id, "channelId", "reportId", event, "nextAttemptAt", "createdAt") VALUES ($1, $2, $3, 'report.routed', $4, $4)`,
        [randomUUID(), channel.id, report.id, now],
      );
    }
    await client.query('COMMIT');
    return [200, { replayed: false, report: publicReport(report, event.rows) }];
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function status(code) {
  const { rows } = await pool.query('SELECT * FROM "Report" WHERE "trackingCode" = $1', [code]);
  if (!rows.length) return [200, { report: null }];
  const events = await pool.query(
    'SELECT at, status, "publicNote" FROM "ReportEvent" WHERE "reportId" = $1 AND kind = ANY($2::"ReportEventKind"[]) ORDER BY at, id',
    [rows[0].id, PUBLIC_KINDS],
  );
  return [200, { report: publicReport(rows[0], events.rows) }];
}

async function inbox(cookie) {
  const token = /aduan_session=([^;\s]+)/.exec(cookie ?? '')?.[1];
  if (!token) return [401, { error: 'sign in' }];
  const session = await pool.query(
    `SELECT a.id, a."agencyId", a.role FROM "StaffSession" s JOIN "StaffAccount" a ON a.id = s."accountId"
     WHERE s."tokenHash" = $1 AND s."expiresAt" > now() AND a."disabledAt" IS NULL`,
    [createHash('sha256').update(token, 'utf8').digest('hex')],
  );
  if (!session.rows.length) return [401, { error: 'sign in' }];
  const { rows } = await pool.query(
    `SELECT r.*, s.name AS "assigneeName", s.email AS "assigneeEmail" FROM "Report" r LEFT JOIN "StaffAccount" s ON s.id = r."assignedToId"
     WHERE r."agencyId" = $1 ORDER BY r."submittedAt" DESC, r.id DESC LIMIT 26`,
    [session.rows[0].agencyId],
  );
  const page = rows.slice(0, 25).map((r) => ({
    cursor: Buffer.from(JSON.stringify(['NEWEST', r.submittedAt.toISOString(), r.id])).toString('base64url'),
    node: {
      trackingCode: r.trackingCode,
      status: r.status,
      description: r.description,
      placeText: r.placeText,
      submittedAt: r.submittedAt,
      dueAt: r.dueAt,
      overdue: OPEN.includes(r.status) && r.dueAt < new Date(),
      category: { code: categories.get(r.categoryId).code, name: categories.get(r.categoryId).nameId },
      area: { code: r.jurisdictionCode, displayName: `${areas.get(r.jurisdictionCode).kind} ${areas.get(r.jurisdictionCode).name}` },
      agency: { slug: agencies.get(r.agencyId).slug, name: agencies.get(r.agencyId).name, shortName: agencies.get(r.agencyId).shortName },
      assignee: r.assignedToId ? { name: r.assigneeName, email: r.assigneeEmail } : null,
      escalatedAt: r.escalatedAt,
    },
  }));
  return [200, { edges: page, pageInfo: { hasNextPage: rows.length > 25, endCursor: page.at(-1)?.cursor ?? null } }];
}

const server = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url, 'http://baseline');
    const [code, body] =
      request.method === 'POST' && url.pathname === '/submit'
        ? await submit(await readBody(request))
        : url.pathname === '/status'
          ? await status(url.searchParams.get('code'))
          : url.pathname === '/inbox'
            ? await inbox(request.headers.cookie)
            : [404, { error: 'not found' }];
    reply(response, code, body);
  } catch (error) {
    reply(response, 500, { error: String(error) });
  }
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`baseline ready at http://127.0.0.1:${server.address().port}`);
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
