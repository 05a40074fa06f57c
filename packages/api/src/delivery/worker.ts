// The delivery worker: claims due outbox rows, sends each (through its channel, or as
// e-mail to a person) and records the attempt. Runs inside `aduan serve` and alone as `aduan worker`; any
// number of workers may share one PostgreSQL (see ./claim.ts). One pass at a time
// per worker; within a pass a few deliveries are sent at once so one slow receiver
// does not hold up the rest.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@aduan/prisma';
import type { Mailer } from '../notifications/mailer.js';
import { consoleUrl } from '../notifications/compose.js';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { claimDueDeliveries, type ClaimedDelivery } from './claim.js';
import { buildPayload } from './payload.js';
import { PhotoLinkSigner } from './photo-links.js';
import { ServerSecret } from '../secrets/server-secret.js';
import type { ReplyAddresses } from '../mail-replies/reply-address.js';
import { recordAttempt, type AttemptResult, type RecordedState } from './record.js';
import { sendEmail } from './senders/email.js';
import { sendMail } from './senders/mail.js';
import { sendOpen311 } from './senders/open311.js';
import { DeliveryFailure, type SendOutcome, type SendRequest } from './senders/sender.js';
import { sendWebhook } from './senders/webhook.js';

export interface DeliverySettings {
  backoff: BackoffPolicy;
  /** A delivery still failing this long after it was written is dead-lettered. */
  giveUpMs: number;
  /** Per attempt; a slower receiver counts as failed. */
  timeoutMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = {
  backoff: DEFAULT_BACKOFF,
  giveUpMs: 72 * 3_600_000,
  timeoutMs: 10_000,
};

export interface DeliveryWorkerOptions {
  prisma: PrismaClient;
  publicUrl: string;
  mailer: Mailer | null;
  settings?: Partial<DeliverySettings>;
  /** Where channel secrets are read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  /** Deliveries claimed per round, and sent at once. */
  batchSize?: number;
  concurrency?: number;
  /** Names this worker in leases and attempts; host:pid:random by default. */
  workerId?: string;
  random?: () => number;
  /** Signs the photo links in deliveries; with a random secret when not given, which only suits tests that never follow a link. */
  photoLinks?: PhotoLinkSigner;
  /** Reply addresses for mail to agencies and staff about a report (ADUAN_REPLY_ADDRESS); none without. */
  replies?: ReplyAddresses | null;
}

export interface DeliveryPass {
  delivered: number;
  retrying: number;
  dead: number;
}

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Sends everything due now, round after round, until nothing is due. */
export async function runDeliveries(options: DeliveryWorkerOptions): Promise<DeliveryPass> {
  const settings = { ...DEFAULT_DELIVERY_SETTINGS, ...options.settings };
  const now = options.now ?? (() => new Date());
  const worker = options.workerId ?? defaultWorkerId();
  const batchSize = options.batchSize ?? 20;
  const concurrency = options.concurrency ?? 4;
  const photoLinks = options.photoLinks ?? new PhotoLinkSigner(ServerSecret.random());
  // The lease outlives every attempt of the batch (in rounds of `concurrency`, each within
  // the timeout) with room to record them, so only a dead worker lets it lapse.
  const leaseMs = Math.ceil(batchSize / concurrency) * settings.timeoutMs + 5_000;
  const pass: DeliveryPass = { delivered: 0, retrying: 0, dead: 0 };
  const count = (state: RecordedState) => {
    if (state === 'DELIVERED') pass.delivered++;
    else if (state === 'DEAD') pass.dead++;
    else pass.retrying++;
  };

  for (;;) {
    const claimed = await claimDueDeliveries(options.prisma, { worker, now: now(), leaseMs, limit: batchSize });
    if (claimed.length === 0) return pass;
    // One report's rows go out one after another, in the order they were written, so a
    // resident reads "received" before "resolved" and a receiver sees routed before rerouted.
    const queue = [...groupByReport(claimed)];
    const lanes = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        for (const next of group) count(await attempt(options, settings, worker, photoLinks, now, next));
      }
    });
    await Promise.all(lanes);
    if (claimed.length < batchSize) return pass;
  }
}

function groupByReport(claimed: readonly ClaimedDelivery[]): ClaimedDelivery[][] {
  const groups = new Map<string, ClaimedDelivery[]>();
  for (const delivery of claimed) {
    const group = groups.get(delivery.reportId);
    if (group) group.push(delivery);
    else groups.set(delivery.reportId, [delivery]);
  }
  return [...groups.values()];
}

async function attempt(
  options: DeliveryWorkerOptions,
  settings: DeliverySettings,
  worker: string,
  photoLinks: PhotoLinkSigner,
  now: () => Date,
  claimed: ClaimedDelivery,
): Promise<RecordedState> {
  const startedAt = now();
  let outcome: AttemptResult['outcome'];
  try {
    outcome = { ok: true, sent: await send(options, settings, photoLinks, startedAt, claimed) };
  } catch (error) {
    // Only a DeliveryFailure is the receiver's (or the channel's) doing; anything else is ours, and still just a failed attempt.
    const message = error instanceof Error ? error.message : String(error);
    outcome =
      error instanceof DeliveryFailure
        ? { ok: false, error: message, kind: error.kind, statusCode: error.statusCode }
        : { ok: false, error: `Aduan could not send it: ${message}`, kind: 'INTERNAL', statusCode: null };
  }
  return recordAttempt(
    options.prisma,
    claimed,
    { startedAt, finishedAt: now(), worker, outcome },
    { backoff: settings.backoff, giveUpMs: settings.giveUpMs, ...(options.random ? { random: options.random } : {}) },
  );
}

async function send(
  options: DeliveryWorkerOptions,
  settings: DeliverySettings,
  photoLinks: PhotoLinkSigner,
  at: Date,
  claimed: ClaimedDelivery,
): Promise<SendOutcome> {
  const delivery = await options.prisma.delivery.findUniqueOrThrow({
    where: { id: claimed.id },
    include: { channel: { include: { agency: { select: { email: true, name: true } } } } },
  });
  // No channel: e-mail to the reporter or a staff member.
  const replies = options.replies ?? null;
  if (!delivery.channel) return sendMail(options.prisma, delivery.id, options.mailer, options.publicUrl, replies);
  const payload = await buildPayload({ prisma: options.prisma, publicUrl: options.publicUrl, photoLinks, now: at }, delivery.id);
  const request: SendRequest = {
    channel: delivery.channel,
    payload,
    attempt: claimed.attempt,
    now: at,
    env: options.env ?? process.env,
    timeoutMs: settings.timeoutMs,
  };
  switch (delivery.channel.kind) {
    case 'WEBHOOK':
      return sendWebhook(request);
    case 'EMAIL':
      return sendEmail(request, options.mailer, consoleUrl(options.publicUrl, payload.report.trackingCode), replies?.forReport(delivery.reportId) ?? null);
    case 'OPEN311':
      return sendOpen311(request);
  }
}
