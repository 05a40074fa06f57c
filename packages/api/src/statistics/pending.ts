// What the tally cannot know, read beside it: reports not yet due (for "overdue" and
// "decided", which depend on the clock) and resolutions in the range's last partial week
// (the tally's week of resolution cannot tell whether they came before `to`).
import { OPEN_STATUSES, REPORT_STATUSES } from '@aduan/core';
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { StatisticsScope } from './scope.js';
import { inAreas, inScope, utc } from './sql.js';
import type { ZonePlan } from './tally.js';

export interface PendingRow {
  kind: 'notYetDue' | 'resolvedLate';
  /** An agency id (notYetDue) or the Monday of a week of resolution (resolvedLate). */
  key: string;
  a: bigint | number;
  b: bigint | number;
}

/**
 * Per agency, reports in scope not yet due that are still open (a) or not yet answered
 * (b) — few, since only recent reports are due in the future; and per week, resolutions
 * from each zone's cutoff to `to`.
 */
export async function readPending(prisma: PrismaClient, scope: StatisticsScope, zones: ZonePlan[]): Promise<PendingRow[]> {
  const open = Prisma.join(OPEN_STATUSES.map((s) => Prisma.sql`${s}::"ReportStatus"`));
  const every = Prisma.join(REPORT_STATUSES.map((s) => Prisma.sql`${s}::"ReportStatus"`));
  const parts: Prisma.Sql[] = [
    // Every status listed, so Report(status, dueAt, submittedAt, jurisdictionCode, agencyId,
    // firstRespondedAt) serves the range on dueAt from the index alone.
    Prisma.sql`
      SELECT 'notYetDue' AS kind, r."agencyId" AS key,
             count(*) FILTER (WHERE r.status IN (${open})) AS a, count(*) FILTER (WHERE r."firstRespondedAt" IS NULL) AS b
      FROM "Report" r
      WHERE r.status IN (${every}) AND r."dueAt" >= ${utc(scope.now)} AND ${inScope(scope)}
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
  return prisma.$queryRaw<PendingRow[]>(Prisma.join(parts, ' UNION ALL '));
}
