// Deliveries to agencies' own systems in the staff console, in Chromium against a running
// server with the Kupang demo: the demo's sim-pupr webhook cannot be sent (its secret is
// not set) and a local receiver first answers 503 with markup in its body. A supervisor
// sees both failures on the report page and in the deliveries view, delivers the dead
// letter again and sees it arrive with the same id, and delivers another from the view;
// a staff member sees the history but no "deliver again" and no deliveries view. axe-core
// on every screen, no CSP violation or console error.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addChannel, parseChannelSpec } from '../../src/delivery/index.js';
import { startService, type RunningService } from '../../src/service.js';
import { addStaffAccount } from '../../src/staff/index.js';
import { axeViolations, keepScreenshot, launchBrowser, watchForProblems } from './browser.js';
import { proofFrom } from '../support/aduan.js';
import { environment } from '../../src/environment.js';

const TIMEOUT = 30_000;
const OEBOBO = { lat: -10.16885, lng: 123.60194 };
const AGENCY = 'dinas-pupr';
const SECRET_ENV = 'ADUAN_SECRET_E2E_RECEIVER';
/** What the agency's system answers while it is down: markup that must stay text. */
const DOWN = 'Sedang pemeliharaan <img src=x onerror="window.__pwned=1">';

describe('deliveries to agency systems in the staff console', () => {
  let service: RunningService;
  let dataDir: string;
  let browser: Browser;
  let receiver: Server;
  let accepting = false;
  /** The Aduan-Delivery header of every delivery the receiver accepted. */
  const accepted: string[] = [];
  let code: string;
  let supervisor: { context: BrowserContext; page: Page; problems: () => Promise<string[]> };
  const passwords: Record<string, string> = {};

  const prisma = () => service.database.prisma;
  const deliveryOf = (channel: string) =>
    prisma().delivery.findFirstOrThrow({ where: { report: { trackingCode: code }, channel: { name: channel } }, include: { attemptsLog: true } });

  async function expectAccessible(page: Page, name: string) {
    expect(await axeViolations(page, 'aduan-console'), name).toEqual([]);
  }

  async function signIn(email: string) {
    const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 1024, height: 768 } });
    const problems = await watchForProblems(context);
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${service.url}/console/`);
    const app = page.locator('aduan-console');
    await app.getByLabel('E-mail').fill(email);
    await app.getByLabel('Kata sandi').fill(passwords[email]!);
    await app.getByRole('button', { name: 'Masuk' }).click();
    await app.getByRole('heading', { name: 'Kotak masuk' }).waitFor();
    return { context, page, problems };
  }

  beforeAll(async () => {
    process.env[SECRET_ENV] = 'e2e-receiver-secret';
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (!accepting) {
          response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(DOWN);
          return;
        }
        accepted.push(String(request.headers['aduan-delivery']));
        response.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    dataDir = mkdtempSync(join(tmpdir(), 'aduan-e2e-deliveries-'));
    // Retries are far away, so only the test decides when a delivery is tried again;
    // a delivery sent again is picked up within half a second.
    [service, browser] = await Promise.all([
      startService(
        environment({
          port: 0,
          host: '127.0.0.1',
          databaseUrl: undefined,
          dataDir,
          demo: false,
          deliveryPollMs: 500,
          deliveryBackoffMs: 600_000,
          deliveryTimeoutMs: 3_000,
        }),
        () => {},
      ),
      launchBrowser(),
    ]);
    const { port } = receiver.address() as AddressInfo;
    await addChannel(prisma(), AGENCY, parseChannelSpec({ name: 'sim-lokal', kind: 'webhook', url: `http://127.0.0.1:${port}/aduan`, secretEnv: SECRET_ENV }));

    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `mutation($input: SubmitReportInput!) { submitReport(input: $input) { __typename ... on ReportSubmitted { report { trackingCode } } } }`,
        variables: {
          input: {
            site: 'demo',
            category: 'jalan-rusak',
            description: 'Jalan berlubang di depan pasar Oebobo',
            location: OEBOBO,
            proofOfWork: await proofFrom(service.url),
          },
        },
      }),
    });
    code = ((await response.json()) as any).data.submitReport.report.trackingCode;
    const report = await prisma().report.findUniqueOrThrow({ where: { trackingCode: code }, include: { agency: true } });
    expect(report.agency.slug).toBe(AGENCY);
    // Both deliveries fail once (the worker runs as soon as the report is stored)…
    await vi.waitFor(
      async () => {
        const deliveries = await prisma().delivery.findMany({ where: { reportId: report.id }, include: { attemptsLog: true } });
        expect(deliveries.map((d) => d.attemptsLog.length)).toEqual([1, 1]);
      },
      { timeout: TIMEOUT, interval: 200 },
    );
    // …and the local one has been failing for long enough to be given up.
    const local = await deliveryOf('sim-lokal');
    expect(local.lastError).toContain('503');
    await prisma().delivery.update({ where: { id: local.id }, data: { state: 'DEAD', deadAt: new Date() } });

    for (const [email, role, name] of [
      ['ana@kupang.go.id', 'SUPERVISOR', 'Ana'],
      ['budi@kupang.go.id', 'STAFF', 'Budi'],
    ] as const) {
      passwords[email] = (await addStaffAccount(prisma(), { agency: AGENCY, email, role, name })).password;
    }
    // Changing a one-time password is the console test's business, not this one's.
    await prisma().staffAccount.updateMany({ data: { mustChangePassword: false } });
  }, 120_000);

  afterAll(async () => {
    await supervisor?.context.close().catch(() => {});
    await browser?.close();
    await service?.close();
    await new Promise((resolve) => receiver?.close(resolve));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    delete process.env[SECRET_ENV];
  });

  it('shows a supervisor the dead letter in the deliveries view, the remote error as text', async () => {
    supervisor = await signIn('ana@kupang.go.id');
    const { page } = supervisor;
    const app = page.locator('aduan-console');
    await app.getByRole('link', { name: 'Pengiriman' }).click();
    await app.getByRole('heading', { name: 'Pengiriman', level: 1 }).waitFor();
    expect(page.url()).toBe(`${service.url}/console/deliveries`);
    // Dead letters by default.
    const dead = app.locator('tr[data-channel="sim-lokal"]');
    await dead.waitFor();
    expect(await app.locator('tbody tr').count()).toBe(1);
    expect(await dead.locator('[data-state]').textContent()).toContain('Gagal — dihentikan');
    expect(await dead.locator('.remote-error').textContent()).toBe((await deliveryOf('sim-lokal')).lastError);
    expect(await dead.locator('.remote-error').textContent()).toContain(DOWN);
    expect(await app.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    expect(await dead.getByRole('link', { name: code }).getAttribute('href')).toBe(`/console/reports/${code}`);
    await dead.getByRole('button', { name: `Kirim ulang: ${code} ke sim-lokal` }).waitFor();
    await expectAccessible(page, 'deliveries view');
    await keepScreenshot(page, 'console-deliveries');

    await app.getByLabel('Tampilkan').selectOption({ label: 'Semua pengiriman' });
    await expect.poll(() => app.locator('tbody tr').count()).toBe(2);
    const pending = app.locator('tr[data-channel="sim-pupr"]');
    expect(await pending.locator('[data-state]').textContent()).toContain('Menunggu');
    expect(await pending.locator('.remote-error').textContent()).toBe((await deliveryOf('sim-pupr')).lastError);
    expect(await pending.getByRole('button').count()).toBe(0);
    await app.getByLabel('Tampilkan').selectOption({ label: 'Terkirim' });
    await app.getByText('Belum ada pengiriman yang berhasil.').waitFor();
    await expectAccessible(page, 'deliveries view, empty');
  });

  it('shows every delivery on the report page, and one delivered again arrives with the same id', async () => {
    const { page } = supervisor;
    const app = page.locator('aduan-console');
    await page.goto(`${service.url}/console/reports/${code}`);
    await app.getByRole('heading', { name: 'Pengiriman dan e-mail' }).waitFor();
    const local = app.locator('li.delivery[data-channel="sim-lokal"]');
    const pupr = app.locator('li.delivery[data-channel="sim-pupr"]');
    expect(await local.locator('[data-state]').getAttribute('data-state')).toBe('DEAD');
    expect(await local.locator('.last-error .remote-error').textContent()).toContain(DOWN);
    expect(await local.locator('.last-error .error-kind').textContent()).toBe('Sistem penerima menolaknya.');
    expect(await pupr.locator('[data-state]').getAttribute('data-state')).toBe('PENDING');
    // The kind of failure in the console's words, then what was said (English, marked so).
    expect(await pupr.locator('.last-error .error-kind').textContent()).toBe('Saluran ini belum lengkap diatur, jadi belum bisa mengirim.');
    expect(await pupr.locator('.last-error .remote-error').textContent()).toBe((await deliveryOf('sim-pupr')).lastError);
    expect(await pupr.locator('.last-error .remote-error').getAttribute('lang')).toBe('en');
    expect(await app.locator('img').count()).toBe(0);
    await local.getByText('Riwayat percobaan (1)').click();
    await local.getByText('Percobaan 1').waitFor();
    expect(await local.locator('details.attempts li').textContent()).toContain('kode 503');
    // Only the dead letter can be sent again.
    expect(await app.getByRole('button', { name: /^Kirim ulang/ }).count()).toBe(1);
    await expectAccessible(page, 'report with deliveries');
    await keepScreenshot(page, 'console-report-deliveries');

    accepting = true;
    await app.getByRole('button', { name: 'Kirim ulang ke sim-lokal' }).click();
    await app.getByText('Pengiriman ke sim-lokal dijadwalkan ulang').waitFor();
    // The page follows it until the worker has sent it.
    await expect.poll(() => local.locator('[data-state]').getAttribute('data-state'), { timeout: 15_000 }).toBe('DELIVERED');
    const delivered = await deliveryOf('sim-lokal');
    expect(delivered.state).toBe('DELIVERED');
    expect(accepted).toEqual([delivered.id]);
    expect(await local.textContent()).toContain('Terkirim');
    await local.getByText('Riwayat percobaan (2)').waitFor();
    expect(await local.locator('.last-error').count()).toBe(0);
    await expectAccessible(page, 'report after delivering again');
  });

  it('delivers a dead letter again from the deliveries view', async () => {
    const { page } = supervisor;
    const app = page.locator('aduan-console');
    const pupr = await deliveryOf('sim-pupr');
    await prisma().delivery.update({ where: { id: pupr.id }, data: { state: 'DEAD', deadAt: new Date() } });
    await app.getByRole('link', { name: 'Pengiriman' }).click();
    await app.getByRole('heading', { name: 'Pengiriman', level: 1 }).waitFor();
    const row = app.locator('tr[data-channel="sim-pupr"]');
    await row.waitFor();
    expect(await app.locator('tbody tr').count()).toBe(1);
    await row.getByRole('button', { name: `Kirim ulang: ${code} ke sim-pupr` }).click();
    await app.getByText('Pengiriman ke sim-pupr dijadwalkan ulang').waitFor();
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe('PENDING');
    expect((await deliveryOf('sim-pupr')).state).toBe('PENDING');
    await expectAccessible(page, 'deliveries view after delivering again');
    await keepScreenshot(page, 'console-deliveries-requeued');
    // On a tablet held upright the rows become cards, each cell labelled.
    await page.setViewportSize({ width: 768, height: 1024 });
    await app.getByLabel('Tampilkan').selectOption({ label: 'Semua pengiriman' });
    await expect.poll(() => app.locator('tbody tr').count()).toBe(2);
    expect(
      await app
        .locator('thead')
        .boundingBox()
        .then((box) => box?.height ?? 0),
    ).toBeLessThanOrEqual(1);
    await app
      .locator('tr[data-channel="sim-lokal"]')
      .getByRole('button', { name: `Kirim ulang: ${code} ke sim-lokal` })
      .waitFor();
    await expectAccessible(page, 'deliveries view on a tablet');
    await keepScreenshot(page, 'console-deliveries-tablet');
    await page.setViewportSize({ width: 1024, height: 768 });
    expect(await supervisor.problems()).toEqual([]);
  });

  it('shows staff the history without "deliver again" and without the deliveries view', async () => {
    const staff = await signIn('budi@kupang.go.id');
    try {
      const app = staff.page.locator('aduan-console');
      await app.getByRole('link', { name: 'Statistik' }).waitFor();
      expect(await app.getByRole('link', { name: 'Pengiriman' }).count()).toBe(0);
      await staff.page.goto(`${service.url}/console/reports/${code}`);
      await app.getByRole('heading', { name: 'Pengiriman dan e-mail' }).waitFor();
      await expect.poll(() => app.locator('li.delivery').count()).toBe(2);
      expect(await app.locator('li.delivery[data-channel="sim-lokal"] [data-state]').getAttribute('data-state')).toBe('DELIVERED');
      expect(await app.getByRole('button', { name: /Kirim ulang/ }).count()).toBe(0);
      await expectAccessible(staff.page, 'report for staff');
      await keepScreenshot(staff.page, 'console-report-deliveries-staff');
      await staff.page.goto(`${service.url}/console/deliveries`);
      await app.getByText('Anda tidak berhak melihat ini.').waitFor();
      expect(await staff.problems()).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });
});
