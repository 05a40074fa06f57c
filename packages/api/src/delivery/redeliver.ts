// "Deliver again": a dead (or already delivered) delivery goes back to the queue,
// due now, keeping its id, so the receiver can still tell it is the same one.
import type { Delivery, PrismaClient } from '@aduan/prisma';

export type RedeliverOutcome = { ok: true; delivery: Delivery } | { ok: false; code: 'UNKNOWN_DELIVERY' | 'ALREADY_PENDING'; message: string };

export async function deliverAgain(prisma: PrismaClient, deliveryId: string, now: Date): Promise<RedeliverOutcome> {
  const requeued = await prisma.delivery.updateMany({
    where: { id: deliveryId, state: { in: ['DEAD', 'DELIVERED'] } },
    data: { state: 'PENDING', nextAttemptAt: now, deadAt: null, leaseUntil: null, leasedBy: null, remoteClosedAt: null },
  });
  const delivery = await prisma.delivery.findUnique({ where: { id: deliveryId } });
  if (!delivery) return { ok: false, code: 'UNKNOWN_DELIVERY', message: `There is no delivery ${deliveryId}.` };
  if (requeued.count === 0) return { ok: false, code: 'ALREADY_PENDING', message: 'This delivery is already waiting to be sent.' };
  return { ok: true, delivery };
}
