// What an agency delivery is about, and which of its channels take one. The report
// ledger (workflow/ledger.ts) writes the outbox rows in the transaction that stores or
// reroutes a report, so a stored report always has its deliveries and a rolled-back
// one never does; e-mail to people goes in the same outbox (notifications/notices.ts).
import type { Prisma } from '@aduan/prisma';

/** What happened to the report, as the `event` of the payload. */
export type DeliveryEvent = 'report.routed' | 'report.rerouted';

type Db = Pick<Prisma.TransactionClient, 'deliveryChannel'>;

/** The agency's channels that take new deliveries. */
export async function liveChannelIds(db: Db, agencyId: string): Promise<string[]> {
  const channels = await db.deliveryChannel.findMany({ where: { agencyId, removedAt: null }, select: { id: true }, orderBy: { name: 'asc' } });
  return channels.map((channel) => channel.id);
}
