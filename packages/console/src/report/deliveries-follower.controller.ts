import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Delivery } from '../common/api.js';

/** After "deliver again", the deliveries are read this often until the worker has tried it, for at most a minute. */
const FOLLOW_MS = 2_000;
const FOLLOW_ROUNDS = 30;

/**
 * Follows deliveries that were sent again: reads the host's deliveries every 2 s (with
 * `read`, which shows what it got) until the worker has tried each one, that is until it
 * is no longer pending or its attempt log grew, for at most a minute. It stops when the
 * host leaves the page.
 */
export class DeliveriesFollower implements ReactiveController {
  /** Each followed delivery's id, with how many attempts it had when it was sent again. */
  private readonly following = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private rounds = 0;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    /** Reads the deliveries again and answers them as they now are. */
    private readonly read: () => Promise<readonly Delivery[]>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  /** Follows `d` as it was just sent again; starts the minute afresh. */
  follow(d: Delivery): void {
    this.following.set(d.id, d.attemptLog.length);
    this.rounds = 0;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.following.clear();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.once(), FOLLOW_MS);
  }

  private async once(): Promise<void> {
    this.timer = null;
    const deliveries = await this.read();
    for (const d of deliveries) {
      const before = this.following.get(d.id);
      if (before !== undefined && (d.state !== 'PENDING' || d.attemptLog.length > before)) this.following.delete(d.id);
    }
    if (this.following.size && ++this.rounds < FOLLOW_ROUNDS && this.connected) this.schedule();
    else this.stop();
  }
}
