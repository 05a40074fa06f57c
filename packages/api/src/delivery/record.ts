// Recording one attempt: the DeliveryAttempt row and the delivery's new state, in
// one transaction. A failure is retried after the backoff, or dead-lettered once
// the delivery is older than the give-up age.
import type { DeliveryErrorKind, PrismaClient } from '@aduan/prisma';
import { retryDelayMs, type BackoffPolicy } from './backoff.js';
import type { ClaimedDelivery } from './claim.js';
import type { SendOutcome } from './senders/sender.js';

export interface AttemptResult {
  startedAt: Date;
  finishedAt: Date;
  worker: string;
  outcome: { ok: true; sent: SendOutcome } | { ok: false; error: string; kind: DeliveryErrorKind; statusCode: number | null };
}

export type RecordedState = 'DELIVERED' | 'RETRY' | 'DEAD';

export async function recordAttempt(
  prisma: PrismaClient,
  claimed: ClaimedDelivery,
  result: AttemptResult,
  policy: { backoff: BackoffPolicy; giveUpMs: number; random?: () => number },
): Promise<RecordedState> {
  const { startedAt, finishedAt, worker, outcome } = result;
  return prisma.$transaction(async (tx) => {
    const delivery = await tx.delivery.findUniqueOrThrow({
      where: { id: claimed.id },
      select: { createdAt: true, state: true, remoteId: true, remoteToken: true },
    });
    await tx.deliveryAttempt.create({
      data: {
        deliveryId: claimed.id,
        number: claimed.attempt,
        startedAt,
        durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
        ok: outcome.ok,
        statusCode: outcome.ok ? outcome.sent.statusCode : outcome.statusCode,
        error: outcome.ok ? null : outcome.error,
        errorKind: outcome.ok ? null : outcome.kind,
        worker,
      },
    });
    const released = { leaseUntil: null, leasedBy: null };
    if (outcome.ok) {
      await tx.delivery.update({
        where: { id: claimed.id },
        data: {
          ...released,
          state: 'DELIVERED',
          deliveredAt: finishedAt,
          lastError: null,
          lastErrorKind: null,
          remoteId: outcome.sent.remoteId ?? delivery.remoteId,
          remoteToken: outcome.sent.remoteToken ?? delivery.remoteToken,
        },
      });
      return 'DELIVERED';
    }
    if (finishedAt.getTime() - delivery.createdAt.getTime() >= policy.giveUpMs) {
      await tx.delivery.update({
        where: { id: claimed.id },
        data: { ...released, state: 'DEAD', deadAt: finishedAt, lastError: outcome.error, lastErrorKind: outcome.kind },
      });
      return 'DEAD';
    }
    const wait = retryDelayMs(claimed.attempt, policy.backoff, policy.random);
    await tx.delivery.update({
      where: { id: claimed.id },
      data: { ...released, nextAttemptAt: new Date(finishedAt.getTime() + wait), lastError: outcome.error, lastErrorKind: outcome.kind },
    });
    return 'RETRY';
  });
}
