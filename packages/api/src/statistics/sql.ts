// How statistics statements are written: instants as UTC timestamps, areas as a hashed
// semi-join or an index probe. Every value is a bound parameter. Each statement is sent
// alone, one round trip, with the server's settings: its hash tables hold a few hundred
// groups (well within work_mem), its cost stays far below JIT's threshold, and the
// statistics pool's statements are unnamed, so each is planned with its own range.
import { Prisma } from '@aduan/prisma';
import type { StatisticsScope } from './scope.js';

// The columns are `timestamp(3)` holding UTC, so an instant goes in as its UTC wall
// time typed as a timestamp: a plain value the planner can see (good row estimates,
// so parallel plans), not a time-zone conversion evaluated per row.
export const utc = (date: Date) => Prisma.sql`${date.toISOString().slice(0, 23).replace('T', ' ')}::timestamp`;

/**
 * `column` is one of `codes`, or true when codes is null (every area). A hashed
 * semi-join: `= ANY($array)` would compare each row with every code in turn.
 */
export function inAreas(column: Prisma.Sql, codes: string[] | null): Prisma.Sql {
  return codes ? Prisma.sql`${column} IN (SELECT unnest(${codes}::text[]))` : Prisma.sql`true`;
}

/**
 * The scope's reports: received in [from, to), in the area and below. `hashed` as in
 * inAreas; plain `= ANY` where each row is one index probe away (the median walks,
 * where a hash join would read the whole range before the OFFSET could stop early).
 */
export function inScope(scope: StatisticsScope, hashed = true): Prisma.Sql {
  const range = Prisma.sql`r."submittedAt" >= ${utc(scope.from)} AND r."submittedAt" < ${utc(scope.to)}`;
  if (!scope.areaFilter) return range;
  if (hashed) return Prisma.sql`${range} AND ${inAreas(Prisma.sql`r."jurisdictionCode"`, scope.areaFilter)}`;
  return Prisma.sql`${range} AND r."jurisdictionCode" = ANY(${scope.areaFilter}::text[])`;
}

/** COUNT and SUM come back as BigInt; the counts here always fit a double. */
export function num(value: bigint | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
