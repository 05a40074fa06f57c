// The deadline jobs in `aduan serve`: every interval, escalate overdue reports and
// auto-close answered ones, through the ledger (which mails residents and supervisors
// and announces each change to live subscriptions). Scheduled by ./periodic.ts.
import type { ReportLedger } from '../workflow/ledger.js';
import { autoCloseAnswered } from './auto-close.js';
import { escalateOverdue } from './escalate.js';
import { startPeriodic } from './periodic.js';
import { failureMessage } from '../log.js';

export interface DeadlineJobOptions {
  ledger: ReportLedger;
  /** Days after RESOLVED/REJECTED before a report is closed (14 by default). */
  autoCloseDays?: number;
  now?: () => Date;
}

export interface DeadlinePass {
  escalated: number;
  autoClosed: number;
}

export const DEFAULT_AUTO_CLOSE_DAYS = 14;
export const DEFAULT_ESCALATION_INTERVAL_MS = 5 * 60_000;

/** Escalation and auto-close, once. */
export async function runDeadlineJobs(options: DeadlineJobOptions): Promise<DeadlinePass> {
  const escalated = await runEscalation(options);
  const autoClosed = await runAutoClose(options);
  return { escalated, autoClosed };
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
      if (result.escalated || result.autoClosed) log(`Deadline jobs: escalated ${result.escalated}, closed ${result.autoClosed}.`);
      return result;
    },
    onError: (error) => log(`aduan: the deadline jobs failed: ${failureMessage(error)}`),
  });
}
