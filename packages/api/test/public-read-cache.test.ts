// Kept answers to public reads (server/public-read-cache.ts): a widget that polls a code
// is answered without the database, yet sees a change on its very next look-up, on any
// replica; a kept answer still counts against the look-up limit; a signed-in request
// never reads or writes the cache; the catalogue is kept until it changes.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRateLimits, RateLimits } from '../src/abuse/rate-limits.js';
import { commandChanges } from '../src/events/command-changes.js';
import { ReportChanges } from '../src/events/report-changes.js';
import { RoutingCatalog } from '../src/routing/catalog.js';
import { createGraphQLHandler, type AduanYoga } from '../src/server/graphql.js';
import { FORGOTTEN_FOR_MS, MAX_KEPT_ANSWER_BYTES, MemoryPublicReadStore, RedisPublicReadStore, REPORT_ENTITY } from '../src/server/public-read-store.js';
import { ReportLedger } from '../src/workflow/ledger.js';
import { createTestAduan, KUPANG, ORIGIN, SUBMIT, type TestAduan } from './support/aduan.js';

const REDIS_URL = process.env.ADUAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const STATUS = `query($c: String!) { reportStatus(trackingCode: $c) { trackingCode status dueAt timeline { kind status note } } }`;

async function submitOne(aduan: TestAduan): Promise<{ id: string; code: string }> {
  const input = { site: 'demo', category: 'sampah', description: 'Sampah menumpuk di depan pasar', location: KUPANG.oebobo };
  const result = await aduan.gql(SUBMIT, { input });
  const code = result.data?.submitReport.report.trackingCode as string;
  const row = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code }, select: { id: true } });
  return { id: row.id, code };
}

/** Moves a report's deadline behind the ledger's back: only a kept answer still shows the old one. */
async function moveDeadlineQuietly(aduan: TestAduan, id: string): Promise<string> {
  const dueAt = new Date('2031-01-02T03:04:05.000Z');
  await aduan.test.database.prisma.report.update({ where: { id }, data: { dueAt } });
  return dueAt.toISOString();
}

async function ask(yoga: AduanYoga, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await yoga.fetch('http://aduan.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: ORIGIN, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as { data?: any; errors?: any[] } };
}

describe('public reads kept in this process', () => {
  let aduan: TestAduan;
  beforeAll(async () => {
    const rules = parseRateLimits('lookup.address=6/60');
    aduan = await createTestAduan('pglite', { graphql: { publicReads: new MemoryPublicReadStore(), rateLimits: new RateLimits(rules), trustedProxyHops: 1 } });
  });
  afterAll(() => aduan?.close());

  it('answers a repeated look-up from the cache, and shows a change on the very next look-up', async () => {
    const { id, code } = await submitOne(aduan);
    const first = await ask(aduan.yoga, STATUS, { c: code }, { 'x-forwarded-for': '198.51.100.1' });
    expect(first.body.data.reportStatus.status).toBe('RECEIVED');
    const keptDueAt = first.body.data.reportStatus.dueAt;

    const movedDueAt = await moveDeadlineQuietly(aduan, id);
    const kept = await ask(aduan.yoga, STATUS, { c: code }, { 'x-forwarded-for': '198.51.100.1' });
    expect(kept.body).toEqual(first.body);
    expect(kept.body.data.reportStatus.dueAt).toBe(keptDueAt);
    // The cache key is not handed out: no validators to revalidate a kept answer with.
    expect(kept.headers.get('etag')).toBeNull();

    // A signed-in request, or one with a cookie or a validator, reads the database.
    const personalHeaders: Record<string, string>[] = [{ authorization: 'Bearer not-a-token-at-all' }, { cookie: 'x=1' }, { 'if-none-match': '"anything"' }];
    for (const header of personalHeaders) {
      const personal = await ask(aduan.yoga, STATUS, { c: code }, { ...header, 'x-forwarded-for': '198.51.100.2' });
      if (personal.status === 200) expect(personal.body.data.reportStatus.dueAt).toBe(movedDueAt);
      else expect(personal.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }

    await aduan.ledger.change({
      reportId: id,
      actor: 'system',
      at: new Date(),
      changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED', publicNote: 'Kami sudah menerima laporan ini.' }],
    });
    const next = await ask(aduan.yoga, STATUS, { c: code }, { 'x-forwarded-for': '198.51.100.3' });
    expect(next.body.data.reportStatus).toMatchObject({ status: 'ACKNOWLEDGED', dueAt: movedDueAt });
    expect(next.body.data.reportStatus.timeline.at(-1)).toEqual({ kind: 'STATUS_CHANGED', status: 'ACKNOWLEDGED', note: 'Kami sudah menerima laporan ini.' });
  });

  it('counts a kept answer against the look-up limit like any other', async () => {
    const { code } = await submitOne(aduan);
    const from = { 'x-forwarded-for': '203.0.113.9' };
    for (let n = 0; n < 6; n++) expect((await ask(aduan.yoga, STATUS, { c: code }, from)).status).toBe(200);
    const refused = await ask(aduan.yoga, STATUS, { c: code }, from);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'lookup.address' });
    // Two aliases are two look-ups, kept or not: three allowed, then refused.
    const twice = `query($c: String!) { a: reportStatus(trackingCode: $c) { status } b: reportStatus(trackingCode: $c) { status } }`;
    const other = { 'x-forwarded-for': '203.0.113.10' };
    for (let n = 0; n < 3; n++) expect((await ask(aduan.yoga, twice, { c: code }, other)).status).toBe(200);
    expect((await ask(aduan.yoga, twice, { c: code }, other)).status).toBe(429);
  });

  it('keeps the catalogue until it changes', async () => {
    const categories = `{ categories(site: "demo") { code name } }`;
    const before = await ask(aduan.yoga, categories, {});
    const sampah = before.body.data.categories.find((c: { code: string }) => c.code === 'sampah');
    expect((await ask(aduan.yoga, categories, {})).body).toEqual(before.body);
    // Any catalogue change is a new revision: the next read loads it (this catalogue checks every time).
    await aduan.test.database.prisma.category.updateMany({ where: { code: 'sampah' }, data: { nameId: `${sampah.name} (baru)` } });
    const after = await ask(aduan.yoga, categories, {});
    expect(after.body.data.categories.find((c: { code: string }) => c.code === 'sampah').name).toBe(`${sampah.name} (baru)`);
  });

  it('shows a category group renamed or moved on the next read', async () => {
    const groups = `{ categories(site: "demo") { code group } }`;
    const before = await ask(aduan.yoga, groups, {});
    const grouped = before.body.data.categories.find((c: { group: string | null }) => c.group);
    expect((await ask(aduan.yoga, groups, {})).body).toEqual(before.body);
    await aduan.test.database.prisma.categoryGroup.updateMany({ where: { nameId: grouped.group }, data: { nameId: `${grouped.group} (baru)` } });
    const after = await ask(aduan.yoga, groups, {});
    expect(after.body.data.categories.find((c: { code: string }) => c.code === grouped.code).group).toBe(`${grouped.group} (baru)`);
  });

  it('refuses the aliases the cache marks answers with, so no document can mislabel one', async () => {
    const { code } = await submitOne(aduan);
    const sneaky = `query($c: String!) { reportStatus(trackingCode: $c) { __responseCacheId: status status } }`;
    const refused = await ask(aduan.yoga, sneaky, { c: code }, { 'x-forwarded-for': '198.51.100.40' });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
  });

  it('never keeps an answer with a field that must be fresh', async () => {
    const { code } = await submitOne(aduan);
    const mixed = `query($c: String!) { reportStatus(trackingCode: $c) { status } statistics(jurisdictionCode: "53.71") { total } }`;
    const one = await ask(aduan.yoga, mixed, { c: code }, { 'x-forwarded-for': '198.51.100.30' });
    await submitOne(aduan);
    const two = await ask(aduan.yoga, mixed, { c: code }, { 'x-forwarded-for': '198.51.100.30' });
    expect(two.body.data.statistics.total).toBe(one.body.data.statistics.total + 1);
  });
});

describe('a look-up that read the database just before a change', () => {
  const result = (status: string) => ({ data: { reportStatus: { status } } });
  const entities = [{ typename: REPORT_ENTITY, id: 'KPG-AAAAA-AAAAA' }];

  it('stores nothing for a report changed in the last few seconds, in this process', () => {
    let now = 1_000_000;
    const store = new MemoryPublicReadStore(1024 * 1024, () => now);
    store.set('before', result('RECEIVED'), entities, 30_000);
    store.invalidate(entities);
    expect(store.get('before')).toBeNull();
    store.set('late', result('RECEIVED'), entities, 30_000);
    expect(store.get('late')).toBeNull();
    now += FORGOTTEN_FOR_MS + 1;
    store.set('later', result('ACKNOWLEDGED'), entities, 30_000);
    expect(store.get('later')).toEqual(result('ACKNOWLEDGED'));
  });

  it('keeps no answer over 64 KB, and no more than its budget in all', () => {
    const store = new MemoryPublicReadStore(10 * 1024);
    const long = {
      data: { jurisdictions: Array.from({ length: 2_000 }, (_, i) => ({ code: `53.71.${i}`, name: 'Kelurahan dengan nama yang cukup panjang' })) },
    };
    expect(JSON.stringify(long).length).toBeGreaterThan(MAX_KEPT_ANSWER_BYTES);
    store.set('long', long, [], 60_000);
    expect(store.get('long')).toBeNull();
    const answer = (n: number) => ({ data: { site: { key: `site-${n}`, name: 'x'.repeat(1_000) } } });
    for (let n = 0; n < 20; n++) store.set(`site-${n}`, answer(n), [], 60_000);
    const kept = Array.from({ length: 20 }, (_, n) => store.get(`site-${n}`)).filter(Boolean);
    expect(kept.length).toBeGreaterThan(5);
    expect(kept.length).toBeLessThan(11);
    expect(store.get('site-19')).toEqual(answer(19));
  });

  it('stores nothing for a report changed in the last few seconds, in Redis', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const store = new RedisPublicReadStore(redis);
      const code = `KPG-T${Date.now()}`;
      const mine = [{ typename: REPORT_ENTITY, id: code }];
      await store.set(`${code}-before`, result('RECEIVED'), mine, 30_000);
      expect(await store.get(`${code}-before`)).toEqual(result('RECEIVED'));
      await store.invalidate(mine);
      expect(await store.get(`${code}-before`)).toBeNull();
      await store.set(`${code}-late`, result('RECEIVED'), mine, 30_000);
      expect(await store.get(`${code}-late`)).toBeNull();
      expect(await redis.pttl(`aduan:read:forgotten:${code}`)).toBeGreaterThan(FORGOTTEN_FOR_MS - 2_000);
    } finally {
      redis.disconnect();
    }
  });
});

describe('public reads kept in Redis by two replicas', () => {
  let aduan: TestAduan;
  let other: AduanYoga;
  const connections: Redis[] = [];
  beforeAll(async () => {
    const store = () => {
      const redis = new Redis(REDIS_URL);
      connections.push(redis);
      return new RedisPublicReadStore(redis);
    };
    aduan = await createTestAduan('postgres', { graphql: { publicReads: store() } });
    // A second replica: the same database and Redis, its own catalogue, ledger and connection.
    const { prisma } = aduan.test.database;
    other = createGraphQLHandler({
      prisma,
      catalog: new RoutingCatalog(prisma, 0),
      ledger: new ReportLedger({ prisma, changes: new ReportChanges(), mail: false }),
      publicReads: store(),
    });
  });
  afterAll(async () => {
    await other?.dispose();
    await aduan?.close();
    for (const redis of connections) redis.disconnect();
  });

  it('keeps in Redis only answers that show a report; the catalogue stays in each replica', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const store = new RedisPublicReadStore(redis);
      const key = `catalogue-${Date.now()}`;
      await store.set(key, { data: { categories: [] } }, [{ typename: 'Category' }], 60_000);
      expect(await store.get(key)).toEqual({ data: { categories: [] } });
      expect(await redis.exists(`aduan:read:answer:${key}`)).toBe(0);
      // Nor one over 64 KB, report or not.
      const code = `KPG-BIG${Date.now()}`;
      const big = {
        data: {
          reportStatus: { trackingCode: code, timeline: Array.from({ length: 2_000 }, () => ({ kind: 'NOTE', note: 'Sudah kami periksa di lapangan.' })) },
        },
      };
      await store.set(`${key}-big`, big, [{ typename: REPORT_ENTITY, id: code }], 30_000);
      expect(await redis.exists(`aduan:read:answer:${key}-big`)).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('hears a change made by a command or `aduan worker` beside the servers', async () => {
    const { id, code } = await submitOne(aduan);
    expect((await ask(aduan.yoga, STATUS, { c: code })).body.data.reportStatus.status).toBe('RECEIVED');
    await moveDeadlineQuietly(aduan, id);
    expect((await ask(other, STATUS, { c: code })).body.data.reportStatus.dueAt).not.toBe('2031-01-02T03:04:05.000Z');
    const bus = commandChanges({ redisUrl: REDIS_URL, cachePublicReads: true }, () => {});
    try {
      const worker = new ReportLedger({ prisma: aduan.test.database.prisma, changes: bus.changes, mail: false });
      await worker.change({ reportId: id, actor: 'system', at: new Date(), changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED' }] });
    } finally {
      await bus.close();
    }
    expect((await ask(other, STATUS, { c: code })).body.data.reportStatus.status).toBe('ACKNOWLEDGED');
    expect((await ask(aduan.yoga, STATUS, { c: code })).body.data.reportStatus.status).toBe('ACKNOWLEDGED');
  });

  it('shares kept answers, and a change made on one is seen on the very next look-up on both', async () => {
    const { id, code } = await submitOne(aduan);
    const first = await ask(aduan.yoga, STATUS, { c: code });
    expect(first.body.data.reportStatus.status).toBe('RECEIVED');
    await moveDeadlineQuietly(aduan, id);
    // The other replica is answered with what the first one kept.
    expect((await ask(other, STATUS, { c: code })).body).toEqual(first.body);

    for (const [step, to] of [
      ['first', 'ACKNOWLEDGED'],
      ['second', 'IN_PROGRESS'],
    ] as const) {
      await aduan.ledger.change({ reportId: id, actor: 'system', at: new Date(), changes: [{ kind: 'STATUS', to }] });
      expect((await ask(other, STATUS, { c: code })).body.data.reportStatus.status, `${step} change, other replica`).toBe(to);
      expect((await ask(aduan.yoga, STATUS, { c: code })).body.data.reportStatus.status, `${step} change, same replica`).toBe(to);
    }
  });
});
