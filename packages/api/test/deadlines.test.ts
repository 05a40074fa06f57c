// Deadlines on the Kupang demo's working calendar (Monday to Friday in WITA, the
// 2026 national holidays and cuti bersama on Kota Kupang), through the GraphQL API:
// at intake, in `overdue`, on a reroute, and after a configuration changes the
// calendar of part of the city — on PGlite and on PostgreSQL.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCityPath } from '@aduan/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCityConfig, loadCityConfig } from '../src/city-config/index.js';
import { createApiToken } from '../src/staff/index.js';
import { createTestAduan, KUPANG, SUBMIT, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const STATUS = /* GraphQL */ `
  query Status($code: String!) { reportStatus(trackingCode: $code) { dueAt overdue } }
`;
const REROUTE = /* GraphQL */ `
  mutation Reroute($code: String!, $agency: String!, $reason: String!) {
    rerouteReport(trackingCode: $code, agency: $agency, reason: $reason) {
      __typename
      ... on ReportRerouted { agency { slug } dueAt }
    }
  }
`;

describe.each(databaseKinds)('deadlines in working hours on %s', (kind) => {
  let aduan: TestAduan;
  let clock = new Date();
  let supervisor: Record<string, string>;
  const tempDirs: string[] = [];
  beforeAll(async () => {
    aduan = await createTestAduan(kind, { now: () => clock });
    const { token } = await createApiToken(aduan.test.database.prisma, { agency: 'dinas-pupr', role: 'SUPERVISOR', name: 'deadlines' });
    supervisor = { authorization: `Bearer ${token}` };
  });
  afterAll(async () => {
    await aduan?.close();
    await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  /** Submits at `at` (a WITA time) and returns the report. */
  async function submitAt(at: string, input: Record<string, unknown>) {
    clock = new Date(at);
    const response = await aduan.gql(SUBMIT, { input: { site: 'demo', description: 'Air tidak mengalir sejak pagi', ...input } });
    expect(response.data?.submitReport.__typename, JSON.stringify(response)).toBe('ReportSubmitted');
    return response.data!.submitReport.report as { trackingCode: string; dueAt: string; agency: { slug: string } };
  }
  /** PDAM's 24-hour rule for "air-mati", at a point in Kelurahan Oebobo. */
  const waterOut = (at: string, location = KUPANG.oebobo) => submitAt(at, { category: 'air-mati', location });

  it('gives a 24-hour rule sent on Friday afternoon until Monday afternoon', async () => {
    const report = await waterOut('2026-07-03T15:00:00+08:00');
    expect(report.agency.slug).toBe('pdam-tirta-kupang');
    expect(report.dueAt).toBe('2026-07-06T07:00:00.000Z'); // Monday 15:00 WITA
  });

  it('starts counting on Monday at 00:00 for a report sent at the weekend', async () => {
    const report = await waterOut('2026-07-04T10:00:00+08:00');
    expect(report.dueAt).toBe('2026-07-06T16:00:00.000Z'); // Tuesday 00:00 WITA
  });

  it('stops the clock for Nyepi, Idul Fitri and the cuti bersama around them', async () => {
    // Tuesday 17 March 2026, 10:00: 14 hours that day, then nothing until Wednesday 25 March.
    const report = await waterOut('2026-03-17T10:00:00+08:00');
    expect(report.dueAt).toBe('2026-03-25T02:00:00.000Z');
    // Sent during the holidays: the count starts on the first working day after them.
    expect((await waterOut('2026-03-21T08:00:00+08:00')).dueAt).toBe('2026-03-25T16:00:00.000Z');
  });

  it('skips Christmas Eve (cuti bersama) and Christmas', async () => {
    expect((await waterOut('2026-12-23T12:00:00+08:00')).dueAt).toBe('2026-12-28T04:00:00.000Z'); // Monday 12:00
  });

  it('is not overdue over the weekend, only once the working hours have passed', async () => {
    const report = await waterOut('2026-07-10T15:00:00+08:00'); // Friday
    clock = new Date('2026-07-12T15:00:00+08:00'); // Sunday: 48 calendar hours later
    expect((await aduan.gql(STATUS, { code: report.trackingCode })).data!.reportStatus).toEqual({ dueAt: '2026-07-13T07:00:00.000Z', overdue: false });
    clock = new Date('2026-07-13T15:00:01+08:00'); // Monday, a second after the deadline
    expect((await aduan.gql(STATUS, { code: report.trackingCode })).data!.reportStatus.overdue).toBe(true);
  });

  it('gives a rerouted report the new agency’s hours on its area’s calendar, from the moment of the reroute', async () => {
    const report = await submitAt('2026-07-03T09:00:00+08:00', { category: 'jalan-rusak', location: KUPANG.oebobo });
    expect(report.agency.slug).toBe('dinas-pupr');
    clock = new Date('2026-07-03T16:00:00+08:00'); // Friday 16:00
    const result = await aduan.gql(REROUTE, { code: report.trackingCode, agency: 'dishub', reason: 'Lampu jalan, bukan jalan' }, supervisor);
    // Dishub has no rule for jalan-rusak: its default of 72 hours. Friday 8 h, Monday 24, Tuesday 24, Wednesday 16.
    expect(result.data!.rerouteReport).toEqual({ __typename: 'ReportRerouted', agency: { slug: 'dishub' }, dueAt: '2026-07-08T08:00:00.000Z' });
  });

  it('gives each area the calendar of its ancestry, and follows a configuration that changes it', async () => {
    const snapshot = await aduan.catalog.current();
    const oebobo = snapshot.calendarOf('53.71.04.1001');
    expect(oebobo.timeZone).toBe('Asia/Makassar');
    expect(oebobo.workingDays).toEqual([1, 2, 3, 4, 5]);
    expect(oebobo.holidays).toHaveLength(25);
    expect(oebobo.holidays).toContain('2026-03-20');
    expect(snapshot.calendarOf('99.99')).toEqual({ timeZone: 'UTC', workingDays: [1, 2, 3, 4, 5, 6, 7], holidays: [] });

    // Kecamatan Oebobo gets a local holiday on Monday 6 July; then Kecamatan Alak works on Saturdays.
    const dir = await mkdtemp(join(tmpdir(), 'aduan-deadlines-'));
    tempDirs.push(dir);
    await cp(join(demoCityPath, '..'), dir, { recursive: true });
    const config = JSON.parse(await readFile(join(dir, 'city.json'), 'utf8'));
    const prisma = aduan.test.database.prisma;
    const apply = async (extra: object[]) => {
      await writeFile(join(dir, 'city.json'), JSON.stringify({ ...config, jurisdictions: [...config.jurisdictions, ...extra] }));
      return applyCityConfig(prisma, await loadCityConfig(join(dir, 'city.json')));
    };
    const oeboboHoliday = { code: '53.71.04', holidays: [{ date: '2026-07-06', name: 'Hari libur lokal (contoh)' }] };
    expect((await apply([oeboboHoliday])).jurisdictions.updated).toBe(0);
    // The catalogue notices the new holiday although no jurisdiction row changed.
    expect((await waterOut('2026-07-03T15:00:00+08:00')).dueAt).toBe('2026-07-07T07:00:00.000Z'); // Oebobo: Tuesday 15:00
    expect((await waterOut('2026-07-03T15:00:00+08:00', KUPANG.namosain)).dueAt).toBe('2026-07-06T07:00:00.000Z'); // Alak: Monday

    await apply([oeboboHoliday, { code: '53.71.01', workingDays: [1, 2, 3, 4, 5, 6] }]);
    expect((await waterOut('2026-07-03T15:00:00+08:00', KUPANG.namosain)).dueAt).toBe('2026-07-04T07:00:00.000Z'); // Alak: Saturday 15:00
    const changed = await aduan.catalog.current();
    expect(changed.calendarOf('53.71.04.1001').holidays).toHaveLength(26);
    expect(changed.calendarOf('53.71.01.1001').workingDays).toEqual([1, 2, 3, 4, 5, 6]);
    expect(changed.calendarOf('53.71.02').workingDays).toEqual([1, 2, 3, 4, 5]);

    // Applying the demo again takes both away.
    const back = await applyCityConfig(prisma, await loadCityConfig(demoCityPath));
    expect(back.holidays).toMatchObject({ created: 0, deleted: 1 });
    expect((await waterOut('2026-07-03T15:00:00+08:00')).dueAt).toBe('2026-07-06T07:00:00.000Z');
    expect((await waterOut('2026-07-03T15:00:00+08:00', KUPANG.namosain)).dueAt).toBe('2026-07-06T07:00:00.000Z');
  });
});
