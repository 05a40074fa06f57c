// The delivery outbox against a real HTTP receiver and a real SMTP server, on
// PGlite and PostgreSQL, with a controllable clock: deliveries are written with
// the report, survive a receiver that is down, are signed, keep their id across
// retries, are never sent twice for one attempt by two workers, are resent after
// a crash between send and record, and are dead-lettered and delivered again.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/db/database.js';
import {
  addChannel,
  ChannelError,
  claimDueDeliveries,
  deliverAgain,
  parseChannelSpec,
  removeChannel,
  runDeliveries,
  verifySignature,
  type DeliveryPayload,
  type DeliveryWorkerOptions,
} from '../src/delivery/index.js';
import { SmtpMailer } from '../src/notifications/mailer.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';
import { createReceiver, type TestReceiver } from './support/receiver.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { createApiToken } from '../src/staff/index.js';
import { createHttpServer } from '../src/server/http-server.js';
import { DeliveryPhotos } from '../src/server/delivery-photos.js';
import { PhotoLinkSigner } from '../src/delivery/photo-links.js';
import { ServerSecret } from '../src/secrets/server-secret.js';
import { newPhotoKey } from '../src/photos/index.js';
import type { AddressInfo } from 'node:net';

const SECRET = 'rahasia-webhook-pupr';
/** The worker's environment: the channel's secret, and the receiver on 127.0.0.1 allowed. */
const ENV = { ADUAN_SECRET_TEST_PUPR: SECRET, ADUAN_ALLOW_PRIVATE_TARGETS: '1' };
const HOUR = 3_600_000;

describe.each(databaseKinds)('Delivery outbox on %s', (kind) => {
  let aduan: TestAduan;
  let receiver: TestReceiver;
  let smtp: TestSmtpServer;
  let clock = new Date('2026-11-25T02:00:00.000Z');
  const now = () => clock;
  const tick = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };

  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now });
    smtp = await startSmtpServer();
  }, 60_000);
  afterAll(async () => {
    await aduan?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    receiver = await createReceiver();
    const { prisma } = aduan.test.database;
    await prisma.deliveryAttempt.deleteMany();
    await prisma.delivery.deleteMany();
    await prisma.deliveryChannel.deleteMany();
    await addChannel(prisma, 'dinas-pupr', parseChannelSpec({ name: 'sistem-pupr', kind: 'webhook', url: receiver.url, secretEnv: 'ADUAN_SECRET_TEST_PUPR' }));
    smtp.clear();
  });
  afterEach(async () => {
    await receiver.stop();
  });

  function worker(extra: Partial<DeliveryWorkerOptions> = {}): DeliveryWorkerOptions {
    return {
      prisma: aduan.test.database.prisma,
      publicUrl: 'https://aduan.kupangkota.go.id',
      mailer: new SmtpMailer(smtp.url, 'Aduan <aduan@kupang.example>'),
      env: ENV,
      now,
      random: () => 0.5,
      settings: { backoff: { baseMs: 30_000, capMs: HOUR }, giveUpMs: 72 * HOUR, timeoutMs: 2_000 },
      ...extra,
    };
  }

  async function submit(description = 'Jalan berlubang di depan pasar Oebobo'): Promise<string> {
    tick(1_000);
    const response = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'jalan-rusak', description, location: KUPANG.oebobo, reporter: { name: 'Maria Bere', email: 'maria@example.org' } },
    });
    expect(response.data?.submitReport.__typename).toBe('ReportSubmitted');
    expect(response.data!.submitReport.report.agency.slug).toBe('dinas-pupr');
    return response.data!.submitReport.report.trackingCode as string;
  }

  const bodies = () => receiver.requests.map((r) => JSON.parse(r.body) as DeliveryPayload);

  it('writes one delivery per channel with the report, and none for another agency’s report', async () => {
    const { prisma } = aduan.test.database;
    await addChannel(prisma, 'dinas-pupr', parseChannelSpec({ name: 'surel-pupr', kind: 'email', email: 'pengaduan@pupr.example' }));
    const code = await submit();
    const report = await prisma.report.findUniqueOrThrow({ where: { trackingCode: code }, include: { deliveries: { include: { channel: true } } } });
    expect(report.deliveries.map((d) => [d.channel?.name, d.event, d.state]).sort()).toEqual([
      ['sistem-pupr', 'report.routed', 'PENDING'],
      ['surel-pupr', 'report.routed', 'PENDING'],
    ]);
    tick(1_000);
    const other = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'sampah', description: 'Sampah menumpuk di pinggir jalan', location: KUPANG.oebobo },
    });
    expect(other.data?.submitReport.report.agency.slug).not.toBe('dinas-pupr');
    expect(await prisma.delivery.count()).toBe(2);
  });

  it('survives a receiver that is down: retries with backoff, then delivers every report, signed, once each', async () => {
    const { prisma } = aduan.test.database;
    const codes = [await submit('Lubang satu'), await submit('Lubang dua'), await submit('Lubang tiga')];
    // Down: nothing listens on the port.
    let pass = await runDeliveries(worker());
    expect(pass).toEqual({ delivered: 0, retrying: 3, dead: 0 });
    const waiting = await prisma.delivery.findMany();
    for (const d of waiting) {
      expect(d.state).toBe('PENDING');
      expect(d.lastError).toMatch(/ECONNREFUSED/);
      expect(d.lastErrorKind).toBe('UNREACHABLE');
      // First retry: between 15 and 30 s after the failure (equal jitter; random() = 0.5 gives 22.5 s).
      expect(d.nextAttemptAt.getTime() - clock.getTime()).toBe(22_500);
    }
    // Not due yet: nothing is attempted.
    tick(10_000);
    expect(await runDeliveries(worker())).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    // Up, but failing: the second retry waits twice as long.
    await receiver.start();
    receiver.answer(503);
    tick(20_000);
    pass = await runDeliveries(worker());
    expect(pass).toEqual({ delivered: 0, retrying: 3, dead: 0 });
    for (const d of await prisma.delivery.findMany()) {
      expect(d.lastError).toBe('The receiver answered 503: not now.');
      expect(d.lastErrorKind).toBe('REFUSED');
      expect(d.nextAttemptAt.getTime() - clock.getTime()).toBe(45_000);
    }
    receiver.answer(200);
    tick(60_000);
    pass = await runDeliveries(worker());
    expect(pass).toEqual({ delivered: 3, retrying: 0, dead: 0 });

    const delivered = bodies().filter((_, i) => receiver.requests[i]!.headers['aduan-attempt'] === '3');
    expect(delivered.map((b) => b.report.trackingCode).sort()).toEqual([...codes].sort());
    for (const request of receiver.requests) {
      const body = JSON.parse(request.body) as DeliveryPayload;
      // Every attempt of one delivery carries the same id, as Aduan-Delivery and Idempotency-Key.
      expect(request.headers['aduan-delivery']).toBe(body.deliveryId);
      expect(request.headers['idempotency-key']).toBe(body.deliveryId);
      expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(verifySignature(SECRET, request.body, request.headers['aduan-signature'] as string, { now: clock })).toBe(true);
      expect(verifySignature('another secret', request.body, request.headers['aduan-signature'] as string, { now: clock })).toBe(false);
      expect(verifySignature(SECRET, `${request.body} `, request.headers['aduan-signature'] as string, { now: clock })).toBe(false);
    }
    expect(new Set(receiver.requests.map((r) => r.headers['aduan-delivery'])).size).toBe(3);
    const body = delivered.find((b) => b.report.trackingCode === codes[0])!;
    expect(body).toMatchObject({
      event: 'report.routed',
      agency: { slug: 'dinas-pupr' },
      report: {
        trackingCode: codes[0],
        status: 'RECEIVED',
        description: 'Lubang satu',
        category: { code: 'jalan-rusak' },
        area: { code: '53.71.04.1001' },
        point: KUPANG.oebobo,
        reporter: { name: 'Maria Bere', email: 'maria@example.org', phone: null },
        trackingUrl: `https://aduan.kupangkota.go.id/?code=${codes[0]}`,
      },
    });
    // Every attempt is on record: two failures and the success, numbered.
    const attempts = await prisma.deliveryAttempt.findMany({ orderBy: [{ deliveryId: 'asc' }, { number: 'asc' }] });
    expect(attempts.map((a) => [a.number, a.ok, a.statusCode])).toEqual(
      Array.from({ length: 3 }, () => [
        [1, false, null],
        [2, false, 503],
        [3, true, 200],
      ]).flat(),
    );
  });

  it('gives up after the configured age (dead letter), and "deliver again" sends it with the same id', async () => {
    const { prisma } = aduan.test.database;
    const code = await submit();
    await receiver.start();
    receiver.answer(500);
    await runDeliveries(worker());
    // Retries stay capped at an hour; three days after it was written the delivery is given up.
    for (let i = 0; i < 80; i++) {
      tick(HOUR);
      await runDeliveries(worker());
    }
    const dead = await prisma.delivery.findFirstOrThrow({ where: { report: { trackingCode: code } } });
    expect(dead.state).toBe('DEAD');
    expect(dead.lastError).toBe('The receiver answered 500: not now.');
    const attempts = await prisma.deliveryAttempt.count({ where: { deliveryId: dead.id } });
    expect(attempts).toBeGreaterThan(60);
    expect(attempts).toBeLessThan(82);
    // Dead stays dead.
    tick(HOUR);
    expect(await runDeliveries(worker())).toEqual({ delivered: 0, retrying: 0, dead: 0 });

    receiver.answer(200);
    const again = await deliverAgain(prisma, dead.id, clock);
    expect(again.ok).toBe(true);
    expect(await deliverAgain(prisma, dead.id, clock)).toMatchObject({ ok: false, code: 'ALREADY_PENDING' });
    expect(await deliverAgain(prisma, '00000000-0000-4000-8000-000000000000', clock)).toMatchObject({ ok: false, code: 'UNKNOWN_DELIVERY' });
    expect(await runDeliveries(worker())).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    const ids = new Set(receiver.requests.map((r) => r.headers['aduan-delivery']));
    expect(ids).toEqual(new Set([dead.id]));
    expect((await prisma.delivery.findUniqueOrThrow({ where: { id: dead.id } })).state).toBe('DELIVERED');
  });

  it('two workers on one database never send the same delivery for the same attempt', async () => {
    const { prisma } = aduan.test.database;
    for (let i = 0; i < 30; i++) await submit(`Lubang nomor ${i}`);
    await receiver.start();
    receiver.answer(200, 5);
    // A second worker with its own connection pool (on PGlite the one embedded connection is shared).
    const second: Database | null = aduan.test.url ? await openDatabase({ databaseUrl: aduan.test.url, poolSize: 4 }) : null;
    try {
      const [a, b] = await Promise.all([
        runDeliveries(worker({ workerId: 'worker-a', batchSize: 4, concurrency: 2 })),
        runDeliveries(worker({ workerId: 'worker-b', batchSize: 4, concurrency: 2, ...(second ? { prisma: second.prisma } : {}) })),
      ]);
      expect(a.delivered + b.delivered).toBe(30);
      if (second) {
        expect(a.delivered).toBeGreaterThan(0);
        expect(b.delivered).toBeGreaterThan(0);
      }
    } finally {
      await second?.close();
    }
    const ids = receiver.requests.map((r) => r.headers['aduan-delivery']);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    const attempts = await prisma.deliveryAttempt.findMany();
    expect(attempts).toHaveLength(30);
    expect(attempts.every((attempt) => attempt.number === 1 && attempt.ok)).toBe(true);
  });

  it('a worker that dies between sending and recording: the lease lapses and the delivery is sent again, same id', async () => {
    const { prisma } = aduan.test.database;
    await submit();
    await receiver.start();
    // The first worker claims the delivery and "dies" without recording anything.
    const [claimed] = await claimDueDeliveries(prisma, { worker: 'doomed', now: clock, leaseMs: 60_000, limit: 10 });
    expect(claimed).toMatchObject({ attempt: 1 });
    // While the lease holds, nobody else takes it.
    tick(30_000);
    expect(await runDeliveries(worker())).toEqual({ delivered: 0, retrying: 0, dead: 0 });
    tick(31_000);
    expect(await runDeliveries(worker({ workerId: 'survivor' }))).toEqual({ delivered: 1, retrying: 0, dead: 0 });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]!.headers['aduan-delivery']).toBe(claimed!.id);
    expect(receiver.requests[0]!.headers['aduan-attempt']).toBe('2');
    const attempts = await prisma.deliveryAttempt.findMany({ where: { deliveryId: claimed!.id } });
    expect(attempts.map((a) => [a.number, a.worker, a.ok])).toEqual([[2, 'survivor', true]]);
  });

  it('a slow receiver is cut off by the timeout and tried again', async () => {
    await submit();
    await receiver.start();
    receiver.answer(200, 3_000);
    expect(await runDeliveries(worker({ settings: { timeoutMs: 300 } }))).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    const delivery = await aduan.test.database.prisma.delivery.findFirstOrThrow();
    expect(delivery.lastError).toBe('No answer within 300 ms.');
    expect(delivery.lastErrorKind).toBe('TIMEOUT');
  });

  it('a missing secret is a failed attempt that names the variable, and nothing is sent unsigned', async () => {
    await submit();
    await receiver.start();
    expect(await runDeliveries(worker({ env: { ADUAN_ALLOW_PRIVATE_TARGETS: '1' } }))).toEqual({ delivered: 0, retrying: 1, dead: 0 });
    expect(receiver.requests).toHaveLength(0);
    const delivery = await aduan.test.database.prisma.delivery.findFirstOrThrow();
    expect(delivery.lastError).toBe('The environment variable ADUAN_SECRET_TEST_PUPR (the secret of channel "sistem-pupr") is not set.');
    expect(delivery.lastErrorKind).toBe('MISCONFIGURED');
  });

  it('e-mails the agency through a real SMTP server, in the channel’s language', async () => {
    const { prisma } = aduan.test.database;
    await removeChannel(prisma, 'dinas-pupr', 'sistem-pupr', clock);
    await addChannel(prisma, 'dinas-pupr', parseChannelSpec({ name: 'surel-pupr', kind: 'email', email: 'pengaduan@pupr.example' }));
    await addChannel(prisma, 'dinas-pupr', parseChannelSpec({ name: 'mail-en', kind: 'email', email: 'advisor@pupr.example', locale: 'en' }));
    const code = await submit('Jalan <b>berlubang</b> & licin');
    expect(await runDeliveries(worker())).toEqual({ delivered: 2, retrying: 0, dead: 0 });
    const [id] = smtp.to('pengaduan@pupr.example');
    expect(id!.subject).toBe(`Laporan baru ${code}: Jalan rusak atau berlubang`);
    expect(id!.text).toContain('Jalan <b>berlubang</b> & licin');
    expect(id!.html).toContain('Jalan &lt;b&gt;berlubang&lt;/b&gt; &amp; licin');
    expect(id!.text).toContain(`https://aduan.kupangkota.go.id/console/?report=${code}`);
    expect(id!.text).toContain('Maria Bere, maria@example.org');
    const [en] = smtp.to('advisor@pupr.example');
    expect(en!.subject).toBe(`New report ${code}: Damaged road or pothole`);
    expect(en!.text).toContain('Open in the Aduan console');
    // The removed webhook got no delivery for this report.
    expect(await prisma.delivery.count({ where: { channel: { name: 'sistem-pupr' }, report: { trackingCode: code } } })).toBe(0);
  });

  it('without SMTP an e-mail delivery waits with a clear reason instead of failing anything else', async () => {
    const { prisma } = aduan.test.database;
    await addChannel(prisma, 'dinas-pupr', parseChannelSpec({ name: 'surel-pupr', kind: 'email' }));
    await submit();
    await receiver.start();
    expect(await runDeliveries(worker({ mailer: null }))).toEqual({ delivered: 1, retrying: 1, dead: 0 });
    const email = await prisma.delivery.findFirstOrThrow({ where: { channel: { name: 'surel-pupr' } } });
    expect(email.lastError).toBe('No SMTP server is configured (ADUAN_SMTP_URL), so e-mail cannot be sent.');
    expect(email.lastErrorKind).toBe('MISCONFIGURED');
  });

  it('a reroute writes deliveries for the new agency’s channels, in the same transaction', async () => {
    const { prisma } = aduan.test.database;
    await addChannel(
      prisma,
      'pdam-tirta-kupang',
      parseChannelSpec({ name: 'sistem-pdam', kind: 'webhook', url: receiver.url, secretEnv: 'ADUAN_SECRET_TEST_PUPR' }),
    );
    const code = await submit();
    const admin = await createApiToken(prisma, { agency: 'dinas-pupr', role: 'ADMIN', name: `reroute-${Date.now()}` });
    tick(60_000);
    const moved = await aduan.gql(
      `mutation($c: String!) { rerouteReport(trackingCode: $c, agency: "pdam-tirta-kupang", reason: "Pipa, bukan jalan") { __typename } }`,
      { c: code },
      { authorization: `Bearer ${admin.token}` },
    );
    expect(moved.data?.rerouteReport.__typename).toBe('ReportRerouted');
    const deliveries = await prisma.delivery.findMany({ where: { report: { trackingCode: code } }, include: { channel: true }, orderBy: { createdAt: 'asc' } });
    expect(deliveries.map((d) => [d.channel?.name, d.event])).toEqual([
      ['sistem-pupr', 'report.routed'],
      ['sistem-pdam', 'report.rerouted'],
    ]);
  });

  it('refuses bad channels with a message naming each field, and changes nothing', async () => {
    const { prisma } = aduan.test.database;
    const before = await prisma.deliveryChannel.findMany({ orderBy: { name: 'asc' } });
    const refused = (spec: unknown) => () => parseChannelSpec(spec);
    expect(refused({ name: 'x', kind: 'webhook', url: 'https://example.go.id/hook' })).toThrow(/secretEnv: is required/);
    expect(refused({ name: 'x', kind: 'webhook', url: 'ftp://example.go.id', secretEnv: 'A' })).toThrow(/url: must be an http:\/\/ or https:\/\/ URL/);
    expect(refused({ name: 'x', kind: 'webhook', url: 'https://u:p@example.go.id', secretEnv: 'A' })).toThrow(/without a user name or password/);
    expect(refused({ name: 'x', kind: 'webhook', url: 'https://example.go.id', secretEnv: 'my-secret' })).toThrow(
      /secretEnv: must be an environment variable name/,
    );
    expect(refused({ name: 'x', kind: 'email', url: 'https://example.go.id' })).toThrow(/url: is not used by a email channel/);
    expect(refused({ name: 'x', kind: 'fax' })).toThrow(/kind: must be "webhook", "email" or "open311"/);
    expect(refused({ name: 'Bad Name', kind: 'email' })).toThrow(/name: must be lowercase letters/);
    expect(refused({ name: 'x', kind: 'open311' })).toThrow(/url: is required: the Open311 endpoint/);
    expect(refused({ name: 'x', kind: 'email', secret: 'plain' })).toThrow(/Unrecognized key/);
    await expect(addChannel(prisma, 'no-such-agency', parseChannelSpec({ name: 'x', kind: 'email' }))).rejects.toThrow(ChannelError);
    await expect(removeChannel(prisma, 'dinas-pupr', 'no-such-channel')).rejects.toThrow('The agency "dinas-pupr" has no channel "no-such-channel".');
    expect(await prisma.deliveryChannel.findMany({ orderBy: { name: 'asc' } })).toEqual(before);
  });

  it('photo links in the payload open the photo until they expire; a tampered or expired link is refused', async () => {
    const { prisma } = aduan.test.database;
    const code = await submit();
    const report = await prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
    const storageKey = newPhotoKey('image/jpeg', clock);
    await aduan.photoStorage.put(storageKey, bytes, 'image/jpeg');
    await prisma.photo.create({ data: { reportId: report.id, storageKey, contentType: 'image/jpeg', byteSize: bytes.length, width: 4, height: 2 } });
    // The worker and the server sign and check with keys from the same server secret.
    const secret = ServerSecret.random();
    const server = createHttpServer({
      readiness: { check: async () => true },
      graphql: () => null,
      deliveryPhotos: () => new DeliveryPhotos({ prisma, photoStorage: aduan.photoStorage, now, signer: new PhotoLinkSigner(secret) }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await receiver.start();
      expect(await runDeliveries(worker({ publicUrl: base, photoLinks: new PhotoLinkSigner(secret) }))).toEqual({ delivered: 1, retrying: 0, dead: 0 });
      const [photo] = bodies()[0]!.report.photos;
      expect(photo).toMatchObject({ contentType: 'image/jpeg', width: 4, height: 2 });
      expect(new Date(photo!.expiresAt).getTime() - clock.getTime()).toBe(7 * 24 * HOUR);
      const ok = await fetch(photo!.url);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toBe('image/jpeg');
      expect(new Uint8Array(await ok.arrayBuffer())).toEqual(bytes);
      const url = new URL(photo!.url);
      const tampered = new URL(url);
      tampered.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
      expect((await fetch(tampered)).status).toBe(403);
      const unsigned = new URL(url);
      unsigned.search = '';
      expect((await fetch(unsigned)).status).toBe(403);
      tick(7 * 24 * HOUR + 1_000);
      const expired = await fetch(photo!.url);
      expect(expired.status).toBe(403);
      expect(await expired.text()).toBe('This photo link is not valid, or it has expired.\n');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('staff see a report’s deliveries; supervisors list their agency’s dead letters and deliver them again; others are refused', async () => {
    const { prisma } = aduan.test.database;
    const code = await submit();
    await receiver.start();
    receiver.answer(500);
    await runDeliveries(worker());
    tick(80 * HOUR);
    await runDeliveries(worker());
    const token = async (agency: string, role: 'STAFF' | 'SUPERVISOR' | 'ADMIN') => ({
      authorization: `Bearer ${(await createApiToken(prisma, { agency, role, name: `${agency}-${role}-${Math.random()}` })).token}`,
    });
    const staff = await token('dinas-pupr', 'STAFF');
    const supervisor = await token('dinas-pupr', 'SUPERVISOR');
    const otherSupervisor = await token('dlhk', 'SUPERVISOR');
    const admin = await token('dlhk', 'ADMIN');

    const history = await aduan.gql(
      `query($c: String!) { report(trackingCode: $c) { deliveries { id state attempts lastError lastErrorKind channel { name kind target } attemptLog { number ok statusCode errorKind } } } }`,
      { c: code },
      staff,
    );
    const [delivery] = history.data!.report.deliveries;
    expect(delivery).toMatchObject({
      state: 'DEAD',
      attempts: 2,
      lastError: 'The receiver answered 500: not now.',
      lastErrorKind: 'REFUSED',
      channel: { name: 'sistem-pupr', kind: 'WEBHOOK', target: receiver.url },
    });
    expect(delivery.attemptLog).toEqual([
      { number: 1, ok: false, statusCode: 500, errorKind: 'REFUSED' },
      { number: 2, ok: false, statusCode: 500, errorKind: 'REFUSED' },
    ]);
    expect(JSON.stringify(history.data)).not.toContain(SECRET);

    const DEAD = `query($a: String) { deliveries(state: DEAD, agency: $a) { id trackingCode } }`;
    expect((await aduan.gql(DEAD, {}, staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await aduan.gql(DEAD, {}, supervisor)).data?.deliveries).toEqual([{ id: delivery.id, trackingCode: code }]);
    expect((await aduan.gql(DEAD, {}, otherSupervisor)).data?.deliveries).toEqual([]);
    expect((await aduan.gql(DEAD, { a: 'dinas-pupr' }, otherSupervisor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await aduan.gql(DEAD, { a: 'dinas-pupr' }, admin)).data?.deliveries).toHaveLength(1);
    expect((await aduan.gql(DEAD, { a: 'tidak-ada' }, admin)).errors?.[0]?.extensions?.code).toBe('UNKNOWN_AGENCY');

    const REDELIVER = `mutation($id: ID!) { redeliver(deliveryId: $id) { __typename ... on DeliveryRequeued { delivery { id state } } ... on InvalidInput { code } } }`;
    const before = await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect((await aduan.gql(REDELIVER, { id: delivery.id }, staff)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await aduan.gql(REDELIVER, { id: delivery.id }, otherSupervisor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await aduan.gql(REDELIVER, { id: 'not-a-delivery' }, supervisor)).data?.redeliver).toEqual({
      __typename: 'InvalidInput',
      code: 'UNKNOWN_DELIVERY',
    });
    expect(await prisma.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).toEqual(before);
    expect((await aduan.gql(REDELIVER, { id: delivery.id }, supervisor)).data?.redeliver).toEqual({
      __typename: 'DeliveryRequeued',
      delivery: { id: delivery.id, state: 'PENDING' },
    });
    expect((await aduan.gql(REDELIVER, { id: delivery.id }, admin)).data?.redeliver).toEqual({ __typename: 'InvalidInput', code: 'ALREADY_PENDING' });
    receiver.answer(200);
    expect(await runDeliveries(worker())).toEqual({ delivered: 1, retrying: 0, dead: 0 });
  });
});
