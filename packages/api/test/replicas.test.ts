// Two `aduan serve` replicas on one PostgreSQL and one Redis, as behind a load
// balancer: a change made through one reaches a live subscriber on the other, and
// reports submitted across both are each delivered to the agency's system exactly once
// by the two delivery workers sharing the outbox, and a second city applied with the
// command line reaches both within 5 seconds, without a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addChannel, parseChannelSpec } from '../src/delivery/index.js';
import { startService, type RunningService } from '../src/service.js';
import { createApiToken } from '../src/staff/index.js';
import { KUPANG, proofFrom, SUBMIT } from './support/aduan.js';
import { createPostgresFromTemplate } from './support/databases.js';
import { createReceiver, type TestReceiver } from './support/receiver.js';
import { sseReader } from './support/sse.js';
import { environment } from '../src/environment.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { removeSecondCities, writeSecondCity } from './support/second-city.js';

const REDIS_URL = process.env.ADUAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** 500 in `npm test`; `npm run test:resilience` sends more. */
const REPORTS = Number(process.env.ADUAN_REPLICA_REPORTS ?? 500);
const SECRET_ENV = 'ADUAN_SECRET_TEST_REPLICA';

describe('two replicas on one PostgreSQL and Redis', () => {
  let database: { url: string; drop(): Promise<void> };
  let receiver: TestReceiver;
  const replicas: RunningService[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    process.env[SECRET_ENV] = 'rahasia-replika';
    database = await createPostgresFromTemplate('demo');
    receiver = await createReceiver();
    await receiver.start();
    for (let i = 0; i < 2; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), `aduan-replica-${i}-`));
      dirs.push(dataDir);
      replicas.push(
        await startService(
          environment({
            port: 0,
            host: '127.0.0.1',
            databaseUrl: database.url,
            dataDir,
            demo: false,
            redisUrl: REDIS_URL,
            rateLimits: 'off',
            proofOfWorkMaxCounter: 40,
            deliveryPollMs: 100,
            contactKeys: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
          }),
          () => {},
        ),
      );
    }
    // The agency that answers rubbish in Oebobo gets every report on its own system too.
    await addChannel(
      replicas[0]!.database.prisma,
      'upt-kebersihan-oebobo',
      parseChannelSpec({ name: 'sistem-upt', kind: 'webhook', url: receiver.url, secretEnv: SECRET_ENV }),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close(2_000)));
    await receiver?.stop();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    delete process.env[SECRET_ENV];
    await removeSecondCities();
  });

  it('a second city applied with the command line reaches both replicas within 5 seconds, Kupang unchanged', async () => {
    const catalogue = async (replica: RunningService, site: string) => {
      const response = await fetch(`${replica.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($s: ID!) { categories(site: $s) { code name } }', variables: { s: site } }),
      });
      const body = (await response.json()) as { data?: { categories: { code: string; name: string }[] } };
      return body.data?.categories.map((c) => `${c.code}: ${c.name}`) ?? null;
    };
    const kupang = await catalogue(replicas[0]!, 'demo');
    expect(await catalogue(replicas[1]!, 'kecil')).toBeNull(); // no such site yet
    const file = await writeSecondCity();
    const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
    await promisify(execFile)('npx', ['--no-install', 'aduan', 'config', 'apply', file], {
      cwd: repositoryRoot,
      env: { ...process.env, DATABASE_URL: database.url },
      timeout: 120_000,
    });
    const applied = Date.now();
    const arrivals = await Promise.all(
      replicas.map(async (replica) => {
        for (;;) {
          const second = await catalogue(replica, 'kecil');
          if (second) return { after: Date.now() - applied, second };
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }),
    );
    for (const { after, second } of arrivals) {
      expect(after).toBeLessThan(5_000);
      expect(second).toEqual(['sampah: Sampah di jalan', 'jalan-rusak: Jalan berlubang', 'lain: Lainnya']);
    }
    for (const replica of replicas) expect(await catalogue(replica, 'demo')).toEqual(kupang);
  }, 60_000);

  async function submit(replica: RunningService, n: number): Promise<string> {
    const response = await fetch(`${replica.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: SUBMIT,
        variables: {
          input: {
            site: 'demo',
            category: 'sampah',
            description: `Sampah belum diangkut, laporan ${n}`,
            location: KUPANG.oebobo,
            proofOfWork: await proofFrom(replica.url),
          },
        },
      }),
    });
    const body = (await response.json()) as { data: { submitReport: { __typename: string; report: { trackingCode: string } } } };
    expect(body.data.submitReport.__typename).toBe('ReportSubmitted');
    return body.data.submitReport.report.trackingCode;
  }

  it('sends a status change made through one replica to a subscriber on the other', async () => {
    const [a, b] = replicas as [RunningService, RunningService];
    const code = await submit(a, 0);
    const query = `subscription($c: String!) { reportStatusChanged(trackingCode: $c) { trackingCode status } }`;
    const stream = await fetch(`${b.url}/graphql?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify({ c: code }))}`, {
      headers: { accept: 'text/event-stream' },
    });
    expect(stream.status).toBe(200);
    const events = sseReader(stream);
    // Both replicas listen on Redis (they subscribe at start), and B has taken the stream.
    const { Redis } = await import('ioredis');
    const redis = new Redis(REDIS_URL);
    try {
      const deadline = Date.now() + 10_000;
      while (Number(((await redis.pubsub('NUMSUB', 'aduan:report-notices')) as [string, number])[1]) < 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      redis.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const { token } = await createApiToken(a.database.prisma, { agency: 'upt-kebersihan-oebobo', role: 'STAFF', name: 'replica-test' });
    const update = await fetch(`${a.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation { updateReportStatus(input: { trackingCode: "${code}", status: ACKNOWLEDGED, publicNote: "Kami sudah menerima laporan ini." }) { __typename } }`,
      }),
    });
    expect(((await update.json()) as any).data.updateReportStatus.__typename).not.toBe('InvalidInput');
    const event = await events.next(10_000);
    expect(event?.data).toEqual({ data: { reportStatusChanged: { trackingCode: code, status: 'ACKNOWLEDGED' } } });
    events.cancel();
  });

  it(`delivers ${REPORTS} reports submitted across both replicas exactly once each`, async () => {
    const codes = new Set<string>();
    for (let batch = 0; batch < Math.ceil(REPORTS / 25); batch++) {
      const size = Math.min(25, REPORTS - batch * 25);
      const sent = await Promise.all(Array.from({ length: size }, (_, i) => submit(replicas[(batch + i) % 2]!, batch * 25 + i + 1)));
      for (const code of sent) codes.add(code);
    }
    expect(codes.size).toBe(REPORTS);
    const deadline = Date.now() + 60_000 + REPORTS * 20;
    const delivered = () => receiver.requests.filter((r) => r.headers['aduan-event'] === 'report.routed');
    while (delivered().length < REPORTS + 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // any duplicate would arrive by now
    const requests = delivered();
    const keys = requests.map((r) => String(r.headers['idempotency-key']));
    // The first test's report as well, once.
    expect(requests).toHaveLength(REPORTS + 1);
    expect(new Set(keys).size).toBe(REPORTS + 1);
    const tracking = new Set(requests.map((r) => (JSON.parse(r.body) as { report: { trackingCode: string } }).report.trackingCode));
    for (const code of codes) expect(tracking.has(code)).toBe(true);
    const stored = await replicas[0]!.database.prisma.delivery.groupBy({ by: ['state'], _count: true, _sum: { attempts: true } });
    expect(stored).toEqual([{ state: 'DELIVERED', _count: REPORTS + 1, _sum: { attempts: REPORTS + 1 } }]);
  }, 900_000);
});
