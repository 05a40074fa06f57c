// The crews' schedule, kept in memory: one work order per report, by tracking code.

export const WORK_ORDER_STATES = ['SCHEDULED', 'IN_PROGRESS', 'DONE'] as const;
export type WorkOrderState = (typeof WORK_ORDER_STATES)[number];

export interface WorkOrder {
  /** The Aduan report this work answers, as Aduan writes the code (KPG-7F3K2-Q9D4X). */
  trackingCode: string;
  crew: string;
  scheduledFor: Date;
  state: WorkOrderState;
  /** The Aduan agency whose crew does the work. */
  agencySlug: string;
}

export class WorkOrderStore {
  readonly #byTrackingCode = new Map<string, WorkOrder>();

  /** Adds a work order, or replaces the one the report already had. */
  put(order: WorkOrder): void {
    this.#byTrackingCode.set(order.trackingCode, { ...order });
  }

  forReport(trackingCode: string): WorkOrder | null {
    return this.#byTrackingCode.get(trackingCode) ?? null;
  }
}
