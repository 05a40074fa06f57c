import { isOpenStatus, type ReportStatus } from './status.js';
import { checkWorkingCalendar, firstWorkingDayFrom, isWorkingDay, MS_PER_DAY, type WorkingCalendar } from './working-calendar.js';

const MS_PER_HOUR = 3_600_000;

/** Ten years: far beyond any agency's rule, and a bound on the work `dueAt` may do. */
export const MAX_RESPONSE_HOURS = 87_600;

/**
 * When the agency's answer is due: `responseHours` hours after submission, counted
 * only while the clock runs.
 *
 * Without a calendar the clock always runs (calendar hours). With one, it runs during
 * the calendar's working days, whole local days in its time zone, from 00:00 to the
 * next day's 00:00: a working weekday that is not a holiday. It stops at the end of
 * a working day and starts again at the beginning of the next one, so a report sent
 * on a Saturday starts counting on Monday at 00:00, and a 24-hour rule sent on a Friday
 * at 15:00 is due on Monday at 15:00 (when Monday is a working day). Hours are real
 * elapsed hours: a working day on which the clocks change holds 23 or 25 of them.
 * A deadline that uses up a working day exactly falls at its end (the next day's
 * 00:00), even when that next day is a holiday. With all seven days and no holidays
 * the result is exactly the calendar-hours one.
 *
 * Cost: hours run unbroken through consecutive working days, so the count moves one
 * run of working days at a time (a working week, for Monday to Friday) with two local
 * midnights looked up per run, and those are remembered per zone. The number of runs is
 * bounded by `responseHours` (at most MAX_RESPONSE_HOURS) and the holidays.
 *
 * Throws a RangeError on an invalid date, a negative, non-finite or too large number
 * of hours, or an invalid calendar (unknown zone, no working day, a weekday outside
 * 1–7, a holiday not written YYYY-MM-DD).
 */
export function dueAt(submittedAt: Date, responseHours: number, calendar?: WorkingCalendar | null): Date {
  const submittedMs = submittedAt.getTime();
  if (!Number.isFinite(submittedMs)) throw new RangeError('submittedAt is an invalid date');
  if (!Number.isFinite(responseHours) || responseHours < 0 || responseHours > MAX_RESPONSE_HOURS) {
    throw new RangeError(`responseHours must be a finite number from 0 to ${MAX_RESPONSE_HOURS}, got ${responseHours}`);
  }
  const total = Math.round(responseHours * MS_PER_HOUR);
  if (!calendar) return new Date(submittedMs + total);
  const checked = checkWorkingCalendar(calendar);
  if (checked.everyDay) return new Date(submittedMs + total);

  const { zone } = checked;
  let day = zone.dayOf(submittedMs);
  let runStart = submittedMs;
  if (!isWorkingDay(checked, day)) {
    day = firstWorkingDayFrom(checked, day + 1);
    runStart = zone.startOfDay(day);
  }
  let left = total;
  for (;;) {
    // A run of consecutive working days from `day` to `last`, cut once its nominal
    // length (24 h a day) reaches what is left; a cut run simply continues as the next one.
    let last = day;
    while ((last - day + 1) * MS_PER_DAY < left && isWorkingDay(checked, last + 1)) last++;
    const runEnd = zone.startOfDay(last + 1);
    const length = Math.max(0, runEnd - runStart);
    if (left <= length) return new Date(runStart + left);
    left -= length;
    day = firstWorkingDayFrom(checked, last + 1);
    runStart = zone.startOfDay(day);
  }
}

/**
 * Whether a report has missed its deadline: `now` is strictly after `dueAt` and the
 * report is still open (RECEIVED, ACKNOWLEDGED or IN_PROGRESS). Resolved, rejected and
 * closed reports are never overdue, however late they were answered.
 */
export function isOverdue(dueAt: Date, status: ReportStatus, now: Date): boolean {
  return isOpenStatus(status) && now.getTime() > dueAt.getTime();
}
