import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { parseRateLimits, RateLimits } from '../src/abuse/rate-limits.js';
import { ReportChanges } from '../src/events/report-changes.js';
import { RoutingCatalog } from '../src/routing/catalog.js';
import { createGraphQLHandler, type AduanYoga } from '../src/server/graphql.js';
import { MemoryPublicReadStore, RedisPublicReadStore } from '../src/server/public-read-store.js';
import { ReportLedger } from '../src/workflow/ledger.js';
import { createTestAduan, KUPANG, ORIGIN, SUBMIT, type TestAduan } from './support/aduan.js';

const log = (...a: unknown[]) => console.log('ATTACK', ...a);
let ip = 1;
const nextIp = () => ({ 'x-forwarded-for': `198.18.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}` });

async function submitOne(aduan: TestAduan): Promise<{ id: string; code: string }> {
  const input = { site: 'demo', category: 'sampah', description: 'Sampah menumpuk di depan pasar', location: KUPANG.oebobo };
  const result = await aduan.gql(SUBMIT, { input });
  const code = result.data?.submitReport.report.trackingCode as string;
  const row = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code }, select: { id: true } });
  return { id: row.id, code };
}

async function raw(yoga: AduanYoga, url: string, init: RequestInit) {
  const response = await yoga.fetch(`http://aduan.test${url}`, init);
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), text };
}

async function ask(
  yoga: AduanYoga,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  return raw(yoga, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin: ORIGIN, ...headers },
    body: JSON.stringify({ query, variables, ...extra }),
  });
}

describe('memory store', () => {
  let aduan: TestAduan;
  const rules = parseRateLimits('lookup.address=3/60');
  beforeAll(async () => {
    aduan = await createTestAduan('pglite', { graphql: { publicReads: new MemoryPublicReadStore(), rateLimits: new RateLimits(rules), trustedProxyHops: 1 } });
  });
  afterAll(() => aduan?.close());

  /** How many requests from one address succeed with `send` before a 429 (max 8). */
  async function allowance(name: string, send: (h: Record<string, string>) => Promise<{ status: number; text: string }>) {
    const h = nextIp();
    let n = 0;
    let last = '';
    for (; n < 8; n++) {
      const r = await send(h);
      last = `${r.status} ${r.text.slice(0, 160)}`;
      if (r.status === 429 || r.text.includes('RATE_LIMITED')) break;
    }
    log(`allowance ${name}: ${n} ok before refusal (limit 3). last: ${last}`);
  }

  it('counting variants', async () => {
    const { code } = await submitOne(aduan);
    const q = `query($c: String!) { reportStatus(trackingCode: $c) { status } }`;
    await allowance('POST json', (h) => ask(aduan.yoga, q, { c: code }, h));
    await allowance('GET', (h) =>
      raw(aduan.yoga, `/graphql?query=${encodeURIComponent(q)}&variables=${encodeURIComponent(JSON.stringify({ c: code }))}`, {
        headers: { accept: 'application/json', ...h },
      }),
    );
    await allowance('application/graphql', (h) =>
      raw(aduan.yoga, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/graphql', accept: 'application/json', 'x-aduan-csrf': '1', ...h },
        body: `{ reportStatus(trackingCode: "${code}") { status } }`,
      }),
    );
    await allowance('form-urlencoded', (h) =>
      raw(aduan.yoga, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...h },
        body: `query=${encodeURIComponent(`{ reportStatus(trackingCode: "${code}") { status } }`)}`,
      }),
    );
    const fd = () => {
      const f = new FormData();
      f.set('operations', JSON.stringify({ query: `{ reportStatus(trackingCode: "${code}") { status } }` }));
      f.set('map', '{}');
      return f;
    };
    await allowance('multipart', (h) =>
      raw(aduan.yoga, '/graphql', { method: 'POST', headers: { accept: 'application/json', 'x-aduan-csrf': '1', ...h }, body: fd() }),
    );
    await allowance('SSE accept', (h) => ask(aduan.yoga, q, { c: code }, { accept: 'text/event-stream', ...h }));
    await allowance('multipart/mixed accept', (h) => ask(aduan.yoga, q, { c: code }, { accept: 'multipart/mixed', ...h }));
    await allowance('_entities', (h) =>
      ask(
        aduan.yoga,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on PublicReport { status } } }`,
        { r: [{ __typename: 'PublicReport', trackingCode: code }] },
        h,
      ),
    );
    await allowance('_entities + reportStatus comment', (h) =>
      ask(
        aduan.yoga,
        `# reportStatus\nquery($r: [_Any!]!) { _entities(representations: $r) { ... on PublicReport { status } } }`,
        {
          r: [
            { __typename: 'PublicReport', trackingCode: code },
            { __typename: 'PublicReport', trackingCode: code + 'x' },
          ],
        },
        h,
      ),
    );
    await allowance('fragment', (h) =>
      ask(aduan.yoga, `query($c: String!) { ...F } fragment F on Query { reportStatus(trackingCode: $c) { status } }`, { c: code }, h),
    );
    await allowance('batched array', (h) =>
      raw(aduan.yoga, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...h },
        body: JSON.stringify([
          { query: q, variables: { c: code } },
          { query: q, variables: { c: code } },
        ]),
      }),
    );
    await allowance('query as number', (h) =>
      raw(aduan.yoga, '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...h }, body: '{"query":123}' }),
    );
    await allowance('if-none-match', (h) => ask(aduan.yoga, q, { c: code }, { 'if-none-match': '*', ...h }));
    await allowance('subscription SSE', async (h) => {
      const ctrl = new AbortController();
      const res = await aduan.yoga.fetch(
        `http://aduan.test/graphql?query=${encodeURIComponent(`subscription($c: String!) { reportStatusChanged(trackingCode: $c) { status } }`)}&variables=${encodeURIComponent(JSON.stringify({ c: code }))}`,
        { headers: { accept: 'text/event-stream', ...h }, signal: ctrl.signal },
      );
      const reader = res.body!.getReader();
      const chunk = await Promise.race([reader.read(), new Promise<{ value: undefined }>((r) => setTimeout(() => r({ value: undefined }), 300))]);
      ctrl.abort();
      const text = chunk.value ? new TextDecoder().decode(chunk.value as Uint8Array) : '';
      return { status: res.status, text };
    });
  });

  it('etag / body leak of key', async () => {
    const { code } = await submitOne(aduan);
    const q = `query($c: String!) { reportStatus(trackingCode: $c) { status } }`;
    for (const accept of ['application/json', 'application/graphql-response+json', 'text/event-stream', 'multipart/mixed']) {
      const a = await ask(aduan.yoga, q, { c: code }, { accept, ...nextIp() });
      const b = await ask(aduan.yoga, q, { c: code }, { accept, ...nextIp() });
      log(`accept ${accept}: headers`, JSON.stringify(b.headers), 'body', b.text.slice(0, 300), 'first==second', a.text === b.text);
    }
    const bad = await ask(aduan.yoga, q, { c: code }, { origin: 'https://evil.example', ...nextIp() });
    log('hit with disallowed origin', JSON.stringify(bad.headers));
  });

  it('entity id spoofed via alias: change not seen', async () => {
    const { id, code } = await submitOne(aduan);
    const docs = {
      plain: `query($c: String!) { reportStatus(trackingCode: $c) { status } }`,
      idAlias: `query($c: String!) { reportStatus(trackingCode: $c) { __responseCacheId: status status } }`,
      typeAlias: `query($c: String!) { reportStatus(trackingCode: $c) { __responseCacheTypeName: status status } }`,
      typeAlias2: `query($c: String!) { reportStatus(trackingCode: $c) { __responseCacheTypeName: agency { slug } status } }`,
    };
    for (const [name, doc] of Object.entries(docs)) log(`before ${name}:`, (await ask(aduan.yoga, doc, { c: code }, nextIp())).text);
    await aduan.ledger.change({ reportId: id, actor: 'system', at: new Date(), changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED', publicNote: 'ok' }] });
    for (const [name, doc] of Object.entries(docs)) log(`after change ${name}:`, (await ask(aduan.yoga, doc, { c: code }, nextIp())).text);
  });

  it('category group rename is not a new revision', async () => {
    const prisma = aduan.test.database.prisma;
    const groups = await prisma.categoryGroup.findMany();
    log('groups', groups.length);
    const q = `{ categories(site: "demo") { code group } }`;
    const before = await ask(aduan.yoga, q, {});
    const g = groups[0]!;
    await prisma.categoryGroup.update({ where: { cityCode_code: { cityCode: g.cityCode, code: g.code } }, data: { nameId: 'GANTI NAMA', position: 99 } });
    const after = await ask(aduan.yoga, q, {});
    const fresh = await ask(aduan.yoga, q, {}, { cookie: 'x=1' });
    log('before', before.text.slice(0, 200));
    log('after (anon)', after.text.slice(0, 200), 'includes new name:', after.text.includes('GANTI NAMA'));
    log('fresh (cookie)', fresh.text.slice(0, 200), 'includes new name:', fresh.text.includes('GANTI NAMA'));
  });

  it('sse body and heap', async () => {
    const { code } = await submitOne(aduan);
    const q = `query($c: String!) { reportStatus(trackingCode: $c) { status } }`;
    for (const accept of ['text/event-stream', 'multipart/mixed']) {
      await ask(aduan.yoga, q, { c: code, z: accept }, { accept: 'application/json', ...nextIp() });
      const b = await ask(aduan.yoga, q, { c: code, z: accept }, { accept, ...nextIp() });
      log(`HIT accept ${accept} body:`, JSON.stringify(b.text));
    }
    const store = new MemoryPublicReadStore();
    const g = globalThis as { gc?: () => void };
    g.gc?.();
    const h0 = process.memoryUsage().heapUsed;
    let n = 0;
    for (; n < 200_000; n++) {
      const key = `${n}`.padStart(43, 'k');
      store.set(
        key,
        { data: { site: null }, extensions: { http: { headers: { ETag: key, 'Last-Modified': new Date().toUTCString() } } } } as never,
        [],
        600_000,
      );
    }
    g.gc?.();
    const h1 = process.memoryUsage().heapUsed;
    let kept = 0;
    for (let i = 0; i < n; i++) if (store.get(`${i}`.padStart(43, 'k'))) kept++;
    const json = JSON.stringify({
      data: { site: null },
      extensions: { http: { headers: { ETag: 'k'.repeat(43), 'Last-Modified': new Date().toUTCString() } } },
    }).length;
    log(
      `heap: gc=${!!g.gc} kept ${kept} entries of json ${json} B (json total ${((kept * json) / 1048576).toFixed(1)} MB); heap grew ${((h1 - h0) / 1048576).toFixed(1)} MB`,
    );
  });

  it('unique unused variables make unique keys', async () => {
    const q = `{ site(key: "nope") { name } }`;
    for (let i = 0; i < 3; i++) log('unused var', (await ask(aduan.yoga, q, { junk: i })).status);
  });
});

describe('redis store (db 15)', () => {
  let aduan: TestAduan;
  let other: AduanYoga;
  const conns: Redis[] = [];
  const url = 'redis://127.0.0.1:6379/15';
  beforeAll(async () => {
    const store = () => {
      const r = new Redis(url);
      conns.push(r);
      return new RedisPublicReadStore(r);
    };
    aduan = await createTestAduan('pglite', { graphql: { publicReads: store() } });
    const { prisma } = aduan.test.database;
    other = createGraphQLHandler({
      prisma,
      catalog: new RoutingCatalog(prisma, 0),
      ledger: new ReportLedger({ prisma, changes: new ReportChanges(), mail: false }),
      publicReads: store(),
    });
  });
  afterAll(async () => {
    await conns[0]?.flushdb();
    await other?.dispose();
    await aduan?.close();
    for (const c of conns) c.disconnect();
  });

  it('worker/CLI ledger (own ReportChanges) leaves kept answers', async () => {
    const { id, code } = await submitOne(aduan);
    const q = `query($c: String!) { reportStatus(trackingCode: $c) { status } }`;
    log('redis before', (await ask(aduan.yoga, q, { c: code })).text);
    // as `aduan worker` / `aduan escalate|auto-close` build their ledger
    const cliLedger = new ReportLedger({ prisma: aduan.test.database.prisma, changes: new ReportChanges(), mail: false });
    await cliLedger.change({ reportId: id, actor: 'system', at: new Date(), changes: [{ kind: 'STATUS', to: 'ACKNOWLEDGED', publicNote: 'x' }] });
    log('redis after CLI-ledger change, replica A', (await ask(aduan.yoga, q, { c: code })).text);
    log('redis after CLI-ledger change, replica B', (await ask(other, q, { c: code })).text);
  });

  it('unbounded, no 64KB cap', async () => {
    const r = conns[0]!;
    const before = await r.dbsize();
    const big = `query { ${Array.from({ length: 15 }, (_, i) => `a${i}: jurisdictions(level: 4) { code name displayName timeZone parentCode kind level }`).join(' ')} }`;
    let size = 0;
    for (let i = 0; i < 50; i++) {
      const res = await ask(aduan.yoga, big, { n: i, pad: 'x'.repeat(10) });
      size = res.text.length;
      if (i === 0) log('big status', res.status, res.text.slice(0, 200));
    }
    const keys = await r.keys('aduan:read:answer:*');
    let maxLen = 0;
    for (const k of keys) maxLen = Math.max(maxLen, await r.strlen(k));
    log(`redis keys before ${before} after ${await r.dbsize()}; response size ${size}; largest stored ${maxLen}; pttl`, await r.pttl(keys[0]!));
    const mem = await r.memory('USAGE', keys[0]!);
    log('memory usage one key', mem);
  });
});
