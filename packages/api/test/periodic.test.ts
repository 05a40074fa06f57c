// The schedule shared by the deadline jobs and the delivery worker: never two
// passes at once, a rerun for work that arrived mid-pass when asked for, errors
// reported without stopping the schedule, and stop() waiting for a running pass.
import { describe, expect, it } from 'vitest';
import { startPeriodic } from '../src/jobs/periodic.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A pass that takes `ms` and counts how many ran and how many overlapped. */
function counter(ms: number) {
  const seen = { passes: 0, concurrent: 0, maxConcurrent: 0 };
  const pass = async () => {
    seen.concurrent++;
    seen.maxConcurrent = Math.max(seen.maxConcurrent, seen.concurrent);
    await sleep(ms);
    seen.concurrent--;
    return ++seen.passes;
  };
  return { seen, pass };
}

describe('periodic tasks', () => {
  it('runs a first pass soon, then every interval, never two at once', async () => {
    const { seen, pass } = counter(5);
    const task = startPeriodic({ intervalMs: 20, firstAfterMs: 0, pass, onError: () => {} });
    await sleep(120);
    await task.stop();
    expect(seen.passes).toBeGreaterThanOrEqual(3);
    expect(seen.maxConcurrent).toBe(1);
  });

  it('runNow during a pass answers with that pass; with rerunWhenBusy one more follows', async () => {
    for (const rerunWhenBusy of [false, true]) {
      const { seen, pass } = counter(30);
      const task = startPeriodic({ intervalMs: 60_000, firstAfterMs: 60_000, pass, onError: () => {}, rerunWhenBusy });
      const first = task.runNow();
      const second = task.runNow();
      expect(await first).toBe(1);
      expect(await second).toBe(1);
      await sleep(60);
      expect(seen.passes).toBe(rerunWhenBusy ? 2 : 1);
      expect(seen.maxConcurrent).toBe(1);
      await task.stop();
    }
  });

  it('reports a failed pass and keeps the schedule; stop() waits for a running pass and ends it', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const task = startPeriodic({
      intervalMs: 10,
      firstAfterMs: 0,
      pass: async () => {
        calls++;
        await sleep(20);
        if (calls === 1) throw new Error('database down');
        return calls;
      },
      onError: (error) => errors.push(error),
    });
    await sleep(80);
    expect(errors.map((e) => (e as Error).message)).toEqual(['database down']);
    expect(calls).toBeGreaterThanOrEqual(2);
    const running = task.runNow();
    await task.stop();
    const afterStop = calls;
    await running;
    await sleep(50);
    expect(calls).toBe(afterStop);
  });
});
