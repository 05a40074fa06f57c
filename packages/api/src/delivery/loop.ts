// The delivery worker's schedule: a pass every interval (ADUAN_DELIVERY_POLL_MS,
// 5 s by default) so deliveries written by other replicas are picked up, and one
// right away when this process stores or reroutes a report. Open311 requests are
// polled for their status in the same loop, at their own pace. Scheduled by
// jobs/periodic.ts: stop() lets a running pass finish (in-flight sends are
// recorded) and cancels the next.
import type { ReportChanges } from '../events/report-changes.js';
import { startPeriodic } from '../jobs/periodic.js';
import { pollOpen311, type Open311PollOptions } from './open311-status.js';
import { runDeliveries, type DeliveryPass, type DeliveryWorkerOptions } from './worker.js';
import { failureMessage } from '../log.js';

export interface DeliveryLoopOptions extends DeliveryWorkerOptions {
  intervalMs?: number;
  changes?: ReportChanges;
  open311PollEveryMs?: number;
  log?: (line: string) => void;
}

export interface DeliveryLoop {
  /** Runs a pass now (or waits for the running one, then runs another). */
  runNow(): Promise<DeliveryPass | null>;
  stop(): Promise<void>;
}

export const DEFAULT_DELIVERY_POLL_MS = 5_000;

export function startDeliveryLoop(options: DeliveryLoopOptions): DeliveryLoop {
  const log = options.log ?? ((line) => console.error(line));
  const poll: Open311PollOptions = { prisma: options.prisma, log, ...(options.changes ? { changes: options.changes } : {}) };
  if (options.now) poll.now = options.now;
  if (options.env) poll.env = options.env;
  if (options.open311PollEveryMs !== undefined) poll.pollEveryMs = options.open311PollEveryMs;

  const task = startPeriodic({
    intervalMs: options.intervalMs ?? DEFAULT_DELIVERY_POLL_MS,
    firstAfterMs: 500,
    // A report stored during a pass may have missed its claim: run once more right after.
    rerunWhenBusy: true,
    pass: async (): Promise<DeliveryPass> => {
      const pass = await runDeliveries(options);
      if (pass.delivered || pass.retrying || pass.dead) {
        log(`Deliveries: ${pass.delivered} delivered, ${pass.retrying} to retry, ${pass.dead} given up.`);
      }
      await pollOpen311(poll);
      return pass;
    },
    onError: (error) => log(`aduan: the delivery worker failed: ${failureMessage(error)}`),
  });
  const unsubscribe = options.changes?.subscribe((change) => {
    if (change.kind === 'SUBMITTED' || change.kind === 'REROUTED') void task.runNow();
  });
  return {
    runNow: task.runNow,
    async stop() {
      unsubscribe?.();
      await task.stop();
    },
  };
}
