// The statistics of one scope in one SQL statement: the reports in scope are
// read once (by the Report(jurisdictionCode, submittedAt) index, or
// Report(submittedAt) for the whole deployment) and grouped five ways. The
// per-report milestones (first response, resolution, reroutes) are columns on
// Report, kept current by the workflow with the rule in ./milestones.ts, so no
// event is read here. Every value is a bound parameter; nothing is concatenated.
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

interface Row {
  section: 'category' | 'area' | 'status' | 'agency' | 'week';
  key: string;
  label: string | null;
  starts: string | null;
  n: bigint | number;
  a: bigint | number | null;
  b: bigint | number | null;
  c: bigint | number | null;
  d: bigint | number | null;
  e: bigint | number | null;
  f: bigint | number | null;
  m1: number | null;
  m2: number | null;
}

export async function queryStatistics(prisma: PrismaClient, scope: StatisticsScope): Promise<StatisticsData> {
  // Report timestamps are `timestamp(3)` holding UTC. Instants go in as ISO text
  // and are turned into UTC timestamps here, whatever the session's TimeZone.
  const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const from = utc(scope.from);
  const to = utc(scope.to);
  const lastInstant = utc(new Date(scope.to.getTime() - 1));
  const now = utc(scope.now);
  const zone = scope.timeZone;
  const localWeek = (column: Prisma.Sql) =>
    Prisma.sql`date_trunc('week', (${column} AT TIME ZONE 'UTC') AT TIME ZONE ${zone}::text)`;
  // Counted per UTC quarter hour first (cheap), then only those buckets are moved into the zone:
  // every zone offset in use is a whole number of quarter hours, so a bucket never straddles weeks.
  const quarter = (column: Prisma.Sql) => Prisma.sql`date_bin('15 minutes', ${column}, TIMESTAMP '2000-01-01')`;
  const inArea = scope.codes
    ? Prisma.sql`AND r."jurisdictionCode" = ANY(${scope.codes}::text[])`
    : Prisma.empty;
  const open = Prisma.join(OPEN_STATUSES.map((s) => Prisma.sql`${s}::"ReportStatus"`));

  const rows = await prisma.$queryRaw<Row[]>`
    WITH scoped AS MATERIALIZED (
      SELECT r."categoryId", r."agencyId", r."jurisdictionCode", r.status, r."submittedAt", r."dueAt",
             r."firstRespondedAt" AS responded_at, r."resolvedAt" AS resolved_at, r."rerouteCount" AS reroutes
      FROM "Report" r
      WHERE r."submittedAt" >= ${from} AND r."submittedAt" < ${to} ${inArea}
    ),
    weeks AS (
      SELECT generate_series(${localWeek(from)}, ${localWeek(lastInstant)}, interval '1 week') AS week
    ),
    received AS (
      SELECT ${localWeek(Prisma.sql`q`)} AS week, sum(n) AS n
      FROM (SELECT ${quarter(Prisma.sql`"submittedAt"`)} AS q, count(*) AS n FROM scoped GROUP BY 1) per_quarter GROUP BY 1
    ),
    resolved AS (
      SELECT ${localWeek(Prisma.sql`q`)} AS week, sum(n) AS n
      FROM (SELECT ${quarter(Prisma.sql`resolved_at`)} AS q, count(*) AS n
            FROM scoped WHERE resolved_at >= ${from} AND resolved_at < ${to} GROUP BY 1) per_quarter GROUP BY 1
    )
    SELECT 'category' AS section, "categoryId" AS key, NULL::text AS label, NULL::text AS starts, count(*) AS n,
           NULL::bigint AS a, NULL::bigint AS b, NULL::bigint AS c, NULL::bigint AS d, NULL::bigint AS e,
           NULL::bigint AS f, NULL::float8 AS m1, NULL::float8 AS m2
      FROM scoped GROUP BY "categoryId"
    UNION ALL
    SELECT 'area', "jurisdictionCode", NULL, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM scoped GROUP BY "jurisdictionCode"
    UNION ALL
    SELECT 'status', status::text, NULL, NULL, count(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM scoped GROUP BY status
    UNION ALL
    SELECT 'agency', "agencyId", NULL, NULL, count(*),
           count(responded_at),
           count(resolved_at),
           count(*) FILTER (WHERE responded_at <= "dueAt"),
           count(*) FILTER (WHERE responded_at IS NOT NULL OR "dueAt" < ${now}),
           count(*) FILTER (WHERE status IN (${open}) AND "dueAt" < ${now}),
           sum(reroutes)::bigint,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', responded_at - "submittedAt")),
           percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', resolved_at - "submittedAt"))
      FROM scoped GROUP BY "agencyId"
    UNION ALL
    SELECT 'week', to_char(w.week, 'YYYY-MM-DD'), to_char(w.week, 'IYYY-"W"IW'),
           to_char((w.week AT TIME ZONE ${zone}::text) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           coalesce(rc.n, 0), coalesce(rs.n, 0), NULL, NULL, NULL, NULL, NULL, NULL, NULL
      FROM weeks w
      LEFT JOIN received rc ON rc.week = w.week
      LEFT JOIN resolved rs ON rs.week = w.week`;

  const data: StatisticsData = {
    total: 0,
    byCategoryId: [],
    byJurisdictionCode: new Map(),
    byStatus: new Map(),
    agencies: [],
    weekly: [],
  };
  for (const row of rows) {
    const n = num(row.n);
    switch (row.section) {
      case 'category':
        data.byCategoryId.push({ categoryId: row.key, count: n });
        data.total += n;
        break;
      case 'area':
        data.byJurisdictionCode.set(row.key, n);
        break;
      case 'status':
        data.byStatus.set(row.key, n);
        break;
      case 'agency':
        data.agencies.push({
          agencyId: row.key,
          received: n,
          responded: num(row.a),
          resolved: num(row.b),
          answeredWithinDeadline: num(row.c),
          deadlineDecided: num(row.d),
          openOverdue: num(row.e),
          medianSecondsToFirstResponse: row.m1 === null ? null : Number(row.m1),
          medianSecondsToResolution: row.m2 === null ? null : Number(row.m2),
          reroutes: num(row.f),
        });
        break;
      case 'week':
        data.weekly.push({
          startsOn: row.key,
          week: row.label!,
          startsAt: new Date(row.starts!),
          received: n,
          resolved: num(row.a),
        });
        break;
    }
  }
  data.weekly.sort((x, y) => x.startsOn.localeCompare(y.startsOn));
  return data;
}

/** COUNT and SUM come back as BigInt; the counts here always fit a double. */
function num(value: bigint | number | null): number {
  return value === null ? 0 : Number(value);
}
