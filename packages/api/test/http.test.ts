// The running server over a real socket: health, GraphiQL, CORS, and the
// GraphQL-over-HTTP conformance audit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/service.js';
import { createHttpServer } from '../src/server/http-server.js';

describe('HTTP server on a new embedded database', () => {
  let service: RunningService;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aduan-http-'));
    service = await startService(
      { port: 0, host: '127.0.0.1', databaseUrl: undefined, dataDir, demo: false },
      () => {},
    );
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

  it('passes every MUST of the GraphQL-over-HTTP audit', async () => {
    const results = await Promise.all(
      serverAudits({ url: `${service.url}/graphql` }).map(async (audit) => ({ name: audit.name, result: await audit.fn() })),
    );
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
