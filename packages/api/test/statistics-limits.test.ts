// Public statistics cannot slow the whole server: a request may ask for `statistics` at
// most three times (aliases and fragments counted), anonymous callers are rate-limited
// per address, and answers are kept until a report changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrismaClient } from '@aduan/prisma';
import { openDatabase } from '../src/db/database.js';
import { createPostgresFromTemplate } from './support/databases.js';
import { parseRateLimits, RateLimits } from '../src/abuse/rate-limits.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const TOTAL = 'query { statistics { total } }';
const aliased = (n: number) => `query { ${Array.from({ length: n }, (_, i) => `s${i}: statistics(jurisdictionCode: "53.71") { total }`).join(' ')} }`;

describe.each(databaseKinds)('statistics under pressure on %s', (kind) => {
  let aduan: TestAduan;
  let statisticsQueries = 0;
  beforeAll(async () => {
    aduan = await createTestAduan(kind, {
      graphql: { rateLimits: new RateLimits(parseRateLimits('statistics.address=6/60')), trustedProxyHops: 1 },
      // The tally is what statistics read; count how often it is read.
      onQuery: (event) => {
        if (/"ReportTally"|"StatisticsTally"|FROM "Report"[\s\S]*GROUP BY/i.test(event.query)) statisticsQueries++;
      },
    });
  });
  afterAll(() => aduan?.close());
  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('refuses a request asking for statistics more than three times, aliased or through fragments, before anything runs', async () => {
    expect((await aduan.gql(aliased(3), {}, from('198.51.100.1'))).errors).toBeUndefined();
    const four = await aduan.gql(aliased(4), {}, from('198.51.100.2'));
    expect(four.status).toBe(400);
    expect(four.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_EXPENSIVE_FIELDS', field: 'statistics' });
    const fragments = await aduan.gql(
      `query { ...A ...A } fragment A on Query { a: statistics { total } b: statistics(jurisdictionCode: "53.71.04") { total } }`,
      {},
      from('198.51.100.3'),
    );
    expect(fragments.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_EXPENSIVE_FIELDS' });
  });

  it('limits anonymous statistics per address, and other addresses go on', async () => {
    for (let n = 0; n < 6; n++) expect((await aduan.gql(TOTAL, {}, from('203.0.113.40'))).status).toBe(200);
    const refused = await aduan.gql(TOTAL, {}, from('203.0.113.40'));
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'statistics.address' });
    expect((await aduan.gql(TOTAL, {}, from('203.0.113.41'))).status).toBe(200);
  });

  it('answers the same question from the cache until a report changes', async () => {
    const ask = async (address: string) => (await aduan.gql(TOTAL, {}, from(address))).data!.statistics.total as number;
    const before = await ask('192.0.2.10');
    const read = statisticsQueries;
    expect(await ask('192.0.2.11')).toBe(before);
    expect(await ask('192.0.2.12')).toBe(before);
    expect(statisticsQueries).toBe(read); // no query for the repeats
    const submitted = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang lagi', location: KUPANG.oebobo },
    });
    expect(submitted.data?.submitReport.__typename).toBe('ReportSubmitted');
    expect(await ask('192.0.2.13')).toBe(before + 1);
    expect(statisticsQueries).toBeGreaterThan(read);
  });
});

describe('statistics on PostgreSQL have a pool of their own, with a statement timeout', () => {
  it('cancels a statistics statement that runs too long, and only there', async () => {
    const template = await createPostgresFromTemplate('demo');
    const database = await openDatabase({ databaseUrl: template.url, statisticsTimeoutMs: 100 });
    try {
      await expect(database.statisticsPrisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.5)`).rejects.toThrow(/statement timeout/);
      // Everything else keeps the ordinary pool, without that limit.
      expect(await database.prisma.$queryRaw`SELECT 1 AS one FROM pg_sleep(0.2)`).toHaveLength(1);
    } finally {
      await database.close();
      await template.drop();
    }
  });

  it('answers a statistics question PostgreSQL cancelled with a typed error, not a crash', async () => {
    // Like Prisma's own promises, each query fails only once it is awaited.
    const cancelledQuery = () => ({
      // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, as Prisma's queries are
      then: (resolve: (value: unknown) => unknown, reject: (reason: unknown) => unknown) =>
        Promise.reject(new Error('canceling statement due to statement timeout')).then(resolve, reject),
    });
    const cancelled = new Proxy({} as PrismaClient, { get: () => cancelledQuery });
    const aduan = await createTestAduan('pglite', { graphql: { statisticsPrisma: cancelled } });
    try {
      const answer = await aduan.gql(TOTAL);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'STATISTICS_TIMEOUT' });
      expect(answer.errors?.[0]?.message).toMatch(/smaller area or a shorter range/);
    } finally {
      await aduan.close();
    }
  });
});
