// The examples work against a live server.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/service.js';
import { KUPANG, proofFrom, SUBMIT } from './support/aduan.js';
// @ts-expect-error: the example is plain JavaScript without type declarations.
import { checkStatus, formatStatus } from '../../../examples/check-status/check-status.js';
import { environment } from '../src/environment.js';
import { labelPoint, type AreaGeometry } from '@aduan/core';
import { applyCityConfig, loadCityConfig } from '../src/city-config/index.js';
import { saveCategoryGroup } from '../src/city-config/changes.js';
import { editCity } from '../src/city-config/edit.js';
import { createTestAduan, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

describe('examples/check-status', () => {
  let service: RunningService;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aduan-examples-'));
    service = await startService(environment({ port: 0, host: '127.0.0.1', databaseUrl: undefined, dataDir, demo: false }), () => {});
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
        variables: {
          input: {
            site: 'demo',
            category: 'lampu-jalan-mati',
            description: 'Lampu jalan mati sejak kemarin',
            location: KUPANG.oebobo,
            proofOfWork: await proofFrom(service.url),
          },
        },
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

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('examples/plain-html', () => {
  const html = readFileSync(join(repositoryRoot, 'examples/plain-html/index.html'), 'utf8');

  it('embeds Aduan with the one script tag and the two elements, nothing inline', () => {
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts).toEqual(['<script src="http://localhost:4000/widget/aduan.js" data-site="demo" async>']);
    expect(html).toContain('<aduan-report></aduan-report>');
    expect(html).toContain('<aduan-status></aduan-status>');
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)">/.exec(html)?.[1];
    expect(stylesheet && existsSync(join(repositoryRoot, 'examples/plain-html', stylesheet))).toBe(true);
  });
});

describe('examples/react', () => {
  it("builds with vite against the widget's ES build", async () => {
    // The API's tests run after its dependencies are built (turbo ^build), the widget included.
    expect(existsSync(join(repositoryRoot, 'packages/widget/dist/aduan.es.js'))).toBe(true);
    const outDir = mkdtempSync(join(tmpdir(), 'aduan-react-'));
    try {
      const vite = join(repositoryRoot, 'node_modules/.bin/vite');
      await promisify(execFile)(vite, ['build', 'examples/react', '--outDir', outDir, '--logLevel', 'error'], {
        cwd: repositoryRoot,
        timeout: 60_000,
      });
      expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe.each(databaseKinds)('examples/kabupaten-kupang, a second city beside the demo, on %s', (kind) => {
  const file = fileURLToPath(new URL('../../../examples/kabupaten-kupang/city.yaml', import.meta.url));
  let aduan: TestAduan;
  beforeAll(async () => {
    aduan = await createTestAduan(kind);
  });
  afterAll(async () => {
    await aduan?.close();
  });

  /** Where a report of `category` at a point well inside area `code` would go from `site`. */
  const routed = async (site: string, category: string, code: string) => {
    const area = await aduan.test.database.prisma.jurisdiction.findUniqueOrThrow({ where: { code } });
    const [lng, lat] = labelPoint(area.boundary as unknown as AreaGeometry)!;
    const result = await aduan.gql(
      'query($i: RoutingPreviewInput!) { routingPreview(input: $i) { ... on RoutingPreview { agency { slug } area { code } } ... on InvalidInput { code } } }',
      { i: { site, category, location: { lat, lng } } },
    );
    return result.data!.routingPreview as { agency?: { slug: string }; area?: { code: string }; code?: string };
  };

  it('applies beside Kota Kupang, routes its own areas, and leaves the demo city as it was', async () => {
    const before = await Promise.all([routed('demo', 'jalan-rusak', '53.71.04.1001'), routed('demo', 'sampah', '53.71.04.1001')]);
    const first = await applyCityConfig(aduan.test.database.prisma, await loadCityConfig(file));
    expect(first.jurisdictions.created).toBe(1 + 24 + 177);
    expect(first.categories).toMatchObject({ created: 5, deactivated: 0 });
    const again = await applyCityConfig(aduan.test.database.prisma, await loadCityConfig(file));
    expect(again.jurisdictions).toMatchObject({ created: 0, updated: 0 });
    aduan.catalog.invalidate();

    // Oesao (Kupang Timur): water to the kabupaten's water company; Semau's rubbish to its camat.
    expect(await routed('kabupaten-kupang', 'air-bersih', '53.01.06.2015')).toEqual({ agency: { slug: 'kabkupang-air' }, area: { code: '53.01.06.2015' } });
    expect((await routed('kabupaten-kupang', 'sampah', '53.01.04.2004')).agency?.slug).toBe('kabkupang-semau');
    expect((await routed('kabupaten-kupang', 'sampah', '53.01.06.2015')).agency?.slug).toBe('kabkupang-dlh');
    // The shared code `jalan-rusak` is each city's own.
    expect((await routed('kabupaten-kupang', 'jalan-rusak', '53.01.06.2015')).agency?.slug).toBe('kabkupang-pupr');
    expect(await Promise.all([routed('demo', 'jalan-rusak', '53.71.04.1001'), routed('demo', 'sampah', '53.71.04.1001')])).toEqual(before);
    // Neither site takes the other city's places.
    expect(await routed('demo', 'sampah', '53.01.06.2015')).toEqual({ code: 'OUTSIDE_SERVICE_AREA' });
    expect(await routed('kabupaten-kupang', 'sampah', '53.71.04.1001')).toEqual({ code: 'OUTSIDE_SERVICE_AREA' });
    const offered = await aduan.gql('{ categories(site: "kabupaten-kupang") { code name } }');
    expect(offered.data!.categories).toContainEqual({ code: 'jalan-rusak', name: 'Jalan desa rusak' });
    const prefix = await aduan.test.database.prisma.jurisdiction.findUniqueOrThrow({ where: { code: '53.01' } });
    expect(prefix.trackingCodePrefix).toBe('KBK');
    // What the console edits — each city as its file without boundaries — applies as a no-op.
    for (const city of ['53.01', '53.71']) {
      const unchanged = await editCity(aduan.test.database.prisma, 'test', city, saveCategoryGroup({ code: 'lainnya-uji', name: { id: 'Uji', en: 'Test' } }), {
        dryRun: true,
      });
      expect(unchanged.summary.jurisdictions).toMatchObject({ created: 0, updated: 0 });
      expect(unchanged.summary).toMatchObject({ categories: { created: 0, updated: 0, deactivated: 0 }, rules: { created: 0, updated: 0, deleted: 0 } });
      expect(unchanged.summary.categoryGroups.created).toBe(1);
    }
  });
});
