// The delivery worker's schedule: a pass every interval (ADUAN_DELIVERY_POLL_MS,
// 5 s by default) so deliveries written by other replicas are picked up, and one
// right away when a change in this process put something in the outbox (a report
// stored or rerouted, mail to a resident or to staff). Open311 requests are
// polled for their status in the same loop, at their own pace. Scheduled by
// jobs/periodic.ts: stop() lets a running pass finish (in-flight sends are
// recorded) and cancels the next.
import { startPeriodic } from '../jobs/periodic.js';
import type { ReportLedger } from '../workflow/ledger.js';
import { pollOpen311, type Open311PollOptions } from './open311-status.js';
import { runDeliveries, type DeliveryPass, type DeliveryWorkerOptions } from './worker.js';
import { failureMessage } from '../log.js';

export interface DeliveryLoopOptions extends DeliveryWorkerOptions {
  intervalMs?: number;
  /** Open311 statuses come back through it; its bus says when the outbox has new rows. */
  ledger: ReportLedger;
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
  const poll: Open311PollOptions = { ledger: options.ledger, log };
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
  const unsubscribe = options.ledger.options.changes.subscribe((change) => {
    if (change.outbox > 0) void task.runNow();
  });
  return {
    runNow: task.runNow,
    async stop() {
      unsubscribe();
      await task.stop();
    },
  };
}
