// The statistics of one scope, in three statements that each read an index and
// never sort the reports:
//  - counts: one GROUP BY over (category, agency, area, status) read from the
//    covering Report(submittedAt, jurisdictionCode, …) index, folded here into the
//    per-category, per-area, per-status and per-agency figures;
//  - the weekly series: one range count per local week, on Report(submittedAt, …)
//    for reports received and Report(resolvedAt, …) for reports resolved;
//  - per-agency medians: Report(agencyId, firstResponseSeconds | resolutionSeconds, …)
//    walked in order to the middle row of the scope (OFFSET), after the counts.
// The per-report milestones are columns kept current by the workflow with the rule
// in ./milestones.ts, so no event is read. The first two statements run side by
// side when the pool has two connections. Every value is a bound parameter.
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { StatisticsScope } from './scope.js';

/** Statuses in which a report is still owed an answer. */
export const OPEN_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] as const;

export interface AgencyRow {
  agencyId: string;
  received: number;
  responded: number;
  /** Median seconds from submission to the first response; null when none responded. */
  medianSecondsToFirstResponse: number | null;
  resolved: number;
  medianSecondsToResolution: number | null;
  answeredWithinDeadline: number;
  deadlineDecided: number;
  reroutes: number;
  openOverdue: number;
}

export interface WeekRow {
  /** ISO week, e.g. `2026-W05`. */
  week: string;
  /** The Monday it starts on, in the scope's time zone (`YYYY-MM-DD`). */
  startsOn: string;
  /** The instant that Monday begins in the scope's time zone. */
  startsAt: Date;
  received: number;
  resolved: number;
}

export interface StatisticsData {
  total: number;
  byCategoryId: { categoryId: string; count: number }[];
  /** Counts by the jurisdiction each report was routed by (rolled up later). */
  byJurisdictionCode: Map<string, number>;
  byStatus: Map<string, number>;
  agencies: AgencyRow[];
  weekly: WeekRow[];
}

interface CountRow {
  categoryId: string;
  agencyId: string;
  jurisdictionCode: string;
  status: string;
  n: bigint | number;
  responded: bigint | number;
  resolved: bigint | number;
  within: bigint | number;
  decided: bigint | number;
  overdue: bigint | number;
  reroutes: bigint | number | null;
}

interface WeekSqlRow {
  startsOn: string;
  week: string;
  startsAt: string;
  received: bigint | number;
  resolved: bigint | number;
}

interface MiddleRow {
  agencyId: string;
  kind: 'response' | 'resolution';
  middle: number[] | null;
}

export async function queryStatistics(prisma: PrismaClient, scope: StatisticsScope): Promise<StatisticsData> {
  const [counts, weekly] = await Promise.all([countReports(prisma, scope), weeklySeries(prisma, scope)]);
  await addMedians(prisma, scope, counts.agencies);
  return { ...counts, weekly };
}

// Report timestamps are `timestamp(3)` holding UTC. Instants go in as ISO text
// and are turned into UTC timestamps here, whatever the session's TimeZone.
// The columns are `timestamp(3)` holding UTC, so an instant goes in as its UTC wall
// time typed as a timestamp: a plain value the planner can see (good row estimates,
// so parallel plans), not a time-zone conversion evaluated per row.
const utc = (date: Date) => Prisma.sql`${date.toISOString().slice(0, 23).replace('T', ' ')}::timestamp`;

/**
 * Runs one statistics statement with enough memory for its hash tables (the
 * default 4 MB makes PostgreSQL sort a million rows on disk instead) and without
 * JIT compilation, which costs more than it saves at this size. SET LOCAL ends
 * with the transaction.
 */
async function withStatisticsSettings<T>(prisma: PrismaClient, query: Prisma.Sql): Promise<T> {
  const [, , , rows] = await prisma.$transaction([
    prisma.$executeRawUnsafe("SET LOCAL work_mem = '32MB'"),
    prisma.$executeRawUnsafe('SET LOCAL jit = off'),
    // Plan with the actual range every time: a cached generic plan guesses the row count.
    prisma.$executeRawUnsafe('SET LOCAL plan_cache_mode = force_custom_plan'),
    prisma.$queryRaw<T>(query),
  ]);
  return rows as T;
}

/** The scope's reports: received in [from, to), in the area and below. */
function inScope(scope: StatisticsScope): Prisma.Sql {
  const area = scope.codes ? Prisma.sql`AND r."jurisdictionCode" = ANY(${scope.codes}::text[])` : Prisma.empty;
  return Prisma.sql`r."submittedAt" >= ${utc(scope.from)} AND r."submittedAt" < ${utc(scope.to)} ${area}`;
}

async function countReports(prisma: PrismaClient, scope: StatisticsScope): Promise<Omit<StatisticsData, 'weekly'>> {
  const now = utc(scope.now);
  const open = Prisma.join(OPEN_STATUSES.map((s) => Prisma.sql`${s}::"ReportStatus"`));
  const rows = await withStatisticsSettings<CountRow[]>(prisma, Prisma.sql`
    SELECT r."categoryId", r."agencyId", r."jurisdictionCode", r.status,
           count(*) AS n,
           count(r."firstRespondedAt") AS responded,
           count(r."resolvedAt") AS resolved,
           count(*) FILTER (WHERE r."firstRespondedAt" <= r."dueAt") AS within,
           count(*) FILTER (WHERE r."firstRespondedAt" IS NOT NULL OR r."dueAt" < ${now}) AS decided,
           count(*) FILTER (WHERE r.status IN (${open}) AND r."dueAt" < ${now}) AS overdue,
           sum(r."rerouteCount") AS reroutes
    FROM "Report" r
    WHERE ${inScope(scope)}
    GROUP BY r."categoryId", r."agencyId", r."jurisdictionCode", r.status`);

  const byCategory = new Map<string, number>();
  const byJurisdictionCode = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const agencies = new Map<string, AgencyRow>();
  let total = 0;
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  for (const row of rows) {
    const n = num(row.n);
    total += n;
    add(byCategory, row.categoryId, n);
    add(byJurisdictionCode, row.jurisdictionCode, n);
    add(byStatus, row.status, n);
    let agency = agencies.get(row.agencyId);
    if (!agency) {
      agency = {
        agencyId: row.agencyId,
        received: 0,
        responded: 0,
        medianSecondsToFirstResponse: null,
        resolved: 0,
        medianSecondsToResolution: null,
        answeredWithinDeadline: 0,
        deadlineDecided: 0,
        reroutes: 0,
        openOverdue: 0,
      };
      agencies.set(row.agencyId, agency);
    }
    agency.received += n;
    agency.responded += num(row.responded);
    agency.resolved += num(row.resolved);
    agency.answeredWithinDeadline += num(row.within);
    agency.deadlineDecided += num(row.decided);
    agency.openOverdue += num(row.overdue);
    agency.reroutes += num(row.reroutes);
  }
  return {
    total,
    byCategoryId: [...byCategory].map(([categoryId, count]) => ({ categoryId, count })),
    byJurisdictionCode,
    byStatus,
    agencies: [...agencies.values()],
  };
}

async function weeklySeries(prisma: PrismaClient, scope: StatisticsScope): Promise<WeekRow[]> {
  const zone = scope.timeZone;
  // The local Monday 00:00 of the week an instant falls in, as a local timestamp.
  const localWeek = (date: Date) => Prisma.sql`date_trunc('week', ${date.toISOString()}::timestamptz AT TIME ZONE ${zone}::text)`;
  // A local timestamp back to the UTC timestamp the Report columns hold.
  const toUtc = (local: Prisma.Sql) => Prisma.sql`((${local}) AT TIME ZONE ${zone}::text) AT TIME ZONE 'UTC'`;
  const from = utc(scope.from);
  const to = utc(scope.to);
  const area = scope.codes ? Prisma.sql`AND r."jurisdictionCode" = ANY(${scope.codes}::text[])` : Prisma.empty;
  const rows = await withStatisticsSettings<WeekSqlRow[]>(prisma, Prisma.sql`
    WITH weeks AS (
      SELECT week, ${toUtc(Prisma.sql`week`)} AS starts, ${toUtc(Prisma.sql`week + interval '1 week'`)} AS ends
      FROM generate_series(${localWeek(scope.from)}, ${localWeek(new Date(scope.to.getTime() - 1))}, interval '1 week') AS week
    ),
    clipped AS (
      SELECT week, starts, greatest(starts, ${from}) AS lo, least(ends, ${to}) AS hi FROM weeks
    )
    SELECT to_char(w.week, 'YYYY-MM-DD') AS "startsOn",
           to_char(w.week, 'IYYY-"W"IW') AS week,
           to_char(w.starts, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startsAt",
           (SELECT count(*) FROM "Report" r
             WHERE r."submittedAt" >= w.lo AND r."submittedAt" < w.hi ${area}) AS received,
           (SELECT count(*) FROM "Report" r
             WHERE r."resolvedAt" >= w.lo AND r."resolvedAt" < w.hi AND ${inScope(scope)}) AS resolved
    FROM clipped w
    ORDER BY w.week`);
  return rows.map((row) => ({
    startsOn: row.startsOn,
    week: row.week,
    startsAt: new Date(row.startsAt),
    received: num(row.received),
    resolved: num(row.resolved),
  }));
}

/**
 * The exact median (percentile_cont 0.5) of each agency's response and resolution
 * times: with n values in scope, the middle one or two sit at offset ⌊(n−1)/2⌋ of
 * the agency's durations in ascending order, which the index hands out in order.
 */
async function addMedians(prisma: PrismaClient, scope: StatisticsScope, agencies: AgencyRow[]): Promise<void> {
  const wanted = agencies.flatMap((agency) => [
    ...(agency.responded > 0 ? [{ agency, kind: 'response' as const, n: agency.responded }] : []),
    ...(agency.resolved > 0 ? [{ agency, kind: 'resolution' as const, n: agency.resolved }] : []),
  ]);
  if (wanted.length === 0) return;
  const lookups = (kind: MiddleRow['kind'], column: Prisma.Sql) => {
    const targets = wanted.filter((w) => w.kind === kind);
    if (targets.length === 0) return null;
    const values = Prisma.join(targets.map((w) => Prisma.sql`(${w.agency.agencyId}::text, ${Math.floor((w.n - 1) / 2)}::int)`));
    return Prisma.sql`
      SELECT a.agency AS "agencyId", ${kind}::text AS kind, m.middle
      FROM (VALUES ${values}) AS a(agency, skip)
      CROSS JOIN LATERAL (
        SELECT array_agg(v ORDER BY v) AS middle FROM (
          SELECT r.${column} AS v FROM "Report" r
          WHERE r."agencyId" = a.agency AND r.${column} IS NOT NULL AND ${inScope(scope)}
          ORDER BY r.${column}
          OFFSET a.skip LIMIT 2) t) m`;
  };
  const parts = [
    lookups('response', Prisma.raw('"firstResponseSeconds"')),
    lookups('resolution', Prisma.raw('"resolutionSeconds"')),
  ].filter((part): part is Prisma.Sql => part !== null);
  const rows = await withStatisticsSettings<MiddleRow[]>(prisma, Prisma.sql`${Prisma.join(parts, ' UNION ALL ')}`);
  const byId = new Map(agencies.map((agency) => [agency.agencyId, agency]));
  for (const row of rows) {
    const agency = byId.get(row.agencyId)!;
    const n = row.kind === 'response' ? agency.responded : agency.resolved;
    const median = middleOf(row.middle ?? [], n);
    if (row.kind === 'response') agency.medianSecondsToFirstResponse = median;
    else agency.medianSecondsToResolution = median;
  }
}

/** percentile_cont(0.5) from the one (n odd) or two (n even) middle values. */
function middleOf(middle: number[], n: number): number | null {
  if (middle.length === 0) return null;
  if (n % 2 === 1 || middle.length === 1) return Number(middle[0]);
  const [low, high] = [Number(middle[0]), Number(middle[1])];
  return low + (high - low) * 0.5; // as PostgreSQL interpolates, to the last bit
}

/** COUNT and SUM come back as BigInt; the counts here always fit a double. */
function num(value: bigint | number | null): number {
  return value === null ? 0 : Number(value);
}
