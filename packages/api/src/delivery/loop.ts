// The delivery worker's schedule: a pass every interval (ADUAN_DELIVERY_POLL_MS,
// 5 s by default) so deliveries written by other replicas are picked up, and one
// right away when this process stores or reroutes a report. Open311 requests are
// polled for their status in the same loop, at their own pace. stop() lets a
// running pass finish (in-flight sends are recorded) and cancels the next.
import type { ReportChanges } from '../events/report-changes.js';
import { pollOpen311, type Open311PollOptions } from './open311-status.js';
import { runDeliveries, type DeliveryPass, type DeliveryWorkerOptions } from './worker.js';

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
  const intervalMs = options.intervalMs ?? DEFAULT_DELIVERY_POLL_MS;
  const log = options.log ?? ((line) => console.error(line));
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<DeliveryPass | null> | null = null;
  let again = false;

  const onePass = async (): Promise<DeliveryPass> => {
    const pass = await runDeliveries(options);
    if (pass.delivered || pass.retrying || pass.dead) {
      log(`Deliveries: ${pass.delivered} delivered, ${pass.retrying} to retry, ${pass.dead} given up.`);
    }
    const poll: Open311PollOptions = { prisma: options.prisma, log, ...(options.changes ? { changes: options.changes } : {}) };
    if (options.now) poll.now = options.now;
    if (options.env) poll.env = options.env;
    if (options.open311PollEveryMs !== undefined) poll.pollEveryMs = options.open311PollEveryMs;
    await pollOpen311(poll);
    return pass;
  };

  const pass = (): Promise<DeliveryPass | null> => {
    if (running) {
      // Something new arrived during a pass: run once more right after it.
      again = true;
      return running;
    }
    running = onePass()
      .catch((error: unknown) => {
        if (!stopped) log(`aduan: the delivery worker failed: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void pass();
        }
      });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void pass().then(schedule);
    }, intervalMs);
    timer.unref();
  };
  const unsubscribe = options.changes?.subscribe((change) => {
    if (change.kind === 'SUBMITTED' || change.kind === 'REROUTED') void pass();
  });
  timer = setTimeout(() => {
    timer = null;
    void pass().then(schedule);
  }, Math.min(intervalMs, 500));
  timer.unref();

  return {
    runNow: pass,
    async stop() {
      stopped = true;
      unsubscribe?.();
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
