// Writing the outbox: one Delivery per live channel of the agency, created in the
// same transaction as the report (or its reroute), so a stored report always has
// its deliveries and a rolled-back one never does.
import type { Prisma } from '@aduan/prisma';

/** What happened to the report, as the `event` of the payload. */
export type DeliveryEvent = 'report.routed' | 'report.rerouted';

type Db = Pick<Prisma.TransactionClient, 'deliveryChannel'>;

/** The agency's channels that take new deliveries. */
export async function liveChannelIds(db: Db, agencyId: string): Promise<string[]> {
  const channels = await db.deliveryChannel.findMany({ where: { agencyId, removedAt: null }, select: { id: true }, orderBy: { name: 'asc' } });
  return channels.map((channel) => channel.id);
}

/** Nested-create rows for `report.create({ data: { deliveries: { create } } })`. */
export function deliveryRows(channelIds: readonly string[], event: DeliveryEvent, now: Date): { channelId: string; event: string; nextAttemptAt: Date; createdAt: Date }[] {
  return channelIds.map((channelId) => ({ channelId, event, nextAttemptAt: now, createdAt: now }));
}

/** Adds the agency's deliveries for a report inside `tx`; returns how many. */
export async function enqueueDeliveries(
  tx: Pick<Prisma.TransactionClient, 'deliveryChannel' | 'delivery'>,
  reportId: string,
  agencyId: string,
  event: DeliveryEvent,
  now: Date,
): Promise<number> {
  const rows = deliveryRows(await liveChannelIds(tx, agencyId), event, now).map((row) => ({ ...row, reportId }));
  if (rows.length === 0) return 0;
  const created = await tx.delivery.createMany({ data: rows });
  return created.count;
}
