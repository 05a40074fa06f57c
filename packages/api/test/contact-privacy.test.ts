// Reporter contact is sealed at rest and opened only for those allowed to see it; keys
// rotate without downtime; an administrator exports or erases a reporter's data on
// request from the command line.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactCipher, parseContactKeys } from '../src/privacy/contact-cipher.js';
import { eraseReporterData, rekeyContacts } from '../src/privacy/requests.js';
import { openDatabase } from '../src/db/database.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const key = () => randomBytes(32).toString('base64');
const KEY_1 = `k1:${key()}`;
const KEY_2 = `k2:${key()}`;
const CONTACT = { name: 'Maria Ndolu', email: 'maria.ndolu@example.org', phone: '+6281234567890' };

async function stored(url: string, trackingCode: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('SELECT "reporterName", "reporterEmail", "reporterPhone" FROM "Report" WHERE "trackingCode" = $1', [trackingCode])).rows[0];
  } finally {
    await client.end();
  }
}

describe('reporter contact at rest (postgres)', () => {
  let aduan: TestAduan;
  let code: string;
  beforeAll(async () => {
    // Sealing with k1 and able to open k2, as a replica is midway through a rotation.
    aduan = await createTestAduan('postgres', { contactCipher: new ContactCipher(parseContactKeys(`${KEY_1},${KEY_2}`)) });
    const submitted = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'sampah', description: 'Sampah menumpuk di depan rumah', location: KUPANG.oebobo, reporter: CONTACT },
    });
    code = submitted.data!.submitReport.report.trackingCode;
  });
  afterAll(() => aduan?.close());

  it('is stored sealed, with nothing of it readable in the row', async () => {
    const row = await stored(aduan.test.url!, code);
    for (const value of Object.values(row) as string[]) expect(value).toMatch(/^aduan:v1:k1:[A-Za-z0-9_-]+$/);
    expect(JSON.stringify(row)).not.toMatch(/maria|ndolu|example\.org|812345/i);
  });

  it('is opened for the agency handling the report', async () => {
    const { token } = await createApiToken(aduan.test.database.prisma, { agency: 'dlhk', role: 'ADMIN', name: 'privacy-test' });
    const staff = await aduan.gql(
      `query($c: String!) { report(trackingCode: $c) { reporter { name email phone } } }`,
      { c: code },
      { authorization: `Bearer ${token}` },
    );
    expect(staff.errors).toBeUndefined();
    expect(staff.data?.report.reporter).toEqual(CONTACT);
  });

  it('stays readable while keys rotate, and rekeying moves every value to the new key', async () => {
    const url = aduan.test.url!;
    const rotating = await openDatabase({ databaseUrl: url, poolSize: 2, contactCipher: new ContactCipher(parseContactKeys(`${KEY_2},${KEY_1}`)) });
    try {
      expect((await rotating.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } })).reporterEmail).toBe(CONTACT.email);
      expect(await rekeyContacts(rotating.prisma, new ContactCipher(parseContactKeys(`${KEY_2},${KEY_1}`)))).toBe(1);
      expect(await rekeyContacts(rotating.prisma, new ContactCipher(parseContactKeys(`${KEY_2},${KEY_1}`)))).toBe(0);
    } finally {
      await rotating.close();
    }
    for (const value of Object.values(await stored(url, code)) as string[]) expect(value).toMatch(/^aduan:v1:k2:/);
    const onlyNew = await openDatabase({ databaseUrl: url, poolSize: 2, contactCipher: new ContactCipher(parseContactKeys(KEY_2)) });
    try {
      expect((await onlyNew.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } })).reporterPhone).toBe(CONTACT.phone);
    } finally {
      await onlyNew.close();
    }
    const oldOnly = await openDatabase({ databaseUrl: url, poolSize: 2, contactCipher: new ContactCipher(parseContactKeys(KEY_1)) });
    try {
      const report = await oldOnly.prisma.report.findUniqueOrThrow({ where: { trackingCode: code } });
      expect(() => report.reporterEmail).toThrow(/sealed with key "k2", which is not in ADUAN_CONTACT_KEYS/);
    } finally {
      await oldOnly.close();
    }
  });

  it('does not open a value moved into another column', () => {
    const cipher = new ContactCipher(parseContactKeys(KEY_1));
    const sealed = cipher.seal(CONTACT.email, 'reporterEmail');
    expect(cipher.open(sealed, 'reporterEmail')).toBe(CONTACT.email);
    expect(() => cipher.open(sealed, 'reporterPhone')).toThrow();
  });

  it("erases a report's photos, files and rows, with its contact", async () => {
    const { prisma } = aduan.test.database;
    const submitted = await aduan.gql(SUBMIT, {
      input: { site: 'demo', category: 'sampah', description: 'Sampah di selokan depan sekolah', location: KUPANG.oebobo, reporter: { phone: CONTACT.phone } },
    });
    const report = await prisma.report.findUniqueOrThrow({ where: { trackingCode: submitted.data!.submitReport.report.trackingCode } });
    const storageKey = `2026/11/${randomUUID()}.jpg`;
    await aduan.photoStorage.put(storageKey, new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg');
    await prisma.photo.create({ data: { reportId: report.id, storageKey, contentType: 'image/jpeg', byteSize: 4, width: 1, height: 1 } });
    const erased = await eraseReporterData(aduan.ledger, aduan.catalog, aduan.photoStorage, report.trackingCode);
    expect(erased).toEqual({ trackingCode: report.trackingCode, contactErased: true, photosErased: 1 });
    expect(await prisma.photo.count({ where: { reportId: report.id } })).toBe(0);
    expect(await aduan.photoStorage.get(storageKey)).toBeNull();
    expect((await prisma.report.findUniqueOrThrow({ where: { id: report.id } })).reporterPhone).toBeNull();
  });

  it('refuses keys it cannot use, saying how to make one', () => {
    expect(() => parseContactKeys('k1:tooshort')).toThrow(/32-byte key in base64 .*openssl rand -base64 32/);
    expect(() => parseContactKeys(`${KEY_1},${KEY_1}`)).toThrow(/twice/);
    expect(() => parseContactKeys('no-colon')).toThrow(/not ID:KEY/);
  });

  it('exports and erases on request through `aduan privacy`, and refuses an unknown code in one sentence', async () => {
    const env = { ...process.env, DATABASE_URL: aduan.test.url!, ADUAN_CONTACT_KEYS: `${KEY_2},${KEY_1}`, ADUAN_DATA_DIR: aduan.photoStorage.location };
    const cli = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [join(repositoryRoot, 'packages/api/bin/aduan.js'), 'privacy', ...args], {
          env,
          timeout: 60_000,
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code: number; stdout: string; stderr: string };
        return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
      }
    };
    const exported = await cli('export', code.toLowerCase());
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(data).toMatchObject({ trackingCode: code, reporter: CONTACT, category: 'sampah', timeline: [{ kind: 'SUBMITTED' }] });

    const erased = await cli('erase', code);
    expect(erased.stdout.trim()).toBe(`Erased the contact and 0 photo(s) of ${code}.`);
    expect(await stored(aduan.test.url!, code)).toEqual({ reporterName: null, reporterEmail: null, reporterPhone: null });
    const after = JSON.parse((await cli('export', code)).stdout);
    expect(after.reporter).toEqual({ name: null, email: null, phone: null });
    expect(after.timeline.at(-1)).toMatchObject({
      kind: 'INTERNAL_NOTE',
      by: 'admin',
      internalNote: expect.stringMatching(/^Erased on the reporter's request/),
    });

    const unknown = await cli('export', 'KPG-AAAAA-AAAAA');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe('aduan: No report has the tracking code "KPG-AAAAA-AAAAA".');
  });
});
