// Open311 knows two statuses. A report is `open` while the agency still owes the
// resident an answer (core's OPEN_STATUSES: RECEIVED, ACKNOWLEDGED, IN_PROGRESS)
// and `closed` once it has one (RESOLVED, REJECTED, CLOSED); a reopen makes it open again.
import { OPEN_STATUSES, REPORT_STATUSES, isOpenStatus, type ReportStatus } from '@aduan/core';

export type Open311Status = 'open' | 'closed';

export const OPEN311_STATUSES: readonly Open311Status[] = ['open', 'closed'];

export function open311Status(status: ReportStatus): Open311Status {
  return isOpenStatus(status) ? 'open' : 'closed';
}

/** The Aduan statuses an Open311 status filter stands for. */
export function reportStatusesFor(status: Open311Status): ReportStatus[] {
  return status === 'open' ? [...OPEN_STATUSES] : REPORT_STATUSES.filter((s) => !isOpenStatus(s));
}
