// The deadline jobs with a controllable clock: escalation (exactly once, even with
// two runs — two replicas on PostgreSQL — at the same time; mail to the right
// supervisors) and auto-close of answered reports; the loop stops cleanly.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { ReportChanges, type ReportChange } from '../src/events/report-changes.js';
import { runDeliveries } from '../src/delivery/index.js';
import { runAutoClose, runEscalation, startDeadlineLoop, type DeadlineJobOptions } from '../src/jobs/index.js';
import { SmtpMailer } from '../src/notifications/index.js';
import { ReportLedger } from '../src/workflow/ledger.js';
import { addStaffAccount, createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) {
    updateReportStatus(input: $input) { __typename ... on InvalidInput { code message } }
  }
`;

describe.each(databaseKinds)('deadline jobs on %s', (kind) => {
  let aduan: TestAduan;
  let smtp: TestSmtpServer;
  let mailer: SmtpMailer;
  let second: Database | undefined;
  const changes = new ReportChanges();
  const published: ReportChange[] = [];
  let clock = new Date('2026-12-01T02:00:00Z');
  let token: string;

  async function submit(input: Record<string, unknown> = {}) {
    const response = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang besar', location: KUPANG.oebobo, ...input },
    });
    expect(response.data?.submitReport.__typename, JSON.stringify(response)).toBe('ReportSubmitted');
    const code = response.data!.submitReport.report.trackingCode as string;
    return aduan.test.database.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
  }
  async function update(input: Record<string, unknown>) {
    const response = await aduan.gql(UPDATE, { input }, { authorization: `Bearer ${token}` });
    expect(response.data?.updateReportStatus.__typename, JSON.stringify(response)).toBe('ReportUpdated');
  }
  /** Sends what the changes so far put in the outbox, as the server's delivery worker does. */
  async function settle() {
    await runDeliveries({ prisma: aduan.test.database.prisma, mailer, publicUrl: 'https://aduan.example', now: () => clock });
  }
  const jobs = (): DeadlineJobOptions => ({ ledger: aduan.ledger, now: () => clock });
  /** The same jobs from a second replica (a second client on the same PostgreSQL). */
  const secondJobs = (): DeadlineJobOptions =>
    second ? { ledger: new ReportLedger({ prisma: second.prisma, changes, mail: true }), now: () => clock } : jobs();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    aduan = await createTestAduan(kind, { changes, now: () => clock, mail: true });
    const prisma = aduan.test.database.prisma;
    mailer = new SmtpMailer(smtp.url, 'aduan@kupang.example');
    changes.subscribe((change) => void published.push(change));
    await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'sup@pupr.example', role: 'SUPERVISOR' });
    await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'staff@pupr.example', role: 'STAFF' });
    await addStaffAccount(prisma, { agency: 'pusat-pengaduan', email: 'sup@pusat.example', role: 'SUPERVISOR' });
    await addStaffAccount(prisma, { agency: 'pusat-pengaduan', email: 'staff@pusat.example', role: 'STAFF' });
    await addStaffAccount(prisma, { agency: 'dlhk', email: 'sup@dlhk.example', role: 'SUPERVISOR' });
    token = (await createApiToken(prisma, { agency: 'dinas-pupr', role: 'STAFF', name: 'jobs' })).token;
    // A second client on the same database: a second replica.
    if (aduan.test.url) second = await openDatabase({ databaseUrl: aduan.test.url, poolSize: 4 });
  });
  afterAll(async () => {
    await second?.close();
    mailer?.close();
    await aduan?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.clear();
    published.splice(0);
  });

  it('escalates an overdue open report exactly once, even when two runs race, and mails the supervisors', async () => {
    clock = new Date('2026-12-01T02:00:00Z');
    const overdue = await submit();
    const answered = await submit();
    await update({ trackingCode: answered.trackingCode, status: 'ACKNOWLEDGED' });
    await update({ trackingCode: answered.trackingCode, status: 'IN_PROGRESS' });
    await update({ trackingCode: answered.trackingCode, status: 'RESOLVED', publicNote: 'Sudah ditambal.' });
    const notYetDue = await submit({ category: 'trotoar-rusak' }); // 168 h
    await settle();
    smtp.clear();
    published.splice(0);

    // Not yet due: nothing.
    clock = new Date(overdue.dueAt.getTime() - 1);
    expect(await runEscalation(jobs())).toBe(0);

    clock = new Date(overdue.dueAt.getTime() + 10 * HOUR + 5 * 60_000);
    expect(notYetDue.dueAt.getTime()).toBeGreaterThan(clock.getTime());
    const runs = await Promise.all([runEscalation(jobs()), runEscalation(secondJobs()), runEscalation(jobs())]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await runEscalation(jobs())).toBe(0);

    const prisma = aduan.test.database.prisma;
    const events = await prisma.reportEvent.findMany({ where: { kind: 'ESCALATED' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ reportId: overdue.id, actor: 'system', status: 'RECEIVED', publicNote: null, internalNote: null });
    expect(events[0]!.at.toISOString()).toBe(clock.toISOString());
    expect(events[0]!.data).toMatchObject({ overdueByHours: 10 });
    expect((await prisma.report.findUniqueOrThrow({ where: { id: overdue.id } })).status).toBe('RECEIVED');
    expect(published.map((c) => [c.kind, c.report.trackingCode])).toEqual([['ESCALATED', overdue.trackingCode]]);

    await settle();
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual(['sup@pupr.example', 'sup@pusat.example']);
    const mail = smtp.to('sup@pusat.example')[0]!;
    expect(mail.subject).toBe(`[Aduan] Eskalasi / Escalation: ${overdue.trackingCode} lewat tenggat 10 jam / 10 h overdue`);
    expect(mail.text).toContain(`https://aduan.example/console/?report=${overdue.trackingCode}`);
  });

  it('escalates a rerouted report again at its new agency once that deadline passes', async () => {
    const report = await submit();
    clock = new Date(report.dueAt.getTime() + HOUR);
    await runEscalation(jobs());
    expect(await runEscalation(jobs())).toBe(0);
    const supervisor = (await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pupr', role: 'SUPERVISOR', name: 'sup' })).token;
    const rerouted = await aduan.gql(
      `mutation { rerouteReport(trackingCode: "${report.trackingCode}", agency: "dlhk", reason: "Salah instansi") { __typename } }`,
      {},
      { authorization: `Bearer ${supervisor}` },
    );
    expect(rerouted.data?.rerouteReport.__typename).toBe('ReportRerouted');
    expect(await runEscalation(jobs())).toBe(0); // a fresh deadline at DLHK
    const moved = await aduan.test.database.prisma.report.findUniqueOrThrow({ where: { id: report.id } });
    clock = new Date(moved.dueAt.getTime() + 2 * HOUR);
    await settle();
    smtp.clear();
    const before = published.length;
    expect(await runEscalation(jobs())).toBeGreaterThanOrEqual(1);
    expect(published.slice(before).filter((c) => c.report.id === report.id)).toHaveLength(1);
    await settle();
    // DLHK's supervisor and DLHK's escalation parent (no supervisors there) — not PUPR's any more.
    expect(smtp.to('sup@dlhk.example').some((m) => m.subject.includes(report.trackingCode))).toBe(true);
    expect(smtp.to('sup@pupr.example').some((m) => m.subject.includes(report.trackingCode))).toBe(false);
  });

  it('auto-closes RESOLVED/REJECTED reports 14 days after their last status change, in the report’s language', async () => {
    clock = new Date('2027-01-10T02:00:00Z');
    expect(await runAutoClose(jobs())).toBe(1); // the report resolved in the first test, long ago
    const id = await submit({ reporter: { email: 'warga@example.com' } });
    const en = await submit({ locale: 'EN' });
    const open = await submit();
    await update({ trackingCode: id.trackingCode, status: 'ACKNOWLEDGED' });
    await update({ trackingCode: id.trackingCode, status: 'IN_PROGRESS' });
    await update({ trackingCode: id.trackingCode, status: 'RESOLVED' });
    await update({ trackingCode: en.trackingCode, status: 'REJECTED', reason: 'OUT_OF_SCOPE' });
    const answeredAt = clock;

    clock = new Date(answeredAt.getTime() + 14 * DAY - 60_000);
    expect(await runAutoClose(jobs())).toBe(0);
    clock = new Date(answeredAt.getTime() + 14 * DAY + 60_000);
    await settle();
    smtp.clear();
    published.splice(0);
    const [a, b] = await Promise.all([runAutoClose(jobs()), runAutoClose(secondJobs())]);
    expect(a + b).toBeGreaterThanOrEqual(2);

    const prisma = aduan.test.database.prisma;
    for (const [report, note] of [
      [id, 'Ditutup otomatis'],
      [en, 'Closed automatically'],
    ] as const) {
      const now = await prisma.report.findUniqueOrThrow({ where: { id: report.id }, include: { events: { orderBy: { id: 'asc' } } } });
      expect(now.status).toBe('CLOSED');
      const closing = now.events.filter((e) => e.status === 'CLOSED');
      expect(closing).toHaveLength(1);
      expect(closing[0]).toMatchObject({ kind: 'STATUS_CHANGED', actor: 'system', publicNote: note });
    }
    expect((await prisma.report.findUniqueOrThrow({ where: { id: open.id } })).status).toBe('RECEIVED');
    expect(published.filter((c) => c.report.id === id.id).map((c) => [c.kind, c.publicNote])).toEqual([['STATUS_CHANGED', 'Ditutup otomatis']]);
    await settle();
    const mail = smtp.to('warga@example.com');
    expect(mail.map((m) => m.subject)).toEqual([`Laporan ${id.trackingCode} ditutup`]);
    expect(mail[0]!.text).toContain('Catatan dari petugas: Ditutup otomatis');
  });

  it('runs in a loop and stops cleanly', async () => {
    const report = await submit();
    clock = new Date(report.dueAt.getTime() + 3 * HOUR);
    const lines: string[] = [];
    const loop = startDeadlineLoop({ ...jobs(), intervalMs: 30, log: (line) => lines.push(line) });
    await expect.poll(() => aduan.test.database.prisma.reportEvent.count({ where: { reportId: report.id, kind: 'ESCALATED' } }), { timeout: 10_000 }).toBe(1);
    await loop.stop();
    expect(lines.some((l) => /Deadline jobs: escalated \d+/.test(l))).toBe(true);
    expect(lines.some((l) => /failed/.test(l))).toBe(false);
    const after = await aduan.test.database.prisma.reportEvent.count();
    const later = await submit();
    clock = new Date(later.dueAt.getTime() + HOUR);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await aduan.test.database.prisma.reportEvent.count()).toBe(after + 1); // only the SUBMITTED event: no pass after stop()
  });
});
