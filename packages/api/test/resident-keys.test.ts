// A tracking code reads a report's public status; acting as its reporter (reopen,
// confirm resolved) needs a resident key: the device's own (only its hash is sent),
// one the server made and returned once, or the one in the reporter's e-mail links.
// A wrong key and an unknown code get the same answer, and change nothing.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMail } from '../src/notifications/compose.js';
import { eraseReporterData } from '../src/privacy/requests.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const REOPEN = /* GraphQL */ `
  mutation Reopen($code: String!, $reason: String!, $key: String!) {
    reopenReport(trackingCode: $code, reason: $reason, residentKey: $key) {
      __typename
      ... on PublicReportUpdated { report { status } }
      ... on InvalidInput { code message fields { field message } }
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation Confirm($code: String!, $key: String!) {
    confirmResolved(trackingCode: $code, residentKey: $key) {
      __typename
      ... on PublicReportUpdated { report { status } }
      ... on InvalidInput { code message fields { field message } }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation Update($input: UpdateReportStatusInput!) { updateReportStatus(input: $input) { __typename } }
`;

/** What the widget does before its first attempt: a key of its own, and the hash it sends. */
function deviceKey(): { key: string; hash: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, hash: createHash('sha256').update(key).digest('base64url') };
}

describe.each(databaseKinds)('resident keys on %s', (kind) => {
  let aduan: TestAduan;
  let staff: Record<string, string>;

  async function submit(more: Record<string, unknown> = {}) {
    const input = { site: 'demo', category: 'jalan-rusak', description: 'Lubang di depan sekolah', location: KUPANG.oebobo, ...more };
    const result = await aduan.gql(SUBMIT, { input });
    expect(result.data?.submitReport.__typename, JSON.stringify(result)).toBe('ReportSubmitted');
    return result.data!.submitReport as { replayed: boolean; residentKey: string | null; report: { trackingCode: string } };
  }

  async function resolve(code: string): Promise<void> {
    for (const status of ['ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED']) {
      expect((await aduan.gql(UPDATE, { input: { trackingCode: code, status } }, staff)).data!.updateReportStatus.__typename).toBe('ReportUpdated');
    }
  }

  const statusOf = async (code: string) =>
    (await aduan.gql('query($c: String!) { reportStatus(trackingCode: $c) { status } }', { c: code })).data!.reportStatus.status as string;

  beforeAll(async () => {
    aduan = await createTestAduan(kind);
    const { token } = await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pupr', role: 'ADMIN', name: 'keys-test' });
    staff = { authorization: `Bearer ${token}` };
  });
  afterAll(async () => {
    await aduan?.close();
  });

  it('lets the device that sent the hash reopen and confirm, and nobody holding only the code', async () => {
    const device = deviceKey();
    const sent = await submit({ residentKeyHash: device.hash, idempotencyKey: 'device-report-0001' });
    expect(sent.residentKey).toBeNull();
    const code = sent.report.trackingCode;
    await resolve(code);

    const before = await aduan.counts();
    const stranger = await aduan.gql(REOPEN, { code, reason: 'Belum diperbaiki sama sekali', key: deviceKey().key });
    expect(stranger.data!.reopenReport).toMatchObject({ __typename: 'InvalidInput', code: 'RESIDENT_KEY_INVALID', fields: [{ field: 'residentKey' }] });
    // The hash itself is not the key.
    expect((await aduan.gql(CONFIRM, { code, key: device.hash })).data!.confirmResolved.code).toBe('RESIDENT_KEY_INVALID');
    expect((await aduan.gql(CONFIRM, { code, key: '' })).data!.confirmResolved.code).toBe('RESIDENT_KEY_INVALID');
    // An unknown code gets the very same answer.
    const unknown = await aduan.gql(CONFIRM, { code: 'KPG-00000-00000', key: device.key });
    expect(unknown.data!.confirmResolved).toEqual((await aduan.gql(CONFIRM, { code, key: 'x'.repeat(43) })).data!.confirmResolved);
    expect(await aduan.counts()).toEqual(before);
    expect(await statusOf(code)).toBe('RESOLVED');

    const reopened = await aduan.gql(REOPEN, { code, reason: 'Belum diperbaiki sama sekali', key: device.key });
    expect(reopened.data!.reopenReport).toEqual({ __typename: 'PublicReportUpdated', report: { status: 'IN_PROGRESS' } });
    await aduan.gql(UPDATE, { input: { trackingCode: code, status: 'RESOLVED' } }, staff);
    expect((await aduan.gql(CONFIRM, { code, key: device.key })).data!.confirmResolved.report.status).toBe('CLOSED');
  });

  it('keeps a resent report (same idempotency key, lost answer) working with the device key, and refuses a different report under a used key', async () => {
    const device = deviceKey();
    const first = await submit({ residentKeyHash: device.hash, idempotencyKey: 'device-report-0002' });
    const again = await submit({ residentKeyHash: device.hash, idempotencyKey: 'device-report-0002' });
    expect(again).toMatchObject({ replayed: true, residentKey: null, report: { trackingCode: first.report.trackingCode } });
    await resolve(first.report.trackingCode);
    expect((await aduan.gql(CONFIRM, { code: first.report.trackingCode, key: device.key })).data!.confirmResolved.report.status).toBe('CLOSED');

    // Someone else's key with another body: refused, and nothing about the first report is said.
    const before = await aduan.counts();
    for (const other of [
      { description: 'Pohon tumbang di jalan utama', idempotencyKey: 'device-report-0002' },
      { residentKeyHash: deviceKey().hash, idempotencyKey: 'device-report-0002' },
      { location: KUPANG.namosain, idempotencyKey: 'device-report-0002' },
    ]) {
      const result = await aduan.gql(SUBMIT, {
        input: { site: 'demo', category: 'jalan-rusak', description: 'Lubang di depan sekolah', location: KUPANG.oebobo, ...other },
      });
      expect(result.data!.submitReport).toMatchObject({ __typename: 'InvalidInput', code: 'IDEMPOTENCY_KEY_REUSED', fields: [{ field: 'idempotencyKey' }] });
      expect(JSON.stringify(result)).not.toContain(first.report.trackingCode);
    }
    expect(await aduan.counts()).toEqual(before);
  });

  it('makes a key for a client that sent no hash, returns it once, and keeps only hashes', async () => {
    const sent = await submit({ idempotencyKey: 'server-key-report-1' });
    expect(sent.residentKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const replay = await submit({ idempotencyKey: 'server-key-report-1' });
    expect(replay).toMatchObject({ replayed: true, residentKey: null });
    const code = sent.report.trackingCode;
    const rows = await aduan.test.database.prisma.residentKey.findMany({ where: { report: { trackingCode: code } } });
    expect(rows.map((row) => row.kind)).toEqual(['ISSUED']);
    expect(JSON.stringify(rows)).not.toContain(sent.residentKey);
    await resolve(code);
    expect((await aduan.gql(CONFIRM, { code, key: sent.residentKey })).data!.confirmResolved.report.status).toBe('CLOSED');
  });

  it('refuses a residentKeyHash that is not a SHA-256 in base64url, storing nothing', async () => {
    const before = await aduan.counts();
    for (const hash of ['short', `${'A'.repeat(42)}=`, 'x'.repeat(44)]) {
      const result = await aduan.gql(SUBMIT, {
        input: { site: 'demo', category: 'jalan-rusak', description: 'Lubang di depan sekolah', location: KUPANG.oebobo, residentKeyHash: hash },
      });
      expect(result.data!.submitReport).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'residentKeyHash' }] });
    }
    expect(await aduan.counts()).toEqual(before);
  });

  it('puts a key of its own in the reporter’s e-mail link, which acts until the contact is erased', async () => {
    const device = deviceKey();
    const sent = await submit({ residentKeyHash: device.hash, reporter: { email: 'warga@example.org' } });
    const code = sent.report.trackingCode;
    const prisma = aduan.test.database.prisma;
    await resolve(code);
    const row = await prisma.delivery.create({
      data: { reportId: (await prisma.report.findUniqueOrThrow({ where: { trackingCode: code } })).id, event: 'resident.RESOLVED', nextAttemptAt: new Date() },
    });
    const mail = await composeMail(prisma, row.id, 'https://aduan.kupang.example');
    if (!('message' in mail)) throw new Error('no mail');
    const link = new URL(/https:\/\/aduan\.kupang\.example\/\?code=[^\s"<>]+/.exec(mail.message.text)![0]);
    expect(link.searchParams.get('code')).toBe(code);
    const linkKey = link.searchParams.get('key')!;
    expect(linkKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(linkKey).not.toBe(device.key);
    expect((await prisma.residentKey.findMany({ where: { report: { trackingCode: code } }, orderBy: { kind: 'asc' } })).map((k) => k.kind)).toEqual([
      'DEVICE',
      'MAIL',
    ]);

    // Erasing the reporter's data takes the e-mail's key with the contact; the device keeps its own.
    await eraseReporterData(aduan.ledger, aduan.catalog, aduan.photoStorage, code);
    expect((await aduan.gql(REOPEN, { code, reason: 'Masih rusak parah', key: linkKey })).data!.reopenReport.code).toBe('RESIDENT_KEY_INVALID');
    expect((await aduan.gql(REOPEN, { code, reason: 'Masih rusak parah', key: device.key })).data!.reopenReport.report.status).toBe('IN_PROGRESS');
    const erased = await prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
    expect(erased).toMatchObject({
      reporterEmail: null,
      reporterLinkKey: null,
      placeText: null,
      lat: null,
      lng: null,
      description: '(dihapus atas permintaan pelapor)',
    });
  });
});
