// Reading the tally for a scope. An area's tally rows count its reports and those of every
// area below it in the same time zone (migration *_statistics_tally_by_area), so the whole
// weeks of a range are the rows of the scope's topmost area in each zone, read from the
// index ReportTally(jurisdictionCode, dimension, weekOf, …every measure) alone. The partial
// weeks at either end are counted from the reports themselves, as the rows they would have
// added. Counts and durations are two statements, so two pool connections read them at once:
// for a city-year at a million reports, some 5,000 rows of counts and 28,000 of durations.
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { StatisticsScope, ZoneGroup } from './scope.js';
import { inAreas, utc } from './sql.js';
import { planWeeks, type EdgeRange, type WeekPlan } from './weeks.js';

/** One zone's areas with the way the range splits over their weeks. */
export interface ZonePlan extends WeekPlan {
  group: ZoneGroup;
}

export function planZones(scope: StatisticsScope): ZonePlan[] {
  return scope.zones.map((group) => ({ group, ...planWeeks(scope.from, scope.to, group.timeZone) }));
}

export type CountDimension = 'category' | 'status' | 'agency' | 'resolvedWeek' | 'area';
const COUNT_DIMENSIONS: CountDimension[] = ['category', 'status', 'agency', 'resolvedWeek', 'area'];

/**
 * The scope's counts summed by (dimension, value) (`byWeek` false), and its status rows by
 * week (`byWeek` true: every report has one status, so they count the week's reports).
 * Agency rows carry every measure, area rows `open` too.
 */
export interface CountRow {
  byWeek: boolean;
  dimension: CountDimension;
  value: string | null;
  /** `YYYY-MM-DD`, the Monday of a local week; only when byWeek. */
  weekOf: string | null;
  reports: bigint | number;
  responded: bigint | number;
  resolved: bigint | number;
  withinDeadline: bigint | number;
  reroutes: bigint | number;
  open: bigint | number;
  unanswered: bigint | number;
}

/** The scope's first responses (`responded`) and resolutions (`resolved`) by "<agency id> <bucket>". */
export interface DurationRow {
  value: string;
  responded: bigint | number;
  resolved: bigint | number;
}

/** The tally rows of `dimensions` in the zone's whole weeks, at its topmost areas. */
function wholeWeeks(zone: ZonePlan, dimensions: string[], columns: Prisma.Sql): Prisma.Sql | null {
  if (!zone.tallyWeeks || zone.group.roots.length === 0) return null;
  return Prisma.sql`
    SELECT ${columns} FROM "ReportTally"
    WHERE "jurisdictionCode" = ANY(${zone.group.roots}::text[]) AND dimension = ANY(${dimensions}::text[])
      AND "weekOf" >= ${zone.tallyWeeks.fromMonday}::date AND "weekOf" < ${zone.tallyWeeks.toMonday}::date`;
}

/** The zone's reports submitted in `edge`. */
function inEdge(zone: ZonePlan, edge: EdgeRange): Prisma.Sql {
  return Prisma.sql`r."submittedAt" >= ${utc(edge.from)} AND r."submittedAt" < ${utc(edge.to)}
    AND ${inAreas(Prisma.sql`r."jurisdictionCode"`, zone.group.codes)}`;
}

const COUNT_COLUMNS = Prisma.raw('"weekOf", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered');

export async function readCounts(prisma: PrismaClient, zones: ZonePlan[]): Promise<CountRow[]> {
  const parts: Prisma.Sql[] = [];
  for (const zone of zones) {
    const whole = wholeWeeks(zone, COUNT_DIMENSIONS, COUNT_COLUMNS);
    // Resolution weeks from the cutoff on are counted from the reports (pending.ts).
    if (whole) parts.push(Prisma.sql`${whole} AND NOT (dimension = 'resolvedWeek' AND value >= ${zone.cutoffMonday})`);
    for (const edge of zone.edges) parts.push(edgeCounts(zone, edge));
  }
  if (parts.length === 0) return [];
  const rows = await prisma.$queryRaw<(Omit<CountRow, 'byWeek'> & { grouping: number })[]>`
    SELECT GROUPING(value, "weekOf")::int AS grouping, dimension, value, to_char("weekOf", 'YYYY-MM-DD') AS "weekOf",
           sum(reports) AS reports, sum(responded) AS responded, sum(resolved) AS resolved,
           sum("withinDeadline") AS "withinDeadline", sum(reroutes) AS reroutes, sum("open") AS "open",
           sum(unanswered) AS unanswered
    FROM (${Prisma.join(parts, ' UNION ALL ')}) t
    GROUP BY GROUPING SETS ((dimension, value), (dimension, "weekOf"))
    HAVING GROUPING(value, "weekOf") = 1 OR dimension = 'status'`;
  // GROUPING is 1 for (dimension, value), where "weekOf" is rolled up, and 2 for (dimension, "weekOf").
  return rows.map(({ grouping, ...row }) => ({ ...row, byWeek: grouping === 2 }));
}

/**
 * The rows the reports of one partial week would have added to the tally (the rule of
 * aduan_report_tally() in the migrations; the tests compare the two), for the measures
 * statistics read: one pass over the covering index Report(submittedAt, jurisdictionCode,
 * categoryId, agencyId, status, dueAt, firstRespondedAt, resolvedAt, rerouteCount), a
 * grouping set per dimension. Weeks of resolution only where some can come before the
 * cutoff: an edge from the cutoff on has all its resolutions in pending.ts.
 */
function edgeCounts(zone: ZonePlan, edge: EdgeRange): Prisma.Sql {
  const dimension = Prisma.sql`CASE GROUPING(r."categoryId", r.status, r."agencyId", w.resolved, r."jurisdictionCode")
    WHEN 15 THEN 'category' WHEN 23 THEN 'status' WHEN 27 THEN 'agency' WHEN 29 THEN 'resolvedWeek' ELSE 'area' END`;
  const resolved =
    edge.from < zone.resolvedCutoff
      ? Prisma.sql`to_char(aduan_local_week(r."resolvedAt", ${zone.group.timeZone}::text), 'YYYY-MM-DD')`
      : Prisma.sql`NULL::text`;
  return Prisma.sql`
    SELECT * FROM (
      SELECT ${edge.monday}::date AS "weekOf", ${dimension} AS dimension,
             coalesce(r."categoryId", r.status::text, r."agencyId", w.resolved, r."jurisdictionCode") AS value,
             count(*)::int AS reports,
             count(r."firstRespondedAt")::int AS responded,
             count(r."resolvedAt")::int AS resolved,
             count(*) FILTER (WHERE r."firstRespondedAt" <= r."dueAt")::int AS "withinDeadline",
             sum(r."rerouteCount")::int AS reroutes,
             count(*) FILTER (WHERE r.status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'))::int AS "open",
             count(*) FILTER (WHERE r."firstRespondedAt" IS NULL)::int AS unanswered
      FROM "Report" r
      CROSS JOIN LATERAL (SELECT ${resolved} AS resolved) w
      WHERE ${inEdge(zone, edge)}
      GROUP BY GROUPING SETS ((r."categoryId"), (r.status), (r."agencyId"), (w.resolved), (r."jurisdictionCode"))) edge
    WHERE value IS NOT NULL AND NOT (dimension = 'resolvedWeek' AND value >= ${zone.cutoffMonday})`;
}

export async function readDurations(prisma: PrismaClient, zones: ZonePlan[]): Promise<DurationRow[]> {
  const parts: Prisma.Sql[] = [];
  for (const zone of zones) {
    const whole = wholeWeeks(zone, ['duration'], Prisma.raw('value, responded, resolved'));
    if (whole) parts.push(whole);
    for (const edge of zone.edges) parts.push(edgeDurations(zone, edge));
  }
  if (parts.length === 0) return [];
  return prisma.$queryRaw<DurationRow[]>`
    SELECT value, sum(responded) AS responded, sum(resolved) AS resolved
    FROM (${Prisma.join(parts, ' UNION ALL ')}) t
    GROUP BY value`;
}

/**
 * The duration rows of one partial week's reports, from the same covering index, summed by
 * agency and bucket. The times are those stored, `milestoneDurations`' difference of the
 * timestamps in seconds; date_part's double may differ from it in the last bit, which never
 * moves a time to another bucket: the steps are whole seconds, the times whole milliseconds.
 */
function edgeDurations(zone: ZonePlan, edge: EdgeRange): Prisma.Sql {
  const bucket = (at: Prisma.Sql) => Prisma.sql`aduan_duration_bucket(date_part('epoch', ${at} - r."submittedAt"))`;
  return Prisma.sql`
    SELECT value, responded, resolved FROM (
      SELECT CASE WHEN GROUPING(d.response) = 0 THEN r."agencyId" || ' ' || d.response ELSE r."agencyId" || ' ' || d.resolution END AS value,
             CASE WHEN GROUPING(d.response) = 0 THEN count(*) ELSE 0 END AS responded,
             CASE WHEN GROUPING(d.response) = 0 THEN 0 ELSE count(*) END AS resolved
      FROM "Report" r
      CROSS JOIN LATERAL (SELECT ${bucket(Prisma.sql`r."firstRespondedAt"`)} AS response, ${bucket(Prisma.sql`r."resolvedAt"`)} AS resolution) d
      WHERE ${inEdge(zone, edge)}
      GROUP BY GROUPING SETS ((r."agencyId", d.response), (r."agencyId", d.resolution))) edge
    WHERE value IS NOT NULL`;
}
