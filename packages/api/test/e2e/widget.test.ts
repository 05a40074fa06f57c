// A resident's path through the widget in real Chromium against the real
// server: the plain HTML example, photos, offline, geolocation, strict CSP and
// accessibility in both languages.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/staff/index.js';
import { proofFrom } from '../support/aduan.js';
import { axeViolations, keepScreenshot, repositoryRoot, serveOpenStreetMapTilesLocally, serveSite, startE2E, watchForProblems, type E2E } from './browser.js';

const TIMEOUT = 30_000;
const CODE = /KPG-[0-9A-Z]{5}-[0-9A-Z]{5}/;

describe('the widget in Chromium against a running server', () => {
  let e2e: E2E;
  let site: { url: string; close(): Promise<void> };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    e2e = await startE2E();
    site = await serveSite(join(repositoryRoot, 'examples/plain-html'), e2e.service.url);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await site?.close();
    await e2e?.close();
  });

  async function open(url: string, options: Parameters<E2E['browser']['newContext']>[0] = {}): Promise<Page> {
    const context = await e2e.browser.newContext({ locale: 'id-ID', ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(url);
    return page;
  }

  /** Fills the inline form with a kelurahan instead of a GPS fix. */
  async function fillForm(page: Page, description: string) {
    const form = page.locator('aduan-report').first();
    await form.locator('select[name=category] option[value=sampah]').waitFor({ state: 'attached' });
    await form.locator('select[name=category]').selectOption('sampah');
    await form.locator('textarea[name=description]').fill(description);
    await form.locator('select[name=jurisdiction] option[value="53.71.04.1001"]').waitFor({ state: 'attached' });
    await form.locator('select[name=jurisdiction]').selectOption('53.71.04.1001');
    await form.locator('input[name=placeText]').fill('depan Pasar Oebobo');
    return form;
  }

  const reports = () => e2e.service.database.prisma.report.findMany({ include: { agency: true } });

  it('a resident submits from the plain HTML example, gets a tracking code, and follows it', async () => {
    const page = await open(`${site.url}/`);
    const form = await fillForm(page, 'Sampah menumpuk di depan pasar sejak hari Senin');
    await keepScreenshot(page, 'form-id');
    await form.locator('button[type=submit]').click();
    const codeText = await form.locator('[part=tracking-code]').textContent();
    const code = CODE.exec(codeText ?? '')?.[0];
    expect(code, codeText ?? '').toBeDefined();
    await keepScreenshot(page, 'success-id');

    const stored = (await reports()).find((r) => r.trackingCode === code);
    expect(stored).toMatchObject({ jurisdictionCode: '53.71.04.1001', siteId: expect.any(String) });
    expect(stored!.agency.slug).toBe('upt-kebersihan-oebobo');

    await form.locator('button[name=follow]').click();
    const status = page.locator('aduan-status').filter({ hasText: code! }).first();
    await status.getByText('Diterima').first().waitFor();
    await keepScreenshot(page, 'status-id');
  });

  describe('on a 360 × 740 phone', () => {
    const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

    it('a GPS point outside the city is not a dead end: a kelurahan found by typing replaces it, and the report goes', async () => {
      const page = await open(`${site.url}/`, { ...phone, geolocation: { latitude: -8.65, longitude: 115.22 }, permissions: ['geolocation'] });
      const form = page.locator('aduan-report').first();
      await form.locator('select[name=category] option[value=jalan-rusak]').waitFor({ state: 'attached' });
      await form.locator('select[name=category]').selectOption('jalan-rusak');
      await form.locator('button[name=locate]').click();
      await form.getByText('Lokasi Anda di luar wilayah layanan ini. Pilih kelurahan di bawah.').waitFor();
      expect(await form.getByText('Lokasi ditemukan.').count()).toBe(0);
      await keepScreenshot(page, 'phone-outside-id');
      // The list is grouped by kecamatan and typing a name jumps to it.
      const kelurahan = form.locator('select[name=jurisdiction]');
      expect(await kelurahan.locator('optgroup').count()).toBeGreaterThan(1);
      await kelurahan.focus();
      await page.keyboard.type('Oebobo');
      expect(await kelurahan.inputValue()).toBe('53.71.04.1001');
      await kelurahan.dispatchEvent('change');
      await form.getByText('Lokasi Anda di luar wilayah').waitFor({ state: 'detached' });
      await form.locator('textarea[name=description]').fill('Jalan berlubang dalam di depan sekolah, berbahaya untuk motor');
      await form.locator('input[name=placeText]').fill('depan SD Inpres Oebobo');
      await form.locator('button[type=submit]').click();
      const codeLine = form.locator('[part=tracking-code]');
      const code = CODE.exec((await codeLine.textContent()) ?? '')?.[0];
      expect(code).toBeDefined();
      // On one line: a code split in two gets copied in half.
      const box = (await codeLine.boundingBox())!;
      const lineHeight = await codeLine.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
      expect(box.height).toBeLessThan(lineHeight * 1.5);
      await keepScreenshot(page, 'phone-success-id');
      const stored = (await reports()).find((r) => r.trackingCode === code)!;
      expect(stored.jurisdictionCode).toBe('53.71.04.1001');
      expect(stored.lat).toBeNull();
    });

    it('a report sent offline, from a tab since closed, shows its code on the next visit, under “Laporan saya”', async () => {
      const page = await open(`${site.url}/`, phone);
      const context = page.context();
      const description = 'Pipa PDAM bocor, dikirim tanpa sinyal lalu tab ditutup';
      const form = await fillForm(page, description);
      await context.setOffline(true);
      await form.locator('button[type=submit]').click();
      await form.locator('[part=queued]').first().waitFor();
      await page.close();
      await context.setOffline(false);
      expect((await reports()).filter((r) => r.description === description)).toHaveLength(0);

      const later = await context.newPage();
      later.setDefaultTimeout(TIMEOUT);
      await later.goto(`${site.url}/`);
      const again = later.locator('aduan-report').first();
      const notice = again.locator('[part=sent-later]');
      await notice.waitFor();
      const stored = (await reports()).filter((r) => r.description === description);
      expect(stored).toHaveLength(1);
      expect(await notice.textContent()).toContain(stored[0]!.trackingCode);
      await again.locator('button[name=mine]').click();
      await again.locator('[part=mine]').getByText(stored[0]!.trackingCode).waitFor();
      await keepScreenshot(later, 'phone-mine-id');
    });

    it('a receipt chunk that cannot load still leaves the code on screen and on the device', async () => {
      const page = await open(`${site.url}/`, phone);
      await page.context().route('**/widget/chunks/receipt-*', (route) => route.abort('internetdisconnected'));
      const form = await fillForm(page, 'Lampu jalan mati, bagian tanda terima tidak termuat');
      await form.locator('button[type=submit]').click();
      const code = CODE.exec((await form.locator('[part=tracking-code]').textContent()) ?? '')?.[0];
      expect(code).toBeDefined();
      expect(await form.locator('h2#s-title').textContent()).toBe('Laporan terkirim');
      const mine = await page.evaluate(() => localStorage.getItem('aduan-mine') ?? '');
      expect(mine).toContain(code);
    });

    it('offers the city’s map on the demo page under its strict policy: fetched when opened, the pin moves by keyboard, tiles from the configured source', async () => {
      const context = await e2e.browser.newContext({ ...phone, locale: 'id-ID' });
      contexts.push(context);
      const problems = await watchForProblems(context);
      const tiles = await serveOpenStreetMapTilesLocally(context);
      const page = await context.newPage();
      page.setDefaultTimeout(TIMEOUT);
      const chunks: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/widget/chunks/map-')) chunks.push(request.url());
      });
      const response = await page.goto(`${e2e.service.url}/`);
      expect(response?.headers()['content-security-policy']).toContain("img-src 'self' https://tile.openstreetmap.org");
      const form = page.locator('aduan-report').first();
      await form.locator('select[name=category] option[value=jalan-rusak]').waitFor({ state: 'attached' });
      await form.locator('select[name=category]').selectOption('jalan-rusak');
      expect(chunks).toEqual([]);
      await form.locator('button[name=openMap]').click();
      const pin = form.locator('.aduan-pin');
      await pin.waitFor();
      expect(chunks).toHaveLength(1);
      await expect.poll(() => tiles.length).toBeGreaterThan(0);
      await pin.focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await form.locator('[part=routing]').waitFor();
      await keepScreenshot(page, 'phone-map-id');
      await form.locator('textarea[name=description]').fill('Jalan berlubang, lokasinya saya pilih di peta');
      await form.locator('button[type=submit]').click();
      const code = CODE.exec((await form.locator('[part=tracking-code]').textContent()) ?? '')?.[0];
      const stored = (await reports()).find((r) => r.trackingCode === code)!;
      expect(stored.lat).toBeLessThan(-10.1);
      expect(stored.lng).toBeGreaterThan(123.5);
      expect(await problems()).toEqual([]);
    });

    it('the form in English, with the nearby reports right under the location (screenshots for the README)', async () => {
      const page = await open(`${e2e.service.url}/?lang=en`, { ...phone, locale: 'en-GB' });
      const form = page.locator('aduan-report').first();
      await form.getByText('Kelurahan (urban ward)').waitFor();
      await keepScreenshot(page, 'phone-form-en');
      expect(await axeViolations(page, 'aduan-report')).toEqual([]);
    });
  });

  it('shows the city’s numbers in public at /statistik/<site key>, under the strict policy, with axe at zero, and a map of open reports by kelurahan', async () => {
    // Two open reports in Kelurahan Oebobo, one of them at an exact point: the map shows the kelurahan's count, not the point.
    for (const extra of [{ jurisdictionCode: '53.71.04.1001', placeText: 'depan Pasar Oebobo' }, { location: { lat: -10.163, lng: 123.597 } }]) {
      const result = await fetch(`${e2e.service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename } }`,
          variables: {
            input: { site: 'demo', category: 'sampah', description: 'Sampah belum diangkut seminggu', ...extra, proofOfWork: await proofFrom(e2e.service.url) },
          },
        }),
      });
      expect(await result.json()).toEqual({ data: { submitReport: { __typename: 'ReportSubmitted' } } });
    }
    const context = await e2e.browser.newContext({ locale: 'id-ID', viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    contexts.push(context);
    const problems = await watchForProblems(context);
    const tiles = await serveOpenStreetMapTilesLocally(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const chunks: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/widget/chunks/map-')) chunks.push(request.url());
    });
    const response = await page.goto(`${e2e.service.url}/statistik/demo`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(response?.headers()['content-security-policy']).toContain("img-src 'self' https://tile.openstreetmap.org");
    const numbers = page.locator('aduan-statistics');
    await numbers.locator('[part=downloads] a[name=csv]').waitFor();
    expect(await numbers.locator('h2').textContent()).toBe('Angka pengaduan Kota Kupang');
    await keepScreenshot(page, 'phone-statistics-id');
    expect(await axeViolations(page, 'aduan-statistics')).toEqual([]);

    expect(chunks).toEqual([]);
    await numbers.locator('button[name=map]').click();
    await numbers.locator('[part=open-map] .aduan-count').first().waitFor();
    expect(chunks).toHaveLength(1);
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    const openInOebobo = await e2e.service.database.prisma.report.count({
      where: { jurisdictionCode: '53.71.04.1001', status: { in: ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] } },
    });
    expect(openInOebobo).toBeGreaterThanOrEqual(2);
    const oebobo = numbers.locator('[part=open-map] .aduan-count[title^="Kelurahan Oebobo:"]');
    expect(await oebobo.textContent()).toBe(String(openInOebobo));
    const row = numbers.locator('#h-open ~ .table-wrap tbody tr', { hasText: 'Kelurahan Oebobo' });
    expect(await row.locator('td').textContent()).toBe(String(openInOebobo));
    await numbers.locator('[part=open-map]').scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'phone-statistics-map-id');
    expect(await axeViolations(page, 'aduan-statistics')).toEqual([]);
    expect(await problems()).toEqual([]);
    expect((await fetch(`${e2e.service.url}/statistik/tidak-ada`)).status).toBe(404);
    expect((await fetch(`${e2e.service.url}/statistik/demo`, { method: 'POST' })).status).toBe(405);
  });

  it('fetches the status element’s chunk only when a page shows a status', async () => {
    const context = await e2e.browser.newContext({ locale: 'id-ID' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const chunks: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/widget/chunks/')) chunks.push(request.url());
    });
    // The launcher page has no status element: only the first script loads.
    await page.goto(`${e2e.service.url}/demo/launcher.html`);
    await page.locator('aduan-launcher button[part=button]').click();
    await page.locator('aduan-report select[name=category] option[value=sampah]').waitFor({ state: 'attached' });
    expect(chunks).toEqual([]);
    // An <aduan-status> added later brings its chunk, once.
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('aduan-status'), { code: 'KPG-00000-00000' })));
    await page.locator('aduan-status').getByText('Tidak ada laporan dengan kode ini.').waitFor();
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(/\/widget\/chunks\/status-[\w-]{8}\.js$/);
  });

  it('the reporter says “fixed” from the device that sent the report; another device holding the code cannot', async () => {
    const reporter = await open(`${site.url}/`);
    const form = await fillForm(reporter, 'Sampah belum diangkut di Jalan Frans Seda');
    await form.locator('button[type=submit]').click();
    const code = CODE.exec((await form.locator('[part=tracking-code]').textContent()) ?? '')?.[0];
    expect(code).toBeDefined();

    // The agency resolves it, through its API token.
    const { token } = await createApiToken(e2e.service.database.prisma, { agency: 'upt-kebersihan-oebobo', role: 'STAFF', name: 'e2e' });
    for (const status of ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']) {
      const response = await fetch(`${e2e.service.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: 'mutation($input: UpdateReportStatusInput!) { updateReportStatus(input: $input) { __typename } }',
          variables: { input: { trackingCode: code, status, publicNote: status === 'RESOLVED' ? 'Sampah sudah diangkut.' : null } },
        }),
      });
      expect(await response.json()).toEqual({ data: { updateReportStatus: { __typename: 'ReportUpdated' } } });
    }

    // Someone else with the code (a shared link) sees the status, and is told who may act.
    const stranger = await open(`${site.url}/?code=${code}`);
    const theirs = stranger.locator('aduan-status').first();
    await theirs.getByText('Sampah sudah diangkut.').waitFor();
    await theirs.getByText('Hanya perangkat yang mengirim laporan ini').waitFor();
    expect(await theirs.locator('button[name=confirm], button[name=reopen]').count()).toBe(0);
    await keepScreenshot(stranger, 'status-no-key-id');

    // The reporter's own phone holds the key.
    await reporter.goto(`${site.url}/?code=${code}`);
    const mine = reporter.locator('aduan-status').first();
    await mine.locator('button[name=reopen]').waitFor();
    await keepScreenshot(reporter, 'status-resolved-id');
    await mine.locator('button[name=confirm]').click();
    await mine.getByText('Terima kasih. Laporan ini ditutup.').waitFor();
    const stored = (await reports()).find((r) => r.trackingCode === code);
    expect(stored?.status).toBe('CLOSED');
  });

  it('uploads a photo, which the server stores without its GPS tag', async () => {
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#7a9' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '10/1 9/1 0/1' } })
      .toBuffer();
    const page = await open(`${site.url}/`);
    const form = await fillForm(page, 'Tumpukan sampah, lihat foto terlampir');
    await form.locator('input[name=photos]').setInputFiles({ name: 'sampah.jpg', mimeType: 'image/jpeg', buffer: photo });
    await form.locator('button[type=submit]').click();
    const code = CODE.exec((await form.locator('[part=tracking-code]').textContent()) ?? '')![0];
    const report = await e2e.service.database.prisma.report.findUniqueOrThrow({
      where: { trackingCode: code },
      include: { photos: true },
    });
    expect(report.photos).toHaveLength(1);
    expect(Math.max(report.photos[0]!.width, report.photos[0]!.height)).toBeLessThanOrEqual(1600);
    const stored = await sharp(join(e2e.dataDir, 'photos', report.photos[0]!.storageKey)).metadata();
    expect(stored.exif).toBeUndefined();
  });

  it('keeps a report made offline and sends it exactly once when the connection returns', async () => {
    const page = await open(`${site.url}/`);
    const before = (await reports()).length;
    const form = await fillForm(page, 'Dikirim saat sinyal hilang di Oebobo');
    await page.context().setOffline(true);
    await form.locator('button[type=submit]').click();
    await form.locator('[part=queued]').first().waitFor();
    await keepScreenshot(page, 'queued-id');
    expect((await reports()).length).toBe(before);
    await page.context().setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await form.locator('[part=tracking-code]').waitFor();
    // A reload must not send it again.
    await page.reload();
    await page.locator('aduan-report select[name=category] option[value=sampah]').waitFor({ state: 'attached' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await reports();
    expect(after.length).toBe(before + 1);
    expect(after.filter((r) => r.description === 'Dikirim saat sinyal hilang di Oebobo')).toHaveLength(1);
  });

  it('keeps a report the server cannot store yet (its database is away) and sends it once it can', async () => {
    const page = await open(`${site.url}/`);
    const before = (await reports()).length;
    const form = await fillForm(page, 'Dikirim saat basis data Aduan mati');
    // What the server answers while PostgreSQL is down (test/faults.test.ts checks it does).
    const unavailable = { errors: [{ message: 'The database is not answering; try again in a few seconds.', extensions: { code: 'DATABASE_UNAVAILABLE' } }] };
    await page.route('**/graphql', async (route) => {
      if (route.request().method() === 'POST' && (route.request().postData() ?? '').includes('submitReport')) {
        await route.fulfill({
          status: 503,
          headers: { 'content-type': 'application/json', 'retry-after': '5', 'access-control-allow-origin': '*' },
          body: JSON.stringify(unavailable),
        });
      } else {
        await route.continue();
      }
    });
    await form.locator('button[type=submit]').click();
    await form.locator('[part=queued]').first().waitFor();
    expect((await reports()).length).toBe(before);
    await page.unroute('**/graphql');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await form.locator('[part=tracking-code]').waitFor();
    const after = await reports();
    expect(after.filter((r) => r.description === 'Dikirim saat basis data Aduan mati')).toHaveLength(1);
  });

  it('says clearly when the browser refuses the location', async () => {
    const page = await open(`${site.url}/`, { permissions: [] });
    await page.context().clearPermissions();
    const form = page.locator('aduan-report').first();
    await form.locator('button[name=locate]').click();
    await form
      .getByText(/izin lokasi|lokasi ditolak|tidak diizinkan|location/i)
      .first()
      .waitFor();
    await keepScreenshot(page, 'location-denied-id');
  });

  it('runs on the demo page under a strict Content-Security-Policy without a single violation', async () => {
    const context = await e2e.browser.newContext({ locale: 'id-ID' });
    contexts.push(context);
    const problems = await watchForProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(`${e2e.service.url}/`) && !request.url().startsWith('blob:')) elsewhere.push(request.url());
    });
    const response = await page.goto(`${e2e.service.url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const form = await fillForm(page, 'Laporan dari halaman demo dengan CSP ketat');
    await form.locator('button[type=submit]').click();
    await form.locator('[part=tracking-code]').waitFor();
    // The status element comes with a chunk: it must load and run under the same policy.
    await form.locator('button[name=follow]').click();
    await form.locator('aduan-status [part=timeline]').waitFor();
    expect(await problems()).toEqual([]);
    expect(elsewhere).toEqual([]); // no request to any third party, ever
  });

  for (const lang of ['id', 'en'] as const) {
    it(`has no axe violations on the form, success and status views (${lang})`, async () => {
      const page = await open(`${site.url}/?lang=${lang}`, { locale: lang === 'en' ? 'en-GB' : 'id-ID' });
      await page.evaluate((l) => {
        for (const element of document.querySelectorAll('aduan-report, aduan-status')) element.setAttribute('lang', l);
      }, lang);
      const form = await fillForm(page, lang === 'en' ? 'Rubbish piled up by the market' : 'Sampah menumpuk di pasar');
      expect(await axeViolations(page, 'aduan-report')).toEqual([]);
      await form.locator('button[type=submit]').click();
      await form.locator('[part=tracking-code]').waitFor();
      expect(await axeViolations(page, 'aduan-report')).toEqual([]);
      await keepScreenshot(page, `success-${lang}`);
      await form.locator('button[name=follow]').click();
      await page
        .locator('aduan-status')
        .getByText(lang === 'en' ? 'Received' : 'Diterima')
        .first()
        .waitFor();
      expect(await axeViolations(page, 'aduan-status')).toEqual([]);
    });
  }

  for (const lang of ['id', 'en'] as const) {
    it(`opens the launcher as an accessible modal dialog and returns focus on close (${lang})`, async () => {
      const page = await open(`${e2e.service.url}/demo/launcher.html?lang=${lang}`, { locale: lang === 'en' ? 'en-GB' : 'id-ID' });
      const launcher = page.getByRole('button', { name: lang === 'en' ? /report a problem/i : /laporkan masalah/i }).first();
      await launcher.click();
      const dialog = page.locator('dialog[open]').first();
      await dialog.waitFor();
      expect(await dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
      await dialog.locator('select[name=category] option[value=sampah]').waitFor({ state: 'attached' });
      expect(await axeViolations(page, 'body')).toEqual([]);
      await keepScreenshot(page, `dialog-${lang}`);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      const focused = await page.evaluate(() => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.tagName === 'BUTTON' ? (active.textContent ?? '').trim() : (active?.tagName ?? null);
      });
      expect(focused).toMatch(lang === 'en' ? /report a problem/i : /laporkan masalah/i);
    });
  }
});

describe('the one-script bundle', () => {
  it('stays within its 20 KB gzipped budget', () => {
    const bundle = createRequire(import.meta.url).resolve('@aduan/widget/bundle');
    const size = gzipSync(readFileSync(bundle), { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(20 * 1024);
  });
});
