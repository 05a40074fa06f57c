// Reply-to-update against a real IMAP server (Dovecot, test/support/dovecot.ts) and a real
// SMTP server: the staff mail about a new report carries the report's reply address and the
// words a reply understands; a reply put in the mailbox is read by the reply worker and
// applied through the ledger — its own text (no quoted history) as the public note, SELESAI
// resolving, TOLAK rejecting (from the agency's own address too), INTERNAL an internal note, an attached photo kept re-encoded —
// once per Message-ID, even delivered twice or read by two replicas at once; a stranger's
// mail with a genuine address changes nothing and is never answered; a reply to a closed
// report is answered once; HTML-only and base64 mail parse; a message over the size a reply
// may have is marked and never read. On PostgreSQL (replicas need it).
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import sharp from 'sharp';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import { runDeliveries } from '../src/delivery/index.js';
import { ReplyAddresses, startReplyWorker } from '../src/mail-replies/index.js';
import { parseMailboxUrl, type MailboxSettings } from '../src/mail-replies/mailbox-settings.js';
import type { MailboxReader } from '../src/mail-replies/mailbox-reader.js';
import { SmtpMailer } from '../src/notifications/index.js';
import { ServerSecret } from '../src/secrets/server-secret.js';
import { addStaffAccount } from '../src/staff/index.js';
import { ReportLedger } from '../src/workflow/ledger.js';
import { ReportChanges } from '../src/events/report-changes.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { startDovecot, type TestImapServer } from './support/dovecot.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';

const PUBLIC_URL = 'https://aduan.kupang.example';
const STAFF = 'budi@pupr.kupangkota.go.id';
const STRANGER = 'orang.lain@example.com';
/** Dinas PUPR's own address in the Kupang demo. */
const AGENCY_ADDRESS = 'pupr.kupang@example.org';

describe('reply-to-update through a real mailbox (postgres)', () => {
  let imap: TestImapServer;
  let smtp: TestSmtpServer;
  let aduan: TestAduan;
  let mailer: SmtpMailer;
  let mailbox: MailboxSettings;
  let addresses: ReplyAddresses;
  let readers: MailboxReader[] = [];
  let second: Database;
  const logs: string[] = [];

  const prisma = () => aduan.test.database.prisma;
  const deliver = () => runDeliveries({ prisma: prisma(), mailer, publicUrl: PUBLIC_URL, replies: addresses });

  function startReader(ledger: ReportLedger = aduan.ledger, maxMessageBytes?: number): MailboxReader {
    const reader = startReplyWorker({
      settings: { mailbox, pollMs: 300 },
      ...(maxMessageBytes ? { maxMessageBytes } : {}),
      addresses,
      ledger,
      photoStorage: aduan.photoStorage,
      log: (line) => logs.push(line),
    });
    readers.push(reader);
    return reader;
  }
  async function stopReaders() {
    await Promise.all(readers.map((reader) => reader.stop()));
    readers = [];
  }

  async function append(raw: string | Buffer): Promise<void> {
    const client = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
    await client.connect();
    await client.append('INBOX', raw);
    await client.logout();
  }

  async function compose(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
    return new MailComposer({ messageId: `<${randomBytes(8).toString('hex')}@pupr.kupangkota.go.id>`, ...options }).compile().build();
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Timed out waiting for ${what}; log: ${logs.join(' | ')}`);
  }
  const repliesRead = (n: number) =>
    until(
      () => prisma().mailReply.count(),
      (count) => count >= n,
      `${n} replies read`,
    );

  async function submit(): Promise<{ id: string; code: string }> {
    const response = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description: 'Jalan berlubang di depan pasar', location: KUPANG.oebobo },
    });
    const code = response.data!.submitReport.report.trackingCode as string;
    const report = await prisma().report.findUniqueOrThrow({ where: { trackingCode: code }, select: { id: true } });
    return { id: report.id, code };
  }
  const events = (reportId: string) => prisma().reportEvent.findMany({ where: { reportId }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    [imap, smtp] = await Promise.all([startDovecot(), startSmtpServer()]);
    const parsed = parseMailboxUrl(imap.url);
    if ('problem' in parsed) throw new Error(parsed.problem);
    mailbox = parsed;
    aduan = await createTestAduan('postgres', { mail: true });
    second = await openDatabase({ databaseUrl: aduan.test.url!, poolSize: 2 });
    mailer = new SmtpMailer(smtp.url, 'Aduan <aduan@kupangkota.go.id>');
    addresses = new ReplyAddresses('aduan@kupangkota.go.id', ServerSecret.random());
    await addStaffAccount(prisma(), { email: STAFF, name: 'Budi', agency: 'dinas-pupr', role: 'STAFF' });
  }, 60_000);

  afterAll(async () => {
    await stopReaders();
    mailer?.close();
    await second?.close();
    await aduan?.close();
    await smtp?.close();
    await imap?.stop();
  });

  it('mails staff the reply address and its words; their reply acknowledges the report with its own text; SELESAI resolves it', async () => {
    const report = await submit();
    await deliver();
    const mail = smtp.to(STAFF).find((m) => m.subject.includes(report.code))!;
    expect(mail).toBeDefined();
    const replyTo = addresses.forReport(report.id);
    expect(mail.headers['reply-to']).toBe(replyTo);
    expect(mail.text.indexOf('Balas e-mail ini untuk memperbarui laporan')).toBe(0);
    expect(mail.text).toContain('SELESAI');
    expect(mail.text).toContain('TOLAK: <alasan>');

    startReader();
    const quoted = mail.text
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n');
    await append(
      await compose({
        from: `Budi <${STAFF.toUpperCase()}>`,
        to: replyTo,
        subject: `Re: ${mail.subject}`,
        text: `Sudah kami periksa, besok ditambal.\n\nPada Sen, 7 Des 2026 pukul 10.00, Aduan <aduan@kupangkota.go.id> menulis:\n${quoted}\n`,
      }),
    );
    await repliesRead(1);
    const acknowledged = await events(report.id);
    expect(acknowledged.at(-1)).toMatchObject({ kind: 'STATUS_CHANGED', status: 'ACKNOWLEDGED', publicNote: 'Sudah kami periksa, besok ditambal.' });
    expect(acknowledged.at(-1)!.actor).toMatch(/^staff:/);

    await append(
      await compose({
        from: STAFF,
        to: replyTo,
        subject: 'Re: laporan',
        text: 'SELESAI\nLubang sudah ditambal.\n\nOn Mon, Dec 7, 2026 at 10:00 AM Aduan wrote:\n> lama',
      }),
    );
    await repliesRead(2);
    const after = await events(report.id);
    expect(after.slice(-2).map((e) => [e.status, e.publicNote])).toEqual([
      ['IN_PROGRESS', null],
      ['RESOLVED', 'Lubang sudah ditambal.'],
    ]);
    expect((await prisma().report.findUniqueOrThrow({ where: { id: report.id } })).status).toBe('RESOLVED');
  });

  it('ignores a stranger with a genuine address, and never answers', async () => {
    const report = await submit();
    await deliver();
    smtp.clear();
    const before = await events(report.id);
    const read = await prisma().mailReply.count();
    await append(await compose({ from: STRANGER, to: addresses.forReport(report.id), subject: 'Re', text: 'SELESAI' }));
    await repliesRead(read + 1);
    expect(await events(report.id)).toEqual(before);
    expect(await prisma().mailReply.findFirst({ where: { reportId: report.id } })).toMatchObject({ outcome: 'IGNORED' });
    await deliver();
    expect(smtp.messages).toEqual([]);
    expect(logs.join('\n')).not.toContain(STRANGER);
  });

  it('applies a message delivered twice once, and once with two replicas on one mailbox', async () => {
    const report = await submit();
    const to = addresses.forReport(report.id);
    const twice = await compose({ from: STAFF, to, subject: 'Re', text: 'Catatan yang sama.' });
    await append(twice);
    await append(twice);
    await stopReaders();
    // Two replicas, each with its own connection pool and its own IMAP connection.
    startReader();
    startReader(new ReportLedger({ prisma: second.prisma, changes: new ReportChanges(), mail: true }));
    const notes = Array.from({ length: 6 }, (_, i) => `Catatan ke-${i + 1}.`);
    for (const text of notes) await append(await compose({ from: STAFF, to, subject: 'Re', text }));
    await until(
      () => prisma().mailReply.count({ where: { reportId: report.id } }),
      (n) => n === 7,
      'seven replies',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const written = (await events(report.id)).filter((e) => e.publicNote).map((e) => e.publicNote);
    expect(written.sort()).toEqual(['Catatan yang sama.', ...notes].sort());
  });

  it('parses HTML-only and base64 mail, and keeps an attached photo re-encoded', async () => {
    const report = await submit();
    const to = addresses.forReport(report.id);
    await append(
      await compose({
        from: STAFF,
        to,
        subject: 'Re',
        html: '<div dir="ltr"><p>Tim <b>sudah</b> di lokasi &amp; bekerja.</p></div><blockquote>Laporan baru KPG lama</blockquote>',
      }),
    );
    const photo = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#884422' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'kamera-budi' } } })
      .toBuffer();
    const base64 = Buffer.from('INTERNAL: Perlu alat berat dari gudang.\r\n', 'utf8').toString('base64');
    await append(
      [
        `From: ${STAFF}`,
        `To: ${to}`,
        'Subject: Re',
        `Message-ID: <${randomBytes(8).toString('hex')}@pupr.kupangkota.go.id>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        base64,
        '--b1',
        'Content-Type: image/jpeg; name="lokasi.jpg"',
        'Content-Disposition: attachment; filename="lokasi.jpg"',
        'Content-Transfer-Encoding: base64',
        '',
        photo.toString('base64').replace(/.{76}/g, '$&\r\n'),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    await until(
      () => prisma().mailReply.count({ where: { reportId: report.id } }),
      (n) => n === 2,
      'two replies',
    );
    const timeline = await events(report.id);
    expect(timeline.find((e) => e.kind === 'STATUS_CHANGED' && e.status === 'ACKNOWLEDGED')?.publicNote).toBe('Tim sudah di lokasi & bekerja.');
    expect(timeline.find((e) => e.kind === 'INTERNAL_NOTE')?.internalNote).toBe('Perlu alat berat dari gudang.');
    const photos = await prisma().photo.findMany({ where: { reportId: report.id } });
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ contentType: 'image/jpeg', width: 1600, height: 1200 });
    // The stored bytes are the re-encoded photo, with no EXIF left.
    const stored = Buffer.from((await aduan.photoStorage.get(photos[0]!.storageKey))!.bytes);
    const metadata = await sharp(stored).metadata();
    expect([metadata.format, metadata.width, metadata.exif]).toEqual(['jpeg', 1600, undefined]);
    expect(stored.includes(Buffer.from('kamera-budi'))).toBe(false);
    expect(photo.includes(Buffer.from('kamera-budi'))).toBe(true);
  });

  it("rejects with TOLAK from the agency's own address, the reason named by its words; an empty TOLAK is answered and changes nothing", async () => {
    const rejected = await submit();
    await append(
      await compose({
        from: `Dinas PUPR <${AGENCY_ADDRESS.toUpperCase()}>`,
        to: addresses.forReport(rejected.id),
        subject: 'Re',
        text: 'TOLAK: Bukan kewenangan dinas kami, ini jalan provinsi.',
      }),
    );
    await until(
      () => prisma().mailReply.findFirst({ where: { reportId: rejected.id } }),
      (row) => row !== null,
      'the rejection',
    );
    const agency = await prisma().agency.findUniqueOrThrow({ where: { slug: 'dinas-pupr' }, select: { id: true } });
    const last = (await events(rejected.id)).at(-1)!;
    expect(last).toMatchObject({
      kind: 'STATUS_CHANGED',
      status: 'REJECTED',
      publicNote: 'Bukan kewenangan dinas kami, ini jalan provinsi.',
      actor: `agency:${agency.id}`,
    });
    expect(last.data).toMatchObject({ reason: 'NOT_OUR_RESPONSIBILITY', via: 'mail' });

    const untouched = await submit();
    await deliver();
    smtp.clear();
    const before = await events(untouched.id);
    await append(await compose({ from: STAFF, to: addresses.forReport(untouched.id), subject: 'Re', text: 'TOLAK:\n\n-- \nBudi, Dinas PUPR' }));
    await until(
      () => prisma().mailReply.findFirst({ where: { reportId: untouched.id } }),
      (row) => row !== null,
      'the empty rejection',
    );
    await deliver();
    expect(await events(untouched.id)).toEqual(before);
    expect(await prisma().mailReply.findFirst({ where: { reportId: untouched.id } })).toMatchObject({ outcome: 'REFUSED' });
    const answers = smtp.to(STAFF);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.text).toContain('Setelah TOLAK: harus ada tulisan.');
  });

  it('marks a message over the size a reply may have and never reads it', async () => {
    const report = await submit();
    await stopReaders();
    startReader(aduan.ledger, 64 * 1024);
    const big = await compose({
      from: STAFF,
      to: addresses.forReport(report.id),
      subject: 'Re',
      text: 'SELESAI',
      attachments: [{ filename: 'besar.bin', content: randomBytes(100 * 1024) }],
    });
    const small = await compose({ from: STAFF, to: addresses.forReport(report.id), subject: 'Re', text: 'Catatan kecil.' });
    const before = await events(report.id);
    await append(big);
    await append(small);
    await until(
      () => prisma().mailReply.count({ where: { reportId: report.id } }),
      (n) => n === 1,
      'the small reply',
    );
    const after = await events(report.id);
    // Only the small one was applied (an acknowledgement with its note); the large one is marked, unread.
    expect(after.slice(before.length).map((e) => [e.status, e.publicNote])).toEqual([['ACKNOWLEDGED', 'Catatan kecil.']]);
    expect(logs.some((line) => line.includes('over the 65536 a reply may have'))).toBe(true);
    const client = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
    await client.connect();
    await client.mailboxOpen('INBOX');
    const unmarked = (await client.search({ unKeyword: '$Aduan' }, { uid: true })) || [];
    await client.logout();
    expect(unmarked).toEqual([]);
    await stopReaders();
    startReader();
  });

  it('answers a staff reply to a closed report once, saying why, and changes nothing', async () => {
    const report = await submit();
    await aduan.ledger.change({
      reportId: report.id,
      actor: 'system',
      at: new Date(),
      changes: [
        { kind: 'STATUS', to: 'ACKNOWLEDGED' },
        { kind: 'STATUS', to: 'IN_PROGRESS' },
        { kind: 'STATUS', to: 'RESOLVED' },
        { kind: 'STATUS', to: 'CLOSED' },
      ],
    });
    await deliver();
    smtp.clear();
    const before = await events(report.id);
    const raw = await compose({ from: STAFF, to: addresses.forReport(report.id), subject: 'Re', text: 'Masih ada lubang.' });
    await append(raw);
    await append(raw);
    await until(
      () => prisma().mailReply.findFirst({ where: { reportId: report.id } }),
      (row) => row !== null,
      'the refused reply',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await deliver();
    expect(await events(report.id)).toEqual(before);
    const answers = smtp.to(STAFF);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.subject).toBe(`[Aduan] Balasan tidak diterapkan / Reply not applied: ${report.code}`);
    expect(answers[0]!.text).toContain('Laporan ini sudah ditutup');
  });
});
