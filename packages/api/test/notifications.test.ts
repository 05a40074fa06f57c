// E-mail notifications through a real SMTP server (smtp-server on 127.0.0.1):
// residents hear of every public change in their language with their tracking
// link, staff of new and rerouted reports; internal notes never leave; failures
// are retried and logged without personal data; without SMTP nothing is tried.
// A staff member hears of a report someone else assigned to them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportChanges } from '../src/events/report-changes.js';
import { Notifier, SmtpMailer, mailerFromEnvironment, type MailMessage, type Mailer } from '../src/notifications/index.js';
import { startService } from '../src/service.js';
import { addStaffAccount, createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, ORIGIN, proofFrom, SUBMIT, type TestAduan } from './support/aduan.js';
import { createEmptyPostgresDatabase, databaseKinds } from './support/databases.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { logIn } from './support/staff.js';

const PUBLIC_URL = 'https://aduan.kupang.example';
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) {
    updateReportStatus(input: $input) { __typename ... on InvalidInput { code message } }
  }
`;
const REOPEN = /* GraphQL */ `
  mutation Reopen($code: String!, $reason: String!) {
    reopenReport(trackingCode: $code, reason: $reason) { __typename ... on InvalidInput { code message } }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($code: String!, $assignee: String) {
    assignReport(trackingCode: $code, assignee: $assignee) { __typename ... on InvalidInput { code message } }
  }
`;
const REROUTE = /* GraphQL */ `
  mutation Reroute($code: String!, $agency: String!, $reason: String!) {
    rerouteReport(trackingCode: $code, agency: $agency, reason: $reason) { __typename ... on InvalidInput { code message } }
  }
`;

describe.each(databaseKinds)('e-mail notifications on %s', (kind) => {
  let smtp: TestSmtpServer;
  let aduan: TestAduan;
  let notifier: Notifier;
  const changes = new ReportChanges();
  const logs: string[] = [];
  let staffToken: string;
  let supervisorToken: string;
  let anaPassword: string;

  /** Lets listeners run, then waits for every message to be sent. */
  async function settle() {
    await new Promise((resolve) => setImmediate(resolve));
    await notifier.idle();
  }

  async function submit(input: Record<string, unknown>): Promise<string> {
    const response = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', location: KUPANG.oebobo, ...input },
    });
    expect(response.data?.submitReport.__typename, JSON.stringify(response)).toBe('ReportSubmitted');
    return response.data!.submitReport.report.trackingCode as string;
  }

  async function update(token: string, input: Record<string, unknown>) {
    const response = await aduan.gql(UPDATE, { input }, { authorization: `Bearer ${token}` });
    expect(response.data?.updateReportStatus.__typename, JSON.stringify(response)).toBe('ReportUpdated');
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    aduan = await createTestAduan(kind, { changes });
    const prisma = aduan.test.database.prisma;
    notifier = new Notifier({
      prisma,
      mailer: new SmtpMailer(smtp.url, 'Aduan Kupang <aduan@kupang.example>'),
      publicUrl: PUBLIC_URL,
      retryDelaysMs: [20, 40],
      log: (line) => logs.push(line),
    });
    notifier.attach(changes);
    const ana = await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'ana@pupr.example', role: 'STAFF', name: 'Ana' });
    await prisma.staffAccount.update({ where: { id: ana.account.id }, data: { mustChangePassword: false } });
    anaPassword = ana.password;
    await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'budi@pupr.example', role: 'SUPERVISOR' });
    const { account: gone } = await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'citra@pupr.example', role: 'STAFF' });
    await prisma.staffAccount.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    await addStaffAccount(prisma, { agency: 'pdam-tirta-kupang', email: 'dewi@pdam.example', role: 'STAFF' });
    await addStaffAccount(prisma, { agency: 'dlhk', email: 'eko@dlhk.example', role: 'STAFF' });
    staffToken = (await createApiToken(prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'tests' })).token;
    supervisorToken = (await createApiToken(prisma, { agency: 'dinas-pupr', role: 'SUPERVISOR', name: 'tests' })).token;
  });

  afterAll(async () => {
    await notifier?.close();
    await aduan?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    smtp.clear();
    logs.splice(0);
  });

  it('tells an English-speaking resident of each public change, with the link, and never an internal note', async () => {
    const code = await submit({
      description: 'Big pothole <script>alert(1)</script> & a broken kerb',
      placeText: 'Jl. "El Tari" <b>near</b> the market',
      locale: 'EN',
      reporter: { name: 'Warga', email: 'Warga@Example.com' },
    });
    await settle();
    const link = `${PUBLIC_URL}/?code=${code}`;
    let mine = smtp.to('warga@example.com');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`Report ${code} was received`);
    expect(mine[0]!.headers['from']).toContain('aduan@kupang.example');
    expect(mine[0]!.text).toMatch(/^Thank you\. Your report \(Damaged road[^)]*\) was received and sent to Dinas Pekerjaan Umum/);
    expect(mine[0]!.text).toContain(link);
    expect(mine[0]!.html).toContain(`href="${link}"`);
    // The resident's own words are not sent back to them.
    expect(mine[0]!.text).not.toContain('broken kerb');

    // Staff of the receiving agency: active accounts only, one message each, resident text escaped in HTML.
    const ana = smtp.to('ana@pupr.example');
    expect(ana).toHaveLength(1);
    expect(ana[0]!.subject).toContain(`New report: ${code}`);
    expect(ana[0]!.text).toContain('Big pothole <script>alert(1)</script> & a broken kerb');
    expect(ana[0]!.html).toContain('Big pothole &lt;script&gt;alert(1)&lt;/script&gt; &amp; a broken kerb');
    expect(ana[0]!.html).toContain('Jl. &quot;El Tari&quot; &lt;b&gt;near&lt;/b&gt;');
    expect(ana[0]!.html).not.toContain('<script>');
    expect(ana[0]!.text).toContain(`${PUBLIC_URL}/console/?report=${code}`);
    expect(smtp.to('budi@pupr.example')).toHaveLength(1);
    expect(smtp.to('citra@pupr.example')).toHaveLength(0);
    expect(smtp.to('dewi@pdam.example')).toHaveLength(0);
    expect(ana[0]!.to).toEqual(['ana@pupr.example']); // nobody sees the others' addresses
    expect(smtp.messages).toHaveLength(3);

    smtp.clear();
    await update(staffToken, { trackingCode: code, status: 'ACKNOWLEDGED', internalNote: 'INTERNAL-SECRET: call the contractor' });
    await update(staffToken, { trackingCode: code, status: 'IN_PROGRESS' });
    await update(staffToken, { trackingCode: code, status: 'RESOLVED', publicNote: 'The hole was filled on Monday.', internalNote: 'INTERNAL-SECRET cost' });
    await settle();
    mine = smtp.to('warga@example.com');
    expect(mine.map((m) => m.subject)).toEqual([
      `Report ${code} is being reviewed`,
      `Report ${code} is being worked on`,
      `Report ${code} was resolved`,
    ]);
    expect(mine[2]!.text).toContain('Note from the agency: The hole was filled on Monday.');
    expect(mine[2]!.text).toContain('you can reopen this report within 14 days');
    for (const message of mine) expect(message.text).toContain(link);
    expect(smtp.messages).toHaveLength(3); // staff hear nothing of their own status changes
    for (const message of smtp.messages) expect(message.raw).not.toContain('INTERNAL-SECRET');

    smtp.clear();
    const reopened = await aduan.gql(REOPEN, { code, reason: 'Still a hole here, my phone is 0812' });
    expect(reopened.data?.reopenReport.__typename).toBe('PublicReportUpdated');
    await update(staffToken, { trackingCode: code, status: 'REJECTED', reason: 'OUT_OF_SCOPE', publicNote: 'The road belongs to the province.' });
    await settle();
    mine = smtp.to('warga@example.com');
    expect(mine.map((m) => m.subject)).toEqual([`Report ${code} was reopened`, `Report ${code} cannot be acted on`]);
    expect(mine[1]!.text).toContain('Reason: This is outside what the complaints service handles.');
    expect(mine[1]!.text).toContain('Note from the agency: The road belongs to the province.');
    for (const message of smtp.messages) expect(message.raw).not.toContain('0812');
  });

  it('writes in Indonesian for an Indonesian report and links the original of a duplicate', async () => {
    const original = await submit({ description: 'Jalan berlubang di depan pasar' });
    const code = await submit({ description: 'Jalan berlubang lagi', reporter: { email: 'budi.warga@example.com' } });
    await settle();
    let mine = smtp.to('budi.warga@example.com');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`Laporan ${code} telah diterima`);
    expect(mine[0]!.text).toMatch(/^Terima kasih\. Laporan Anda \(Jalan rusak[^)]*\) telah diterima dan diteruskan ke Dinas/);
    expect(mine[0]!.text).toContain('Kode pelacakan: ' + code);
    expect(mine[0]!.text).toContain(`${PUBLIC_URL}/?code=${code}`);

    smtp.clear();
    await update(staffToken, { trackingCode: code, status: 'REJECTED', reason: 'DUPLICATE', duplicateOf: original });
    await settle();
    mine = smtp.to('budi.warga@example.com');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`Laporan ${code} tidak dapat ditindaklanjuti`);
    expect(mine[0]!.text).toContain('Alasan: Masalah yang sama sudah dilaporkan sebelumnya.');
    expect(mine[0]!.text).toContain(`Ikuti laporan sebelumnya (${original}): ${PUBLIC_URL}/?code=${original}`);
  });

  it('mails nobody but staff when the resident left no e-mail, and the new agency on a reroute', async () => {
    const code = await submit({ description: 'Jalan rusak tanpa kontak' });
    await settle();
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['ana@pupr.example', 'budi@pupr.example']);

    smtp.clear();
    const rerouted = await aduan.gql(REROUTE, { code, agency: 'dlhk', reason: 'Ini sampah, bukan jalan' }, { authorization: `Bearer ${supervisorToken}` });
    expect(rerouted.data?.rerouteReport.__typename).toBe('ReportRerouted');
    await settle();
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['eko@dlhk.example']);
    expect(smtp.messages[0]!.subject).toContain(`Rerouted to you: ${code}`);
    expect(smtp.messages[0]!.raw).not.toContain('Ini sampah'); // the reason is an internal note
  });

  it('mails a staff member a report someone else assigned to them, not one they took themselves', async () => {
    const code = await submit({ description: 'Jalan amblas <b>dekat</b> jembatan', reporter: { email: 'warga2@example.com' } });
    await settle();
    smtp.clear();
    const supervisor = { authorization: `Bearer ${supervisorToken}` };
    const assigned = await aduan.gql(ASSIGN, { code, assignee: 'ana@pupr.example' }, supervisor);
    expect(assigned.data?.assignReport.__typename, JSON.stringify(assigned)).toBe('ReportUpdated');
    await settle();
    const mail = smtp.to('ana@pupr.example');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`[Aduan] Ditugaskan kepada Anda / Assigned to you: ${code} (Jalan rusak atau berlubang)`);
    expect(mail[0]!.text).toContain(`tests menugaskan laporan ${code}`);
    expect(mail[0]!.text).toContain(`tests assigned report ${code}`);
    expect(mail[0]!.text).toContain(`${PUBLIC_URL}/console/?report=${code}`);
    expect(mail[0]!.html).toContain('Jalan amblas &lt;b&gt;dekat&lt;/b&gt; jembatan');
    expect(smtp.messages).toHaveLength(1); // not the resident, not the rest of the agency

    // Unassigning, and taking one for oneself, send nothing.
    smtp.clear();
    expect((await aduan.gql(ASSIGN, { code, assignee: null }, supervisor)).data?.assignReport.__typename).toBe('ReportUpdated');
    const cookie = await logIn(aduan, 'ana@pupr.example', anaPassword);
    expect((await aduan.gql(ASSIGN, { code, assignee: 'ana@pupr.example' }, cookie)).data?.assignReport.__typename).toBe('ReportUpdated');
    await settle();
    expect(smtp.messages).toHaveLength(0);
  });

  it('retries a failing send with backoff and logs no personal data', async () => {
    const sent: MailMessage[] = [];
    let failures = 2;
    const flaky: Mailer = {
      async send(message) {
        if (failures-- > 0) throw Object.assign(new Error('550 rejected warga@example.com'), { code: 'EENVELOPE', responseCode: 550 });
        sent.push(message);
      },
      close() {},
    };
    const local = new ReportChanges();
    const lines: string[] = [];
    const flakyNotifier = new Notifier({ prisma: aduan.test.database.prisma, mailer: flaky, publicUrl: PUBLIC_URL, retryDelaysMs: [10, 20], log: (l) => lines.push(l) });
    flakyNotifier.attach(local);
    const report = await aduan.test.database.prisma.report.findFirstOrThrow({ where: { reporterEmail: { not: null } } });
    local.publish({ kind: 'REOPENED', report, publicNote: null, at: new Date() });
    await new Promise((resolve) => setImmediate(resolve));
    await flakyNotifier.idle();
    expect(sent).toHaveLength(1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/failed \(attempt 1 of 3, retrying in 10 ms\): Error EENVELOPE SMTP 550/);
    expect(lines.join('\n')).not.toMatch(/@|warga/i);

    // Giving up after the last retry is logged too, and nothing throws.
    failures = 10;
    local.publish({ kind: 'REOPENED', report, publicNote: null, at: new Date() });
    await new Promise((resolve) => setImmediate(resolve));
    await flakyNotifier.idle();
    expect(lines.at(-1)).toMatch(/gave up mailing resident REOPENED for \S+ after 3 of 3 attempts/);
    await flakyNotifier.close();
  });
});

describe.each(databaseKinds)('aduan serve on %s', (kind) => {
  let dataDir: string;
  let smtp: TestSmtpServer;
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    dataDir = mkdtempSync(join(tmpdir(), 'aduan-mail-'));
    if (kind === 'postgres') {
      const created = await createEmptyPostgresDatabase();
      databaseUrl = created.url;
      dropDatabase = created.drop;
    }
  });
  afterAll(async () => {
    await smtp?.close();
    await dropDatabase?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function submitOverHttp(url: string, email: string) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({
        query: SUBMIT,
        variables: { input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang besar', location: KUPANG.oebobo, reporter: { email }, proofOfWork: await proofFrom(url) } },
      }),
    });
    const body = (await response.json()) as { data: { submitReport: { __typename: string; report: { trackingCode: string } } } };
    expect(body.data.submitReport.__typename).toBe('ReportSubmitted');
    return body.data.submitReport.report.trackingCode;
  }

  it('sends nothing and attempts nothing without ADUAN_SMTP_URL, and the submission still succeeds', async () => {
    expect(mailerFromEnvironment({})).toBeNull();
    const createTransport = vi.spyOn(nodemailer, 'createTransport');
    const lines: string[] = [];
    const service = await startService(
      { port: 0, host: '127.0.0.1', databaseUrl, dataDir, demo: kind === 'postgres' },
      (line) => lines.push(line),
    );
    try {
      await submitOverHttp(service.url, 'nobody@example.com');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(createTransport).not.toHaveBeenCalled();
      expect(smtp.messages).toHaveLength(0);
      expect(lines.join('\n')).toContain('no ADUAN_SMTP_URL');
    } finally {
      createTransport.mockRestore();
      await service.close();
    }
  });

  it('mails through ADUAN_SMTP_URL with links to ADUAN_PUBLIC_URL', async () => {
    const service = await startService(
      { port: 0, host: '127.0.0.1', databaseUrl, dataDir, demo: false, smtpUrl: smtp.url, mailFrom: 'aduan@kupang.example', publicUrl: PUBLIC_URL },
      () => {},
    );
    try {
      const code = await submitOverHttp(service.url, 'serve@example.com');
      await vi.waitFor(() => expect(smtp.to('serve@example.com')).toHaveLength(1), { timeout: 10_000 });
      expect(smtp.to('serve@example.com')[0]!.text).toContain(`${PUBLIC_URL}/?code=${code}`);
    } finally {
      await service.close();
    }
  });
});
