// The running server over a real socket: health, GraphiQL, CORS, the
// GraphQL-over-HTTP conformance audit, and idle connections kept as proxies expect.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/service.js';
import { proofFrom } from './support/aduan.js';
import { createHttpServer, MAX_GRAPHQL_BODY_BYTES } from '../src/server/http-server.js';
import { environment, readEnvironment } from '../src/environment.js';
import { keptConnectionTo } from './support/kept-connection.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HTTP server on a new embedded database', () => {
  let service: RunningService;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aduan-http-'));
    service = await startService(environment({ port: 0, host: '127.0.0.1', databaseUrl: undefined, dataDir, demo: false }), () => {});
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is healthy once migrated, and loaded the Kupang demo because the database was new', async () => {
    const health = await fetch(`${service.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ jurisdictions { code name } }' }),
    });
    expect(await response.json()).toEqual({ data: { jurisdictions: [{ code: '53.71', name: 'Kota Kupang' }] } });
  });

  it("serves the built widget's script from @aduan/widget, by name and by content hash", async () => {
    const script = await fetch(`${service.url}/widget/aduan.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const version = script.headers.get('aduan-widget-version');
    expect(version).toMatch(/^[0-9a-f]{10}$/);
    const pinned = await fetch(`${service.url}/widget/aduan.${version}.js`);
    expect(pinned.headers.get('cache-control')).toContain('immutable');
    expect(await pinned.text()).toBe(await script.text());
  });

  it('takes photos over a real socket and keeps them under the data dir', async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#336699' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append(
      'operations',
      JSON.stringify({
        query: 'mutation ($input: SubmitReportInput!) { submitReport(input: $input) { __typename ... on ReportSubmitted { photoCount } } }',
        variables: {
          input: {
            site: 'demo',
            category: 'jalan-rusak',
            description: 'Jalan berlubang',
            jurisdictionCode: '53.71.04.1001',
            photos: [null],
            proofOfWork: await proofFrom(service.url),
          },
        },
      }),
    );
    form.append('map', JSON.stringify({ 0: ['variables.input.photos.0'] }));
    form.append('0', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'jalan.jpg');
    const response = await fetch(`${service.url}/graphql`, { method: 'POST', body: form });
    expect(await response.json()).toEqual({ data: { submitReport: { __typename: 'ReportSubmitted', photoCount: 1 } } });
    const files = readdirSync(join(dataDir, 'photos'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((file) => file.name)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}\.jpg$/)]);
  });

  it('refuses a request body over the upload limit before reading it', async () => {
    const { hostname, port } = new URL(service.url);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        {
          hostname,
          port,
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(MAX_GRAPHQL_BODY_BYTES + 1) },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.write('--x\r\n');
    });
    expect(status).toBe(413);
  });

  it('serves GraphiQL to a browser', async () => {
    const response = await fetch(`${service.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Aduan GraphQL');
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${service.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('http://localhost:8080');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps an idle connection open past Node’s 5 s, as a reverse proxy reuses it', async () => {
    const connection = await keptConnectionTo(service.url);
    try {
      const first = await connection.get('/healthz');
      expect(first.status).toBe(200);
      expect(first.headers['keep-alive']).toBe('timeout=65');
      // Node's default would have closed it at 5 s (6 s with its margin), under a proxy that kept it for 60.
      await sleep(6_500);
      expect((await connection.get('/healthz')).status).toBe(200);
    } finally {
      connection.close();
    }
  }, 20_000);

  it('passes every MUST of the GraphQL-over-HTTP audit', async () => {
    const results = await Promise.all(serverAudits({ url: `${service.url}/graphql` }).map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
    const musts = results.filter((r) => r.name.startsWith('MUST'));
    expect(musts.length).toBeGreaterThan(10);
    const failed = musts.filter((r) => r.result.status !== 'ok').map((r) => `${r.name}: ${'reason' in r.result ? r.result.reason : ''}`);
    expect(failed).toEqual([]);
  });
});

describe('health before the database is ready', () => {
  it('answers 503 on /healthz and GraphQL until ready, then 200', async () => {
    let ready = false;
    const server = createHttpServer({ readiness: { check: async () => ready }, graphql: () => null });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(503);
      const graphql = await fetch(`${url}/graphql`, { method: 'POST', body: '{}' });
      expect(graphql.status).toBe(503);
      expect(graphql.headers.get('retry-after')).toBe('5');
      ready = true;
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      server.close();
    }
  });
});

describe('ADUAN_KEEP_ALIVE_TIMEOUT_MS and ADUAN_HEADERS_TIMEOUT_MS', () => {
  it('keep an idle connection open until the configured time, and then close it', async () => {
    const timeouts = readEnvironment({ ADUAN_KEEP_ALIVE_TIMEOUT_MS: '2000', ADUAN_HEADERS_TIMEOUT_MS: '3000' });
    const server = createHttpServer({ readiness: { check: async () => true }, graphql: () => null, timeouts });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const connection = await keptConnectionTo(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      expect(server.headersTimeout).toBe(3000);
      expect((await connection.get('/healthz')).headers['keep-alive']).toBe('timeout=2');
      await sleep(1_500);
      const last = await connection.get('/healthz');
      expect(last.status).toBe(200);
      // Node closes a second after the time it announces, so a client never sends onto a closing socket.
      const idle = (await connection.closed) - last.at;
      expect(idle).toBeGreaterThanOrEqual(2_000);
      expect(idle).toBeLessThan(4_500);
    } finally {
      connection.close();
      server.close();
    }
  }, 20_000);

  it('take a keep-alive longer than Node’s five-minute limit on a whole request', () => {
    // Google Cloud's load balancers keep idle connections to their backends for 600 s.
    const server = createHttpServer({
      readiness: { check: async () => true },
      graphql: () => null,
      timeouts: readEnvironment({ ADUAN_KEEP_ALIVE_TIMEOUT_MS: '620000' }),
    });
    expect([server.keepAliveTimeout, server.headersTimeout]).toEqual([620_000, 621_000]);
    expect(server.requestTimeout).toBeGreaterThanOrEqual(621_000);
  });
});
