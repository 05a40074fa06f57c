// The deadline jobs in `aduan serve`: every interval, escalate overdue reports and
// auto-close answered ones, through the ledger (which mails residents and supervisors
// and announces each change to live subscriptions), then cut the agencies' daily
// digests that are due (digests/), when mail is sent. Scheduled by ./periodic.ts.
import { cutDigests } from '../digests/cut-digests.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { ReportLedger } from '../workflow/ledger.js';
import { autoCloseAnswered } from './auto-close.js';
import { escalateOverdue } from './escalate.js';
import { startPeriodic } from './periodic.js';
import { failureMessage } from '../log.js';

export interface DeadlineJobOptions {
  ledger: ReportLedger;
  /** Days after RESOLVED/REJECTED before a report is closed (14 by default). */
  autoCloseDays?: number;
  /** Each agency's city, calendar and digest time; without it no digest is cut. */
  catalog?: RoutingCatalog;
  now?: () => Date;
}

export interface DeadlinePass {
  escalated: number;
  autoClosed: number;
  /** Digests cut with mail in the outbox. */
  digests: number;
}

export const DEFAULT_AUTO_CLOSE_DAYS = 14;
export const DEFAULT_ESCALATION_INTERVAL_MS = 5 * 60_000;

/** Escalation, auto-close and the digests, once: the digests last, so they tell of this pass's escalations. */
export async function runDeadlineJobs(options: DeadlineJobOptions): Promise<DeadlinePass> {
  const escalated = await runEscalation(options);
  const autoClosed = await runAutoClose(options);
  const digests = await runDigests(options);
  return { escalated, autoClosed, digests };
}

/** The digests due now; none without mail (as the ledger queues none) or without the catalogue. */
export async function runDigests(options: DeadlineJobOptions): Promise<number> {
  if (!options.catalog || !options.ledger.options.mail) return 0;
  const now = (options.now ?? (() => new Date()))();
  return (await cutDigests({ prisma: options.ledger.prisma, catalog: options.catalog, now })).queued;
}

export async function runEscalation(options: DeadlineJobOptions): Promise<number> {
  const now = (options.now ?? (() => new Date()))();
  return (await escalateOverdue(options.ledger, { now })).length;
}

export async function runAutoClose(options: DeadlineJobOptions): Promise<number> {
  const now = (options.now ?? (() => new Date()))();
  return (await autoCloseAnswered(options.ledger, { now, days: options.autoCloseDays ?? DEFAULT_AUTO_CLOSE_DAYS })).length;
}

export interface DeadlineLoop {
  /** Runs a pass now (or waits for the running one); the loop keeps its schedule. */
  runNow(): Promise<DeadlinePass | null>;
  stop(): Promise<void>;
}

export function startDeadlineLoop(options: DeadlineJobOptions & { intervalMs?: number; log?: (line: string) => void }): DeadlineLoop {
  const log = options.log ?? ((line) => console.error(line));
  return startPeriodic({
    intervalMs: options.intervalMs ?? DEFAULT_ESCALATION_INTERVAL_MS,
    firstAfterMs: 1_000,
    pass: async () => {
      const result = await runDeadlineJobs(options);
      if (result.escalated || result.autoClosed || result.digests) {
        log(`Deadline jobs: escalated ${result.escalated}, closed ${result.autoClosed}, ${result.digests} digests queued.`);
      }
      return result;
    },
    onError: (error) => log(`aduan: the deadline jobs failed: ${failureMessage(error)}`),
  });
}
