// Rate limits: submissions per client address and per site, look-ups by tracking code
// per address, sign-ins per address. Over a limit, the request is refused with 429,
// Retry-After and a typed error, and nothing is written; other addresses go on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environment } from '../src/environment.js';
import { clientAddress } from '../src/abuse/client-address.js';
import { parseRateLimits, RateLimits } from '../src/abuse/rate-limits.js';
import { createHttpServer } from '../src/server/http-server.js';
import { createOpen311Key } from '../src/open311/keys.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { signedInStaff } from './support/staff.js';

const input = (n: number, site = 'demo') => ({
  site,
  category: 'sampah',
  description: `Sampah belum diangkut, laporan ${n}`,
  location: KUPANG.oebobo,
});

describe('rate limits', () => {
  let aduan: TestAduan;
  beforeAll(async () => {
    const rules = parseRateLimits('submit.address=3/600,submit.site=5/600,lookup.address=4/60,login.address=2/600');
    aduan = await createTestAduan('pglite', { graphql: { rateLimits: new RateLimits(rules), trustedProxyHops: 1 } });
  });
  afterAll(() => aduan?.close());

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('refuses the fourth submission from one address with 429 and Retry-After, and writes nothing', async () => {
    for (let n = 1; n <= 3; n++) {
      const ok = await aduan.gql(SUBMIT, { input: input(n) }, from('203.0.113.7'));
      expect(ok.data?.submitReport.__typename).toBe('ReportSubmitted');
    }
    const before = await aduan.counts();
    const refused = await aduan.gql(SUBMIT, { input: input(4) }, from('203.0.113.7'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(500);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'submit.address' });
    expect(refused.errors?.[0]?.message).toMatch(/^Too many requests; try again in \d+ seconds\.$/);
    expect(await aduan.counts()).toEqual(before);
    // Another address is not affected.
    expect((await aduan.gql(SUBMIT, { input: input(5) }, from('198.51.100.20'))).data?.submitReport.__typename).toBe('ReportSubmitted');
  });

  it('counts a site across addresses', async () => {
    // Five for the demo site so far (three and one above, and this one), then the site is full.
    expect((await aduan.gql(SUBMIT, { input: input(6) }, from('192.0.2.1'))).data?.submitReport.__typename).toBe('ReportSubmitted');
    const refused = await aduan.gql(SUBMIT, { input: input(7) }, from('192.0.2.2'));
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'submit.site' });
  });

  it('limits look-ups by tracking code per address, whether the codes exist or not', async () => {
    const lookup = (code: string) => aduan.gql(`query($c: String!) { reportStatus(trackingCode: $c) { status } }`, { c: code }, from('203.0.113.50'));
    for (let n = 0; n < 4; n++) expect((await lookup(`KPG-AAAAA-AAAA${n}`)).status).toBe(200);
    const refused = await lookup('KPG-AAAAA-AAAA9');
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'lookup.address' });
    // Aliases count one each: two look-ups in one document from a fresh address, then two more.
    const twice = `{ a: reportStatus(trackingCode: "KPG-AAAAA-AAAA1") { status } b: reportStatus(trackingCode: "KPG-AAAAA-AAAA2") { status } }`;
    expect((await aduan.gql(twice, {}, from('203.0.113.51'))).status).toBe(200);
    expect((await aduan.gql(twice, {}, from('203.0.113.51'))).status).toBe(200);
    expect((await aduan.gql(twice, {}, from('203.0.113.51'))).status).toBe(429);
  });

  it('counts each PublicReport a router asks _entities for as a look-up', async () => {
    const representations = Array.from({ length: 5 }, (_, i) => ({ __typename: 'PublicReport', trackingCode: `KPG-BBBBB-BBBB${i}` }));
    const result = await aduan.gql('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }', { r: representations }, from('203.0.113.60'));
    expect(result.errors?.map((error: { extensions?: { code?: string } }) => error.extensions?.code)).toContain('RATE_LIMITED');
  });

  it('limits sign-ins per address', async () => {
    const login = () => aduan.gql(`mutation { login(email: "x@kupang.go.id", password: "salah-sekali-lagi") { __typename } }`, {}, from('203.0.113.80'));
    expect((await login()).status).toBe(200);
    expect((await login()).status).toBe(200);
    expect((await login()).status).toBe(429);
  });
});

describe('rate limits on Open311', () => {
  let aduan: TestAduan;
  let apiKey: string;
  let server: import('node:http').Server;
  let base: string;
  beforeAll(async () => {
    const rules = parseRateLimits('submit.address=100/600,submit.site=2/600,lookup.address=3/60,open311.key=8/600');
    aduan = await createTestAduan('pglite', { graphql: { rateLimits: new RateLimits(rules) } });
    apiKey = (await createOpen311Key(aduan.test.database.prisma, { site: 'demo', name: 'crm' })).key;
    server = createHttpServer({ graphql: () => aduan.yoga, open311: () => aduan.open311, readiness: { check: async () => true } });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}/open311/v2`;
  });
  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await aduan?.close();
  });

  it('counts filing per site and reading per address, answering 429 with Retry-After', async () => {
    const file = (description = 'Jalan berlubang di depan pasar', key = apiKey) =>
      fetch(`${base}/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          api_key: key,
          service_code: 'jalan-rusak',
          lat: String(KUPANG.oebobo.lat),
          long: String(KUPANG.oebobo.lng),
          description,
        }),
      });
    // Refused filings count against nobody's site: junk cannot use up a city's quota.
    for (let n = 0; n < 5; n++) expect((await file('x')).status).toBe(400);
    expect((await file()).status).toBe(200);
    expect((await file()).status).toBe(200);
    const before = await aduan.counts();
    const third = await file();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await aduan.counts()).toEqual(before);
    // Each integration has its own allowance, refused filings included: 5 junk + 3 filed use up 8.
    const own = await file('Jalan berlubang lagi di depan pasar');
    expect(own.status).toBe(429);
    expect(((await own.json()) as { description: string }[])[0]?.description).toMatch(/^Terlalu banyak permintaan/);
    for (let n = 0; n < 3; n++) expect((await fetch(`${base}/requests.json`)).status).toBe(200);
    const refused = await fetch(`${base}/requests.json`);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { description: string }[])[0]?.description).toMatch(/^Terlalu banyak permintaan; coba lagi dalam \d+ detik\.$/);
  });
});

describe('guessing a signed-in account’s password', () => {
  let aduan: TestAduan;
  beforeAll(async () => {
    const rules = parseRateLimits('login.address=50/600,password.account=3/600');
    aduan = await createTestAduan('pglite', { graphql: { rateLimits: new RateLimits(rules), trustedProxyHops: 1 } });
  });
  afterAll(() => aduan?.close());

  it('limits changePassword per account, from however many addresses the guesses come', async () => {
    const staff = await signedInStaff(aduan, { agency: 'dinas-pupr', email: 'tebak@pupr.example', role: 'STAFF' });
    const guess = (n: number) =>
      aduan.gql(
        'mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "sebuah-kata-sandi-baru") { __typename ... on InvalidInput { code } } }',
        { c: `tebakan-${n}` },
        { ...staff.headers, 'x-forwarded-for': `203.0.113.${100 + n}` },
      );
    for (let n = 0; n < 3; n++) expect((await guess(n)).data?.changePassword).toMatchObject({ code: 'WRONG_PASSWORD' });
    const refused = await guess(3);
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'password.account' });
  });
});

describe('a site’s quota against junk', () => {
  let aduan: TestAduan;
  beforeAll(async () => {
    const rules = parseRateLimits('submit.address=4/600,submit.site=2/600');
    aduan = await createTestAduan('pglite', { graphql: { rateLimits: new RateLimits(rules), trustedProxyHops: 1 } });
  });
  afterAll(() => aduan?.close());

  it('counts only accepted reports: junk from many addresses leaves a genuine resident’s report through', async () => {
    const junk = { ...input(0), description: 'x' };
    // 21 addresses, 15 aliased submissions per request, two requests each: all refused, by their own addresses' limits.
    const aliased = `mutation($input: SubmitReportInput!) { ${Array.from({ length: 15 }, (_, i) => `s${i}: submitReport(input: $input) { __typename }`).join(' ')} }`;
    for (let a = 1; a <= 21; a++) {
      for (let r = 0; r < 2; r++) {
        const result = await aduan.gql(aliased, { input: junk }, { 'x-forwarded-for': `203.0.113.${a}` });
        expect([200, 429]).toContain(result.status);
      }
    }
    const first = await aduan.gql(SUBMIT, { input: input(1) }, { 'x-forwarded-for': '198.51.100.77' });
    expect(first.data?.submitReport.__typename).toBe('ReportSubmitted');
    expect((await aduan.gql(SUBMIT, { input: input(2) }, { 'x-forwarded-for': '198.51.100.78' })).data?.submitReport.__typename).toBe('ReportSubmitted');
    // The quota itself still holds for accepted reports.
    const third = await aduan.gql(SUBMIT, { input: input(3) }, { 'x-forwarded-for': '198.51.100.79' });
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'submit.site' });
  });
});

describe('rate limits shared through Redis', () => {
  it('counts one address together on two replicas, and each replica alone when Redis is away', async () => {
    const { Redis } = await import('ioredis');
    const url = process.env.ADUAN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const [one, two] = [new Redis(url, { enableOfflineQueue: false }), new Redis(url, { enableOfflineQueue: false })];
    await Promise.all([one, two].map((r) => new Promise((resolve) => r.once('ready', resolve))));
    try {
      const rules = parseRateLimits('submit.address=3/60');
      const [a, b] = [new RateLimits(rules, one), new RateLimits(rules, two)];
      const address = `198.51.100.${Math.floor(Math.random() * 250)}-${Date.now()}`;
      expect((await a.take('submit.address', address)).allowed).toBe(true);
      expect((await b.take('submit.address', address)).allowed).toBe(true);
      expect((await a.take('submit.address', address)).allowed).toBe(true);
      expect(await b.take('submit.address', address)).toMatchObject({ allowed: false, limit: 'submit.address' });
      // Without Redis, a replica falls back to counting on its own instead of letting everything through.
      one.disconnect();
      const alone = new RateLimits(rules, one);
      for (let i = 0; i < 3; i++) expect((await alone.take('submit.address', `${address}-x`)).allowed).toBe(true);
      expect((await alone.take('submit.address', `${address}-x`)).allowed).toBe(false);
    } finally {
      one.disconnect();
      two.disconnect();
    }
  });
});

describe('rate-limit settings and addresses', () => {
  it('reads ADUAN_RATE_LIMITS over the defaults and refuses what it cannot read', () => {
    expect(parseRateLimits('submit.address=10/60')['submit.address']).toEqual({ points: 10, seconds: 60 });
    expect(parseRateLimits(undefined)['lookup.address']).toEqual({ points: 300, seconds: 60 });
    expect(() => parseRateLimits('submit=10/60')).toThrow(/"submit=10\/60" is not NAME=COUNT\/SECONDS/);
    expect(() => parseRateLimits('submit.address=0/60')).toThrow(/submit\.address=0\/60/);
    expect(() => parseRateLimits('submit.address=ten/60')).toThrow();
  });

  it('stops `aduan serve` at once on a limit it cannot read, before opening anything', async () => {
    const { startService } = await import('../src/service.js');
    const env = environment({ port: 0, host: '127.0.0.1', databaseUrl: 'postgres://nobody@127.0.0.1:1/none', dataDir: 'unused', rateLimits: 'submit=10/60' });
    await expect(startService(env, () => {})).rejects.toThrow(/^ADUAN_RATE_LIMITS: "submit=10\/60" is not NAME=COUNT\/SECONDS/);
  });

  it('trusts X-Forwarded-For only as far as the operator says proxies go', () => {
    const headers = new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' });
    expect(clientAddress(headers, '10.0.0.2', 0)).toBe('10.0.0.2'); // no proxy: the header is the client's own word
    expect(clientAddress(headers, '10.0.0.2', 1)).toBe('203.0.113.9'); // one proxy: what it saw
    expect(clientAddress(headers, '10.0.0.2', 2)).toBe('6.6.6.6');
    expect(clientAddress(new Headers({ 'x-forwarded-for': 'not-an-ip' }), '::ffff:10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress(new Headers(), undefined, 0)).toBe('unknown');
  });
});
