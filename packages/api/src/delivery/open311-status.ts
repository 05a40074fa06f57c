// Status back from an agency's Open311 endpoint: reports forwarded there are polled
// (GET requests/{id}.json) until the endpoint says closed. A new status_notes is
// put on the timeline as a public note; `closed` resolves the report, stepping
// through any statuses it skipped (every report carries an acknowledgement, see
// @aduan/core's lifecycle), with the notes as the public note. The actor of these
// events is `channel:<id>`. Safe with several replicas: each change is applied
// only if the delivery still holds what this poll read (compare-and-set).
import { allowedTransitions, isOpenStatus, type ReportStatus } from '@aduan/core';
import type { PrismaClient, Report } from '@aduan/prisma';
import type { ReportChanges } from '../events/report-changes.js';
import { recordMilestones } from '../statistics/milestones.js';
import { fetchServiceRequest, resolveToken, type RemoteRequest } from './open311-client.js';
import { DeliveryFailure } from './senders/sender.js';

export interface Open311PollOptions {
  prisma: PrismaClient;
  changes?: ReportChanges;
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
  const due = await options.prisma.delivery.findMany({
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
    const { channel } = delivery;
    const endpoint = {
      baseUrl: channel.url ?? '',
      apiKey: channel.secretEnv ? (env[channel.secretEnv] ?? null) : null,
      jurisdictionId: channel.jurisdictionId,
      timeoutMs: options.timeoutMs ?? 10_000,
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
      await options.prisma.delivery.update({ where: { id: delivery.id }, data: { polledAt: now } });
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
  const published: { report: Report; kind: 'STATUS_CHANGED' | 'NOTE'; note: string | null }[] = [];
  await options.prisma.$transaction(async (tx) => {
    // Compare-and-set: a replica that polled the same request first wins; this one changes nothing.
    const claimed = await tx.delivery.updateMany({
      where: { id: deliveryId, remoteClosedAt: null, remoteNotes: notesSeen },
      data: {
        polledAt: now,
        remoteId,
        ...(remote ? { remoteNotes: remote.statusNotes ?? notesSeen } : {}),
        ...(remote?.status === 'closed' ? { remoteClosedAt: now } : {}),
      },
    });
    if (claimed.count !== 1 || !remote) return;
    const delivery = await tx.delivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { report: true } });
    const actor = `channel:${delivery.channelId}`;
    let report = delivery.report;
    const newNote = remote.statusNotes && remote.statusNotes !== notesSeen ? remote.statusNotes : null;

    if (remote.status === 'closed' && isOpenStatus(report.status as ReportStatus)) {
      for (const step of pathToResolved(report.status as ReportStatus)) {
        const last = step === 'RESOLVED';
        report = await tx.report.update({ where: { id: report.id }, data: { status: step } });
        await tx.reportEvent.create({
          data: {
            reportId: report.id,
            kind: 'STATUS_CHANGED',
            at: now,
            status: step,
            actor,
            publicNote: last ? newNote : null,
            data: { via: 'open311', serviceRequestId: remoteId },
          },
        });
        await recordMilestones(tx, report.id, { kind: 'STATUS_CHANGED', status: step, actor, at: now });
      }
      published.push({ report, kind: 'STATUS_CHANGED', note: newNote });
    } else if (newNote) {
      await tx.reportEvent.create({
        data: { reportId: report.id, kind: 'PUBLIC_NOTE', at: now, status: report.status, actor, publicNote: newNote, data: { via: 'open311', serviceRequestId: remoteId } },
      });
      await recordMilestones(tx, report.id, { kind: 'PUBLIC_NOTE', status: report.status, actor, at: now });
      published.push({ report, kind: 'NOTE', note: newNote });
    }
  });
  for (const change of published) options.changes?.publish({ kind: change.kind, report: change.report, publicNote: change.note, at: now });
  return published.length > 0;
}

/** The statuses from `from` to RESOLVED, one allowed step at a time (empty when it cannot get there). */
export function pathToResolved(from: ReportStatus): ReportStatus[] {
  const order: ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];
  const path: ReportStatus[] = [];
  let at = from;
  while (at !== 'RESOLVED') {
    const next = order[order.indexOf(at) + 1];
    if (!next || !allowedTransitions(at).includes(next)) return [];
    path.push(next);
    at = next;
  }
  return path;
}
