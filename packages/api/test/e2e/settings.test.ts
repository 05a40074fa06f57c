// A city ADMIN sets up a website from the console, in Chromium against a running server:
// signs in, adds a site for a new origin under "Pengaturan", copies its embed code into a
// page served from that origin, and a resident's report from that page reaches the right
// agency. An ADMIN of another city sees nothing of that site.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCityConfig, loadCityConfig } from '../../src/city-config/index.js';
import { addStaffAccount, createApiToken } from '../../src/staff/index.js';
import { removeSecondCities, writeSecondCity } from '../support/second-city.js';
import { axeViolations, keepScreenshot, serveOpenStreetMapTilesLocally, serveSite, startE2E, watchForProblems, type E2E } from './browser.js';

const TIMEOUT = 30_000;
const CODE = /KPG-[0-9A-Z]{5}-[0-9A-Z]{5}/;

describe('a city ADMIN sets up a website from the console', () => {
  let e2e: E2E;
  let context: BrowserContext;
  let city: { url: string; close(): Promise<void> };
  const folder = mkdtempSync(join(tmpdir(), 'aduan-dinas-'));
  let password: string;
  let otherCityAdmin: string;

  beforeAll(async () => {
    e2e = await startE2E();
    const { prisma } = e2e.service.database;
    await applyCityConfig(prisma, await loadCityConfig(await writeSecondCity()));
    const added = await addStaffAccount(prisma, { agency: 'pusat-pengaduan', email: 'admin@kupangkota.go.id', role: 'ADMIN', name: 'Admin Kota' });
    password = added.password;
    // The one-time password was changed already (that flow has its own test).
    await prisma.staffAccount.update({ where: { id: added.account.id }, data: { mustChangePassword: false } });
    otherCityAdmin = (await createApiToken(prisma, { agency: 'meja-pengaduan', role: 'ADMIN', name: 'admin kota contoh' })).token;
    // The agency's own website, on an origin no site allows yet.
    writeFileSync(join(folder, 'index.html'), '<!doctype html><title>Dinas PUPR</title><p>Belum ada formulir.</p>');
    city = await serveSite(folder, e2e.service.url);
    context = await e2e.browser.newContext({ locale: 'id-ID', viewport: { width: 1024, height: 768 } });
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await city?.close();
    await e2e?.close();
    rmSync(folder, { recursive: true, force: true });
    await removeSecondCities();
  });

  it('adds a site for a new origin, whose copied code takes a report to the right agency at once', async () => {
    const problems = await watchForProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${e2e.service.url}/console/`);
    const app = page.locator('aduan-console');
    await app.getByLabel('E-mail').fill('admin@kupangkota.go.id');
    await app.getByLabel('Kata sandi').fill(password);
    await app.getByRole('button', { name: 'Masuk' }).click();
    await app.getByRole('link', { name: 'Pengaturan' }).click();
    await app.getByRole('heading', { name: 'Pengaturan Kota Kupang' }).waitFor();
    const settings = app.locator('aduan-console-settings');
    await settings.locator('li[data-key=demo]').waitFor();
    expect(await axeViolations(page, 'aduan-console')).toEqual([]);

    await settings.getByRole('button', { name: 'Situs baru' }).click();
    await settings.getByLabel('Nama situs').fill('Dinas PUPR Kota Kupang');
    await settings.getByLabel('Alamat yang diizinkan memasang formulir').fill(city.url);
    await settings.getByRole('button', { name: 'Simpan situs' }).click();
    await settings.getByText('Situs Dinas PUPR Kota Kupang disimpan.').waitFor();
    const site = settings.locator('li', { hasText: 'Dinas PUPR Kota Kupang' });
    const snippet = await site.locator('textarea.embed').inputValue();
    expect(snippet).toContain(`<script src="${e2e.service.url}/widget/aduan.js" data-site="dinas-pupr-kota-kupang-`);
    const key = /data-site="([^"]+)"/.exec(snippet)![1]!;
    await keepScreenshot(page, 'console-settings-site');
    expect(await axeViolations(page, 'aduan-console')).toEqual([]);

    // The form as the site's residents get it, in a phone-sized frame.
    await site.getByRole('button', { name: 'Pratinjau formulir' }).click();
    const preview = page.frameLocator(`iframe[src="/pratinjau/${key}"]`);
    await preview.locator('aduan-report select[name=category] option[value=jalan-rusak]').waitFor({ state: 'attached' });
    expect(await site.locator('iframe.preview').getAttribute('width')).toBe('360');
    await site.locator('iframe.preview').scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'console-settings-site-preview');
    expect(await axeViolations(page, 'aduan-console')).toEqual([]);

    // The webmaster pastes the code into the agency's page.
    writeFileSync(
      join(folder, 'index.html'),
      `<!doctype html><html lang="id"><title>Dinas PUPR</title><link rel="icon" href="data:,"><h1>Lapor ke Dinas PUPR</h1>\n${snippet}\n</html>`,
    );
    const resident = await context.newPage();
    resident.setDefaultTimeout(TIMEOUT);
    await resident.goto(`${city.url}/`);
    const form = resident.locator('aduan-report');
    await form.locator('select[name=category] option[value=jalan-rusak]').waitFor({ state: 'attached' });
    await form.locator('select[name=category]').selectOption('jalan-rusak');
    await form.locator('textarea[name=description]').fill('Jalan berlubang besar di depan kantor kelurahan');
    await form.locator('select[name=jurisdiction] option[value="53.71.04.1001"]').waitFor({ state: 'attached' });
    await form.locator('select[name=jurisdiction]').selectOption('53.71.04.1001');
    await form.locator('input[name=placeText]').fill('depan kantor kelurahan');
    await form.locator('button[type=submit]').click();
    const code = CODE.exec((await form.locator('[part=tracking-code]').textContent()) ?? '')?.[0];
    expect(code).toBeDefined();
    const stored = await e2e.service.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code! }, include: { site: true, agency: true } });
    expect(stored.site?.key).toBe(key);
    expect(stored.agency.slug).toBe('dinas-pupr');
    expect(await problems()).toEqual([]);

    // The ADMIN invites a colleague, reads her the one-time password, and she signs in with it.
    const staff = settings.locator('aduan-console-staff-settings');
    await staff.getByLabel('Nama').first().fill('Rina Lado');
    await staff.getByLabel('E-mail').fill('rina@kupangkota.go.id');
    await staff.locator('#invite-agency').selectOption('dinas-pupr');
    await staff.getByRole('button', { name: 'Undang petugas' }).click();
    const oneTime = (await staff.locator('#secret .secret').textContent())!;
    expect(oneTime).toMatch(/^\d{4}( \d{4}){4}$/);
    expect(await axeViolations(page, 'aduan-console')).toEqual([]);
    const rina = await (await e2e.browser.newContext({ locale: 'id-ID' })).newPage();
    rina.setDefaultTimeout(TIMEOUT);
    await rina.goto(`${e2e.service.url}/console/`);
    const console2 = rina.locator('aduan-console');
    await console2.getByLabel('E-mail').fill('rina@kupangkota.go.id');
    await console2.getByLabel('Kata sandi').fill(oneTime.replaceAll(' ', ''));
    await console2.getByRole('button', { name: 'Masuk' }).click();
    await console2.locator('aduan-console-password').waitFor();
    await rina.context().close();

    // Another city's ADMIN sees nothing of it.
    const asOtherCity = async (query: string) =>
      (
        await (
          await fetch(`${e2e.service.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${otherCityAdmin}` },
            body: JSON.stringify({ query }),
          })
        ).json()
      ).data;
    expect((await asOtherCity('{ sites { key } }')).sites.map((s: { key: string }) => s.key)).not.toContain(key);
    expect((await asOtherCity(`{ site(key: "${key}") { settings { allowedOrigins } } }`)).site.settings).toBeNull();
    expect((await asOtherCity('{ auditLog { subject } }')).auditLog.map((e: { subject: string }) => e.subject)).not.toContain(key);
  });

  it('adds a category and its rule, is warned before leaving a category to the triage desk, and tests the routing', async () => {
    const problems = await watchForProblems(context);
    const tiles = await serveOpenStreetMapTilesLocally(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    // Still signed in from the first test.
    await page.goto(`${e2e.service.url}/console/settings`);
    const settings = page.locator('aduan-console-settings');
    const catalogue = settings.locator('aduan-console-catalogue-settings');
    await catalogue.getByRole('button', { name: 'Tambah kategori' }).click();
    await catalogue.getByLabel('Kode').fill('pohon-tumbang');
    await catalogue.getByLabel('Nama (Bahasa Indonesia)').fill('Pohon tumbang');
    await catalogue.getByLabel('Nama (English)').fill('Fallen tree');
    await catalogue.getByLabel('Kelompok').selectOption('jalan-dan-drainase');
    await catalogue.getByRole('button', { name: 'Simpan kategori' }).click();
    // No rule for it yet: the triage desk would get it everywhere, and the console says so first.
    const preview = catalogue.locator('.routing-preview');
    await preview.getByText('Pohon tumbang: tidak ada instansi yang menangani di 51 wilayah').waitFor();
    await keepScreenshot(page, 'console-settings-category-preview');
    expect(await axeViolations(page, 'aduan-console')).toEqual([]);
    await preview.getByRole('button', { name: 'Simpan perubahan' }).click();
    await catalogue.getByText('Kategori Pohon tumbang disimpan').waitFor();

    const routing = settings.locator('aduan-console-routing-settings');
    await routing.getByRole('button', { name: 'Tambah aturan' }).click();
    await routing.locator('#rule-category').selectOption('pohon-tumbang');
    await routing.locator('#rule-agency').selectOption('dinas-pupr');
    await routing.getByLabel('Tenggat (jam)').fill('24');
    await routing.getByLabel('Nama aturan (tampil di alasan penyaluran)').fill('Pohon tumbang, Kota Kupang');
    await routing.getByRole('button', { name: 'Simpan aturan' }).click();
    await routing.locator('.routing-preview').getByText('Pohon tumbang: dari Pusat Pengaduan').waitFor();
    await routing.getByRole('button', { name: 'Simpan perubahan' }).click();
    await routing.getByText('Aturan disimpan').waitFor();

    // The routing tester answers as intake would.
    await routing.locator('#tester-category').selectOption('pohon-tumbang');
    await routing.locator('#tester-area').selectOption('53.71.04.1001');
    await routing.getByRole('button', { name: 'Uji', exact: true }).click();
    const answer = routing.locator('.tester-answer');
    await answer.getByText("aturan 'Pohon tumbang, Kota Kupang'").waitFor();
    expect(await answer.textContent()).toContain('24 jam');
    await answer.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'console-settings-routing-tester');
    expect(await axeViolations(page, 'aduan-console')).toEqual([]);

    // Or a point picked on the map (the demo site's tiles, served here): its code is fetched only now.
    const chunks: string[] = [];
    page.on('request', (request) => chunks.push(request.url()));
    await routing.getByRole('button', { name: 'Pilih titik di peta' }).click();
    const map = routing.locator('.tester-map');
    await map.locator('.leaflet-tile-loaded').first().waitFor();
    expect(chunks.some((url) => /\/console\/assets\/tester-map-[\w-]+\.js$/.test(url))).toBe(true);
    expect(tiles.length).toBeGreaterThan(0);
    await map.click();
    await expect.poll(async () => routing.locator('#tester-point').inputValue()).toMatch(/^-10\.\d+, 123\.\d+$/);
    await answer.getByText('Titik berada di').waitFor();
    await keepScreenshot(page, 'console-settings-routing-map');

    // A resident's report of the new category goes where the rule says.
    const resident = await context.newPage();
    resident.setDefaultTimeout(TIMEOUT);
    await resident.goto(`${e2e.service.url}/`);
    const form = resident.locator('aduan-report').first();
    await form.locator('select[name=category] option[value=pohon-tumbang]').waitFor({ state: 'attached' });
    const stored = await e2e.service.database.prisma.routingRule.findFirstOrThrow({
      where: { category: { code: 'pohon-tumbang' } },
      include: { agency: true },
    });
    expect(stored).toMatchObject({ responseHours: 24, agency: { slug: 'dinas-pupr' } });
    expect(await problems()).toEqual([]);
  });
});
