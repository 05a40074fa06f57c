// Requests being answered right now, so a shutdown can wait for them: SIGTERM stops
// new connections at once, then the server waits (up to a grace period) until every
// request already taken has its answer, and only then closes the database.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface InFlight {
  /** Requests received and not yet answered (long-lived event streams excluded). */
  readonly count: number;
  /** Resolves when none is left, or after `graceMs` (then true means all were answered). */
  settled(graceMs: number): Promise<boolean>;
}

export function trackInFlight(server: Server): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  const done = () => {
    count--;
    if (count === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    // Live-status streams last as long as the resident watches; a shutdown ends them instead.
    if (String(request.headers.accept ?? '').includes('text/event-stream')) return;
    count++;
    response.once('close', done);
  });
  return {
    get count() {
      return count;
    },
    settled(graceMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(count === 0), graceMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
