// The statistics tally only grows by appended rows (the triggers on Report never
// update a row, so concurrent writers never wait on one another); this job folds
// rows with the same key into one, keeping the tally about as small as its keys.
// Statistics are correct whether or not it has run; it only keeps them fast.
import type { PrismaClient } from '@aduan/prisma';
import { startPeriodic, type PeriodicTask } from '../jobs/periodic.js';
import { failureMessage } from '../log.js';

export const DEFAULT_TALLY_FOLD_INTERVAL_MS = 60_000;

/** Folds the tally once; returns how many rows were folded (0 while another replica folds). */
export async function foldTally(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ folded: number }[]>`SELECT aduan_fold_report_tally() AS folded`;
  return row?.folded ?? 0;
}

export function startTallyFolding(options: { prisma: PrismaClient; intervalMs?: number; log?: (line: string) => void }): PeriodicTask<number> {
  const log = options.log ?? ((line) => console.error(line));
  const intervalMs = options.intervalMs ?? DEFAULT_TALLY_FOLD_INTERVAL_MS;
  return startPeriodic({
    intervalMs,
    firstAfterMs: intervalMs,
    pass: () => foldTally(options.prisma),
    onError: (error) => log(`aduan: folding the statistics tally failed: ${failureMessage(error)}`),
  });
}

/** Counts every report again (after an area's time zone or parent changed). */
export async function rebuildTally(prisma: Pick<PrismaClient, '$executeRaw'>): Promise<void> {
  await prisma.$executeRaw`SELECT aduan_rebuild_report_tally()`;
}
