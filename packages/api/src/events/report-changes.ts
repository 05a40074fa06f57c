// Every stored change to a report that someone outside the request may care about:
// live status subscriptions, and the delivery worker (which sends what the change put
// in the outbox). Only the report ledger (workflow/ledger.ts) publishes, after commit.
// Full changes stay in the process that stored them; with several replicas, a relay
// (./redis-relay.ts) carries a thin notice — which report, what kind — to every other
// replica, for the live subscriptions held there.
import { randomUUID } from 'node:crypto';
import type { Report } from '@aduan/prisma';
import { logFailure } from '../log.js';

/**
 * NOTE: a public note without a status change. REOPENED and CONFIRMED: the resident's
 * own status changes. ASSIGNED, INTERNAL_NOTE (an internal note, or an erasure's) and
 * ESCALATED change nothing the public sees: public listeners skip them.
 */
export type ReportChangeKind = 'SUBMITTED' | 'STATUS_CHANGED' | 'REROUTED' | 'REOPENED' | 'CONFIRMED' | 'ESCALATED' | 'NOTE' | 'ASSIGNED' | 'INTERNAL_NOTE';

/** Kinds that change nothing the public sees. */
export const INTERNAL_CHANGE_KINDS: readonly ReportChangeKind[] = ['ASSIGNED', 'INTERNAL_NOTE', 'ESCALATED'];

export interface ReportChange {
  kind: ReportChangeKind;
  /** The report as it is after the change. */
  report: Report;
  /** What the agency told the public with this change, if anything. */
  publicNote: string | null;
  at: Date;
  /** How many outbox rows (deliveries and mail) the change wrote: the worker has work when > 0. */
  outbox: number;
}

export type ReportChangeListener = (change: ReportChange) => void | Promise<void>;

/** What crosses between replicas: no row, no text, nothing personal. */
export interface ReportNotice {
  kind: ReportChangeKind;
  reportId: string;
  /** The replica that stored the change. */
  origin: string;
}

export type ReportNoticeListener = (notice: ReportNotice) => void;

/** Carries notices to the other replicas and back (Redis pub/sub). */
export interface ReportNoticeRelay {
  send(notice: ReportNotice): void;
  onReceive(listener: ReportNoticeListener): void;
  close(): Promise<void>;
}

export class ReportChanges {
  private readonly listeners = new Set<ReportChangeListener>();
  private readonly settlers = new Set<ReportChangeListener>();
  private readonly noticeListeners = new Set<ReportNoticeListener>();
  private relay: ReportNoticeRelay | null = null;
  private readonly closers = new Set<() => void>();
  /** This process, to tell its own notices from other replicas' when they come back. */
  readonly origin = randomUUID();

  /** Calls `listener` for every change stored by this process from now on; returns the function that stops it. */
  subscribe(listener: ReportChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Calls `listener` for every change stored by this process, and the change is answered
   * only once it is done (the public-read cache forgets the report's answers there, so
   * the next look-up on any replica sees the change). A failure is logged, never thrown.
   */
  settleWith(listener: ReportChangeListener): () => void {
    this.settlers.add(listener);
    return () => this.settlers.delete(listener);
  }

  /** Calls `listener` for every change to any report, stored here or by another replica. */
  subscribeToNotices(listener: ReportNoticeListener): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  /** Calls `callback` when this bus closes (the server shuts down): live streams end then. */
  whenClosed(callback: () => void): () => void {
    this.closers.add(callback);
    return () => this.closers.delete(callback);
  }

  /** Ends every live stream; the relay is closed by whoever opened its connections. */
  close(): void {
    for (const close of [...this.closers]) close();
    this.closers.clear();
  }

  /** Sends this process's notices to the other replicas and hears theirs. */
  connect(relay: ReportNoticeRelay): void {
    this.relay = relay;
    relay.onReceive((notice) => {
      if (notice.origin !== this.origin) this.notify(notice);
    });
  }

  /**
   * Tells every listener; resolves once the settling ones are done. A failing listener
   * never fails the change that was already stored.
   */
  async publish(change: ReportChange): Promise<void> {
    await Promise.all(
      [...this.settlers].map((settle) =>
        Promise.resolve()
          .then(() => settle(change))
          .catch((error: unknown) => logFailure(`settling a ${change.kind} change failed`, error)),
      ),
    );
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(change))
        .catch((error: unknown) => logFailure(`a ${change.kind} listener failed`, error));
    }
    const notice = { kind: change.kind, reportId: change.report.id, origin: this.origin };
    this.notify(notice);
    this.relay?.send(notice);
  }

  private notify(notice: ReportNotice): void {
    for (const listener of this.noticeListeners) {
      try {
        listener(notice);
      } catch (error) {
        logFailure(`a ${notice.kind} notice listener failed`, error);
      }
    }
  }
}
