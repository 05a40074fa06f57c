// Working calendars: the local days on which deadline hours run. Days are numbered
// (days since 1970-01-01 in the calendar's own zone) so that weekdays, holidays and
// "the next working day" are integer arithmetic; only where a local day starts, in
// UTC, needs the zone's rules, and that comes from Intl (daylight saving included),
// never from a fixed offset.

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Every day of the week: with no holidays, deadlines are plain calendar hours. */
export const EVERY_DAY: readonly IsoWeekday[] = Object.freeze([1, 2, 3, 4, 5, 6, 7] as const);

/** The days on which deadline hours run, as seen in one time zone. */
export interface WorkingCalendar {
  /** IANA time zone in which days begin and end, e.g. "Asia/Makassar". */
  readonly timeZone: string;
  /** ISO weekdays on which hours run, e.g. [1, 2, 3, 4, 5] for Monday to Friday. */
  readonly workingDays: readonly number[];
  /** Local dates `YYYY-MM-DD` on which hours do not run, whatever their weekday. */
  readonly holidays: ReadonlySet<string> | readonly string[];
}

export const MS_PER_DAY = 86_400_000;

/** The day number of a local date `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function parseLocalDate(text: string): number | null {
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  if (Number.isNaN(year) || !(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return null;
  return dayNumber(year, month, day);
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year; Date.UTC would move years 0–99 to the 1900s). */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(text: string): boolean {
  return parseLocalDate(text) !== null;
}

/** ISO weekday of a day number (day 0, 1970-01-01, was a Thursday). */
export function isoWeekdayOf(day: number): IsoWeekday {
  return (((((day + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/** A calendar checked and reduced to what the arithmetic needs. */
export interface CheckedCalendar {
  readonly zone: LocalDays;
  /** Whether each ISO weekday (index 1–7) is a working day. */
  readonly weekdays: readonly boolean[];
  /** Holidays as day numbers. */
  readonly holidays: ReadonlySet<number>;
  /** All seven days and no holidays: the clock never stops. */
  readonly everyDay: boolean;
}

/**
 * Checks a calendar: a valid IANA zone, at least one working day, weekdays 1–7 and
 * real `YYYY-MM-DD` holidays. Throws a RangeError saying what is wrong.
 */
export function checkWorkingCalendar(calendar: WorkingCalendar): CheckedCalendar {
  if (calendar === null || typeof calendar !== 'object') throw new RangeError('A working calendar must be an object { timeZone, workingDays, holidays }.');
  const zone = localDays(calendar.timeZone);
  const weekdays = new Array<boolean>(8).fill(false);
  const days = calendar.workingDays;
  if (!Array.isArray(days) || days.length === 0) {
    throw new RangeError('A working calendar needs at least one working day (ISO weekdays 1 = Monday … 7 = Sunday).');
  }
  for (const day of days) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new RangeError(`Working day ${String(day)} is not an ISO weekday (1 = Monday … 7 = Sunday).`);
    }
    weekdays[day] = true;
  }
  const holidays = new Set<number>();
  for (const date of calendar.holidays ?? []) {
    const day = parseLocalDate(date);
    if (day === null) throw new RangeError(`Holiday "${String(date)}" is not a date written YYYY-MM-DD.`);
    holidays.add(day);
  }
  const everyDay = holidays.size === 0 && weekdays.slice(1).every(Boolean);
  return { zone, weekdays, holidays, everyDay };
}

/** Whether hours run on the local day `day`. */
export function isWorkingDay(calendar: CheckedCalendar, day: number): boolean {
  return calendar.weekdays[isoWeekdayOf(day)]! && !calendar.holidays.has(day);
}

/**
 * The first working day on or after `day`. It always exists: there is at least one
 * working weekday and finitely many holidays, and each holiday can push the answer
 * on by at most a week, which bounds the loop.
 */
export function firstWorkingDayFrom(calendar: CheckedCalendar, day: number): number {
  const limit = day + 7 * (calendar.holidays.size + 1);
  for (let d = day; d <= limit; d++) if (isWorkingDay(calendar, d)) return d;
  throw new RangeError('The working calendar has no working day left.'); // unreachable, see above
}

/** Local days of one time zone: which day an instant falls on, and when a day starts. */
export interface LocalDays {
  readonly timeZone: string;
  /** The local day number of an instant (ms since the epoch). */
  dayOf(instant: number): number;
  /** The first instant (ms) of local day `day`: usually its midnight, else when the day begins after a clock change. */
  startOfDay(day: number): number;
}

const zones = new Map<string, LocalDays>();

/** The local days of an IANA time zone; throws a RangeError for an unknown zone. */
export function localDays(timeZone: string): LocalDays {
  const known = zones.get(timeZone);
  if (known) return known;
  if (typeof timeZone !== 'string' || timeZone === '')
    throw new RangeError(`Invalid time zone ${JSON.stringify(timeZone)}: give an IANA name such as "Asia/Makassar".`);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new RangeError(`Invalid time zone "${timeZone}": give an IANA name such as "Asia/Makassar".`);
  }
  const zone = new ZoneDays(timeZone, format);
  zones.set(timeZone, zone);
  return zone;
}

/** Day starts remembered per zone: a day's start never changes, and the same few days come up on every submission. */
const MAX_REMEMBERED_DAY_STARTS = 4_096;

class ZoneDays implements LocalDays {
  private readonly starts = new Map<number, number>();
  /** The offset at the latest midnight looked up, to guess which day an instant is on. */
  private recentOffset = 0;

  constructor(
    readonly timeZone: string,
    private readonly format: Intl.DateTimeFormat,
  ) {}

  /**
   * Day `d` is [startOfDay(d), startOfDay(d + 1)). Remembered day starts answer
   * without Intl; otherwise the zone's clock does.
   */
  dayOf(instant: number): number {
    const guess = Math.floor((instant + this.recentOffset) / MS_PER_DAY);
    for (const day of [guess, guess - 1, guess + 1]) {
      const start = this.starts.get(day);
      const next = this.starts.get(day + 1);
      if (start !== undefined && next !== undefined && start <= instant && instant < next) return day;
    }
    const wall = this.wallClock(instant);
    this.recentOffset = wall - instant;
    const day = Math.floor(wall / MS_PER_DAY);
    this.startOfDay(day); // remembered, so the next instant on this day needs no Intl
    // A repeated hour at midnight can show the previous date after the new day began: the day that began wins.
    return instant >= this.startOfDay(day + 1) ? day + 1 : day;
  }

  startOfDay(day: number): number {
    let start = this.starts.get(day);
    if (start === undefined) {
      start = this.findStartOfDay(day);
      if (this.starts.size >= MAX_REMEMBERED_DAY_STARTS) this.starts.clear();
      this.starts.set(day, start);
    }
    return start;
  }

  /**
   * Local midnight is wall − offset, for the offset in force then. Offsets a day
   * either side agree almost always (no clock change near this midnight). When they
   * differ, each gives a candidate, and the day starts at the earlier candidate that
   * falls on the day or later: a repeated midnight counts from its first occurrence; a
   * skipped midnight (clocks jump from 24:00 to 01:00) from the jump; a day skipped
   * entirely (Samoa, 2011-12-30) starts where the next one does, so it holds no hours.
   */
  private findStartOfDay(day: number): number {
    const wall = day * MS_PER_DAY;
    const before = this.offsetAt(wall - MS_PER_DAY);
    const after = this.offsetAt(wall + MS_PER_DAY);
    this.recentOffset = after;
    if (before === after) return wall - before;
    const [early, late] = [wall - before, wall - after].sort((a, b) => a - b) as [number, number];
    return Math.floor(this.wallClock(early) / MS_PER_DAY) >= day ? early : late;
  }

  /** Local time minus UTC at an instant, in ms. */
  private offsetAt(instant: number): number {
    const second = instant - (((instant % 1000) + 1000) % 1000);
    return this.wallClock(second) - second;
  }

  /** The local wall-clock time at an instant, read as if it were UTC (ms, whole seconds). */
  private wallClock(instant: number): number {
    let year = 0;
    let month = 0;
    let date = 0;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.format.formatToParts(instant)) {
      if (part.type === 'year') year = Number(part.value);
      else if (part.type === 'month') month = Number(part.value);
      else if (part.type === 'day') date = Number(part.value);
      else if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'minute') minute = Number(part.value);
      else if (part.type === 'second') second = Number(part.value);
    }
    return dayNumber(year, month, date) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
  }
}
