// When a digest is due, in a city's own calendar: on a working day (its weekdays, not a
// holiday), from the city's digest time on. Pure: a calendar, a time and the clock in,
// the local date and the instants around it out.
import { checkWorkingCalendar, isoWeekdayOf, MS_PER_DAY, type WorkingCalendar } from '@aduan/core';
import { minutesOf } from './digest-setting.js';

type CheckedCalendar = ReturnType<typeof checkWorkingCalendar>;

export interface DueDigest {
  /** The local date it is for, `YYYY-MM-DD`. */
  localDate: string;
  /** When the local day ends: a report due before then is due today. */
  endOfDay: Date;
  /** The digest time of the working day before: "new since" for an agency that never had a digest. */
  previousDigestAt: Date;
}

/** Today's digest when one is due at `now` (a working day, at or after the time); null otherwise. */
export function dueDigest(calendar: WorkingCalendar, time: string, now: Date): DueDigest | null {
  const checked = checkWorkingCalendar(calendar);
  const minutes = minutesOf(time);
  const today = checked.zone.dayOf(now.getTime());
  if (!isWorkingDay(checked, today) || now.getTime() < digestInstant(checked, today, minutes)) return null;
  let before = today - 1;
  // Bounded: each holiday can push the previous working day back by at most a week.
  for (const limit = today - 7 * (checked.holidays.size + 1); before > limit && !isWorkingDay(checked, before); ) before--;
  return {
    localDate: new Date(today * MS_PER_DAY).toISOString().slice(0, 10),
    endOfDay: new Date(checked.zone.startOfDay(today + 1)),
    previousDigestAt: new Date(digestInstant(checked, before, minutes)),
  };
}

function isWorkingDay(calendar: CheckedCalendar, day: number): boolean {
  return calendar.weekdays[isoWeekdayOf(day)]! && !calendar.holidays.has(day);
}

/**
 * The instant of a local time on a local day: minutes after the day's start. Exact in
 * zones that keep one offset all day, as Indonesia's do; on a day a clock changes, off
 * by the change (a digest an hour early or late, once).
 */
function digestInstant(calendar: CheckedCalendar, day: number, minutes: number): number {
  return calendar.zone.startOfDay(day) + minutes * 60_000;
}
