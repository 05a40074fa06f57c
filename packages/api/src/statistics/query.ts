// The statistics of one scope. Counts come from the tally (ReportTally, kept by the
// database's triggers on Report, one row per local week × area × category, status,
// agency or week of resolution) for the whole weeks of the range, and from the reports
// themselves for the partial weeks at either end; both feed one GROUP BY, so a range
// of a year reads some tens of thousands of tally rows instead of every report.
// Alongside it, one statement reads what the tally cannot know: reports not yet due
// (for "overdue" and "decided", which depend on the clock) and resolutions in the
// range's last partial week. Then the per-agency medians walk the duration indexes
// Report(agencyId, firstResponseSeconds | resolutionSeconds, …) to the middle row,
// exactly. Every value is a bound parameter.
import { OPEN_STATUSES, REPORT_STATUSES } from '@aduan/core';
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { StatisticsScope, ZoneGroup } from './scope.js';
import { planWeeks, weeksTouched, type EdgeRange, type WeekPlan } from './weeks.js';

export { OPEN_STATUSES };

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
  /** Of those, the reports still open now (RECEIVED, ACKNOWLEDGED, IN_PROGRESS). */
  openByJurisdictionCode: Map<string, number>;
  byStatus: Map<string, number>;
  agencies: AgencyRow[];
  weekly: WeekRow[];
}

/**
 * The tally rows the reports of one partial week would have added, computed from the
 * reports: one pass, a GROUP BY per dimension. The measures are those of
 * aduan_report_tally() in the migration that keeps the tally (the tests compare the
 * two); reading the covering index Report(submittedAt, jurisdictionCode, categoryId,
 * agencyId, status, dueAt, firstRespondedAt, resolvedAt, rerouteCount) only.
 */
function edgeTally(zone: ZonePlan, edge: EdgeRange): Prisma.Sql {
  const dimension = Prisma.sql`CASE GROUPING(r."categoryId", r.status, r."agencyId", w.resolved)
    WHEN 7 THEN 'category' WHEN 11 THEN 'status' WHEN 13 THEN 'agency' ELSE 'resolvedWeek' END`;
  return Prisma.sql`
    SELECT * FROM (
      SELECT ${edge.monday}::date AS "weekOf", r."jurisdictionCode", ${dimension} AS dimension,
             coalesce(r."categoryId", r.status::text, r."agencyId", w.resolved) AS value,
             count(*)::int AS reports,
             count(r."firstRespondedAt")::int AS responded,
             count(r."resolvedAt")::int AS resolved,
             count(*) FILTER (WHERE r."firstRespondedAt" <= r."dueAt")::int AS "withinDeadline",
             sum(r."rerouteCount")::int AS reroutes,
             count(*) FILTER (WHERE r.status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'))::int AS "open",
             count(*) FILTER (WHERE r."firstRespondedAt" IS NULL)::int AS unanswered
      FROM "Report" r
      CROSS JOIN LATERAL (SELECT to_char(aduan_local_week(r."resolvedAt", ${zone.group.timeZone}::text), 'YYYY-MM-DD') AS resolved) w
      WHERE r."submittedAt" >= ${utc(edge.from)} AND r."submittedAt" < ${utc(edge.to)}
        AND ${inAreas(Prisma.sql`r."jurisdictionCode"`, zone.group.codes)}
      GROUP BY GROUPING SETS ((r."jurisdictionCode", r."categoryId"), (r."jurisdictionCode", r.status),
                              (r."jurisdictionCode", r."agencyId"), (r."jurisdictionCode", w.resolved))) edge
    WHERE value IS NOT NULL AND NOT (dimension = 'resolvedWeek' AND value >= ${zone.cutoffMonday})`;
}

/** One zone's areas with the way the range splits over their weeks. */
interface ZonePlan extends WeekPlan {
  group: ZoneGroup;
}

export async function queryStatistics(prisma: PrismaClient, scope: StatisticsScope): Promise<StatisticsData> {
  const zones: ZonePlan[] = scope.zones.map((group) => ({ group, ...planWeeks(scope.from, scope.to, group.timeZone) }));
  const [tally, pending] = await Promise.all([readTally(prisma, zones), readPending(prisma, scope, zones)]);
  const data = assemble(scope, tally, pending);
  await addMedians(prisma, scope, data.agencies);
  return data;
}

// The columns are `timestamp(3)` holding UTC, so an instant goes in as its UTC wall
// time typed as a timestamp: a plain value the planner can see (good row estimates,
// so parallel plans), not a time-zone conversion evaluated per row.
const utc = (date: Date) => Prisma.sql`${date.toISOString().slice(0, 23).replace('T', ' ')}::timestamp`;

/**
 * Runs one statistics statement with enough memory for its hash tables and without
 * JIT compilation, which costs more than it saves at this size. SET LOCAL ends with
 * the transaction.
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

/**
 * `column` is one of `codes`, or true when codes is null (every area). A hashed
 * semi-join: `= ANY($array)` would compare each row with every code in turn.
 */
function inAreas(column: Prisma.Sql, codes: string[] | null): Prisma.Sql {
  return codes ? Prisma.sql`${column} IN (SELECT unnest(${codes}::text[]))` : Prisma.sql`true`;
}

/**
 * The scope's reports: received in [from, to), in the area and below. `hashed` as in
 * inAreas; plain `= ANY` where each row is one index probe away (the median walks,
 * where a hash join would read the whole range before the OFFSET could stop early).
 */
function inScope(scope: StatisticsScope, hashed = true): Prisma.Sql {
  const range = Prisma.sql`r."submittedAt" >= ${utc(scope.from)} AND r."submittedAt" < ${utc(scope.to)}`;
  if (!scope.areaFilter) return range;
  if (hashed) return Prisma.sql`${range} AND ${inAreas(Prisma.sql`r."jurisdictionCode"`, scope.areaFilter)}`;
  return Prisma.sql`${range} AND r."jurisdictionCode" = ANY(${scope.areaFilter}::text[])`;
}

interface TallyRow {
  /** Which grouping: 3 (dimension, value), 5 (dimension, area), 6 (dimension, week). */
  grouping: number;
  dimension: 'category' | 'status' | 'agency' | 'resolvedWeek';
  value: string | null;
  jurisdictionCode: string | null;
  weekOf: string | null;
  reports: bigint | number;
  responded: bigint | number;
  resolved: bigint | number;
  withinDeadline: bigint | number;
  reroutes: bigint | number;
  open: bigint | number;
  unanswered: bigint | number;
}

const TALLY_COLUMNS = Prisma.raw(
  '"weekOf", "jurisdictionCode", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered',
);

async function readTally(prisma: PrismaClient, zones: ZonePlan[]): Promise<TallyRow[]> {
  const parts: Prisma.Sql[] = [];
  for (const zone of zones) {
    // Resolution weeks from the cutoff on are counted from the reports (readPending).
    const beforeCutoff = Prisma.sql`NOT (dimension = 'resolvedWeek' AND value >= ${zone.cutoffMonday})`;
    if (zone.tallyWeeks) {
      parts.push(Prisma.sql`
        SELECT ${TALLY_COLUMNS} FROM "ReportTally"
        WHERE "weekOf" >= ${zone.tallyWeeks.fromMonday}::date AND "weekOf" < ${zone.tallyWeeks.toMonday}::date
          AND ${inAreas(Prisma.sql`"jurisdictionCode"`, zone.group.codes)} AND ${beforeCutoff}`);
    }
    for (const edge of zone.edges) parts.push(edgeTally(zone, edge));
  }
  return withStatisticsSettings<TallyRow[]>(
    prisma,
    Prisma.sql`
    SELECT GROUPING(value, "jurisdictionCode", "weekOf")::int AS grouping, dimension, value, "jurisdictionCode",
           to_char("weekOf", 'YYYY-MM-DD') AS "weekOf",
           sum(reports) AS reports, sum(responded) AS responded, sum(resolved) AS resolved,
           sum("withinDeadline") AS "withinDeadline", sum(reroutes) AS reroutes, sum("open") AS "open",
           sum(unanswered) AS unanswered
    FROM (${Prisma.join(parts, ' UNION ALL ')}) t
    GROUP BY GROUPING SETS ((dimension, value), (dimension, "jurisdictionCode"), (dimension, "weekOf"))`,
  );
}

interface PendingRow {
  kind: 'notYetDue' | 'resolvedLate';
  /** An agency id (notYetDue) or the Monday of a week of resolution (resolvedLate). */
  key: string;
  a: bigint | number;
  b: bigint | number;
}

/**
 * What the tally cannot know: per agency, reports not yet due that are still open
 * (a) or not yet answered (b) — few, since only recent reports are due in the future;
 * and per week, resolutions from each zone's cutoff to `to`.
 */
async function readPending(prisma: PrismaClient, scope: StatisticsScope, zones: ZonePlan[]): Promise<PendingRow[]> {
  const now = utc(scope.now);
  const open = Prisma.join(OPEN_STATUSES.map((s) => Prisma.sql`${s}::"ReportStatus"`));
  const every = Prisma.join(REPORT_STATUSES.map((s) => Prisma.sql`${s}::"ReportStatus"`));
  const parts: Prisma.Sql[] = [
    // Every status listed, so Report(status, dueAt) serves the range on dueAt.
    Prisma.sql`
      SELECT 'notYetDue' AS kind, r."agencyId" AS key,
             count(*) FILTER (WHERE r.status IN (${open})) AS a, count(*) FILTER (WHERE r."firstRespondedAt" IS NULL) AS b
      FROM "Report" r
      WHERE r.status IN (${every}) AND r."dueAt" >= ${now} AND ${inScope(scope)}
      GROUP BY r."agencyId"`,
  ];
  for (const zone of zones) {
    if (zone.resolvedCutoff >= scope.to) continue;
    parts.push(Prisma.sql`
      SELECT 'resolvedLate' AS kind, to_char(aduan_local_week(r."resolvedAt", ${zone.group.timeZone}::text), 'YYYY-MM-DD') AS key,
             count(*) AS a, 0 AS b
      FROM "Report" r
      WHERE r."resolvedAt" >= ${utc(zone.resolvedCutoff)} AND r."resolvedAt" < ${utc(scope.to)}
        AND r."submittedAt" >= ${utc(scope.from)} AND r."submittedAt" < ${utc(scope.to)}
        AND ${inAreas(Prisma.sql`r."jurisdictionCode"`, zone.group.codes)}
      GROUP BY 2`);
  }
  return withStatisticsSettings<PendingRow[]>(prisma, Prisma.join(parts, ' UNION ALL '));
}

function assemble(scope: StatisticsScope, tally: TallyRow[], pending: PendingRow[]): StatisticsData {
  const byCategory: { categoryId: string; count: number }[] = [];
  const byJurisdictionCode = new Map<string, number>();
  const openByJurisdictionCode = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const agencies: AgencyRow[] = [];
  const receivedByWeek = new Map<string, number>();
  const resolvedByWeek = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const notYetDue = new Map(pending.filter((p) => p.kind === 'notYetDue').map((p) => [p.key, p]));
  for (const p of pending) if (p.kind === 'resolvedLate') add(resolvedByWeek, p.key, num(p.a));

  let total = 0;
  for (const row of tally) {
    const n = num(row.reports);
    if (row.grouping === 5) {
      if (row.dimension === 'status' && n !== 0) add(byJurisdictionCode, row.jurisdictionCode!, n);
      // The tally keeps the open measure on the agency rows (every report has an agency).
      if (row.dimension === 'agency' && num(row.open) !== 0) add(openByJurisdictionCode, row.jurisdictionCode!, num(row.open));
    } else if (row.grouping === 6) {
      if (row.dimension === 'status') add(receivedByWeek, row.weekOf!, n);
    } else if (row.dimension === 'status') {
      total += n;
      byStatus.set(row.value!, n);
    } else if (row.dimension === 'category') {
      if (n > 0) byCategory.push({ categoryId: row.value!, count: n });
    } else if (row.dimension === 'resolvedWeek') {
      add(resolvedByWeek, row.value!, n);
    } else if (n > 0) {
      const due = notYetDue.get(row.value!);
      const responded = num(row.responded);
      agencies.push({
        agencyId: row.value!,
        received: n,
        responded,
        medianSecondsToFirstResponse: null,
        resolved: num(row.resolved),
        medianSecondsToResolution: null,
        answeredWithinDeadline: num(row.withinDeadline),
        deadlineDecided: responded + num(row.unanswered) - num(due?.b ?? 0),
        reroutes: num(row.reroutes),
        openOverdue: num(row.open) - num(due?.a ?? 0),
      });
    }
  }

  const weeks = weeksTouched(scope.from, scope.to, scope.timeZone);
  const weekly: WeekRow[] = weeks.map((w) => ({ ...w, received: 0, resolved: 0 }));
  const at = new Map(weekly.map((w, i) => [w.startsOn, i]));
  // A week of an area in another zone than the scope's starts on the same Monday; only at
  // the range's ends can it fall outside the scope's weeks, and then counts in the nearest.
  const into = (monday: string) => weekly[at.get(monday) ?? (monday < weekly[0]!.startsOn ? 0 : weekly.length - 1)]!;
  for (const [monday, n] of receivedByWeek) into(monday).received += n;
  for (const [monday, n] of resolvedByWeek) into(monday).resolved += n;
  return { total, byCategoryId: byCategory, byJurisdictionCode, openByJurisdictionCode, byStatus, agencies, weekly };
}

interface MiddleRow {
  agencyId: string;
  kind: 'response' | 'resolution';
  middle: number[] | null;
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
          WHERE r."agencyId" = a.agency AND r.${column} IS NOT NULL AND ${inScope(scope, false)}
          ORDER BY r.${column}
          OFFSET a.skip LIMIT 2) t) m`;
  };
  const parts = [lookups('response', Prisma.raw('"firstResponseSeconds"')), lookups('resolution', Prisma.raw('"resolutionSeconds"'))].filter(
    (part): part is Prisma.Sql => part !== null,
  );
  // One statement each, so a second pool connection can walk the other index meanwhile.
  const rows = (await Promise.all(parts.map((part) => withStatisticsSettings<MiddleRow[]>(prisma, part)))).flat();
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
