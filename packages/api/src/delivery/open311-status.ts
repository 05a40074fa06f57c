// Status back from an agency's Open311 endpoint: reports forwarded there are polled
// (GET requests/{id}.json) until the endpoint says closed. A new status_notes is
// put on the timeline as a public note; `closed` resolves the report, stepping
// through any statuses it skipped (every report carries an acknowledgement, see
// @aduan/core's lifecycle), with the notes as the public note. The actor of these
// events is `channel:<id>`; the ledger writes them. Safe with several replicas: each
// change is applied only if the delivery still holds what this poll read
// (compare-and-set, in the ledger's transaction).
import { SECRET_VARIABLE } from './channels.js';
import { isOpenStatus, stepsTo, type ReportStatus } from '@aduan/core';
import type { ReportChange } from '../workflow/changes.js';
import type { ReportLedger } from '../workflow/ledger.js';
import { fetchServiceRequest, resolveToken, type RemoteRequest } from './open311-client.js';
import { DeliveryFailure } from './senders/sender.js';

export interface Open311PollOptions {
  ledger: ReportLedger;
  now?: () => Date;
  /** How long after one poll a request is asked again (ADUAN_OPEN311_POLL_MS, 5 min by default). */
  pollEveryMs?: number;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  limit?: number;
  log?: (line: string) => void;
}

export const DEFAULT_OPEN311_POLL_MS = 5 * 60_000;

/** One round of polls; returns how many reports it changed. */
export async function pollOpen311(options: Open311PollOptions): Promise<number> {
  const now = (options.now ?? (() => new Date()))();
  const pollEveryMs = options.pollEveryMs ?? DEFAULT_OPEN311_POLL_MS;
  const env = options.env ?? process.env;
  const { prisma } = options.ledger;
  const due = await prisma.delivery.findMany({
    where: {
      state: 'DELIVERED',
      remoteClosedAt: null,
      channel: { kind: 'OPEN311' },
      report: { status: { not: 'CLOSED' } },
      OR: [{ polledAt: null }, { polledAt: { lt: new Date(now.getTime() - pollEveryMs) } }],
    },
    include: { channel: true },
    orderBy: [{ polledAt: { sort: 'asc', nulls: 'first' } }],
    take: options.limit ?? 50,
  });
  let changed = 0;
  for (const delivery of due) {
    const channel = delivery.channel!; // OPEN311 deliveries always have one
    const endpoint = {
      baseUrl: channel.url ?? '',
      apiKey: channel.secretEnv && SECRET_VARIABLE.test(channel.secretEnv) ? (env[channel.secretEnv] ?? null) : null,
      jurisdictionId: channel.jurisdictionId,
      timeoutMs: options.timeoutMs ?? 10_000,
      env,
    };
    try {
      let remoteId = delivery.remoteId;
      if (!remoteId && delivery.remoteToken) remoteId = await resolveToken(endpoint, delivery.remoteToken);
      let remote: RemoteRequest | null = null;
      if (remoteId) remote = await fetchServiceRequest(endpoint, remoteId);
      if (await applyRemote(options, delivery.id, delivery.remoteNotes, remoteId, remote, now)) changed++;
    } catch (error) {
      const reason = error instanceof DeliveryFailure ? error.message : error instanceof Error ? error.message : String(error);
      options.log?.(`aduan: polling ${channel.name} for report delivery ${delivery.id} failed: ${reason}`);
      await prisma.delivery.update({ where: { id: delivery.id }, data: { polledAt: now } });
    }
  }
  return changed;
}

/** Puts what the endpoint said on the report; true when the report changed. */
async function applyRemote(
  options: Open311PollOptions,
  deliveryId: string,
  notesSeen: string | null,
  remoteId: string | null,
  remote: RemoteRequest | null,
  now: Date,
): Promise<boolean> {
  return options.ledger.transaction(async (writer) => {
    // Compare-and-set: a replica that polled the same request first wins; this one changes nothing.
    const claimed = await writer.tx.delivery.updateMany({
      where: { id: deliveryId, remoteClosedAt: null, remoteNotes: notesSeen },
      data: {
        polledAt: now,
        remoteId,
        ...(remote ? { remoteNotes: remote.statusNotes ?? notesSeen } : {}),
        ...(remote?.status === 'closed' ? { remoteClosedAt: now } : {}),
      },
    });
    if (claimed.count !== 1 || !remote) return false;
    const delivery = await writer.tx.delivery.findUniqueOrThrow({
      where: { id: deliveryId },
      select: { channelId: true, report: { select: { id: true, status: true } } },
    });
    const newNote = remote.statusNotes && remote.statusNotes !== notesSeen ? remote.statusNotes : null;
    const data = { via: 'open311', serviceRequestId: remoteId };
    const status = delivery.report.status as ReportStatus;
    let changes: ReportChange[] = [];
    if (remote.status === 'closed' && isOpenStatus(status)) {
      const path = stepsTo(status, 'RESOLVED') ?? [];
      changes = path.map((to, i) => ({ kind: 'STATUS', to, publicNote: i === path.length - 1 ? newNote : null, data }));
    } else if (newNote) {
      changes = [{ kind: 'NOTE', publicNote: newNote, data }];
    }
    if (changes.length === 0) return false;
    await writer.change({ reportId: delivery.report.id, actor: `channel:${delivery.channelId}`, at: now, expect: { status }, changes });
    return true;
  });
}
