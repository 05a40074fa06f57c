// One lock for every change to the deployment's configuration — a city file, a console
// edit of a city, a site saved — held to the end of the transaction that takes it
// (re-entrant within it), so no change is made from a stale read of another.
import type { Prisma } from '@aduan/prisma';

export async function lockConfiguration(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('aduan.configuration'))`;
}
