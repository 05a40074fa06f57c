// The statistics of one scope, from two rounds of reads on the statistics pool. First, at
// once: the tally's counts and its durations for the scope's areas and range (tally.ts:
// whole weeks from its rows, partial weeks from the reports), and what the tally cannot know
// (pending.ts: reports not yet due, resolutions in the last partial week). Then, from the
// durations' buckets, the per-agency medians (medians.ts).
import { OPEN_STATUSES } from '@aduan/core';
import type { PrismaClient } from '@aduan/prisma';
import { readMedians, type DurationCounts, type DurationKind } from './medians.js';
import { readPending, type PendingRow } from './pending.js';
import type { StatisticsScope } from './scope.js';
import { num } from './sql.js';
import { planZones, readCounts, readDurations, type CountRow, type DurationRow } from './tally.js';
import { weeksTouched } from './weeks.js';

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

export async function queryStatistics(prisma: PrismaClient, scope: StatisticsScope): Promise<StatisticsData> {
  const zones = planZones(scope);
  // The longest read first: the pool hands out its connections in order.
  const [durationRows, counts, pending] = await Promise.all([readDurations(prisma, zones), readCounts(prisma, zones), readPending(prisma, scope, zones)]);
  const { data, durations } = assemble(scope, counts, durationRows, pending);
  const medians = await readMedians(prisma, scope, durations);
  for (const [counts, median] of medians) {
    const agency = data.agencies.find((a) => a.agencyId === counts.agencyId)!;
    if (counts.kind === 'response') agency.medianSecondsToFirstResponse = median;
    else agency.medianSecondsToResolution = median;
  }
  return data;
}

function assemble(
  scope: StatisticsScope,
  counts: CountRow[],
  durationRows: DurationRow[],
  pending: PendingRow[],
): { data: StatisticsData; durations: DurationCounts[] } {
  const byCategory: { categoryId: string; count: number }[] = [];
  const byJurisdictionCode = new Map<string, number>();
  const openByJurisdictionCode = new Map<string, number>();
  const byStatus = new Map<string, number>();
  const agencies: AgencyRow[] = [];
  const receivedByWeek = new Map<string, number>();
  const resolvedByWeek = new Map<string, number>();
  /** By "<kind> <agency id>": durations per bucket. */
  const buckets = new Map<string, Map<number, number>>();
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);
  const inBucket = (kind: DurationKind, agencyId: string, bucket: number, n: number) => {
    const key = `${kind} ${agencyId}`;
    if (n !== 0) buckets.set(key, (buckets.get(key) ?? new Map()).set(bucket, n));
  };
  const notYetDue = new Map(pending.filter((p) => p.kind === 'notYetDue').map((p) => [p.key, p]));
  for (const p of pending) if (p.kind === 'resolvedLate') add(resolvedByWeek, p.key, num(p.a));

  for (const row of durationRows) {
    // "<agency id> <bucket>"
    const split = row.value.lastIndexOf(' ');
    const [agencyId, bucket] = [row.value.slice(0, split), Number(row.value.slice(split + 1))];
    inBucket('response', agencyId, bucket, num(row.responded));
    inBucket('resolution', agencyId, bucket, num(row.resolved));
  }

  let total = 0;
  for (const row of counts) {
    const n = num(row.reports);
    if (row.byWeek) {
      add(receivedByWeek, row.weekOf!, n);
    } else if (row.dimension === 'status') {
      total += n;
      byStatus.set(row.value!, n);
    } else if (row.dimension === 'category') {
      if (n > 0) byCategory.push({ categoryId: row.value!, count: n });
    } else if (row.dimension === 'area') {
      if (n !== 0) add(byJurisdictionCode, row.value!, n);
      if (num(row.open) !== 0) add(openByJurisdictionCode, row.value!, num(row.open));
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
        deadlineDecided: responded + num(row.unanswered) - num(due?.b),
        reroutes: num(row.reroutes),
        openOverdue: num(row.open) - num(due?.a),
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

  const durations = agencies.flatMap((agency) =>
    (['response', 'resolution'] as const).map((kind) => ({
      agencyId: agency.agencyId,
      kind,
      n: kind === 'response' ? agency.responded : agency.resolved,
      byBucket: buckets.get(`${kind} ${agency.agencyId}`) ?? new Map<number, number>(),
    })),
  );
  return { data: { total, byCategoryId: byCategory, byJurisdictionCode, openByJurisdictionCode, byStatus, agencies, weekly }, durations };
}
