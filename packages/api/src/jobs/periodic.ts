// A background job on a schedule: a first pass soon after start, then one every
// interval after the previous pass ends (never two at once). runNow() asks for a
// pass outside the schedule; stop() cancels the next pass and waits for a running
// one, so what it was doing is finished and recorded. Used by the deadline jobs and
// the delivery worker.

export interface PeriodicTask<T> {
  /**
   * Runs a pass now. While one is running, answers with that one — and, with
   * `rerunWhenBusy`, runs another right after it, for work that arrived mid-pass.
   */
  runNow(): Promise<T | null>;
  stop(): Promise<void>;
}

export interface PeriodicOptions<T> {
  intervalMs: number;
  /** Delay before the first pass (capped at the interval). */
  firstAfterMs: number;
  pass: () => Promise<T>;
  /** A failed pass is reported here (not after stop()) and the schedule goes on. */
  onError: (error: unknown) => void;
  rerunWhenBusy?: boolean;
}

export function startPeriodic<T>(options: PeriodicOptions<T>): PeriodicTask<T> {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<T | null> | null = null;
  let again = false;

  const runNow = (): Promise<T | null> => {
    if (running) {
      if (options.rerunWhenBusy) again = true;
      return running;
    }
    running = options
      .pass()
      .catch((error: unknown) => {
        if (!stopped) options.onError(error);
        return null;
      })
      .finally(() => {
        running = null;
        if (again && !stopped) {
          again = false;
          void runNow();
        }
      });
    return running;
  };

  const after = (delayMs: number) => {
    timer = setTimeout(() => {
      timer = null;
      void runNow().then(() => {
        if (!stopped) after(options.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  after(Math.min(options.intervalMs, options.firstAfterMs));

  return {
    runNow,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
