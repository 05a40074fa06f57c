// Kept answers served before the front door (server/kept-answer-desk.ts): what the desk
// writes is what Yoga would have sent, byte for byte and header for header; a change is
// seen on the very next look-up, on any replica; a look-up the desk answers counts against
// the asker's allowance exactly once; anything the desk is not sure of goes on to Yoga.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRateLimits, RateLimits } from '../src/abuse/rate-limits.js';
import { ReportChanges } from '../src/events/report-changes.js';
import { RoutingCatalog } from '../src/routing/catalog.js';
import { createGraphQLHandler, lookupCounterFor, type AduanYoga } from '../src/server/graphql.js';
import { createHttpServer } from '../src/server/http-server.js';
import { answerMediaType, KeptAnswerDesk } from '../src/server/kept-answer-desk.js';
import { MemoryPublicReadStore, RedisPublicReadStore, type PublicReadStore } from '../src/server/public-read-store.js';
import { ReportLedger } from '../src/workflow/ledger.js';
import { createTestAduan, KUPANG, ORIGIN, SUBMIT, type TestAduan } from './support/aduan.js';

const REDIS_URL = process.env.ADUAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STATUS = `query Status($trackingCode: String!) { reportStatus(trackingCode: $trackingCode) { trackingCode status dueAt timeline { kind status note } } }`;
const CATALOGUE = `query { categories(site: "demo", locale: ID) { code name group description } }`;
const WIDGET_ACCEPT = 'application/graphql-response+json, application/json';

/** Headers that differ between any two answers, whoever writes them. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive']);

interface Listening {
  url: string;
  /** What the desk did with each request it saw: true when it answered. */
  answered: boolean[];
  close(): Promise<void>;
}

/** A server on a socket: with the desk in front when `desk` is given, Yoga alone otherwise. */
async function listen(yoga: AduanYoga, desk: KeptAnswerDesk | null): Promise<Listening> {
  const answered: boolean[] = [];
  const watched = desk && {
    answer: async (...args: Parameters<KeptAnswerDesk['answer']>) => {
      const done = await desk.answer(...args);
      answered.push(done);
      return done;
    },
  };
  const server: Server = createHttpServer({ readiness: { check: async () => true }, graphql: () => yoga, consoleDir: null, keptAnswers: () => watched });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answered,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function get(server: Listening, query: string, variables: Record<string, unknown> | null, headers: Record<string, string> = {}) {
  const search = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) });
  return fetch(`${server.url}/graphql?${search}`, { headers });
}

/** Status, headers (but the per-response ones) and body bytes, to compare two answers whole. */
async function whole(response: Response) {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => !PER_RESPONSE.has(name)));
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

async function submitOne(aduan: TestAduan): Promise<{ id: string; code: string }> {
  const result = await aduan.gql(SUBMIT, {
    input: { site: 'demo', category: 'sampah', description: 'Sampah menumpuk di depan pasar', location: KUPANG.oebobo },
  });
  const code = result.data?.submitReport.report.trackingCode as string;
  const row = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code }, select: { id: true } });
  return { id: row.id, code };
}

describe('the kept-answer desk, one process', () => {
  let aduan: TestAduan;
  let withDesk: Listening;
  let yogaAlone: Listening;
  const rateLimits = new RateLimits(parseRateLimits('lookup.address=40/60'));

  beforeAll(async () => {
    const store = new MemoryPublicReadStore();
    aduan = await createTestAduan('pglite', { graphql: { publicReads: store, rateLimits, trustedProxyHops: 1 } });
    const desk = new KeptAnswerDesk({ store, catalog: aduan.catalog, lookups: lookupCounterFor({ rateLimits, trustedProxyHops: 1 }) });
    withDesk = await listen(aduan.yoga, desk);
    yogaAlone = await listen(aduan.yoga, null);
  });
  afterAll(async () => {
    await withDesk?.close();
    await yogaAlone?.close();
    await aduan?.close();
  });

  it('sends what Yoga sends for a kept answer, for every Accept, origin and encoding a client may send', async () => {
    const { code } = await submitOne(aduan);
    const cases: { name: string; query: string; variables: Record<string, unknown> | null; headers: Record<string, string> }[] = [
      { name: 'the widget, from a site', query: STATUS, variables: { trackingCode: code }, headers: { accept: WIDGET_ACCEPT, origin: ORIGIN } },
      { name: 'plain JSON', query: STATUS, variables: { trackingCode: code }, headers: { accept: 'application/json' } },
      { name: 'no Accept', query: STATUS, variables: { trackingCode: code }, headers: {} },
      { name: 'anything', query: STATUS, variables: { trackingCode: code }, headers: { accept: '*/*' } },
      { name: 'JSON first', query: STATUS, variables: { trackingCode: code }, headers: { accept: 'application/json, application/graphql-response+json' } },
      {
        name: 'a page no site allows',
        query: STATUS,
        variables: { trackingCode: code },
        headers: { accept: WIDGET_ACCEPT, origin: 'https://elsewhere.example' },
      },
      { name: 'the catalogue, gzipped', query: CATALOGUE, variables: null, headers: { accept: WIDGET_ACCEPT, origin: ORIGIN, 'accept-encoding': 'gzip' } },
      { name: 'the catalogue, not gzipped', query: CATALOGUE, variables: null, headers: { accept: WIDGET_ACCEPT, 'accept-encoding': 'identity' } },
    ];
    for (const { name, query, variables, headers } of cases) {
      const stored = await whole(await get(yogaAlone, query, variables, headers));
      expect(stored.status, name).toBe(200);
      const before = withDesk.answered.length;
      const fromDesk = await whole(await get(withDesk, query, variables, headers));
      expect(withDesk.answered.slice(before), name).toEqual([true]);
      const fromYoga = await whole(await get(yogaAlone, query, variables, headers));
      expect(fromDesk, name).toEqual(fromYoga);
      expect(fromDesk.body.equals(stored.body), name).toBe(true);
    }
    const zipped = await get(withDesk, CATALOGUE, null, { accept: WIDGET_ACCEPT, 'accept-encoding': 'gzip' });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
  });

  it('shows a change on the very next look-up', async () => {
    const { id, code } = await submitOne(aduan);
    const headers = { accept: WIDGET_ACCEPT };
    await get(withDesk, STATUS, { trackingCode: code }, headers);
    const kept = withDesk.answered.length;
    expect(((await (await get(withDesk, STATUS, { trackingCode: code }, headers)).json()) as any).data.reportStatus.status).toBe('RECEIVED');
    expect(withDesk.answered.slice(kept)).toEqual([true]);

    await aduan.ledger.change({
      reportId: id,
      actor: 'system',
      at: new Date(),
      changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED', publicNote: 'Sedang kami periksa.' }],
    });
    const next = (await (await get(withDesk, STATUS, { trackingCode: code }, headers)).json()) as any;
    expect(next.data.reportStatus.status).toBe('ACKNOWLEDGED');
    expect(withDesk.answered.at(-1)).toBe(false);
  });

  it('charges each look-up once, answered by the desk or not, and leaves the refusal to Yoga', async () => {
    const { code } = await submitOne(aduan);
    const limits = new RateLimits(parseRateLimits('lookup.address=3/60'));
    const store = new MemoryPublicReadStore();
    const { prisma } = aduan.test.database;
    const yoga = createGraphQLHandler({
      prisma,
      catalog: aduan.catalog,
      ledger: new ReportLedger({ prisma, changes: new ReportChanges(), mail: false }),
      publicReads: store,
      rateLimits: limits,
      trustedProxyHops: 1,
    });
    const server = await listen(
      yoga,
      new KeptAnswerDesk({ store, catalog: aduan.catalog, lookups: lookupCounterFor({ rateLimits: limits, trustedProxyHops: 1 }) }),
    );
    try {
      const asker = { accept: WIDGET_ACCEPT, 'x-forwarded-for': '203.0.113.9' };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await get(server, STATUS, { trackingCode: code }, asker)).status);
      // A miss read by Yoga and two kept answers: three look-ups, then the fourth is refused.
      expect(server.answered).toEqual([false, true, true, false]);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const refused = await get(server, STATUS, { trackingCode: code }, asker);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      // Another asker's allowance is untouched.
      expect((await get(server, STATUS, { trackingCode: code }, { ...asker, 'x-forwarded-for': '203.0.113.10' })).status).toBe(200);
      expect(server.answered.at(-1)).toBe(true);
    } finally {
      await server.close();
      await yoga.dispose();
    }
  });

  it('passes on what is not an anonymous GET it can answer as Yoga would', async () => {
    const { code } = await submitOne(aduan);
    await get(withDesk, STATUS, { trackingCode: code }, { accept: WIDGET_ACCEPT });
    const passedOn: { name: string; send: () => Promise<Response> }[] = [
      { name: 'a cookie', send: () => get(withDesk, STATUS, { trackingCode: code }, { cookie: 'aduan_session=x' }) },
      { name: 'a bearer token', send: () => get(withDesk, STATUS, { trackingCode: code }, { authorization: 'Bearer nope' }) },
      { name: 'a validator', send: () => get(withDesk, STATUS, { trackingCode: code }, { 'if-none-match': '"x"' }) },
      { name: 'an event stream', send: () => get(withDesk, STATUS, { trackingCode: code }, { accept: 'text/event-stream' }) },
      { name: 'a charset Yoga does not answer in', send: () => get(withDesk, STATUS, { trackingCode: code }, { accept: 'application/json; charset=latin1' }) },
      { name: 'variables that are not an object', send: () => fetch(`${withDesk.url}/graphql?${new URLSearchParams({ query: STATUS, variables: '[1]' })}`) },
      {
        name: 'a POST',
        send: () =>
          fetch(`${withDesk.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: WIDGET_ACCEPT },
            body: JSON.stringify({ query: STATUS, variables: { trackingCode: code } }),
          }),
      },
    ];
    for (const { name, send } of passedOn) {
      const before = withDesk.answered.length;
      const response = await send();
      await response.arrayBuffer();
      expect(withDesk.answered.slice(before), name).toEqual([false]);
    }
    // The variables are refused as before, with a clear error.
    const bad = await fetch(`${withDesk.url}/graphql?${new URLSearchParams({ query: STATUS, variables: '[1]' })}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].message).toMatch(/variables/);
  });

  it('picks the media type Yoga picks for an Accept header', () => {
    expect(answerMediaType(WIDGET_ACCEPT)).toBe('application/graphql-response+json');
    expect(answerMediaType('application/json, application/graphql-response+json')).toBe('application/json');
    expect(answerMediaType(undefined)).toBe('application/json');
    expect(answerMediaType('text/html')).toBeNull();
    expect(answerMediaType('application/json;charset=iso-8859-1')).toBeNull();
  });
});

describe('the kept-answer desk, two replicas on Redis', () => {
  let aduan: TestAduan;
  const connections: Redis[] = [];
  const servers: Listening[] = [];
  let other: AduanYoga;

  const store = (): PublicReadStore => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    return new RedisPublicReadStore(redis);
  };

  beforeAll(async () => {
    const first = store();
    aduan = await createTestAduan('postgres', { graphql: { publicReads: first } });
    const { prisma } = aduan.test.database;
    const second = store();
    const catalog = new RoutingCatalog(prisma, 0);
    other = createGraphQLHandler({ prisma, catalog, ledger: new ReportLedger({ prisma, changes: new ReportChanges(), mail: false }), publicReads: second });
    servers.push(await listen(aduan.yoga, new KeptAnswerDesk({ store: first, catalog: aduan.catalog, lookups: lookupCounterFor({}) })));
    servers.push(await listen(other, new KeptAnswerDesk({ store: second, catalog, lookups: lookupCounterFor({}) })));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await other?.dispose();
    await aduan?.close();
    for (const redis of connections) redis.disconnect();
  });

  it('answers from what another replica kept, and a change made on one is seen on the next look-up on both', async () => {
    const [one, two] = servers as [Listening, Listening];
    const { id, code } = await submitOne(aduan);
    const headers = { accept: WIDGET_ACCEPT, 'accept-encoding': 'gzip' };
    const first = await whole(await get(one, STATUS, { trackingCode: code }, headers));
    expect(one.answered).toEqual([false]);
    const fromOther = await whole(await get(two, STATUS, { trackingCode: code }, headers));
    expect(two.answered).toEqual([true]);
    expect(fromOther).toEqual(first);

    await aduan.ledger.change({ reportId: id, actor: 'system', at: new Date(), changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED' }] });
    for (const server of [two, one]) {
      const body = (await (await get(server, STATUS, { trackingCode: code }, headers)).json()) as any;
      expect(body.data.reportStatus.status).toBe('ACKNOWLEDGED');
      expect(server.answered.at(-1)).toBe(false);
    }
    // Small answers are not zipped, by the desk or by Yoga.
    expect(first.headers['content-encoding']).toBeUndefined();
  });
});
