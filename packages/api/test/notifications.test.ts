// E-mail notifications through a real SMTP server (smtp-server on 127.0.0.1), sent
// from the outbox: residents hear of every public change in their language with
// their tracking link, staff of new and rerouted reports; internal notes never leave;
// failures are retried with backoff, dead-lettered and sent again on request, logged
// without personal data; an SMTP outage and a `kill -9` lose no mail and send none
// twice; without SMTP nothing is queued or tried. A staff member hears of a report
// someone else assigned to them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { deliverAgain, runDeliveries, type DeliveryWorkerOptions } from '../src/delivery/index.js';
import { SmtpMailer, mailerFromEnvironment, type MailMessage, type Mailer } from '../src/notifications/index.js';
import { eraseReporterData } from '../src/privacy/requests.js';
import { startService } from '../src/service.js';
import { addStaffAccount, createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, ORIGIN, proofFrom, SUBMIT, type TestAduan } from './support/aduan.js';
import { createEmptyPostgresDatabase, createPostgresFromTemplate, databaseKinds } from './support/databases.js';
import { startServeProcess } from './support/serve-process.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './support/smtp.js';
import { logIn } from './support/staff.js';
import { environment } from '../src/environment.js';

const PUBLIC_URL = 'https://aduan.kupang.example';
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) {
    updateReportStatus(input: $input) { __typename ... on InvalidInput { code message } }
  }
`;
const REOPEN = /* GraphQL */ `
  mutation Reopen($code: String!, $reason: String!, $key: String!) {
    reopenReport(trackingCode: $code, reason: $reason, residentKey: $key) { __typename ... on InvalidInput { code message } }
  }
`;
const ASSIGN = /* GraphQL */ `
  mutation Assign($code: String!, $assignee: String) {
    assignReport(trackingCode: $code, assignee: $assignee) { __typename ... on InvalidInput { code message } }
  }
`;
const NOTE = /* GraphQL */ `
  mutation Note($input: AddReportNoteInput!) {
    addReportNote(input: $input) { __typename ... on InvalidInput { code message } }
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
  let mailer: SmtpMailer;
  let staffToken: string;
  let supervisorToken: string;
  let anaPassword: string;

  const worker = (more: Partial<DeliveryWorkerOptions> = {}): DeliveryWorkerOptions => ({
    prisma: aduan.test.database.prisma,
    mailer,
    publicUrl: PUBLIC_URL,
    ...more,
  });
  /** Sends what the changes so far put in the outbox, as the server's delivery worker does. */
  async function settle() {
    await runDeliveries(worker());
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
    aduan = await createTestAduan(kind, { mail: true });
    const prisma = aduan.test.database.prisma;
    mailer = new SmtpMailer(smtp.url, 'Aduan Kupang <aduan@kupang.example>');
    // These tests follow mail to people. The demo's webhook channel (its secret unset here)
    // would keep its own rows retrying in the same outbox and blur the worker's counts.
    await prisma.deliveryChannel.deleteMany({ where: { kind: 'WEBHOOK' } });
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
    mailer?.close();
    await aduan?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    smtp.clear();
  });

  it('tells an English-speaking resident of each public change, with the link, and never an internal note', async () => {
    const code = await submit({
      description: 'Big pothole <script>alert(1)</script> & a broken kerb',
      placeText: 'Jl. "El Tari" <b>near</b> the market',
      locale: 'EN',
      reporter: { name: 'Warga', email: 'Warga@Example.com' },
    });
    await settle();
    // The link carries the key made for this reporter's mail: it reopens the report below.
    const { reporterLinkKey } = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(reporterLinkKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const link = `${PUBLIC_URL}/?code=${code}&key=${reporterLinkKey}`;
    let mine = smtp.to('warga@example.com');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`Report ${code} was received`);
    expect(mine[0]!.headers['from']).toContain('aduan@kupang.example');
    expect(mine[0]!.text).toMatch(/^Thank you\. Your report \(Damaged road[^)]*\) was received and sent to Dinas Pekerjaan Umum/);
    expect(mine[0]!.text).toContain(link);
    expect(mine[0]!.html).toContain(`href="${link.replace('&', '&amp;')}"`);
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
    expect(mine.map((m) => m.subject)).toEqual([`Report ${code} was acknowledged`, `Report ${code} is being worked on`, `Report ${code} was resolved`]);
    expect(mine[2]!.text).toContain('Note from the agency: The hole was filled on Monday.');
    // In the glossary's words, as the widget and the console show them.
    expect(mine.map((m) => /Status: (.*)/.exec(m.text)?.[1])).toEqual(['Acknowledged', 'In progress', 'Resolved']);
    expect(mine[2]!.text).toContain('you can reopen this report within 14 days');
    for (const message of mine) expect(message.text).toContain(link);
    expect(smtp.messages).toHaveLength(3); // staff hear nothing of their own status changes
    for (const message of smtp.messages) expect(message.raw).not.toContain('INTERNAL-SECRET');

    smtp.clear();
    const reopened = await aduan.gql(REOPEN, { code, reason: 'Still a hole here, my phone is 0812', key: reporterLinkKey });
    expect(reopened.data?.reopenReport.__typename).toBe('PublicReportUpdated');
    await update(staffToken, { trackingCode: code, status: 'REJECTED', reason: 'OUT_OF_SCOPE', publicNote: 'The road belongs to the province.' });
    await settle();
    mine = smtp.to('warga@example.com');
    expect(mine.map((m) => m.subject)).toEqual([`Report ${code} was reopened`, `Report ${code} cannot be acted on`]);
    expect(mine[1]!.text).toContain('Reason: This is outside what the complaints service handles.');
    expect(mine[1]!.text).toContain('Note from the agency: The road belongs to the province.');
    for (const message of smtp.messages) expect(message.raw).not.toContain('0812');
  });

  it('writes in Indonesian for an Indonesian report, and never gives the reporter of a duplicate the original’s code', async () => {
    const original = await submit({ description: 'Jalan berlubang di depan pasar' });
    const code = await submit({ description: 'Jalan berlubang lagi', reporter: { email: 'budi.warga@example.com' } });
    await settle();
    let mine = smtp.to('budi.warga@example.com');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`Laporan ${code} telah diterima`);
    expect(mine[0]!.text).toMatch(/^Terima kasih\. Laporan Anda \(Jalan rusak[^)]*\) telah diterima dan diteruskan ke Dinas/);
    expect(mine[0]!.text).toContain(`Kode pelacakan: ${code}`);
    expect(mine[0]!.text).toContain(`${PUBLIC_URL}/?code=${code}`);

    smtp.clear();
    await update(staffToken, {
      trackingCode: code,
      status: 'REJECTED',
      reason: 'DUPLICATE',
      duplicateOf: original,
      publicNote: `Sama dengan laporan ${original}.`,
    });
    await settle();
    mine = smtp.to('budi.warga@example.com');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe(`Laporan ${code} tidak dapat ditindaklanjuti`);
    expect(mine[0]!.text).toContain('Alasan: Masalah yang sama sudah dilaporkan sebelumnya.');
    // The original belongs to another resident: neither the mail nor the public status names it.
    expect(mine[0]!.text).toContain('Catatan dari petugas: Sama dengan laporan [kode pelacakan].');
    expect(mine[0]!.raw).not.toContain(original.slice(4));
    const status = await aduan.gql('query($c: String!) { reportStatus(trackingCode: $c) { timeline { note } } }', { c: code });
    expect(status.data!.reportStatus.timeline.at(-1).note).toBe('Sama dengan laporan [kode pelacakan].');
  });

  it('mails nobody but staff when the resident left no e-mail, and the new agency on a reroute', async () => {
    const code = await submit({ description: 'Jalan rusak tanpa kontak' });
    await settle();
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['ana@pupr.example', 'budi@pupr.example']);

    smtp.clear();
    const rerouted = await aduan.gql(REROUTE, { code, agency: 'dlhk', reason: 'Ini sampah, bukan jalan' }, { authorization: `Bearer ${supervisorToken}` });
    expect(rerouted.data?.rerouteReport.__typename).toBe('ReportRerouted');
    await settle();
    // DLHK's staff, and DLHK's own e-mail channel (an agency delivery, from the same outbox).
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['dlhk.kupang@example.org', 'eko@dlhk.example']);
    expect(smtp.to('eko@dlhk.example')[0]!.subject).toContain(`Rerouted to you: ${code}`);
    for (const message of smtp.messages) expect(message.raw).not.toContain('Ini sampah'); // the reason is an internal note
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

  it('tells the resident of a public note in their language, and of nothing internal', async () => {
    const code = await submit({ description: 'Lampu jalan mati sepekan', reporter: { email: 'catatan@example.com' } });
    await settle();
    smtp.clear();
    const staff = { authorization: `Bearer ${staffToken}` };
    expect((await aduan.gql(NOTE, { input: { trackingCode: code, internalNote: 'INTERNAL-SECRET: vendor late' } }, staff)).data?.addReportNote.__typename).toBe(
      'ReportUpdated',
    );
    expect((await aduan.gql(NOTE, { input: { trackingCode: code, publicNote: 'Petugas datang besok pagi.' } }, staff)).data?.addReportNote.__typename).toBe(
      'ReportUpdated',
    );
    await settle();
    const mine = smtp.to('catatan@example.com');
    expect(mine.map((m) => m.subject)).toEqual([`Kabar baru tentang laporan ${code}`]);
    expect(mine[0]!.text).toContain('Catatan dari petugas: Petugas datang besok pagi.');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.raw).not.toContain('INTERNAL-SECRET');
  });

  it('queues mail in the transaction of the change: one outbox row per person, each with its own Message-ID', async () => {
    const prisma = aduan.test.database.prisma;
    const code = await submit({ description: 'Jalan retak panjang', reporter: { email: 'antre@example.com' } });
    const queued = await prisma.delivery.findMany({
      where: { report: { trackingCode: code }, channelId: null },
      include: { staffAccount: { select: { email: true } } },
    });
    expect(queued.map((d) => [d.event, d.staffAccount?.email ?? 'reporter', d.state]).sort()).toEqual([
      ['resident.RECEIVED', 'reporter', 'PENDING'],
      ['staff.NEW_REPORT', 'ana@pupr.example', 'PENDING'],
      ['staff.NEW_REPORT', 'budi@pupr.example', 'PENDING'],
    ]);
    // The address is read when the mail is sent, never copied into the outbox.
    expect(JSON.stringify(queued)).not.toContain('antre@example.com');
    await settle();
    const ids = smtp.messages.map((m) => m.headers['message-id']);
    expect(ids.sort()).toEqual(queued.map((d) => `<${d.id}@aduan.kupang.example>`).sort());
    expect(await prisma.delivery.count({ where: { report: { trackingCode: code }, channelId: null, state: { not: 'DELIVERED' } } })).toBe(0);
  });

  it('sends nothing to a reporter whose contact was erased before the mail went out', async () => {
    const code = await submit({ description: 'Drainase tersumbat', reporter: { email: 'hapus@example.com' } });
    await eraseReporterData(aduan.ledger, aduan.catalog, aduan.photoStorage, code);
    await settle();
    expect(smtp.to('hapus@example.com')).toHaveLength(0);
    const row = await aduan.test.database.prisma.delivery.findFirstOrThrow({ where: { report: { trackingCode: code }, event: 'resident.RECEIVED' } });
    expect(row.state).toBe('DELIVERED'); // done: there is nobody left to tell
  });

  it('retries a failing mail server with backoff, dead-letters it, sends it again on request, and logs no personal data', async () => {
    const prisma = aduan.test.database.prisma;
    const code = await submit({ description: 'Trotoar amblas', reporter: { email: 'ulang@example.com' }, locale: 'EN' });
    await settle(); // the submission's mail goes out
    const sent: MailMessage[] = [];
    let failures = Infinity;
    const flaky: Mailer = {
      async send(message) {
        if (failures-- > 0) throw Object.assign(new Error('550 rejected ulang@example.com'), { code: 'EENVELOPE', responseCode: 550 });
        sent.push(message);
      },
      close() {},
    };
    let clock = new Date(Date.now() + 1_000);
    const flakyWorker = (): DeliveryWorkerOptions =>
      worker({
        mailer: flaky,
        now: () => clock,
        settings: { backoff: { baseMs: 1_000, capMs: 60_000 }, giveUpMs: 10_000, timeoutMs: 1_000 },
        random: () => 0.5,
      });
    await update(staffToken, { trackingCode: code, status: 'ACKNOWLEDGED' });
    const row = () =>
      prisma.delivery.findFirstOrThrow({ where: { report: { trackingCode: code }, event: 'resident.ACKNOWLEDGED' }, include: { attemptsLog: true } });

    expect(await runDeliveries(flakyWorker())).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    let failed = await row();
    expect(failed.lastError).toBe('The mail server did not take it: Error EENVELOPE SMTP 550');
    expect(failed.lastErrorKind).toBe('REFUSED');
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(clock.getTime());
    expect(await runDeliveries(flakyWorker())).toEqual({ delivered: 0, retrying: 0, dead: 0 }); // not due yet
    clock = new Date(failed.nextAttemptAt.getTime() + 1);
    expect(await runDeliveries(flakyWorker())).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    clock = new Date(failed.createdAt.getTime() + 11_000);
    expect(await runDeliveries(flakyWorker())).toEqual({ delivered: 0, retrying: 0, dead: 1 });
    failed = await row();
    expect(failed.state).toBe('DEAD');
    expect(JSON.stringify(failed, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))).not.toMatch(/ulang@|@example/);

    // "Deliver again": the same row, due now, and this time the server takes it.
    failures = 0;
    expect((await deliverAgain(prisma, failed.id, clock)).ok).toBe(true);
    expect(await runDeliveries(flakyWorker())).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(sent.map((m) => [m.subject, m.to, m.messageId])).toEqual([
      [`Report ${code} was acknowledged`, ['ulang@example.com'], `<${failed.id}@aduan.kupang.example>`],
    ]);
  });
});

describe('e-mail through an SMTP outage and a kill -9 of the server', () => {
  it('sends every mail exactly once, in the resident’s language, once the mail server is back', async () => {
    const database = await createPostgresFromTemplate('demo');
    // A port for the mail server, which is down until the end.
    const probe = await startSmtpServer();
    const smtpUrl = probe.url;
    const port = Number(new URL(smtpUrl).port);
    await probe.close();
    const env = {
      DATABASE_URL: database.url,
      ADUAN_PROOF_OF_WORK: 'off',
      ADUAN_SMTP_URL: smtpUrl,
      ADUAN_PUBLIC_URL: PUBLIC_URL,
      ADUAN_DELIVERY_POLL_MS: '100',
      ADUAN_DELIVERY_BACKOFF_MS: '200',
      ADUAN_DELIVERY_MAX_BACKOFF_MS: '400',
      ADUAN_DELIVERY_TIMEOUT_MS: '1000',
      ADUAN_CONTACT_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    };
    const db = await openDatabase({ databaseUrl: database.url, poolSize: 2 });
    let server = await startServeProcess(env);
    let smtp: TestSmtpServer | null = null;
    try {
      const token = (await createApiToken(db.prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'outage' })).token;
      const call = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as { data?: any; errors?: unknown[] };
      };
      const residents = [
        { email: 'ina@example.com', locale: 'ID' },
        { email: 'ed@example.com', locale: 'EN' },
      ];
      const codes: string[] = [];
      for (const { email, locale } of residents) {
        const submitted = await call(SUBMIT, {
          input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang di tikungan', location: KUPANG.oebobo, reporter: { email }, locale },
        });
        codes.push(submitted.data.submitReport.report.trackingCode);
      }
      for (const code of codes) {
        const steps = [{ status: 'ACKNOWLEDGED' }, { status: 'IN_PROGRESS' }, { status: 'RESOLVED', publicNote: 'Sudah ditambal / Patched.' }];
        for (const step of steps) {
          const answer = await call(UPDATE, { input: { trackingCode: code, ...step } }, { authorization: `Bearer ${token}` });
          expect(answer.data?.updateReportStatus.__typename, JSON.stringify(answer)).toBe('ReportUpdated');
        }
      }
      const residentMail = { channelId: null, event: { startsWith: 'resident.' } };
      expect(await db.prisma.delivery.count({ where: residentMail })).toBe(8); // received, reviewed, worked on, resolved × 2
      // The worker tried while the mail server was down…
      await vi.waitFor(async () => expect(await db.prisma.delivery.count({ where: { ...residentMail, attempts: { gt: 0 } } })).toBe(8), { timeout: 20_000 });
      // …then the server dies without a chance to finish anything, and comes back.
      server.child.kill('SIGKILL');
      await server.exited;
      server = await startServeProcess(env);
      smtp = await startSmtpServer(port);
      const inbox = smtp;
      await vi.waitFor(() => expect(inbox.messages.length).toBeGreaterThanOrEqual(8), { timeout: 30_000, interval: 200 });
      // Nothing more comes: each row was sent once.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await db.prisma.delivery.count({ where: { ...residentMail, state: { not: 'DELIVERED' } } })).toBe(0);
      const subjects = (mail: ReceivedMail[]) => mail.map((m) => m.subject).sort();
      const [ina, ed] = codes as [string, string];
      expect(subjects(inbox.to('ina@example.com'))).toEqual(
        [`Laporan ${ina} telah diterima`, `Laporan ${ina} telah ditanggapi`, `Laporan ${ina} sedang dikerjakan`, `Laporan ${ina} telah diselesaikan`].sort(),
      );
      expect(subjects(inbox.to('ed@example.com'))).toEqual(
        [`Report ${ed} was received`, `Report ${ed} was acknowledged`, `Report ${ed} is being worked on`, `Report ${ed} was resolved`].sort(),
      );
      // Besides them, only agencies' daily digests may come (the servers run on the real clock: after
      // 07:30 on a working day in Kupang, the first pass cuts that day's), and every mail came once.
      const digest = (m: ReceivedMail) => m.subject.includes('Ringkasan harian / Daily digest');
      expect(inbox.messages.filter((m) => !digest(m))).toHaveLength(8);
      expect(new Set(inbox.messages.map((m) => m.headers['message-id'])).size).toBe(inbox.messages.length);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await smtp?.close();
      await db.close();
      await database.drop();
    }
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
        variables: {
          input: {
            site: 'demo',
            category: 'jalan-rusak',
            description: 'Jalan berlubang besar',
            location: KUPANG.oebobo,
            reporter: { email },
            proofOfWork: await proofFrom(url),
          },
        },
      }),
    });
    const body = (await response.json()) as { data: { submitReport: { __typename: string; report: { trackingCode: string } } } };
    expect(body.data.submitReport.__typename).toBe('ReportSubmitted');
    return body.data.submitReport.report.trackingCode;
  }

  it('sends nothing and attempts nothing without ADUAN_SMTP_URL, and the submission still succeeds', async () => {
    expect(mailerFromEnvironment(environment())).toBeNull();
    const createTransport = vi.spyOn(nodemailer, 'createTransport');
    const lines: string[] = [];
    const service = await startService(environment({ port: 0, host: '127.0.0.1', databaseUrl, dataDir, demo: kind === 'postgres' }), (line) =>
      lines.push(line),
    );
    try {
      await submitOverHttp(service.url, 'nobody@example.com');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(createTransport).not.toHaveBeenCalled();
      expect(await service.database.prisma.delivery.count({ where: { channelId: null } })).toBe(0); // no mail queued either
      expect(smtp.messages).toHaveLength(0);
      expect(lines.join('\n')).toContain('no ADUAN_SMTP_URL');
    } finally {
      createTransport.mockRestore();
      await service.close();
    }
  });

  it('mails through ADUAN_SMTP_URL with links to ADUAN_PUBLIC_URL', async () => {
    const service = await startService(
      environment({
        port: 0,
        host: '127.0.0.1',
        databaseUrl,
        dataDir,
        demo: false,
        smtpUrl: smtp.url,
        mailFrom: 'aduan@kupang.example',
        publicUrl: PUBLIC_URL,
      }),
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
