// The examples work against a live server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/service.js';
import { KUPANG, SUBMIT } from './support/aduan.js';
// @ts-expect-error: the example is plain JavaScript without type declarations.
import { checkStatus, formatStatus } from '../../../examples/check-status/check-status.js';

describe('examples/check-status', () => {
  let service: RunningService;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aduan-examples-'));
    service = await startService({ port: 0, host: '127.0.0.1', databaseUrl: undefined, dataDir, demo: false }, () => {});
  });
  afterAll(async () => {
    await service?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('follows a report submitted a moment ago, and says so when a code is unknown', async () => {
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: SUBMIT,
        variables: { input: { site: 'demo', category: 'lampu-jalan-mati', description: 'Lampu jalan mati sejak kemarin', location: KUPANG.oebobo } },
      }),
    });
    const code = ((await response.json()) as any).data.submitReport.report.trackingCode as string;
    const api = `${service.url}/graphql`;
    const report = await checkStatus(code.toLowerCase(), { api });
    expect(report).toMatchObject({ trackingCode: code, status: 'RECEIVED', area: { displayName: 'Kelurahan Oebobo' } });
    const text: string = formatStatus(report, 'en');
    expect(text).toContain(`${code}: RECEIVED`);
    expect(text).toContain('Kelurahan Oebobo');
    expect(text).toMatch(/Due: .* WITA/);
    expect(formatStatus(await checkStatus('KPG-00000-00000', { api }), 'en')).toBe('No report has that tracking code.');
  });
});
