import { isOpenStatus, type ReportStatus } from './status.js';

const MS_PER_HOUR = 3_600_000;

/**
 * When the agency's answer is due: `responseHours` calendar hours after submission.
 *
 * Working days, weekends and public holidays are deliberately not treated specially
 * yet: each agency sets `responseHours` in its own routing rules, so an agency that
 * only works weekdays can already give itself 72 hours instead of 24, and a calendar
 * model (per jurisdiction holidays, WITA/WIB/WIT office hours) would be guesswork until
 * agencies ask for it. Calendar hours are also what a resident understands.
 *
 * Throws a RangeError on an invalid date or a negative or non-finite number of hours.
 */
export function dueAt(submittedAt: Date, responseHours: number): Date {
  const submittedMs = submittedAt.getTime();
  if (!Number.isFinite(submittedMs)) throw new RangeError('submittedAt is an invalid date');
  if (!Number.isFinite(responseHours) || responseHours < 0) {
    throw new RangeError(`responseHours must be a finite number ≥ 0, got ${responseHours}`);
  }
  return new Date(submittedMs + Math.round(responseHours * MS_PER_HOUR));
}

/**
 * Whether a report has missed its deadline: `now` is strictly after `dueAt` and the
 * report is still open (RECEIVED, ACKNOWLEDGED or IN_PROGRESS). Resolved, rejected and
 * closed reports are never overdue, however late they were answered.
 */
export function isOverdue(dueAt: Date, status: ReportStatus, now: Date): boolean {
  return isOpenStatus(status) && now.getTime() > dueAt.getTime();
}
