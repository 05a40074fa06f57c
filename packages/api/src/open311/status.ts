// Open311's status words for a report. GeoReport v2 knows two: a report is `open`
// while the agency still owes the resident an answer (core's OPEN_STATUSES:
// RECEIVED, ACKNOWLEDGED, IN_PROGRESS) and `closed` once it has one (RESOLVED,
// REJECTED, CLOSED); a reopen makes it open again. mySociety's servicerequestupdates
// extension, which FixMyStreet reads, knows finer ones (updateStatusOf).
import { OPEN_STATUSES, REPORT_STATUSES, isOpenStatus, type ReportStatus } from '@aduan/core';
import type { RejectionReason } from '../workflow/update-status.js';

export type Open311Status = 'open' | 'closed';

export const OPEN311_STATUSES: readonly Open311Status[] = ['open', 'closed'];

export function open311Status(status: ReportStatus): Open311Status {
  return isOpenStatus(status) ? 'open' : 'closed';
}

/** The Aduan statuses an Open311 status filter stands for. */
export function reportStatusesFor(status: Open311Status): ReportStatus[] {
  return status === 'open' ? [...OPEN_STATUSES] : REPORT_STATUSES.filter((s) => !isOpenStatus(s));
}

/** The words of the servicerequestupdates extension that Aduan uses (its vocabulary has a few more). */
export const UPDATE_STATUSES = [
  'open',
  'investigating',
  'in_progress',
  'fixed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'closed',
] as const;

export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** Why a report was rejected, in the extension's words: FixMyStreet shows each as a closed state of its own. */
const REJECTED_AS: Record<RejectionReason, UpdateStatus> = {
  DUPLICATE: 'duplicate',
  NOT_OUR_RESPONSIBILITY: 'not_councils_responsibility',
  INSUFFICIENT_INFORMATION: 'no_further_action',
  OUT_OF_SCOPE: 'no_further_action',
};

/** How a report last ended before a step: resolved, or rejected (with the rejection's reason, when it had one). */
export interface Outcome {
  status: 'RESOLVED' | 'REJECTED';
  reason: string | null;
}

/**
 * A report's status after a step, in the extension's words. A rejection is told by its
 * reason, and a report closed after a rejection keeps that word: a client that reads
 * `closed` as "fixed" (FixMyStreet does, unless told otherwise) would otherwise call a
 * duplicate fixed. `outcome` is the report's latest resolution or rejection up to the step.
 */
export function updateStatusOf(status: ReportStatus, outcome: Outcome | null): UpdateStatus {
  const reason = outcome?.reason ?? null;
  const rejected = () => (reason !== null && Object.hasOwn(REJECTED_AS, reason) ? REJECTED_AS[reason as RejectionReason] : 'no_further_action');
  switch (status) {
    case 'RECEIVED':
      return 'open';
    case 'ACKNOWLEDGED':
      return 'investigating';
    case 'IN_PROGRESS':
      return 'in_progress';
    case 'RESOLVED':
      return 'fixed';
    case 'REJECTED':
      return rejected();
    case 'CLOSED':
      return outcome?.status === 'REJECTED' ? rejected() : 'closed';
  }
}
