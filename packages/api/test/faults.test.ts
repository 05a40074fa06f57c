// Faults, scripted: `kill -9` under load loses nothing that was acknowledged and leaves
// nothing half-written; a database that goes away is a fast, typed 503 and service
// comes back by itself; SIGTERM finishes the requests already taken. Each runs a real
// `aduan serve` process on PostgreSQL. `npm run test:resilience` runs them larger.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChannel, parseChannelSpec } from '../src/delivery/index.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { KUPANG, SUBMIT } from './support/aduan.js';
import { createPostgresFromTemplate } from './support/databases.js';
import { createReceiver, type TestReceiver } from './support/receiver.js';
import { startServeProcess } from './support/serve-process.js';
import { startTcpProxy } from './support/tcp-proxy.js';

const SECRET_ENV = 'ADUAN_SECRET_TEST_FAULT';
/** How long the load runs before each kill, and how many kills: small in `npm test`, larger in `npm run test:resilience`. */
const LOAD_MS = Number(process.env.ADUAN_FAULT_LOAD_MS ?? 1_500);
const KILLS = Number(process.env.ADUAN_FAULT_KILLS ?? 1);

async function submit(url: string, n: number): Promise<{ status: number; code?: string; error?: string }> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: SUBMIT,
        variables: { input: { site: 'demo', category: 'sampah', description: `Laporan beban ${n}`, location: KUPANG.oebobo } },
      }),
    });
    const body = (await response.json()) as { data?: { submitReport?: { report?: { trackingCode: string } } }; errors?: { extensions?: { code?: string } }[] };
    return { status: response.status, code: body.data?.submitReport?.report?.trackingCode, error: body.errors?.[0]?.extensions?.code };
  } catch {
    return { status: 0 };
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults (postgres)', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: Database;
  let receiver: TestReceiver;
  const env = () => ({
    DATABASE_URL: database.url,
    ADUAN_PROOF_OF_WORK: 'off',
    ADUAN_DELIVERY_POLL_MS: '100',
    ADUAN_DELIVERY_TIMEOUT_MS: '400',
    [SECRET_ENV]: 'rahasia',
    ADUAN_CONTACT_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
  });

  beforeAll(async () => {
    database = await createPostgresFromTemplate('demo');
    db = await openDatabase({ databaseUrl: database.url, poolSize: 2 });
    receiver = await createReceiver();
    await receiver.start();
    await addChannel(db.prisma, 'upt-kebersihan-oebobo', parseChannelSpec({ name: 'sistem-upt', kind: 'webhook', url: receiver.url, secretEnv: SECRET_ENV }));
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await receiver?.stop();
    await database?.drop();
  });

  it('kill -9 under load: every acknowledged report exists whole after restart, and its delivery goes out', async () => {
    const acknowledged: string[] = [];
    let n = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const server = await startServeProcess(env());
      let stop = false;
      const workers = Array.from({ length: 8 }, async () => {
        while (!stop) {
          const result = await submit(server.url, n++);
          if (result.code) acknowledged.push(result.code);
        }
      });
      // At least LOAD_MS of load and 30 acknowledged reports per run, however busy the machine is.
      const started = Date.now();
      while ((Date.now() - started < LOAD_MS || acknowledged.length < 30 * (kill + 1)) && Date.now() - started < 60_000) await wait(50);
      server.child.kill('SIGKILL');
      expect(await server.exited).toBe('SIGKILL');
      stop = true;
      await Promise.all(workers);
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(30 * KILLS);

    const restarted = await startServeProcess(env());
    try {
      const stored = new Set((await db.prisma.report.findMany({ select: { trackingCode: true } })).map((r) => r.trackingCode));
      expect(acknowledged.filter((code) => !stored.has(code))).toEqual([]);
      // Nothing half-written: every report has its first event and its delivery.
      const [counts] = await db.prisma.$queryRawUnsafe<{ withoutEvent: number; withoutDelivery: number; reports: number }[]>(`
        SELECT (SELECT count(*) FROM "Report" r WHERE NOT EXISTS (SELECT 1 FROM "ReportEvent" e WHERE e."reportId" = r.id AND e.kind = 'SUBMITTED'))::int AS "withoutEvent",
               (SELECT count(*) FROM "Report" r WHERE NOT EXISTS (SELECT 1 FROM "Delivery" d WHERE d."reportId" = r.id))::int AS "withoutDelivery",
               (SELECT count(*) FROM "Report")::int AS reports`);
      expect(counts).toMatchObject({ withoutEvent: 0, withoutDelivery: 0 });
      // Deliveries resume on the new process: at least once each (one cut short by the kill may go twice, with the same key).
      const deadline = Date.now() + 60_000;
      while ((await db.prisma.delivery.count({ where: { state: { not: 'DELIVERED' } } })) > 0 && Date.now() < deadline) await wait(200);
      expect(await db.prisma.delivery.count({ where: { state: { not: 'DELIVERED' } } })).toBe(0);
      const keys = new Set(receiver.requests.map((r) => String(r.headers['idempotency-key'])));
      expect(keys.size).toBe(counts!.reports);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  }, 900_000);

  it('a database that goes away: fast typed 503s, then service resumes by itself', async () => {
    const proxy = await startTcpProxy('127.0.0.1', 5432);
    const url = new URL(database.url);
    url.port = String(proxy.port);
    const server = await startServeProcess({ ...env(), DATABASE_URL: url.toString() });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await submit(server.url, 1)).code).toBeDefined();

      await proxy.cut();
      let started = Date.now();
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      started = Date.now();
      const refused = await submit(server.url, 2);
      expect(refused).toMatchObject({ status: 503, error: 'DATABASE_UNAVAILABLE' });
      expect(Date.now() - started).toBeLessThan(8_000);
      const lookup = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ statistics { total } }' }),
      });
      expect(lookup.status).toBe(503);
      expect(lookup.headers.get('retry-after')).toBe('5');

      await proxy.restore();
      const deadline = Date.now() + 30_000;
      let back = await submit(server.url, 3);
      while (!back.code && Date.now() < deadline) {
        await wait(250);
        back = await submit(server.url, 3);
      }
      expect(back.code).toBeDefined();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect(server.child.exitCode).toBeNull(); // the same process, never restarted
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await proxy.close();
    }
  }, 120_000);

  it('SIGTERM: no new connections, the request in flight is answered, then a clean exit', async () => {
    const server = await startServeProcess(env());
    const { hostname, port } = new URL(server.url);
    const body = Buffer.from(
      JSON.stringify({
        query: SUBMIT,
        variables: { input: { site: 'demo', category: 'sampah', description: 'Dikirim pelan-pelan', location: KUPANG.oebobo } },
      }),
    );
    // One keep-alive connection for the slow client and what it asks afterwards.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // A slow client: part of the body, then SIGTERM, then — once the server refuses new
    // connections — the rest.
    let finish: () => void = () => {};
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        { hostname, port, path: '/graphql', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.write(body.subarray(0, 40));
      finish = () => req.end(body.subarray(40));
    });
    await wait(200);
    server.child.kill('SIGTERM');
    // Stopped accepting: a new connection is refused (within a few seconds on a busy machine).
    const deadline = Date.now() + 10_000;
    let refused = false;
    while (!refused && Date.now() < deadline) {
      // A fresh connection each time (no pooled one), given up on if it is neither taken nor refused.
      refused = await fetch(`${server.url}/healthz`, { headers: { connection: 'close' }, signal: AbortSignal.timeout(2_000) }).then(
        () => false,
        () => true,
      );
      if (!refused) await wait(100);
    }
    expect(refused).toBe(true);
    finish();
    const finished = await answer;
    expect(finished.status).toBe(200);
    expect(finished.body).toContain('ReportSubmitted');
    // Nor over the connection that request came on: the answer ended it.
    const reused = await new Promise<boolean>((resolve) => {
      const again = httpRequest({ hostname, port, path: '/healthz', agent }, (res) => {
        res.resume();
        resolve(true);
      });
      again.on('error', () => resolve(false));
      again.end();
    });
    expect(reused).toBe(false);
    agent.destroy();
    expect(await server.exited).toBe(0);
    expect(server.output()).toMatch(/Stopping: finishing the requests already taken/);
  }, 60_000);
});
