// The exact median (percentile_cont 0.5) of each agency's response and resolution times.
// With n durations in scope, the middle one or two sit at rank ⌊(n−1)/2⌋. The tally's
// duration rows say how many of the scope's durations fall in each bucket
// (aduan_duration_bucket: a quarter-octave wide), so the bucket holding that rank is
// known, and the walk of the duration index Report(agencyId, firstResponseSeconds |
// resolutionSeconds, submittedAt, jurisdictionCode) starts at that bucket instead of at
// the shortest time: a few thousand entries instead of half an agency's reports.
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { StatisticsScope } from './scope.js';
import { inScope } from './sql.js';

export type DurationKind = 'response' | 'resolution';

/** One agency's durations of one kind in scope: how many, and how many per bucket. */
export interface DurationCounts {
  agencyId: string;
  kind: DurationKind;
  n: number;
  byBucket: Map<number, number>;
}

interface Walk {
  counts: DurationCounts;
  /** The bucket the walk starts at; 0 starts at the shortest time. */
  bucket: number;
  /** How many of the scope's durations from the bucket's start lie before the middle. */
  skip: number;
}

/**
 * Where the middle of `counts` is: its bucket and the rank within it. When the buckets do
 * not account for every duration (areas below kecamatan level keep none), from the start.
 */
function walkFor(counts: DurationCounts): Walk {
  const rank = Math.floor((counts.n - 1) / 2);
  let counted = 0;
  for (const n of counts.byBucket.values()) counted += n;
  if (counted !== counts.n) return { counts, bucket: 0, skip: rank };
  let below = 0;
  for (const [bucket, n] of [...counts.byBucket].sort((x, y) => x[0] - y[0])) {
    if (rank < below + n) return { counts, bucket, skip: rank - below };
    below += n;
  }
  return { counts, bucket: 0, skip: rank }; // not reached: counted === n > rank
}

const COLUMN: Record<DurationKind, Prisma.Sql> = {
  response: Prisma.raw('"firstResponseSeconds"'),
  resolution: Prisma.raw('"resolutionSeconds"'),
};

/** The medians in seconds of those of `wanted` with at least one duration. */
export async function readMedians(prisma: PrismaClient, scope: StatisticsScope, wanted: DurationCounts[]): Promise<Map<DurationCounts, number>> {
  const walks = wanted.filter((counts) => counts.n > 0).map(walkFor);
  const byKind = (['response', 'resolution'] as const).map((kind) => walks.filter((walk) => walk.counts.kind === kind)).filter((mine) => mine.length > 0);
  // One statement per kind, so a second pool connection can walk the other index meanwhile.
  const answers = await Promise.all(byKind.map((mine) => prisma.$queryRaw<{ at: number; middle: number[] | null }[]>(walkStatement(scope, mine))));
  const medians = new Map<DurationCounts, number>();
  for (const [i, rows] of answers.entries()) {
    for (const row of rows) {
      const { counts } = byKind[i]![row.at]!;
      const median = middleOf(row.middle ?? [], counts.n);
      if (median !== null) medians.set(counts, median);
    }
  }
  return medians;
}

/** The one or two durations at each walk's rank, in ascending order: walks of one kind. */
function walkStatement(scope: StatisticsScope, walks: Walk[]): Prisma.Sql {
  const column = COLUMN[walks[0]!.counts.kind];
  const values = Prisma.join(walks.map((w, at) => Prisma.sql`(${at}::int, ${w.counts.agencyId}::text, ${w.bucket}::int, ${w.skip}::int)`));
  return Prisma.sql`
    SELECT a.at, m.middle
    FROM (VALUES ${values}) AS a(at, agency, bucket, skip)
    CROSS JOIN LATERAL (
      SELECT array_agg(v ORDER BY v) AS middle FROM (
        SELECT r.${column} AS v FROM "Report" r
        WHERE r."agencyId" = a.agency AND r.${column} >= coalesce(aduan_duration_bucket_start(a.bucket), '-Infinity')
          AND ${inScope(scope, false)}
        ORDER BY r.${column}
        OFFSET a.skip LIMIT 2) t) m`;
}

/** percentile_cont(0.5) from the one (n odd) or two (n even) middle values. */
function middleOf(middle: number[], n: number): number | null {
  if (middle.length === 0) return null;
  if (n % 2 === 1 || middle.length === 1) return Number(middle[0]);
  const [low, high] = [Number(middle[0]), Number(middle[1])];
  return low + (high - low) * 0.5; // as PostgreSQL interpolates, to the last bit
}
