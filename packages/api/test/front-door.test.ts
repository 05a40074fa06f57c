// The front door is one fetch router: each route answers a Fetch Request in process,
// with no socket, exactly as it does behind node:http.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFrontDoor, type FrontDoor } from '../src/server/front-door.js';
import { MAX_GRAPHQL_BODY_BYTES, MAX_JSON_BODY_BYTES } from '../src/server/request-limits.js';
import { createTestAduan, type TestAduan } from './support/aduan.js';

const BASE = 'http://aduan.test';

describe('the front door before the database is ready', () => {
  const door = createFrontDoor({
    readiness: { check: async () => false },
    graphql: () => null,
    staticDirs: { widgetDir: null, demoDir: null },
    consoleDir: null,
  });

  it('says it is starting on /healthz, GraphQL, Open311 and photos', async () => {
    expect((await door.fetch(new Request(`${BASE}/healthz`))).status).toBe(503);
    for (const path of ['/graphql?query=%7B__typename%7D', '/open311/v2/services.json', '/staff/photos/x', '/delivery/photos/x']) {
      const response = await door.fetch(new Request(`${BASE}${path}`));
      expect(response.status, path).toBe(503);
      expect(response.headers.get('retry-after'), path).toBe('5');
    }
  });

  it('answers 404 to a path no route serves, and 503 with one page while the console is not built', async () => {
    expect((await door.fetch(new Request(`${BASE}/wp-admin/setup.php`))).status).toBe(404);
    expect((await door.fetch(new Request(`${BASE}/widget/other.js`))).status).toBe(404);
    expect((await door.fetch(new Request(`${BASE}/console/`))).status).toBe(503);
  });
});

describe('the front door once ready', () => {
  let aduan: TestAduan;
  let door: FrontDoor;
  beforeAll(async () => {
    aduan = await createTestAduan('pglite');
    door = createFrontDoor({
      readiness: { check: async () => true },
      graphql: () => aduan.yoga,
      open311: () => aduan.open311,
      staticDirs: { widgetDir: null, demoDir: null },
    });
  });
  afterAll(async () => {
    await aduan?.close();
  });

  it('serves a site’s own pages — its numbers, and its form to preview, which only this origin may frame — and 404 for an unknown key', async () => {
    const withSites = createFrontDoor({
      readiness: { check: async () => true },
      graphql: () => aduan.yoga,
      staticDirs: { widgetDir: null, demoDir: null },
      publicSite: async (key) => (key === 'demo' ? { name: 'Situs <Kota> Kupang', mapTileOrigin: 'https://tile.openstreetmap.org' } : null),
    });
    const preview = await withSites.fetch(new Request(`${BASE}/pratinjau/demo`));
    expect(preview.status).toBe(200);
    const policy = preview.headers.get('content-security-policy')!;
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).toContain("img-src 'self' https://tile.openstreetmap.org");
    const page = await preview.text();
    expect(page).toContain('<script src="/widget/aduan.js" data-site="demo" async></script>');
    expect(page).toContain('<aduan-report></aduan-report>');
    expect(page).toContain('<h1>Situs &lt;Kota&gt; Kupang</h1>');
    const numbers = await withSites.fetch(new Request(`${BASE}/statistik/demo`));
    expect(numbers.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await numbers.text()).toContain('<aduan-statistics></aduan-statistics>');
    expect((await withSites.fetch(new Request(`${BASE}/pratinjau/tidak-ada`))).status).toBe(404);
    expect((await withSites.fetch(new Request(`${BASE}/pratinjau/demo`, { method: 'POST' }))).status).toBe(405);
  });

  it('is healthy, and answers GraphQL and Open311 from the same database', async () => {
    expect(await (await door.fetch(new Request(`${BASE}/healthz`))).json()).toEqual({ status: 'ok' });
    const query = JSON.stringify({ query: '{ categories(site: "demo") { code } }' });
    const graphql = await door.fetch(
      new Request(`${BASE}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(query.length) }, body: query }),
    );
    expect(graphql.status).toBe(200);
    const codes = ((await graphql.json()) as { data: { categories: { code: string }[] } }).data.categories.map((c) => c.code);
    expect(codes).toContain('jalan-rusak');
    const services = await door.fetch(new Request(`${BASE}/open311/v2/services.json`));
    expect(services.status).toBe(200);
    expect(((await services.json()) as { service_code: string }[]).map((s) => s.service_code).sort()).toEqual([...codes].sort());
  });

  it('gzips a GraphQL answer of 1 KB or more for a client that accepts it, and nothing else', async () => {
    const ask = (query: string, encoding?: string) =>
      door.fetch(
        new Request(`${BASE}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(JSON.stringify({ query }).length),
            ...(encoding ? { 'accept-encoding': encoding } : {}),
          },
          body: JSON.stringify({ query }),
        }),
      );
    const catalogue = '{ categories(site: "demo") { code name description keywords } }';
    const plain = await ask(catalogue);
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toContain('Accept-Encoding');
    const text = await plain.text();
    expect(text.length).toBeGreaterThan(2000);
    const zipped = await ask(catalogue, 'gzip, deflate, br');
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    expect(Number(zipped.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(text.length / 2);
    expect(gunzipSync(bytes).toString('utf8')).toBe(text);
    // Small answers and refusals of gzip go as they are.
    expect((await ask('{ __typename }', 'gzip')).headers.get('content-encoding')).toBeNull();
    expect((await ask(catalogue, 'gzip;q=0, identity')).headers.get('content-encoding')).toBeNull();
  });

  it('refuses a GraphQL body of unknown size (411) or too large (413) before reading it', async () => {
    const stream = new ReadableStream({ pull: () => expect.fail('the body must not be read') });
    const chunked = await door.fetch(new Request(`${BASE}/graphql`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit));
    expect(chunked.status).toBe(411);
    const large = await door.fetch(
      new Request(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-length': String(MAX_JSON_BODY_BYTES + 1) },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(large.status).toBe(413);
    expect(large.headers.get('connection')).toBe('close');
    expect(((await large.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('REQUEST_TOO_LARGE');
    // Yoga's own body limit is off (it cost every request a second counting stream): this is the only one, photos included.
    const photos = await door.fetch(
      new Request(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-length': String(MAX_GRAPHQL_BODY_BYTES + 1), 'content-type': 'multipart/form-data; boundary=x' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(photos.status).toBe(413);
    expect(((await photos.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('The request is too large: at most 3 photos of 8 MB each.');
  });

  it('says photos are starting until their storage is ready, and allows only GET and HEAD on file routes', async () => {
    const photosNotReady = createFrontDoor({
      readiness: { check: async () => true },
      graphql: () => aduan.yoga,
      staffPhotos: () => null,
      staticDirs: { widgetDir: null, demoDir: null },
    });
    expect((await photosNotReady.fetch(new Request(`${BASE}/staff/photos/x`))).status).toBe(503);
    const post = await door.fetch(new Request(`${BASE}/demo/page.css`, { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('serves GraphiQL from this server under the page policy, its files by name only, and not at all when turned off', async () => {
    const page = await door.fetch(new Request(`${BASE}/graphql`, { headers: { accept: 'text/html' } }));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('/graphiql/graphiql.js');
    expect(html).not.toMatch(/https?:\/\//); // no CDN, no other origin
    for (const name of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css', 'start.js', 'page.css']) {
      expect((await door.fetch(new Request(`${BASE}/graphiql/${name}`))).status, name).toBe(200);
    }
    for (const name of ['../package.json', 'index.html', '%2e%2e%2fpackage.json', 'constructor']) {
      expect((await door.fetch(new Request(`${BASE}/graphiql/${name}`))).status, name).toBe(404);
    }
    const off = await createTestAduan('pglite', { graphql: { graphiql: false } });
    try {
      const closed = createFrontDoor({ readiness: { check: async () => true }, graphql: () => off.yoga, staticDirs: { widgetDir: null, demoDir: null } });
      const answer = await closed.fetch(new Request(`${BASE}/graphql`, { headers: { accept: 'text/html' } }));
      expect(await answer.text()).not.toContain('/graphiql/graphiql.js');
    } finally {
      await off.close();
    }
  });
});
