/**
 * The lifecycle of a report.
 *
 *   RECEIVED ──▶ ACKNOWLEDGED ──▶ IN_PROGRESS ──▶ RESOLVED ──▶ CLOSED
 *      │              │               │    ▲          │
 *      └──────────────┴───────────────┴──▶ REJECTED ──┴──▶ CLOSED
 *                                          └── reopen ──▶ IN_PROGRESS
 *
 * - An agency may reject at any open step (not its job, duplicate, not a complaint).
 * - RESOLVED and REJECTED can be reopened to IN_PROGRESS (the resident says the
 *   problem is still there, or the rejection was wrong) until the report is CLOSED.
 * - CLOSED is final: a new problem is a new report.
 * Steps are not skipped (no RECEIVED → RESOLVED) so that every report carries an
 * acknowledgement, which is what the response-time statistics measure. One change may
 * still go further along the main line (`stepsTo`): resolving a RECEIVED report records
 * ACKNOWLEDGED and IN_PROGRESS on the way.
 */
export const REPORT_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED', 'CLOSED'] as const;

export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which the agency still owes the resident an answer (deadlines apply). */
export const OPEN_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] as const satisfies readonly ReportStatus[];

export type OpenReportStatus = (typeof OPEN_STATUSES)[number];

const TRANSITIONS: Readonly<Record<ReportStatus, readonly ReportStatus[]>> = {
  RECEIVED: ['ACKNOWLEDGED', 'REJECTED'],
  ACKNOWLEDGED: ['IN_PROGRESS', 'REJECTED'],
  IN_PROGRESS: ['RESOLVED', 'REJECTED'],
  RESOLVED: ['CLOSED', 'IN_PROGRESS'],
  REJECTED: ['CLOSED', 'IN_PROGRESS'],
  CLOSED: [],
};

export function isReportStatus(value: unknown): value is ReportStatus {
  return typeof value === 'string' && (REPORT_STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(status: ReportStatus): status is OpenReportStatus {
  return (OPEN_STATUSES as readonly ReportStatus[]).includes(status);
}

/** The statuses a report in `from` may move to next (a fresh array the caller may keep). */
export function allowedTransitions(from: ReportStatus): ReportStatus[] {
  return [...TRANSITIONS[from]];
}

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The main line, in order: the way forward from an open status. */
const MAIN_LINE: readonly ReportStatus[] = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'];

/**
 * The statuses one change passes through from `from` to `to`, each an allowed step: `[to]`
 * for a single step, the steps between for a later status on the main line (RECEIVED →
 * RESOLVED is ACKNOWLEDGED, IN_PROGRESS, RESOLVED); null when `to` cannot be reached so.
 */
export function stepsTo(from: ReportStatus, to: ReportStatus): ReportStatus[] | null {
  if (canTransition(from, to)) return [to];
  const start = MAIN_LINE.indexOf(from);
  const end = MAIN_LINE.indexOf(to);
  return start >= 0 && end > start ? MAIN_LINE.slice(start + 1, end + 1) : null;
}

/** Every status one change can take a report in `from` to: forward along the main line first, then its other steps. */
export function reachableStatuses(from: ReportStatus): ReportStatus[] {
  const start = MAIN_LINE.indexOf(from);
  const forward = start >= 0 ? MAIN_LINE.slice(start + 1) : [];
  return [...forward, ...allowedTransitions(from).filter((s) => !forward.includes(s))];
}
