// The agencies' daily digest with a controllable clock, through the outbox to a real
// SMTP server: at 07:30 in Kupang (WITA, UTC+8) on working days each agency's
// supervisors — or its own address when it has none — get one mail listing new, due,
// overdue and escalated reports, each with its code, category, area, age, console link
// and reply address; nothing on a quiet day, a weekend or a holiday; Monday's covers
// everything since Friday's; two replicas cut one digest; a worker that dies mid-send
// leaves it to be sent once; a city's time and "off" come from its file, and a bad one
// is refused.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { demoCityPath } from '@aduan/prisma';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyCityConfig, CityConfigError, loadCityConfig } from '../src/city-config/index.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { claimDueDeliveries, runDeliveries } from '../src/delivery/index.js';
import { cutDigests, DIGEST_EVENT } from '../src/digests/index.js';
import { runDigests } from '../src/jobs/index.js';
import { ReplyAddresses } from '../src/mail-replies/index.js';
import { SmtpMailer } from '../src/notifications/index.js';
import { ServerSecret } from '../src/secrets/server-secret.js';
import { addStaffAccount } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './support/smtp.js';

const PUBLIC_URL = 'https://aduan.kupang.example';
const DIGEST_SUBJECT = /^\[Aduan\] Ringkasan harian \/ Daily digest /;
/** A local time in Kupang (WITA, UTC+8) as an instant. */
const wita = (local: string) => new Date(`${local}+08:00`);

describe.each(databaseKinds)('daily digests on %s', (kind) => {
  let aduan: TestAduan;
  let smtp: TestSmtpServer;
  let mailer: SmtpMailer;
  let second: Database | undefined;
  let clock = wita('2026-12-01T10:00:00');
  const replies = new ReplyAddresses('aduan@kupang.example', ServerSecret.random());

  type Submitted = { id: string; code: string; category: string; area: string };
  async function submit(at: string, input: Record<string, unknown> = {}): Promise<Submitted> {
    clock = wita(at);
    const response = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang besar', location: KUPANG.oebobo, ...input },
    });
    expect(response.data?.submitReport.__typename, JSON.stringify(response)).toBe('ReportSubmitted');
    const report = await aduan.test.database.prisma.report.findUniqueOrThrow({
      where: { trackingCode: response.data!.submitReport.report.trackingCode as string },
      include: { category: true, jurisdiction: true },
    });
    return {
      id: report.id,
      code: report.trackingCode,
      category: `${report.category.nameId} / ${report.category.nameEn}`,
      area: report.jurisdiction.name,
    };
  }
  /** Sets a deadline (and an escalation) outright, as time and the escalation job would have. */
  async function arrange(report: Submitted, dueAt: string, escalatedAt: string | null = null) {
    await aduan.test.database.prisma.report.update({
      where: { id: report.id },
      data: { dueAt: wita(dueAt), escalatedAt: escalatedAt ? wita(escalatedAt) : null },
    });
  }
  const jobs = () => ({ ledger: aduan.ledger, catalog: aduan.catalog, now: () => clock });
  /** Sends what is in the outbox, as the server's delivery worker does. */
  async function settle() {
    await runDeliveries({ prisma: aduan.test.database.prisma, mailer, publicUrl: PUBLIC_URL, replies, now: () => clock });
  }
  const digestsTo = (address: string): ReceivedMail[] => smtp.to(address).filter((mail) => DIGEST_SUBJECT.test(mail.subject));
  /** The heading a report is listed under in a digest's text. */
  function headingOf(text: string, code: string): string | null {
    const at = text.indexOf(`${code}:`);
    if (at < 0) return null;
    const heading = text.slice(0, at).lastIndexOf('== ');
    return heading < 0 ? null : text.slice(heading + 3, text.indexOf(' (', heading));
  }
  const digestDays = async (localDate: string) =>
    (await aduan.test.database.prisma.agencyDigest.findMany({ where: { localDate }, include: { agency: { select: { slug: true } } } })).map(
      (d) => d.agency.slug,
    );

  beforeAll(async () => {
    smtp = await startSmtpServer();
    aduan = await createTestAduan(kind, { now: () => clock, mail: true });
    const prisma = aduan.test.database.prisma;
    mailer = new SmtpMailer(smtp.url, 'Aduan Kupang <aduan@kupang.example>');
    // The demo's webhook (its secret unset here) would keep retrying in the same outbox.
    await prisma.deliveryChannel.deleteMany({ where: { kind: 'WEBHOOK' } });
    await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'kepala@pupr.example', role: 'SUPERVISOR' });
    await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'wakil@pupr.example', role: 'SUPERVISOR' });
    await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'staf@pupr.example', role: 'STAFF' });
    const { account: gone } = await addStaffAccount(prisma, { agency: 'dinas-pupr', email: 'pensiun@pupr.example', role: 'SUPERVISOR' });
    await prisma.staffAccount.update({ where: { id: gone.id }, data: { disabledAt: new Date() } });
    await addStaffAccount(prisma, { agency: 'dishub', email: 'kepala@dishub.example', role: 'SUPERVISOR' });
    // DLHK has no supervisor: its digest goes to its own address.
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
  });

  let escalated: Submitted;
  let overdue: Submitted;
  let dueToday: Submitted;
  let fresh: Submitted;

  it('at 07:30 on a working day, mails each supervisor one digest of new, due, overdue and escalated reports', async () => {
    escalated = await submit('2026-12-01T10:00:00');
    await arrange(escalated, '2026-12-02T10:00:00', '2026-12-02T10:05:00');
    overdue = await submit('2026-12-02T10:00:00');
    await arrange(overdue, '2026-12-03T16:00:00');
    dueToday = await submit('2026-12-02T11:00:00');
    await arrange(dueToday, '2026-12-04T15:00:00');
    const old = await submit('2026-12-02T12:00:00'); // before Thursday's digest time: not new on Friday
    const answered = await submit('2026-12-03T15:00:00');
    await aduan.test.database.prisma.report.update({ where: { id: answered.id }, data: { status: 'RESOLVED' } });
    fresh = await submit('2026-12-03T14:00:00');
    const rubbish = await submit('2026-12-03T16:00:00', { category: 'pembuangan-sampah-liar', location: KUPANG.namosain });
    await settle();
    smtp.clear();

    clock = wita('2026-12-04T07:29:00');
    expect(await runDigests(jobs())).toBe(0);
    expect(await aduan.test.database.prisma.agencyDigest.count()).toBe(0);

    clock = wita('2026-12-04T07:30:00');
    expect(await runDigests(jobs())).toBe(2); // PUPR's and DLHK's
    await settle();

    for (const supervisor of ['kepala@pupr.example', 'wakil@pupr.example']) {
      const mails = digestsTo(supervisor);
      expect(mails).toHaveLength(1);
      const { subject, text, html, headers } = mails[0]!;
      expect(subject).toBe('[Aduan] Ringkasan harian / Daily digest 2026-12-04: Dinas Pekerjaan Umum dan Penataan Ruang Kota Kupang (4 laporan / reports)');
      expect(text).toContain(
        'Ringkasan harian Dinas Pekerjaan Umum dan Penataan Ruang Kota Kupang, 2026-12-04: 1 baru, 1 jatuh tempo hari ini, 1 lewat tenggat, 1 dieskalasi.',
      );
      expect(text).toContain('Daily digest of Dinas Pekerjaan Umum dan Penataan Ruang Kota Kupang, 2026-12-04: 1 new, 1 due today, 1 overdue, 1 escalated.');
      expect(headingOf(text, fresh.code)).toBe('Laporan baru sejak ringkasan terakhir / New since the last digest');
      expect(headingOf(text, dueToday.code)).toBe('Jatuh tempo hari ini / Due today');
      expect(headingOf(text, overdue.code)).toBe('Lewat tenggat / Overdue');
      expect(headingOf(text, escalated.code)).toBe('Dieskalasi / Escalated');
      // Code, category, area and age (at 07:30), its console link and its own reply address.
      expect(text).toContain(`${fresh.code}: ${fresh.category} · ${fresh.area} · umur 17 jam / age 17 h`);
      expect(text).toContain(`${escalated.code}: ${escalated.category} · ${escalated.area} · umur 2 hari 21 jam / age 2 d 21 h`);
      for (const report of [fresh, dueToday, overdue, escalated]) {
        expect(text).toContain(`${PUBLIC_URL}/console/?report=${report.code}`);
        expect(html).toContain(`href="${PUBLIC_URL}/console/?report=${report.code}"`);
        expect(text).toContain(`Balas ke / Reply to: ${replies.forReport(report.id)}`);
      }
      expect(text).toContain('Baris pertama SELESAI');
      expect(text).toContain('First line DONE');
      // Not new, or no longer open: not listed.
      expect(text).not.toContain(old.code);
      expect(text).not.toContain(answered.code);
      // No Reply-To of its own: a reply to the whole digest would name no report.
      expect(headers['reply-to']).toBeUndefined();
    }
    // Supervisors only, and active ones.
    expect(digestsTo('staf@pupr.example')).toHaveLength(0);
    expect(digestsTo('pensiun@pupr.example')).toHaveLength(0);
    // An agency without supervisors: at its own address.
    const dlhk = digestsTo('dlhk.kupang@example.org');
    expect(dlhk).toHaveLength(1);
    expect(headingOf(dlhk[0]!.text, rubbish.code)).toBe('Laporan baru sejak ringkasan terakhir / New since the last digest');
    // Nothing to say: nothing sent, and the day is done.
    expect(digestsTo('kepala@dishub.example')).toHaveLength(0);
    expect(await digestDays('2026-12-04')).toContain('dishub');

    // Later the same day: no second digest, even for an agency that now has news.
    smtp.clear();
    await submit('2026-12-04T10:00:00', { category: 'lampu-jalan-mati' });
    clock = wita('2026-12-04T10:05:00');
    expect(await runDigests(jobs())).toBe(0);
    await settle();
    expect(smtp.messages.filter((mail) => DIGEST_SUBJECT.test(mail.subject))).toHaveLength(0);
  });

  it('sends nothing on a weekend, and Monday’s digest lists everything new since Friday’s', async () => {
    const afterCut = await submit('2026-12-04T07:45:00');
    const saturday = await submit('2026-12-05T09:00:00');
    const sunday = await submit('2026-12-06T20:00:00');
    await settle();
    smtp.clear();
    for (const at of ['2026-12-05T07:30:00', '2026-12-05T12:00:00', '2026-12-06T08:00:00']) {
      clock = wita(at);
      expect(await runDigests(jobs())).toBe(0);
    }
    expect(await digestDays('2026-12-05')).toEqual([]);
    expect(await digestDays('2026-12-06')).toEqual([]);

    clock = wita('2026-12-07T07:31:00');
    expect(await runDigests(jobs())).toBeGreaterThanOrEqual(2); // PUPR and Dishub at least
    await settle();
    const [monday] = digestsTo('kepala@pupr.example');
    expect(monday).toBeDefined();
    for (const report of [afterCut, saturday, sunday]) {
      expect(headingOf(monday!.text, report.code)).toBe('Laporan baru sejak ringkasan terakhir / New since the last digest');
    }
    // Friday's new report is not new any more, nor due yet; the escalated one is still listed, and Friday's due one is overdue now.
    expect(monday!.text).not.toContain(fresh.code);
    expect(headingOf(monday!.text, dueToday.code)).toBe('Lewat tenggat / Overdue');
    expect(headingOf(monday!.text, escalated.code)).toBe('Dieskalasi / Escalated');
    // The street light reported on Friday after its quiet digest reaches Dishub now.
    expect(digestsTo('kepala@dishub.example')).toHaveLength(1);
  });

  it('cuts one digest per agency and day when two replicas run the job at once', async () => {
    clock = wita('2026-12-08T07:30:00');
    const other = second ? second.prisma : aduan.test.database.prisma;
    const passes = await Promise.all([
      cutDigests({ prisma: aduan.test.database.prisma, catalog: aduan.catalog, now: clock }),
      cutDigests({ prisma: other, catalog: aduan.catalog, now: clock }),
    ]);
    const prisma = aduan.test.database.prisma;
    const days = await digestDays('2026-12-08');
    expect(days.length).toBe(new Set(days).size);
    expect(passes[0]!.queued + passes[1]!.queued).toBe(await prisma.agencyDigest.count({ where: { localDate: '2026-12-08', mail: { some: {} } } }));
    expect(
      await prisma.delivery.count({ where: { event: DIGEST_EVENT, digest: { localDate: '2026-12-08' }, staffAccount: { email: 'kepala@pupr.example' } } }),
    ).toBe(1);
    await settle();
    expect(digestsTo('kepala@pupr.example')).toHaveLength(1);
    expect(digestsTo('wakil@pupr.example')).toHaveLength(1);
  });

  it('sends a digest once when the worker sending it dies before recording it', async () => {
    clock = wita('2026-12-09T07:30:00');
    expect(await runDigests(jobs())).toBeGreaterThanOrEqual(1);
    const prisma = aduan.test.database.prisma;
    // A worker takes everything due and dies without a word.
    const taken = await claimDueDeliveries(prisma, { worker: 'died', now: clock, leaseMs: 60_000, limit: 100 });
    expect(taken.length).toBeGreaterThanOrEqual(2);
    await settle();
    expect(digestsTo('kepala@pupr.example')).toHaveLength(0);
    // Its lease lapses: another pass sends the digest, and only once.
    clock = new Date(clock.getTime() + 61_000);
    await settle();
    await settle();
    const mails = digestsTo('kepala@pupr.example');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('2026-12-09');
    const row = await prisma.delivery.findFirstOrThrow({
      where: { event: DIGEST_EVENT, digest: { localDate: '2026-12-09' }, staffAccount: { email: 'kepala@pupr.example' } },
    });
    expect(row).toMatchObject({ state: 'DELIVERED', attempts: 2 });
  });

  it('sends nothing on a holiday', async () => {
    for (const at of ['2026-12-24T07:30:00', '2026-12-24T16:00:00', '2026-12-25T09:00:00']) {
      clock = wita(at);
      expect(await runDigests(jobs())).toBe(0);
    }
    expect(await digestDays('2026-12-24')).toEqual([]);
    expect(await digestDays('2026-12-25')).toEqual([]);
  });

  it('takes the city’s own digest time, or none, from its file, and refuses a bad one changing nothing', async () => {
    const prisma = aduan.test.database.prisma;
    const loaded = await loadCityConfig(demoCityPath);
    await applyCityConfig(prisma, { ...loaded, config: { ...loaded.config, digest: { time: '09:15' } } });
    aduan.catalog.invalidate();
    clock = wita('2026-12-28T07:30:00');
    expect(await runDigests(jobs())).toBe(0);
    clock = wita('2026-12-28T09:15:00');
    expect(await runDigests(jobs())).toBeGreaterThanOrEqual(1);

    await applyCityConfig(prisma, { ...loaded, config: { ...loaded.config, digest: false } });
    clock = wita('2026-12-29T10:00:00');
    expect(await runDigests(jobs())).toBe(0);
    expect(await digestDays('2026-12-29')).toEqual([]);

    // A bad time, or a setting that is neither a time nor false: one clear sentence, and the stored setting is kept.
    const dir = mkdtempSync(join(tmpdir(), 'aduan-digest-city-'));
    try {
      const raw = JSON.parse(await readFile(demoCityPath, 'utf8')) as { boundaries: { file: string }[] };
      raw.boundaries = raw.boundaries.map((b) => ({ file: resolve(dirname(demoCityPath), b.file) }));
      const cases: [unknown, string][] = [
        [{ time: '25:00' }, 'digest.time: must be a local time HH:MM such as "07:30"'],
        [{ time: '7:30' }, 'digest.time: must be a local time HH:MM such as "07:30"'],
        ['07:30', 'digest: must be { "time": "HH:MM" } (a local time such as "07:30") or false for no digest'],
        [true, 'digest: must be { "time": "HH:MM" } (a local time such as "07:30") or false for no digest'],
      ];
      for (const [digest, message] of cases) {
        const path = join(dir, 'city.json');
        writeFileSync(path, JSON.stringify({ ...raw, digest }));
        const error = await loadCityConfig(path).then(
          (config) => applyCityConfig(prisma, config),
          (refused: unknown) => refused,
        );
        expect(error).toBeInstanceOf(CityConfigError);
        expect((error as CityConfigError).message).toBe(message);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect((await prisma.setting.findUniqueOrThrow({ where: { key: 'digest:53.71' } })).value).toBe(false);

    // Omitted from the file again: back to 07:30.
    await applyCityConfig(prisma, loaded);
    clock = wita('2026-12-30T07:30:00');
    expect(await runDigests(jobs())).toBeGreaterThanOrEqual(1);
  });
});
