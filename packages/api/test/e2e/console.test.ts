// The agency staff console in Chromium against a running server: log in with a one-time
// password and be made to change it, filter the inbox, open a report, acknowledge it with
// a public note, see the public status change, assign it to a colleague, the escalations
// view, the statistics page, both languages, logout — with axe-core on every view, the
// server's strict CSP, and no errors in the console.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStaffAccount } from '../../src/staff/index.js';
import { axeViolations, keepScreenshot, startE2E, watchForProblems, type E2E } from './browser.js';
import { proofFrom } from '../support/aduan.js';

const TIMEOUT = 30_000;
const OEBOBO = { lat: -10.16885, lng: 123.60194 };
const HOSTILE = 'Jalan berlubang <img src=x onerror="window.__pwned=1"> di depan pasar';

describe('the staff console in Chromium against a running server', () => {
  let e2e: E2E;
  let context: BrowserContext;
  let page: Page;
  let problems: () => Promise<string[]>;
  let email: string;
  let password: string;
  const newPassword = 'kupang-kota-kasih-2026';
  const codes: string[] = [];

  async function gql(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${e2e.service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  }

  async function submit(description: string, extra: Record<string, unknown>): Promise<string> {
    const result = await gql(
      `mutation($input: SubmitReportInput!) { submitReport(input: $input) {
        __typename ... on ReportSubmitted { report { trackingCode } } ... on InvalidInput { code message } } }`,
      { input: { site: 'demo', category: 'jalan-rusak', description, ...extra, proofOfWork: await proofFrom(e2e.service.url) } },
    );
    expect(result.data?.submitReport, JSON.stringify(result)).toMatchObject({ __typename: 'ReportSubmitted' });
    return result.data.submitReport.report.trackingCode as string;
  }

  async function expectAccessible(name: string) {
    expect(await axeViolations(page, 'aduan-console'), name).toEqual([]);
  }

  beforeAll(async () => {
    e2e = await startE2E();
    codes.push(await submit(HOSTILE, { location: OEBOBO, placeText: 'depan pasar', reporter: { name: 'Maria', email: 'maria@example.org' } }));
    codes.push(await submit('Aspal retak panjang di jalan menuju sekolah', { location: OEBOBO }));
    const { prisma } = e2e.service.database;
    // The second report is past its deadline.
    await prisma.report.update({ where: { trackingCode: codes[1]! }, data: { dueAt: new Date(Date.now() - 3_600_000) } });
    const agency = (await prisma.report.findFirstOrThrow({ where: { trackingCode: codes[0]! }, include: { agency: true } })).agency.slug;
    email = 'ana@kupang.go.id';
    ({ password } = await addStaffAccount(prisma, { agency, email, role: 'SUPERVISOR', name: 'Ana' }));
    await addStaffAccount(prisma, { agency, email: 'budi@kupang.go.id', role: 'STAFF', name: 'Budi' });
    context = await e2e.browser.newContext({ locale: 'id-ID', viewport: { width: 1024, height: 768 } });
    problems = await watchForProblems(context);
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
  }, 120_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await e2e?.close();
  });

  it('serves the console under /console with the strict CSP, and index.html for app routes', async () => {
    for (const path of ['/console', '/console/', '/console/reports/KPG-00000-00000', '/console/statistics']) {
      const response = await fetch(`${e2e.service.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(await response.text()).toContain('<aduan-console>');
    }
    expect((await fetch(`${e2e.service.url}/console/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${e2e.service.url}/console/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${e2e.service.url}/console/`, { method: 'POST' })).status).toBe(405);
  });

  it('logs in (refusing a wrong password first), makes a one-time password be changed, and shows the inbox', async () => {
    await page.goto(`${e2e.service.url}/console/`);
    const app = page.locator('aduan-console');
    await app.getByRole('heading', { name: 'Masuk ke konsol' }).waitFor();
    await expectAccessible('login');
    await keepScreenshot(page, 'console-login');

    await app.getByLabel('E-mail').fill(email);
    await app.getByLabel('Kata sandi').fill('not-the-password');
    await app.getByRole('button', { name: 'Masuk' }).click();
    await expect.poll(() => app.getByRole('alert').textContent()).toContain('E-mail atau kata sandi salah.');
    await expectAccessible('login with error');

    await app.getByLabel('Kata sandi').fill(password);
    await app.getByRole('button', { name: 'Masuk' }).click();

    // A one-time password: nothing but the change-password form until it is replaced.
    await app.getByRole('heading', { name: 'Ganti kata sandi' }).waitFor();
    expect(await app.getByRole('navigation').count()).toBe(0);
    await expectAccessible('change password');
    await keepScreenshot(page, 'console-change-password');
    await app.getByLabel('Kata sandi saat ini').fill(password);
    await app.getByLabel('Kata sandi baru', { exact: true }).fill('pendek');
    await app.getByLabel('Ulangi kata sandi baru').fill('pendek');
    await app.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await expect.poll(() => app.getByRole('alert').textContent()).toContain('Kata sandi baru minimal 12 karakter.');
    await expectAccessible('change password with error');
    await app.getByLabel('Kata sandi baru', { exact: true }).fill(newPassword);
    await app.getByLabel('Ulangi kata sandi baru').fill(newPassword);
    await app.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await app.getByRole('heading', { name: 'Kotak masuk' }).waitFor();
    await app.getByText('Kata sandi Anda telah diganti.').waitFor();
    await app.getByRole('link', { name: 'Ganti kata sandi' }).waitFor();
    const stored = await e2e.service.database.prisma.staffAccount.findUniqueOrThrow({ where: { email } });
    expect(stored.mustChangePassword).toBe(false);
    await app.locator(`tr[data-code="${codes[1]}"]`).waitFor();
    await app.locator(`tr[data-code="${codes[0]}"]`).waitFor();
    // Overdue is marked by a badge in words, not by colour alone.
    expect(await app.locator(`tr[data-code="${codes[1]}"]`).getAttribute('class')).toContain('overdue');
    expect(await app.locator(`tr[data-code="${codes[1]}"]`).textContent()).toContain('Lewat tenggat');
    expect(await app.locator(`tr[data-code="${codes[0]}"]`).textContent()).not.toContain('Lewat tenggat');
    await expectAccessible('inbox');
    await keepScreenshot(page, 'console-inbox');
  });

  it('filters the inbox by text, status and area', async () => {
    const app = page.locator('aduan-console');
    await app.getByLabel('Cari (uraian, tempat, kode)').fill('berlubang');
    await app.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => app.locator('tbody tr').count()).toBe(1);
    await app.locator(`tr[data-code="${codes[0]}"]`).waitFor();

    await app.getByRole('button', { name: 'Atur ulang' }).click();
    await expect.poll(() => app.locator('tbody tr').count()).toBe(2);
    await app.getByLabel('Hanya yang lewat tenggat').check();
    await expect.poll(() => app.locator('tbody tr').count()).toBe(1);
    await app.locator(`tr[data-code="${codes[1]}"]`).waitFor();
    await app.getByLabel('Hanya yang lewat tenggat').uncheck();
    await expect.poll(() => app.locator('tbody tr').count()).toBe(2);
    await app.getByLabel('Urutkan').selectOption('MOST_OVERDUE');
    await expect.poll(() => app.locator('tbody tr').first().getAttribute('data-code')).toBe(codes[1]);
    await app.getByLabel('Status', { exact: true }).selectOption('RESOLVED');
    await app.getByText('Tidak ada laporan yang cocok.').waitFor();
    await app.getByLabel('Status', { exact: true }).selectOption('RECEIVED');
    await expect.poll(() => app.locator('tbody tr').count()).toBe(2);
    await app.getByLabel('Kecamatan').selectOption('53.71.04');
    await expect.poll(() => app.locator('tbody tr').count()).toBe(2);
    await app.getByLabel('Cari (uraian, tempat, kode)').fill(codes[0]!);
    await app.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => app.locator('tbody tr').count()).toBe(1);
    await keepScreenshot(page, 'console-inbox-filtered');
  });

  it('opens the report with everything escaped, the place linked to OpenStreetMap, and acknowledges it with a public note', async () => {
    const app = page.locator('aduan-console');
    await app.getByRole('link', { name: codes[0]! }).click();
    await app.getByRole('heading', { name: `Laporan ${codes[0]}` }).waitFor();
    expect(page.url()).toBe(`${e2e.service.url}/console/reports/${codes[0]}`);
    // What the resident wrote is text, never markup.
    await app.getByText(HOSTILE).waitFor();
    expect(await app.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    const osm = app.getByRole('link', { name: 'Buka titik ini di OpenStreetMap' });
    expect(await osm.getAttribute('href')).toBe('https://www.openstreetmap.org/?mlat=-10.168850&mlon=123.601940#map=18/-10.168850/123.601940');
    await app.getByText('maria@example.org').first().waitFor();
    await expectAccessible('report');
    await keepScreenshot(page, 'console-report');

    await app.getByRole('button', { name: 'Ubah status ke: Ditanggapi' }).click();
    // The status form's notes have names of their own, apart from the note-only form's.
    await app.getByLabel('Catatan publik untuk perubahan status').fill('Petugas akan memeriksa lokasi besok pagi.');
    await app.getByLabel('Catatan internal untuk perubahan status').fill('Tim B, bawa aspal dingin.');
    await expectAccessible('report with the status form');
    await app.getByRole('button', { name: 'Simpan: Ditanggapi' }).click();
    await app.getByText('Status diubah menjadi Ditanggapi.').waitFor();
    await app.locator('.top [data-status=ACKNOWLEDGED]').waitFor();
    await app.getByText('Tim B, bawa aspal dingin.').waitFor();
    await expect.poll(() => app.locator('.note.internal').count()).toBe(1);
    await expectAccessible('report after the change');
    await keepScreenshot(page, 'console-report-acknowledged');

    const status = await gql(`query($code: String!) { reportStatus(trackingCode: $code) { status timeline { status note } } }`, { code: codes[0] });
    expect(status.data.reportStatus.status).toBe('ACKNOWLEDGED');
    expect(status.data.reportStatus.timeline).toContainEqual({ status: 'ACKNOWLEDGED', note: 'Petugas akan memeriksa lokasi besok pagi.' });
    expect(JSON.stringify(status)).not.toContain('Tim B');
  });

  it('assigns the report to a staff member of the agency, internally', async () => {
    const app = page.locator('aduan-console');
    await app.getByRole('heading', { name: 'Penugasan' }).waitFor();
    await app.getByLabel('Tugaskan ke').selectOption({ label: 'Budi (budi@kupang.go.id)' });
    await app.getByRole('button', { name: 'Simpan penugasan' }).click();
    await app.getByText('Ditugaskan ke Budi.').waitFor();
    await app.locator('dd.assignee', { hasText: 'Budi (budi@kupang.go.id)' }).waitFor();
    await app.locator('.note.assignment', { hasText: 'Ditugaskan ke Budi' }).waitFor();
    await expectAccessible('report after assigning');
    await keepScreenshot(page, 'console-report-assigned');

    const { prisma } = e2e.service.database;
    const report = await prisma.report.findUniqueOrThrow({ where: { trackingCode: codes[0]! }, include: { assignedTo: true } });
    expect(report.assignedTo?.email).toBe('budi@kupang.go.id');
    const status = await gql(`query($code: String!) { reportStatus(trackingCode: $code) { timeline { status note } } }`, { code: codes[0] });
    expect(JSON.stringify(status)).not.toContain('Budi');
  });

  it('goes back to the inbox with its filters kept, then shows the statistics as accessible SVG', async () => {
    const app = page.locator('aduan-console');
    await app.getByRole('link', { name: 'Kembali ke kotak masuk' }).click();
    await app.getByRole('heading', { name: 'Kotak masuk' }).waitFor();
    expect(await app.getByLabel('Cari (uraian, tempat, kode)').inputValue()).toBe(codes[0]);

    await app.getByRole('link', { name: 'Statistik' }).click();
    await app.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor();
    await app.locator('svg[data-chart=c-cat]').waitFor();
    await app.locator('svg[data-chart=c-trend]').waitFor();
    await app.getByText('Jumlah laporan: 2').waitFor();
    expect(await app.getByRole('img', { name: 'Laporan per kategori' }).count()).toBe(1);
    await expectAccessible('statistics');
    await keepScreenshot(page, 'console-statistics');
  });

  it('lists escalated reports for the supervisor, filtered by assignment', async () => {
    const app = page.locator('aduan-console');
    // What the escalation job does to the overdue report.
    await e2e.service.database.prisma.report.update({ where: { trackingCode: codes[1]! }, data: { escalatedAt: new Date() } });
    await app.getByRole('link', { name: 'Eskalasi' }).click();
    await app.getByRole('heading', { name: 'Eskalasi', level: 1 }).waitFor();
    await app.locator(`tr[data-code="${codes[1]}"]`).waitFor();
    expect(await app.locator('tbody tr').count()).toBe(1);
    expect(await app.locator(`tr[data-code="${codes[1]}"]`).textContent()).toContain('Dieskalasi');
    await app.getByLabel('Penugasan').selectOption({ label: 'Ditugaskan ke Budi' });
    await app.getByText('Tidak ada laporan yang cocok.').waitFor();
    await app.getByLabel('Penugasan').selectOption({ label: 'Belum ditugaskan' });
    await app.locator(`tr[data-code="${codes[1]}"]`).waitFor();
    await expectAccessible('escalations');
    await keepScreenshot(page, 'console-escalations');
    await app.getByRole('link', { name: 'Statistik' }).click();
    await app.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor();
  });

  it('switches to English, remembers it, and logs out', async () => {
    const app = page.locator('aduan-console');
    await app.getByRole('button', { name: 'Switch to English' }).click();
    await app.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.reload();
    await app.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
    await expectAccessible('statistics in English');
    await keepScreenshot(page, 'console-statistics-en');

    await app.getByRole('link', { name: 'Inbox' }).click();
    await app.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await app.locator('tr.overdue').first().textContent()).toContain('Overdue');
    await expectAccessible('inbox in English');

    await app.getByRole('button', { name: 'Log out' }).click();
    await app.getByRole('heading', { name: 'Log in to the console' }).waitFor();
    await app.getByText('You have logged out.').waitFor();
    const me = await page.evaluate(async () => {
      const response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ me { email } }"}' });
      return (await response.json()).data.me;
    });
    expect(me).toBeNull();
    await expectAccessible('login in English');
    expect(await problems()).toEqual([]);
  });
});
