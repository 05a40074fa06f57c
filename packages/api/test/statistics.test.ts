// Public statistics on a generated, seeded data set: every number is computed
// again here, in TypeScript, from the rows this test wrote, and must match the
// API's SQL exactly (medians) or to 1e-9 (shares).
import { getNamedType, isObjectType, type GraphQLNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { schema } from '../src/schema/index.js';
import { deriveMilestones, milestoneDurations } from '../src/statistics/milestones.js';
import { foldTally } from '../src/statistics/fold.js';
import { applyCityConfig, loadCityConfig } from '../src/city-config/index.js';
import { demoCityPath, type PrismaClient } from '@aduan/prisma';
import { pointInGeometry, type AreaGeometry } from '@aduan/core';
import { createTestAduan, type TestAduan } from './support/aduan.js';
import { databaseKinds } from './support/databases.js';

const NOW = new Date('2026-11-20T03:00:00.000Z');
const FROM = new Date('2026-02-01T00:00:00.000Z');
const TO = new Date('2026-11-15T16:00:00.000Z'); // Monday 00:00 in Kupang (UTC+8)
const ZONE = 'Asia/Makassar';
const HOUR = 3_600_000;

type Status = 'RECEIVED' | 'ACKNOWLEDGED' | 'IN_PROGRESS' | 'RESOLVED' | 'REJECTED' | 'CLOSED';
type Kind = 'SUBMITTED' | 'STATUS_CHANGED' | 'PUBLIC_NOTE' | 'INTERNAL_NOTE' | 'REROUTED' | 'ESCALATED';
interface GenEvent {
  kind: Kind;
  at: Date;
  status: Status;
  actor: string;
}
interface GenReport {
  id: string;
  categoryId: string;
  categoryCode: string;
  agencyId: string;
  agencySlug: string;
  jurisdictionCode: string;
  submittedAt: Date;
  dueAt: Date;
  status: Status;
  events: GenEvent[];
}

/** mulberry32: small, seeded, good enough to spread test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- the independent computation --------------------------------------------------

const OPEN: Status[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'];
const STATUSES: Status[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CLOSED'];

function firstResponse(report: GenReport): Date | undefined {
  return report.events
    .filter((e) => (e.kind === 'STATUS_CHANGED' || e.kind === 'PUBLIC_NOTE') && e.actor !== 'resident' && e.actor !== 'system')
    .map((e) => e.at)
    .sort((a, b) => a.getTime() - b.getTime())[0];
}

function firstResolved(report: GenReport): Date | undefined {
  return report.events
    .filter((e) => e.status === 'RESOLVED')
    .map((e) => e.at)
    .sort((a, b) => a.getTime() - b.getTime())[0];
}

function medianHours(seconds: number[]): number | null {
  if (seconds.length === 0) return null;
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return median / 3600;
}

/** The local calendar date of an instant in ZONE, as a UTC-midnight Date. */
function localDate(instant: Date): Date {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(instant)
    .reduce<Record<string, string>>((out, p) => Object.assign(out, { [p.type]: p.value }), {});
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
}

function mondayOf(instant: Date): string {
  const day = localDate(instant);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  return new Date(day.getTime() - weekday * 86_400_000).toISOString().slice(0, 10);
}

function isoWeekLabel(monday: string): string {
  const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

interface Expected {
  total: number;
  byCategory: { category: { code: string }; count: number }[];
  byArea: { area: { code: string }; count: number; open: number }[];
  byStatus: { status: Status; count: number }[];
  agencies: Record<string, unknown>[];
  weekly: { week: string; startsOn: string; received: number; resolved: number }[];
}

function expected(reports: GenReport[], scope: string, from: Date, to: Date, areas: { level: number; codes: string[] }): Expected {
  const inScope = reports.filter(
    (r) => (r.jurisdictionCode === scope || r.jurisdictionCode.startsWith(`${scope}.`)) && r.submittedAt >= from && r.submittedAt < to,
  );
  const countBy = <K>(rows: GenReport[], key: (r: GenReport) => K) => {
    const out = new Map<K, number>();
    for (const row of rows) out.set(key(row), (out.get(key(row)) ?? 0) + 1);
    return out;
  };

  const byCategory = [...countBy(inScope, (r) => r.categoryCode)]
    .map(([code, count]) => ({ category: { code }, count }))
    .sort((x, y) => y.count - x.count || x.category.code.localeCompare(y.category.code));

  // Codes nest textually: the area at `level` is the first `level` segments of the code.
  const rollUp = (code: string) =>
    code
      .split('.')
      .slice(0, Math.max(areas.level, scope.split('.').length))
      .join('.');
  const areaCounts = new Map<string, number>(areas.codes.map((code) => [code, 0]));
  for (const [code, count] of countBy(inScope, (r) => rollUp(r.jurisdictionCode))) {
    areaCounts.set(code, (areaCounts.get(code) ?? 0) + count);
  }
  const openCounts = countBy(
    inScope.filter((r) => OPEN.includes(r.status)),
    (r) => rollUp(r.jurisdictionCode),
  );
  const byArea = [...areaCounts]
    .map(([code, count]) => ({ area: { code }, count, open: openCounts.get(code) ?? 0 }))
    .sort((x, y) => y.count - x.count || x.area.code.localeCompare(y.area.code));

  const statusCounts = countBy(inScope, (r) => r.status);
  const byStatus = STATUSES.map((status) => ({ status, count: statusCounts.get(status) ?? 0 }));

  const agencies = [...countBy(inScope, (r) => r.agencySlug)]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([slug, received]) => {
      const mine = inScope.filter((r) => r.agencySlug === slug);
      const responses = mine.map((r) => ({ r, at: firstResponse(r) }));
      const responded = responses.filter((x) => x.at);
      const resolved = mine.map((r) => ({ r, at: firstResolved(r) })).filter((x) => x.at);
      const within = responded.filter((x) => x.at!.getTime() <= x.r.dueAt.getTime()).length;
      const decided = responses.filter((x) => x.at || x.r.dueAt.getTime() < NOW.getTime()).length;
      return {
        agency: { slug },
        received,
        responded: responded.length,
        medianHoursToFirstResponse: medianHours(responded.map((x) => (x.at!.getTime() - x.r.submittedAt.getTime()) / 1000)),
        resolved: resolved.length,
        medianHoursToResolution: medianHours(resolved.map((x) => (x.at!.getTime() - x.r.submittedAt.getTime()) / 1000)),
        answeredWithinDeadline: within,
        deadlineDecided: decided,
        withinDeadlineShare: decided === 0 ? null : within / decided,
        reroutes: mine.reduce((sum, r) => sum + r.events.filter((e) => e.kind === 'REROUTED').length, 0),
        openOverdue: mine.filter((r) => OPEN.includes(r.status) && r.dueAt.getTime() < NOW.getTime()).length,
      };
    });

  const weekly: Expected['weekly'] = [];
  const last = mondayOf(new Date(to.getTime() - 1));
  for (let monday = mondayOf(from); monday <= last; ) {
    weekly.push({ week: isoWeekLabel(monday), startsOn: monday, received: 0, resolved: 0 });
    monday = new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  }
  const week = (monday: string) => weekly.find((w) => w.startsOn === monday)!;
  for (const report of inScope) {
    week(mondayOf(report.submittedAt)).received++;
    const resolvedAt = firstResolved(report);
    if (resolvedAt && resolvedAt >= from && resolvedAt < to) week(mondayOf(resolvedAt)).resolved++;
  }

  return { total: inScope.length, byCategory, byArea, byStatus, agencies, weekly };
}

// ---- the data set ---------------------------------------------------------------------

async function generate(aduan: TestAduan): Promise<GenReport[]> {
  const { prisma } = aduan.test.database;
  const next = random(20261120);
  const pickOne = <T>(items: T[]): T => items[Math.floor(next() * items.length)]!;
  const [site, categories, agencies, kelurahan] = await Promise.all([
    prisma.site.findUniqueOrThrow({ where: { key: 'demo' } }),
    prisma.category.findMany({ orderBy: { code: 'asc' } }),
    prisma.agency.findMany({ orderBy: { slug: 'asc' } }),
    prisma.jurisdiction.findMany({ where: { level: 4, code: { startsWith: '53.71.' } }, orderBy: { code: 'asc' } }),
  ]);
  expect(kelurahan.length).toBeGreaterThan(20);
  const span = TO.getTime() - FROM.getTime();
  const wholeSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000);

  const reports: GenReport[] = [];
  const make = (index: number, submittedAt: Date, jurisdictionCode?: string) => {
    const category = pickOne(categories);
    const agency = pickOne(agencies);
    const dueAt = new Date(submittedAt.getTime() + pickOne([24, 48, 72, 120]) * HOUR);
    const events: GenEvent[] = [{ kind: 'SUBMITTED', at: submittedAt, status: 'RECEIVED', actor: 'resident' }];
    let t = submittedAt.getTime();
    let status: Status = 'RECEIVED';
    const staff = `staff-${agency.slug}`;
    const step = (kind: Kind, hours: number, to: Status | null, actor = staff) => {
      t += Math.max(1, Math.round(hours * 3600)) * 1000;
      if (t > NOW.getTime()) return false;
      if (to) status = to;
      events.push({ kind, at: new Date(t), status, actor });
      return true;
    };
    // Things that are not a response to the resident.
    if (next() < 0.15) step('ESCALATED', 1 + next() * 150, null, 'system');
    if (next() < 0.1) step('INTERNAL_NOTE', next() * 30, null);
    if (next() < 0.15) {
      step('REROUTED', next() * 20, null);
      if (next() < 0.3) step('REROUTED', next() * 20, null);
    }
    // A public note counts as a response, even without a status change.
    if (next() < 0.1) step('PUBLIC_NOTE', next() * 40, null);
    const path = next();
    if (path < 0.1) step('STATUS_CHANGED', next() * 100, 'REJECTED');
    else if (path < 0.9 && step('STATUS_CHANGED', next() * 150, 'ACKNOWLEDGED') && next() < 0.8) {
      if (step('STATUS_CHANGED', next() * 100, 'IN_PROGRESS')) {
        const end = next();
        if (end < 0.65 && step('STATUS_CHANGED', next() * 400, 'RESOLVED')) {
          // Sometimes the resident reopens and it is resolved again: the first RESOLVED counts.
          if (next() < 0.2 && step('STATUS_CHANGED', next() * 100, 'IN_PROGRESS', 'resident')) {
            step('STATUS_CHANGED', next() * 100, 'RESOLVED');
          } else if (next() < 0.3) step('STATUS_CHANGED', 24 * 14, 'CLOSED', 'system');
        } else if (end < 0.8) step('STATUS_CHANGED', next() * 200, 'REJECTED');
      }
    }
    reports.push({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      categoryId: category.id,
      categoryCode: category.code,
      agencyId: agency.id,
      agencySlug: agency.slug,
      jurisdictionCode: jurisdictionCode ?? pickOne(kelurahan).code,
      submittedAt,
      dueAt,
      status,
      events,
    });
  };

  for (let i = 0; i < 360; i++) make(i, wholeSecond(FROM.getTime() + next() * span));
  // Routed by the site's default area (the city) or by a kecamatan only.
  for (let i = 360; i < 372; i++) make(i, wholeSecond(FROM.getTime() + next() * span), i % 2 ? '53.71' : '53.71.04');
  // The range's edges: `from` is in, `to` is out, the second before `to` is in.
  make(372, FROM, '53.71.04.1001');
  make(373, TO, '53.71.04.1001');
  make(374, new Date(TO.getTime() - 1000), '53.71.04.1001');
  make(375, new Date(FROM.getTime() - 1000), '53.71.04.1001');
  // Recent and still open: not yet due, so not yet counted for the deadline share.
  for (let i = 376; i < 384; i++) make(i, wholeSecond(NOW.getTime() - (i - 375) * 3 * HOUR));
  // Either side of the city's midnight (UTC+8) on New Year's Eve and before a Monday.
  const elsewhere = kelurahan.filter((k) => !k.code.startsWith('53.71.04.'));
  make(384, new Date('2025-12-31T15:59:59Z'), elsewhere[0]!.code);
  make(385, new Date('2025-12-31T16:00:00Z'), elsewhere[0]!.code);
  make(386, new Date('2026-03-01T15:59:59Z'), elsewhere[1]!.code);
  make(387, new Date('2026-03-01T16:00:00Z'), elsewhere[1]!.code);

  await store(prisma, site.id, reports);
  return reports;
}

/** Writes generated reports with their timelines, as the workflow would have left them. */
async function store(prisma: PrismaClient, siteId: string, reports: GenReport[]): Promise<void> {
  await prisma.report.createMany({
    data: reports.map((r) => ({
      id: r.id,
      trackingCode: `KPG-TEST-${r.id.slice(-4)}`,
      siteId,
      categoryId: r.categoryId,
      description: 'Laporan uji',
      reporterEmail: 'warga@example.org',
      routingMethod: 'NAMED' as const,
      routingReason: 'test',
      routingDecision: {},
      submittedAt: r.submittedAt,
      dueAt: r.dueAt,
      // Status, agency, area and what the workflow keeps on the report, by the same rule
      // (checked against the backfill below).
      ...columnsOf(r),
    })),
  });
  await prisma.reportEvent.createMany({
    data: reports.flatMap((r) =>
      r.events.map((e) => ({
        reportId: r.id,
        kind: e.kind,
        at: e.at,
        status: e.status,
        actor: e.actor,
        internalNote: e.kind === 'INTERNAL_NOTE' ? 'rahasia' : null,
      })),
    ),
  });
}

/** The report's columns for what its timeline says now (status, agency, area, milestones). */
function columnsOf(report: GenReport) {
  const milestones = deriveMilestones(report.events);
  return {
    status: report.status,
    agencyId: report.agencyId,
    jurisdictionCode: report.jurisdictionCode,
    ...milestones,
    ...milestoneDurations(report.submittedAt, milestones),
  };
}

const QUERY = /* GraphQL */ `
  query Stats($j: String, $from: DateTime, $to: DateTime, $level: Int) {
    statistics(jurisdictionCode: $j, from: $from, to: $to) {
      area { code name displayName level }
      from
      to
      timeZone
      total
      byCategory { category { code name } count }
      byArea(level: $level) { area { code level } count open }
      byStatus { status count }
      agencies {
        agency { slug }
        received responded medianHoursToFirstResponse resolved medianHoursToResolution
        answeredWithinDeadline deadlineDecided withinDeadlineShare reroutes openOverdue
      }
      weekly { week startsOn startsAt received resolved }
    }
  }
`;

function expectMatches(actual: any, wanted: Expected) {
  expect(actual.total).toBe(wanted.total);
  expect(actual.byCategory.map((c: any) => ({ category: { code: c.category.code }, count: c.count }))).toEqual(wanted.byCategory);
  expect(actual.byArea.map((a: any) => ({ area: { code: a.area.code }, count: a.count, open: a.open }))).toEqual(wanted.byArea);
  expect(actual.byStatus).toEqual(wanted.byStatus);
  expect(actual.agencies.map((a: any) => a.agency.slug)).toEqual(wanted.agencies.map((a: any) => a.agency.slug));
  for (const [i, agency] of actual.agencies.entries()) {
    const { withinDeadlineShare, ...rest } = wanted.agencies[i]!;
    const { withinDeadlineShare: actualShare, ...actualRest } = agency;
    expect(actualRest).toEqual(rest);
    if (withinDeadlineShare === null) expect(actualShare).toBeNull();
    else expect(Math.abs(actualShare - (withinDeadlineShare as number))).toBeLessThan(1e-9);
  }
  expect(actual.weekly.map(({ startsAt: _, ...w }: any) => w)).toEqual(wanted.weekly);
  for (const week of actual.weekly) {
    // The instant the local Monday begins.
    expect(mondayOf(new Date(week.startsAt))).toBe(week.startsOn);
    expect(mondayOf(new Date(Date.parse(week.startsAt) - 1000))).not.toBe(week.startsOn);
  }
}

describe.each(databaseKinds)('statistics (%s)', (kind) => {
  let aduan: TestAduan;
  let reports: GenReport[];
  let kecamatan: string[];
  let kelurahanOfOebobo: string[];

  beforeAll(async () => {
    // These tests write the tables directly, past the change bus that clears the statistics cache.
    aduan = await createTestAduan(kind, { now: () => NOW, graphql: { statisticsCacheMs: 0 } });
    reports = await generate(aduan);
    const { prisma } = aduan.test.database;
    kecamatan = (await prisma.jurisdiction.findMany({ where: { parentCode: '53.71' } })).map((j) => j.code);
    kelurahanOfOebobo = (await prisma.jurisdiction.findMany({ where: { parentCode: '53.71.04' } })).map((j) => j.code);
  });
  afterAll(() => aduan?.close());

  const stats = async (variables: Record<string, unknown>) => {
    const response = await aduan.gql(QUERY, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.statistics;
  };

  it('the city: every number equals the one computed here', async () => {
    const actual = await stats({ j: '53.71', from: FROM.toISOString(), to: TO.toISOString() });
    const wanted = expected(reports, '53.71', FROM, TO, { level: 3, codes: kecamatan });
    expect(wanted.total).toBeGreaterThan(300);
    expect(wanted.agencies.some((a) => (a.reroutes as number) > 0 && (a.openOverdue as number) > 0)).toBe(true);
    expectMatches(actual, wanted);
    expect(actual.area).toEqual({ code: '53.71', name: 'Kota Kupang', displayName: 'Kota Kupang', level: 2 });
    expect(actual.timeZone).toBe(ZONE);
    expect(actual.from).toBe(FROM.toISOString());
    expect(actual.to).toBe(TO.toISOString());
    // Reports routed by the city itself count under the city, so areas add up to the total.
    expect(actual.byArea.find((a: any) => a.area.code === '53.71')).toMatchObject({ area: { code: '53.71', level: 2 }, count: 6 });
    expect(actual.byArea.reduce((sum: number, a: any) => sum + a.count, 0)).toBe(actual.total);
    expect(actual.byCategory[0].category.name).toEqual(expect.any(String));
    // Without a jurisdiction, the whole deployment: here the same reports.
    expectMatches(await stats({ from: FROM.toISOString(), to: TO.toISOString() }), wanted);
  });

  it('a kecamatan, by kelurahan: only its own reports', async () => {
    const actual = await stats({ j: '53.71.04', from: FROM.toISOString(), to: TO.toISOString(), level: 4 });
    const wanted = expected(reports, '53.71.04', FROM, TO, { level: 4, codes: kelurahanOfOebobo });
    expect(wanted.total).toBeGreaterThan(20);
    expect(wanted.total).toBeLessThan(expected(reports, '53.71', FROM, TO, { level: 3, codes: [] }).total);
    expectMatches(actual, wanted);
    expect(actual.byArea.find((a: any) => a.area.code === '53.71.04')).toMatchObject({ area: { code: '53.71.04', level: 3 }, count: 6 });
    // Some of each kelurahan's reports are closed by now: open is its own number.
    expect(wanted.byArea.some((a) => a.open > 0 && a.open < a.count)).toBe(true);
    // A kelurahan asked at kecamatan level is one row: itself.
    const one = await stats({ j: '53.71.04.1001', from: FROM.toISOString(), to: TO.toISOString(), level: 3 });
    expectMatches(one, expected(reports, '53.71.04.1001', FROM, TO, { level: 4, codes: ['53.71.04.1001'] }));
  });

  it('the range is [from, to): a report exactly at `to` is left out, one exactly at `from` is in', async () => {
    const edge = { j: '53.71.04.1001', level: 4 };
    const around = (from: Date, to: Date) => stats({ ...edge, from: from.toISOString(), to: to.toISOString() });
    expect((await around(FROM, new Date(FROM.getTime() + 1000))).total).toBe(1);
    expect((await around(new Date(FROM.getTime() - 1000), FROM)).total).toBe(1);
    const atTo = await around(new Date(TO.getTime() - 1000), TO);
    expect(atTo.total).toBe(1);
    expect((await around(TO, new Date(TO.getTime() + 1000))).total).toBe(1);
    // Over a shorter range, agencies' numbers follow the range too.
    const from = new Date('2026-06-10T05:00:00Z');
    const to = new Date('2026-08-03T11:00:00Z');
    expectMatches(
      await stats({ j: '53.71', from: from.toISOString(), to: to.toISOString() }),
      expected(reports, '53.71', from, to, { level: 3, codes: kecamatan }),
    );
  });

  it('places each area on a map by a point inside its own boundary', async () => {
    const response = await aduan.gql(
      `{ statistics(jurisdictionCode: "53.71.04", from: "${FROM.toISOString()}", to: "${TO.toISOString()}") {
          byArea(level: 4) { area { code labelPoint { lat lng } } open } } }`,
    );
    const rows = response.data!.statistics.byArea as { area: { code: string; labelPoint: { lat: number; lng: number } | null } }[];
    const boundaries = await aduan.test.database.prisma.jurisdiction.findMany({ where: { code: { in: rows.map((r) => r.area.code) } } });
    const boundaryOf = new Map(boundaries.map((j) => [j.code, j.boundary as unknown as AreaGeometry]));
    expect(rows.length).toBe(kelurahanOfOebobo.length + 1); // and the kecamatan itself, which six reports were routed by
    for (const { area } of rows) {
      expect(area.labelPoint, area.code).not.toBeNull();
      expect(pointInGeometry(boundaryOf.get(area.code)!, area.labelPoint!.lng, area.labelPoint!.lat), area.code).toBe(true);
    }
  });

  it('an empty range: zeros, and still every week', async () => {
    const from = new Date('2025-03-05T00:00:00Z');
    const to = new Date('2025-05-01T00:00:00Z');
    const actual = await stats({ j: '53.71', from: from.toISOString(), to: to.toISOString() });
    expect(actual.total).toBe(0);
    expect(actual.byCategory).toEqual([]);
    expect(actual.agencies).toEqual([]);
    expect(actual.byStatus.every((s: any) => s.count === 0)).toBe(true);
    expect(actual.byStatus.map((s: any) => s.status)).toEqual(STATUSES);
    expect(actual.byArea.map((a: any) => a.area.code).sort()).toEqual([...kecamatan].sort());
    expect(actual.byArea.every((a: any) => a.count === 0)).toBe(true);
    expect(actual.weekly.map((w: any) => w.week)).toEqual(['2025-W10', ...Array.from({ length: 8 }, (_, i) => `2025-W${11 + i}`)]);
    expect(actual.weekly.every((w: any) => w.received === 0 && w.resolved === 0)).toBe(true);
    expectMatches(actual, expected(reports, '53.71', from, to, { level: 3, codes: kecamatan }));
  });

  it("a year in the city's own time: the second before its midnight on New Year's Eve is the old year's, midnight the new one's", async () => {
    const newYear = (year: number) => new Date(Date.UTC(year - 1, 11, 31, 16)); // 1 January, 00:00 in Kupang (UTC+8)
    for (const year of [2024, 2025, 2026]) {
      const [from, to] = [newYear(year), newYear(year + 1)];
      expectMatches(
        await stats({ j: '53.71', from: from.toISOString(), to: to.toISOString() }),
        expected(reports, '53.71', from, to, { level: 3, codes: kecamatan }),
      );
    }
    // The area of the two reports either side of that midnight has no other report in 2025.
    const area = reports.find((r) => r.submittedAt.toISOString() === '2025-12-31T15:59:59.000Z')!.jurisdictionCode;
    const last = await stats({ j: area, from: newYear(2025).toISOString(), to: newYear(2026).toISOString(), level: 4 });
    expect(last.total).toBe(1);
    expect(last.weekly.at(-1)).toMatchObject({ week: '2026-W01', startsOn: '2025-12-29', received: 1 });
    const next = await stats({ j: area, from: newYear(2026).toISOString(), to: '2026-01-04T16:00:00.000Z', level: 4 }); // to Monday 5 January, 00:00
    expect(next.weekly).toEqual([{ week: '2026-W01', startsOn: '2025-12-29', startsAt: '2025-12-28T16:00:00.000Z', received: 1, resolved: 0 }]);
    // An empty year: zeros in every week.
    const empty = await stats({ j: '53.71', from: newYear(2024).toISOString(), to: newYear(2025).toISOString() });
    expect(empty.total).toBe(0);
    expect(empty.weekly.every((w: any) => w.received === 0 && w.resolved === 0)).toBe(true);
  });

  it('reports that change status, move to another agency or to another area: every number follows them, and goes back with them', async () => {
    const { prisma } = aduan.test.database;
    const range = { from: FROM.toISOString(), to: TO.toISOString() };
    const before = await stats({ j: '53.71', ...range });
    const candidates = reports.filter(
      (r) => r.submittedAt >= FROM && r.submittedAt < TO && r.jurisdictionCode.split('.').length === 4 && !r.jurisdictionCode.startsWith('53.71.04.'),
    );
    const resolved = candidates.find((r) => OPEN.includes(r.status) && r.events.at(-1)!.at.getTime() < NOW.getTime() - 10 * HOUR)!;
    const rerouted = candidates.find((r) => r !== resolved && r.status === 'IN_PROGRESS')!;
    const moved = candidates.find((r) => r !== resolved && r !== rerouted && deriveMilestones(r.events).resolvedAt)!;
    const changed = [resolved, rerouted, moved];
    const saved = changed.map((r) => structuredClone(r));
    const later = (r: GenReport, hours: number) => new Date(r.events.at(-1)!.at.getTime() + hours * HOUR);
    const agencies = await prisma.agency.findMany({ orderBy: { slug: 'asc' } });
    const otherAgency = agencies.find((a) => a.id !== rerouted.agencyId)!;
    const from = { area: moved.jurisdictionCode, kecamatan: moved.jurisdictionCode.split('.').slice(0, 3).join('.') };

    resolved.events.push({ kind: 'STATUS_CHANGED', at: later(resolved, 5), status: 'RESOLVED', actor: `staff-${resolved.agencySlug}` });
    resolved.status = 'RESOLVED';
    rerouted.events.push({ kind: 'REROUTED', at: later(rerouted, 1), status: rerouted.status, actor: `staff-${rerouted.agencySlug}` });
    Object.assign(rerouted, { agencyId: otherAgency.id, agencySlug: otherAgency.slug });
    moved.jurisdictionCode = kelurahanOfOebobo[2]!;
    const write = () => prisma.$transaction(changed.map((r) => prisma.report.update({ where: { id: r.id }, data: columnsOf(r) })));
    await write();

    const childrenOf = async (code: string) => (await prisma.jurisdiction.findMany({ where: { parentCode: code } })).map((j) => j.code);
    const after = await stats({ j: '53.71', ...range });
    expect(after).not.toEqual(before);
    expectMatches(after, expected(reports, '53.71', FROM, TO, { level: 3, codes: kecamatan }));
    for (const kecamatanCode of [from.kecamatan, '53.71.04']) {
      const actual = await stats({ j: kecamatanCode, ...range, level: 4 });
      expectMatches(actual, expected(reports, kecamatanCode, FROM, TO, { level: 4, codes: await childrenOf(kecamatanCode) }));
    }
    for (const area of [from.area, moved.jurisdictionCode, resolved.jurisdictionCode, rerouted.jurisdictionCode]) {
      expectMatches(await stats({ j: area, ...range, level: 4 }), expected(reports, area, FROM, TO, { level: 4, codes: [area] }));
    }

    for (const [i, r] of changed.entries()) Object.assign(r, saved[i]);
    await write();
    expect(await stats({ j: '53.71', ...range })).toEqual(before);
  });

  it('medians are exact however far apart the middle times are, or however close to a step of the buckets, for the city, a kecamatan and a kelurahan', async () => {
    const { prisma } = aduan.test.database;
    const site = await prisma.site.findUniqueOrThrow({ where: { key: 'demo' } });
    const [first, second] = await prisma.agency.findMany({ orderBy: { slug: 'asc' }, take: 2 });
    const category = await prisma.category.findFirstOrThrow({ orderBy: { code: 'asc' } });
    const area = kelurahanOfOebobo[1]!;
    // A week without other reports, from Monday 2 June 2025, 00:00 in Kupang.
    const monday = new Date('2025-06-01T16:00:00Z');
    const report = (n: number, agency: typeof first, responseMs: number, resolutionMs?: number): GenReport => {
      const submittedAt = new Date(monday.getTime() + n * HOUR);
      const actor = `staff-${agency!.slug}`;
      const events: GenEvent[] = [
        { kind: 'SUBMITTED', at: submittedAt, status: 'RECEIVED', actor: 'resident' },
        { kind: 'STATUS_CHANGED', at: new Date(submittedAt.getTime() + responseMs), status: 'ACKNOWLEDGED', actor },
      ];
      if (resolutionMs) events.push({ kind: 'STATUS_CHANGED', at: new Date(submittedAt.getTime() + resolutionMs), status: 'RESOLVED', actor });
      return {
        id: `00000000-0000-4000-8000-${String(900 + n).padStart(12, '0')}`,
        ...{ categoryId: category.id, categoryCode: category.code, agencyId: agency!.id, agencySlug: agency!.slug, jurisdictionCode: area },
        ...{ submittedAt, dueAt: new Date(submittedAt.getTime() + 48 * HOUR), status: events.at(-1)!.status, events },
      };
    };
    const added = [
      // One and ten hours: the median is halfway, in neither one's bucket.
      report(1, first, HOUR, 30 * HOUR),
      report(2, first, 10 * HOUR, 300 * HOUR),
      // 3,840 s is where a bucket starts: a millisecond either side of it.
      report(3, second, 3_839_999),
      report(4, second, 3_840_000),
      report(5, second, 3_840_001),
    ];
    await store(prisma, site.id, added);
    reports.push(...added);

    const week = new Date(monday.getTime() + 7 * 24 * HOUR);
    for (const [from, to] of [
      [monday, week],
      [new Date(monday.getTime() + 30 * 60_000), new Date(week.getTime() - 30 * 60_000)],
    ] as const) {
      const range = { from: from.toISOString(), to: to.toISOString() };
      const scopes: [string, { level: number; codes: string[] }][] = [
        ['53.71', { level: 3, codes: kecamatan }],
        ['53.71.04', { level: 4, codes: kelurahanOfOebobo }],
        [area, { level: 4, codes: [area] }],
      ];
      for (const [scope, areas] of scopes) {
        const actual = await stats({ j: scope, ...range, level: areas.level });
        expectMatches(actual, expected(reports, scope, from, to, areas));
        const medians = Object.fromEntries(actual.agencies.map((a: any) => [a.agency.slug, [a.medianHoursToFirstResponse, a.medianHoursToResolution]]));
        expect(medians).toEqual({ [first!.slug]: [5.5, 165], [second!.slug]: [3840 / 3600, null] });
      }
    }
  });

  it('defaults to the last 365 days up to now', async () => {
    const actual = await stats({ j: '53.71' });
    expect(actual.to).toBe(NOW.toISOString());
    expect(actual.from).toBe(new Date(NOW.getTime() - 365 * 24 * HOUR).toISOString());
    expectMatches(actual, expected(reports, '53.71', new Date(actual.from), NOW, { level: 3, codes: kecamatan }));
  });

  it("the migration's backfill derives the same Report columns from the events", async () => {
    const { prisma } = aduan.test.database;
    const dir = join(import.meta.dirname, '../../../prisma/migrations');
    const name = readdirSync(dir).find((d) => d.endsWith('_report_response_times'))!;
    const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
    const backfill = sql.slice(sql.indexOf('UPDATE "Report"'));
    expect(backfill).toMatch(/^UPDATE "Report" r/);
    const columns = { id: true, firstRespondedAt: true, resolvedAt: true, rerouteCount: true } as const;
    const seeded = await prisma.report.findMany({ select: columns, orderBy: { id: 'asc' } });
    expect(seeded.filter((r) => r.firstRespondedAt && r.resolvedAt && r.rerouteCount > 0).length).toBeGreaterThan(5);
    await prisma.report.updateMany({ data: { firstRespondedAt: null, resolvedAt: null, rerouteCount: 0 } });
    await prisma.$executeRawUnsafe(backfill);
    expect(await prisma.report.findMany({ select: columns, orderBy: { id: 'asc' } })).toEqual(seeded);
  });

  it("the statistics_indexes migration's backfill derives the same durations as the workflow", async () => {
    const { prisma } = aduan.test.database;
    const dir = join(import.meta.dirname, '../../../prisma/migrations');
    const name = readdirSync(dir).find((d) => d.endsWith('_statistics_indexes'))!;
    const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
    const backfill = sql.slice(sql.indexOf('UPDATE "Report"'), sql.indexOf(';', sql.indexOf('UPDATE "Report"')) + 1);
    const columns = { id: true, firstResponseSeconds: true, resolutionSeconds: true } as const;
    const seeded = await prisma.report.findMany({ select: columns, orderBy: { id: 'asc' } });
    expect(seeded.filter((r) => r.firstResponseSeconds !== null && r.resolutionSeconds !== null).length).toBeGreaterThan(5);
    await prisma.report.updateMany({ data: { firstResponseSeconds: null, resolutionSeconds: null } });
    await prisma.$executeRawUnsafe(backfill);
    expect(await prisma.report.findMany({ select: columns, orderBy: { id: 'asc' } })).toEqual(seeded);
  });

  it('refuses an unknown area and a bad range with typed errors', async () => {
    const refused = async (variables: Record<string, unknown>, code: string) => {
      const response = await aduan.gql(
        `query($j: String, $from: DateTime, $to: DateTime) { statistics(jurisdictionCode: $j, from: $from, to: $to) { total } }`,
        variables,
      );
      expect(response.data?.statistics ?? null).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    };
    await refused({ j: '99.99' }, 'UNKNOWN_JURISDICTION');
    await refused({ j: '53.71', from: TO.toISOString(), to: FROM.toISOString() }, 'INVALID_RANGE');
    await refused({ j: '53.71', from: TO.toISOString(), to: TO.toISOString() }, 'INVALID_RANGE');
    await refused({ from: '2020-01-01T00:00:00Z', to: '2025-01-01T00:00:01Z' }, 'INVALID_RANGE');
    await refused({ from: '2027-01-01T00:00:00Z' }, 'INVALID_RANGE'); // after now, and `to` defaults to now
    const fiveYears = await aduan.gql(`{ statistics(from: "2020-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { total } }`);
    expect(fiveYears.errors).toBeUndefined();
    const level = await aduan.gql(`{ statistics(jurisdictionCode: "53.71") { byArea(level: 7) { count } } }`);
    expect(level.errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_LEVEL']);
  });

  it('the tally the triggers keep equals a recount after every kind of write, and folding it changes no number', async () => {
    const { prisma } = aduan.test.database;
    const city = { j: '53.71', from: FROM.toISOString(), to: TO.toISOString() };
    const before = await stats(city);
    expect(await tallySums(prisma)).toEqual(await recount(prisma));
    // Every first response and resolution is in the duration rows of its kecamatan and its city
    // (not of a kelurahan), where medians find their bucket.
    const durations = await prisma.$queryRaw<{ code: string; responded: number; resolved: number }[]>`
      SELECT "jurisdictionCode" AS code, sum(responded)::int AS responded, sum(resolved)::int AS resolved
      FROM "ReportTally" WHERE dimension = 'duration' GROUP BY 1`;
    const under = (code: string) => reports.filter((r) => r.jurisdictionCode === code || r.jurisdictionCode.startsWith(`${code}.`));
    const counted = ['53.71', ...kecamatan].map((code) => ({
      code,
      responded: under(code).filter((r) => deriveMilestones(r.events).firstRespondedAt).length,
      resolved: under(code).filter((r) => deriveMilestones(r.events).resolvedAt).length,
    }));
    const byCode = (x: { code: string }, y: { code: string }) => (x.code < y.code ? -1 : 1);
    expect(durations.sort(byCode)).toEqual(counted.filter((c) => c.responded + c.resolved > 0).sort(byCode));

    // Writes as the workflow, Open311 and an erasure make them: one row, many rows, a delete.
    const rows = await prisma.report.findMany({ orderBy: { id: 'asc' }, take: 40 });
    const [first, second, gone] = rows;
    await prisma.report.update({ where: { id: first!.id }, data: { status: 'IN_PROGRESS', firstRespondedAt: NOW, rerouteCount: { increment: 1 } } });
    await prisma.report.update({ where: { id: second!.id }, data: { agencyId: first!.agencyId, resolvedAt: NOW, status: 'RESOLVED' } });
    await prisma.report.updateMany({ where: { id: { in: rows.slice(3).map((r) => r.id) } }, data: { status: 'CLOSED' } });
    await prisma.report.updateMany({ where: { id: { in: rows.slice(3, 10).map((r) => r.id) } }, data: { updatedAt: NOW } }); // counts nothing
    const events = await prisma.reportEvent.findMany({ where: { reportId: gone!.id } });
    await prisma.report.delete({ where: { id: gone!.id } });
    expect(await tallySums(prisma)).toEqual(await recount(prisma));
    expect((await stats(city)).total).toBe(before.total - 1);

    // Put everything back: the same numbers as before, to the last median.
    await prisma.report.create({ data: gone! as never });
    await prisma.reportEvent.createMany({ data: events as never });
    for (const row of rows) await prisma.report.update({ where: { id: row.id }, data: row as never });
    expect(await tallySums(prisma)).toEqual(await recount(prisma));
    expect(await stats(city)).toEqual(before);

    const keys = (await recount(prisma)).length;
    expect(await prisma.reportTally.count()).toBeGreaterThan(keys);
    expect(await foldTally(prisma)).toBeGreaterThan(keys);
    expect(await prisma.reportTally.count()).toBe(keys);
    expect(await prisma.reportTally.count({ where: { merged: false } })).toBe(0);
    expect(await foldTally(prisma)).toBe(0);
    expect(await stats(city)).toEqual(before);
  });

  it("a new time zone for the city moves its reports' weeks, through `aduan config apply`", async () => {
    const { prisma } = aduan.test.database;
    const city = { j: '53.71', from: FROM.toISOString(), to: TO.toISOString() };
    const before = await stats(city);
    const tallyBefore = await tallySums(prisma);
    const apply = async (timeZone: string) => {
      const loaded = await loadCityConfig(demoCityPath);
      const kupang = loaded.config.jurisdictions.find((j) => j.code === '53.71')!;
      (kupang as { timeZone?: string }).timeZone = timeZone;
      await applyCityConfig(prisma, loaded);
    };
    // Kupang on Jayapura's clock (UTC+9): reports from Sunday 15:00 to 16:00 UTC fall on Monday.
    await apply('Asia/Jayapura');
    const moved = await tallySums(prisma);
    expect(moved).toEqual(await recount(prisma));
    expect(moved).not.toEqual(tallyBefore);
    const after = await stats(city);
    expect(after.timeZone).toBe('Asia/Jayapura');
    expect(after.total).toBe(before.total);
    await apply(ZONE);
    expect(await tallySums(prisma)).toEqual(tallyBefore);
    expect(await stats(city)).toEqual(before);
  });
});

type TallyKey = [string, string, string, string, ...number[]];

/** What the tally holds, summed per key: the figures statistics read. */
async function tallySums(prisma: PrismaClient): Promise<TallyKey[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT to_char("weekOf", 'YYYY-MM-DD') AS week, "jurisdictionCode" AS code, dimension, value,
           sum(reports)::int AS a, sum(responded)::int AS b, sum(resolved)::int AS c, sum("withinDeadline")::int AS d,
           sum(reroutes)::int AS e, sum("open")::int AS f, sum(unanswered)::int AS g
    FROM "ReportTally" GROUP BY 1, 2, 3, 4
    HAVING sum(reports) <> 0 OR sum(responded) <> 0 OR sum(resolved) <> 0 OR sum("withinDeadline") <> 0
        OR sum(reroutes) <> 0 OR sum("open") <> 0 OR sum(unanswered) <> 0
    ORDER BY 1, 2, 3, 4`;
  return rows.map((r) => Object.values(r) as TallyKey);
}

/** The same, counted afresh from every report as it is now. */
async function recount(prisma: PrismaClient): Promise<TallyKey[]> {
  const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
    SELECT to_char(t."weekOf", 'YYYY-MM-DD') AS week, s.code, t.dimension, t.value,
           sum(t.reports)::int AS a, sum(t.responded)::int AS b, sum(t.resolved)::int AS c, sum(t."withinDeadline")::int AS d,
           sum(t.reroutes)::int AS e, sum(t."open")::int AS f, sum(t.unanswered)::int AS g
    FROM "Report" r
    CROSS JOIN LATERAL aduan_tally_areas(r."jurisdictionCode") a
    CROSS JOIN LATERAL aduan_report_tally(a.zone, a.areas, a."durationAreas", 1, r."submittedAt", r."jurisdictionCode", r."categoryId",
      r."agencyId", r.status, r."dueAt", r."firstRespondedAt", r."resolvedAt", r."rerouteCount", r."firstResponseSeconds", r."resolutionSeconds") t
    CROSS JOIN LATERAL unnest(t.areas) s(code)
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;
  return rows.map((r) => Object.values(r) as TallyKey);
}

describe('Statistics privacy', () => {
  const FORBIDDEN =
    /reporter|name$|email|phone|contact|lat$|lng$|^lat|^lng|point|location|coordinates|description|placeText|internal|idempotency|site|routingDecision|photo|trackingCode|^id$/i;
  const ALLOWED = new Set([
    'StatisticsArea.name',
    'StatisticsArea.displayName',
    'StatisticsCategory.name',
    'StatisticsAgency.name',
    'StatisticsAgency.shortName',
    // An area's own place (a point well inside its boundary), computed from the boundary alone.
    'StatisticsArea.labelPoint',
    'MapPoint.lat',
    'MapPoint.lng',
  ]);

  it('reaches no identity, contact, point, text, photo, internal note or single report', () => {
    const seen = new Set<string>();
    const fields: { path: string; type: string; field: string }[] = [];
    const visit = (type: GraphQLNamedType, path: string) => {
      if (!isObjectType(type) || seen.has(type.name)) return;
      seen.add(type.name);
      for (const field of Object.values(type.getFields())) {
        fields.push({ path: `${path}.${field.name}`, type: type.name, field: field.name });
        visit(getNamedType(field.type), `${path}.${field.name}`);
      }
    };
    const statistics = schema.getType('Statistics');
    expect(statistics).toBeDefined();
    visit(statistics!, 'Statistics');
    expect(fields.map((f) => f.path)).toContain('Statistics.agencies.medianHoursToFirstResponse');
    expect(fields.filter((f) => FORBIDDEN.test(f.field) && !ALLOWED.has(`${f.type}.${f.field}`)).map((f) => f.path)).toEqual([]);
    // Only these types: nothing leads back to a report, an event or a person.
    expect([...seen].sort()).toEqual([
      'AgencyPerformance',
      'AreaCount',
      'CategoryCount',
      'MapPoint',
      'Statistics',
      'StatisticsAgency',
      'StatisticsArea',
      'StatisticsCategory',
      'StatusCount',
      'WeekCount',
    ]);
  });
});
