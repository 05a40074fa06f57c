// Reading the tally for a scope. An area's tally rows count its reports and those of every
// area below it in the same time zone (migration *_statistics_tally_by_area), so the whole
// weeks of a range are the rows of the scope's topmost area in each zone, read from the
// index ReportTally(jurisdictionCode, weekOf, …every measure) alone: for a city-year at a
// million reports, some 33,000 rows (most of them durations) in a few hundred pages. The
// partial weeks at either end are counted from the reports themselves, as the rows they
// would have added. Both feed one GROUP BY.
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { StatisticsScope, ZoneGroup } from './scope.js';
import { inAreas, runAggregation, utc } from './sql.js';
import { planWeeks, type EdgeRange, type WeekPlan } from './weeks.js';

/** One zone's areas with the way the range splits over their weeks. */
export interface ZonePlan extends WeekPlan {
  group: ZoneGroup;
}

export function planZones(scope: StatisticsScope): ZonePlan[] {
  return scope.zones.map((group) => ({ group, ...planWeeks(scope.from, scope.to, group.timeZone) }));
}

export type Dimension = 'category' | 'status' | 'agency' | 'resolvedWeek' | 'area' | 'duration';

/**
 * The scope's tally summed by (dimension, value) (`byWeek` false), and its status rows by
 * week (`byWeek` true: every report has one status, so they count the week's reports).
 * Measures as in the tally: agency rows carry all of them, area rows `open`, duration rows
 * `responded` and `resolved`.
 */
export interface TallyRow {
  byWeek: boolean;
  dimension: Dimension;
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

const TALLY_COLUMNS = Prisma.raw('"weekOf", dimension, value, reports, responded, resolved, "withinDeadline", reroutes, "open", unanswered');

export async function readTally(prisma: PrismaClient, zones: ZonePlan[]): Promise<TallyRow[]> {
  const parts: Prisma.Sql[] = [];
  for (const zone of zones) {
    if (zone.tallyWeeks && zone.group.roots.length > 0) {
      // Resolution weeks from the cutoff on are counted from the reports (pending.ts).
      parts.push(Prisma.sql`
        SELECT ${TALLY_COLUMNS} FROM "ReportTally"
        WHERE "jurisdictionCode" = ANY(${zone.group.roots}::text[])
          AND "weekOf" >= ${zone.tallyWeeks.fromMonday}::date AND "weekOf" < ${zone.tallyWeeks.toMonday}::date
          AND NOT (dimension = 'resolvedWeek' AND value >= ${zone.cutoffMonday})`);
    }
    for (const edge of zone.edges) parts.push(edgeTally(zone, edge));
  }
  if (parts.length === 0) return [];
  const rows = await runAggregation<(Omit<TallyRow, 'byWeek'> & { grouping: number })[]>(
    prisma,
    Prisma.sql`
    SELECT GROUPING(value, "weekOf")::int AS grouping, dimension, value, to_char("weekOf", 'YYYY-MM-DD') AS "weekOf",
           sum(reports) AS reports, sum(responded) AS responded, sum(resolved) AS resolved,
           sum("withinDeadline") AS "withinDeadline", sum(reroutes) AS reroutes, sum("open") AS "open",
           sum(unanswered) AS unanswered
    FROM (${Prisma.join(parts, ' UNION ALL ')}) t
    GROUP BY GROUPING SETS ((dimension, value), (dimension, "weekOf"))
    HAVING GROUPING(value, "weekOf") = 1 OR dimension = 'status'`,
  );
  // GROUPING is 1 for (dimension, value), where "weekOf" is rolled up, and 2 for (dimension, "weekOf").
  return rows.map(({ grouping, ...row }) => ({ ...row, byWeek: grouping === 2 }));
}

/**
 * The rows the reports of one partial week would have added to the tally (the rule of
 * aduan_report_tally() in the migrations; the tests compare the two), for the measures
 * statistics read: one pass over the covering index Report(submittedAt, jurisdictionCode,
 * categoryId, agencyId, status, dueAt, firstRespondedAt, resolvedAt, rerouteCount), a
 * grouping set per dimension. Durations are the stored ones to the millisecond:
 * `milestoneDurations` divides the same difference of timestamps by 1000.
 */
function edgeTally(zone: ZonePlan, edge: EdgeRange): Prisma.Sql {
  const dimension = Prisma.sql`CASE
      WHEN GROUPING(r."categoryId") = 0 THEN 'category'
      WHEN GROUPING(r.status) = 0 THEN 'status'
      WHEN GROUPING(d.response) = 0 OR GROUPING(d.resolution) = 0 THEN 'duration'
      WHEN GROUPING(r."agencyId") = 0 THEN 'agency'
      WHEN GROUPING(d.resolved) = 0 THEN 'resolvedWeek'
      ELSE 'area' END`;
  const value = Prisma.sql`CASE
      WHEN GROUPING(d.response) = 0 THEN r."agencyId" || ' ' || d.response
      WHEN GROUPING(d.resolution) = 0 THEN r."agencyId" || ' ' || d.resolution
      ELSE coalesce(r."categoryId", r.status::text, r."agencyId", d.resolved, r."jurisdictionCode") END`;
  const seconds = (at: Prisma.Sql) => Prisma.sql`extract(epoch FROM ${at} - r."submittedAt")::double precision`;
  return Prisma.sql`
    SELECT * FROM (
      SELECT ${edge.monday}::date AS "weekOf", ${dimension} AS dimension, ${value} AS value,
             count(*)::int AS reports,
             CASE WHEN GROUPING(d.resolution) = 0 THEN 0 ELSE count(r."firstRespondedAt") END::int AS responded,
             CASE WHEN GROUPING(d.response) = 0 THEN 0 ELSE count(r."resolvedAt") END::int AS resolved,
             count(*) FILTER (WHERE r."firstRespondedAt" <= r."dueAt")::int AS "withinDeadline",
             sum(r."rerouteCount")::int AS reroutes,
             count(*) FILTER (WHERE r.status IN ('RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'))::int AS "open",
             count(*) FILTER (WHERE r."firstRespondedAt" IS NULL)::int AS unanswered
      FROM "Report" r
      CROSS JOIN LATERAL (
        SELECT to_char(aduan_local_week(r."resolvedAt", ${zone.group.timeZone}::text), 'YYYY-MM-DD') AS resolved,
               aduan_duration_bucket(${seconds(Prisma.sql`r."firstRespondedAt"`)}) AS response,
               aduan_duration_bucket(${seconds(Prisma.sql`r."resolvedAt"`)}) AS resolution) d
      WHERE r."submittedAt" >= ${utc(edge.from)} AND r."submittedAt" < ${utc(edge.to)}
        AND ${inAreas(Prisma.sql`r."jurisdictionCode"`, zone.group.codes)}
      GROUP BY GROUPING SETS ((r."categoryId"), (r.status), (r."agencyId"), (d.resolved), (r."jurisdictionCode"),
                              (r."agencyId", d.response), (r."agencyId", d.resolution))) edge
    WHERE value IS NOT NULL AND NOT (dimension = 'resolvedWeek' AND value >= ${zone.cutoffMonday})`;
}
