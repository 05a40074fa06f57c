// Every change to a report that someone outside the request may care about:
// live status subscriptions, e-mail to residents and staff, and later webhooks.
// In-process only; with several replicas a shared transport (Redis) carries it.
import type { Report } from '@aduan/prisma';

/**
 * NOTE: staff added a public note (addReportNote) without changing the status; not sent for internal notes.
 * ASSIGNED: internal (who has it in hand); public listeners must skip it.
 */
export type ReportChangeKind = 'SUBMITTED' | 'STATUS_CHANGED' | 'REROUTED' | 'REOPENED' | 'CONFIRMED' | 'ESCALATED' | 'NOTE' | 'ASSIGNED';

/** Kinds that change nothing the public sees. */
export const INTERNAL_CHANGE_KINDS: readonly ReportChangeKind[] = ['ASSIGNED'];

export interface ReportChange {
  kind: ReportChangeKind;
  /** The report as it is after the change. */
  report: Report;
  /** What the agency told the public with this change, if anything. */
  publicNote: string | null;
  at: Date;
  /** For ASSIGNED: the accounts involved and who did it (`staff:<id>` or `token:<id>`). */
  assignment?: { assigneeId: string | null; previousAssigneeId: string | null; actor: string };
}

export type ReportChangeListener = (change: ReportChange) => void | Promise<void>;

export class ReportChanges {
  private readonly listeners = new Set<ReportChangeListener>();

  /** Calls `listener` for every change from now on; returns the function that stops it. */
  subscribe(listener: ReportChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener. A failing listener never fails the change that was already stored. */
  publish(change: ReportChange): void {
    for (const listener of this.listeners) {
      Promise.resolve()
        .then(() => listener(change))
        .catch((error: unknown) => console.error(`aduan: a ${change.kind} listener failed:`, error));
    }
  }
}
