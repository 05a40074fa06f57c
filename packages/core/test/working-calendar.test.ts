// Deadlines on a working calendar: hours run only on working days, whole local days
// in the calendar's zone. Fixed examples (Kupang, Idul Fitri, the year's end, clock
// changes), then random cases against a slow reference that walks quarter hours.
import { describe, expect, it } from 'vitest';
import { EVERY_DAY, MAX_RESPONSE_HOURS, checkWorkingCalendar, dueAt, isLocalDate, type WorkingCalendar } from '../src/index.js';

const HOUR = 3_600_000;
const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5];

/** Kupang, Monday to Friday, with the national holidays and cuti bersama of 2026 that the examples cross. */
const kupang: WorkingCalendar = {
  timeZone: 'Asia/Makassar',
  workingDays: MONDAY_TO_FRIDAY,
  holidays: new Set([
    '2026-03-18',
    '2026-03-19',
    '2026-03-20',
    '2026-03-21',
    '2026-03-22',
    '2026-03-23',
    '2026-03-24',
    '2026-08-17',
    '2026-12-24',
    '2026-12-25',
    '2027-01-01',
  ]),
};
const plainWeek = (timeZone: string, workingDays = MONDAY_TO_FRIDAY): WorkingCalendar => ({ timeZone, workingDays, holidays: [] });

/** `dueAt` as an ISO string, for readable expectations. */
const due = (submitted: string, hours: number, calendar?: WorkingCalendar) => dueAt(new Date(submitted), hours, calendar).toISOString();

describe('deadlines on a working calendar (Kupang, WITA = UTC+8)', () => {
  it('runs through a working day and stops for the weekend', () => {
    expect(due('2026-07-01T10:00:00+08:00', 5, kupang)).toBe('2026-07-01T07:00:00.000Z'); // Wednesday 15:00
    expect(due('2026-07-03T15:00:00+08:00', 24, kupang)).toBe('2026-07-06T07:00:00.000Z'); // Friday 15:00 → Monday 15:00
    expect(due('2026-07-01T10:00:00+08:00', 72, kupang)).toBe('2026-07-06T02:00:00.000Z'); // Wednesday 10:00 → Monday 10:00
  });

  it('starts counting at Monday 00:00 for a report sent at the weekend', () => {
    expect(due('2026-07-04T10:00:00+08:00', 1.5, kupang)).toBe('2026-07-05T17:30:00.000Z'); // Saturday → Monday 01:30
    expect(due('2026-07-05T23:59:00+08:00', 24, kupang)).toBe('2026-07-06T16:00:00.000Z'); // Sunday → Tuesday 00:00
    expect(due('2026-07-04T10:00:00+08:00', 0, kupang)).toBe('2026-07-05T16:00:00.000Z'); // due as soon as the clock runs
  });

  it('counts fractions of an hour across the weekend', () => {
    expect(due('2026-07-03T23:45:00+08:00', 0.5, kupang)).toBe('2026-07-05T16:15:00.000Z'); // Friday 23:45 → Monday 00:15
    expect(due('2026-07-03T23:45:00+08:00', 0.25, kupang)).toBe('2026-07-03T16:00:00.000Z'); // exactly the end of Friday
    expect(due('2026-07-01T10:00:00+08:00', 1 / 60, kupang)).toBe('2026-07-01T02:01:00.000Z');
    expect(due('2026-07-03T23:59:59.500+08:00', 0.001, kupang)).toBe('2026-07-05T16:00:03.100Z'); // 3.6 s: 0.5 s on Friday, 3.1 s on Monday
  });

  it('ends a deadline that uses up a working day at its midnight, holiday or not', () => {
    expect(due('2026-07-03T00:00:00+08:00', 24, kupang)).toBe('2026-07-03T16:00:00.000Z'); // Friday 00:00 → Saturday 00:00
    expect(due('2026-08-14T00:00:00+08:00', 24, kupang)).toBe('2026-08-14T16:00:00.000Z'); // not carried over the 17 August holiday
  });

  it('skips Nyepi, Idul Fitri and its cuti bersama: nine days without a working hour', () => {
    // Tuesday 17 March 10:00: 14 h that day, then 18–24 March are holidays or the weekend.
    expect(due('2026-03-17T10:00:00+08:00', 24, kupang)).toBe('2026-03-25T02:00:00.000Z'); // Wednesday 25 March 10:00
    expect(due('2026-03-17T10:00:00+08:00', 48, kupang)).toBe('2026-03-26T02:00:00.000Z');
    // Sent on Nyepi itself: counting starts on the first working day after.
    expect(due('2026-03-19T09:00:00+08:00', 8, kupang)).toBe('2026-03-25T00:00:00.000Z'); // Wednesday 08:00
  });

  it('skips a holiday on a Monday', () => {
    expect(due('2026-08-14T15:00:00+08:00', 24, kupang)).toBe('2026-08-18T07:00:00.000Z'); // Friday 15:00 → Tuesday 15:00
    expect(due('2026-08-17T09:00:00+08:00', 24, kupang)).toBe('2026-08-18T16:00:00.000Z'); // sent on the holiday → Wednesday 00:00
  });

  it('crosses the year boundary, with and without New Year as a holiday', () => {
    expect(due('2026-12-31T16:00:00+08:00', 24, kupang)).toBe('2027-01-04T08:00:00.000Z'); // Thursday → Monday 4 January 16:00
    expect(due('2026-12-31T16:00:00+08:00', 24, plainWeek('Asia/Makassar'))).toBe('2027-01-01T08:00:00.000Z'); // → Friday 1 January
    // Christmas Eve (cuti bersama) and Christmas, then the weekend.
    expect(due('2026-12-23T12:00:00+08:00', 24, kupang)).toBe('2026-12-28T04:00:00.000Z'); // Wednesday → Monday 12:00
  });

  it('counts a year of working days in a year and a bit', () => {
    // 8,760 h from a Monday 00:00 = 365 working days = 73 whole Monday-to-Friday weeks.
    expect(due('2026-01-05T00:00:00+08:00', 8760, plainWeek('Asia/Makassar'))).toBe('2027-05-28T16:00:00.000Z'); // Saturday 29 May 2027 00:00, week 73
    expect(() => dueAt(new Date(), MAX_RESPONSE_HOURS + 1, kupang)).toThrow(/responseHours must be a finite number from 0 to 87600/);
  });

  it('accepts holidays as a set or a list, and changes neither the calendar nor the date', () => {
    const list: WorkingCalendar = { ...kupang, holidays: [...(kupang.holidays as Set<string>)] };
    expect(due('2026-03-17T10:00:00+08:00', 24, list)).toBe(due('2026-03-17T10:00:00+08:00', 24, kupang));
    const submitted = new Date('2026-07-03T15:00:00+08:00');
    const snapshot = JSON.stringify({ ...list, submitted });
    dueAt(submitted, 24, list);
    expect(JSON.stringify({ ...list, submitted })).toBe(snapshot);
  });
});

describe('deadlines in zones with daylight saving (local midnights from the zone’s rules)', () => {
  const berlin = plainWeek('Europe/Berlin');

  it('keeps the wall-clock time over a weekend with a clock change (Europe/Berlin)', () => {
    // Summer time starts on Sunday 29 March 2026; a fixed +01:00 would say Monday 16:00.
    expect(due('2026-03-27T15:00:00+01:00', 24, berlin)).toBe('2026-03-30T13:00:00.000Z'); // Monday 15:00 CEST
    // Winter time on Sunday 25 October 2026.
    expect(due('2026-10-23T15:00:00+02:00', 24, berlin)).toBe('2026-10-26T14:00:00.000Z'); // Monday 15:00 CET
  });

  it('counts real hours on a working day of 23 or 25 hours', () => {
    const sundays = plainWeek('Europe/Berlin', [7]);
    // Sunday 29 March has 23 hours: 1 h is left for the next Sunday.
    expect(due('2026-03-28T10:00:00+01:00', 24, sundays)).toBe('2026-04-04T23:00:00.000Z'); // Sunday 5 April 01:00 CEST
    // Sunday 25 October has 25 hours: 24 of them end at 23:00.
    expect(due('2026-10-24T10:00:00+02:00', 24, sundays)).toBe('2026-10-25T22:00:00.000Z'); // Sunday 23:00 CET
  });

  it('starts a day whose midnight was skipped at the clock change (America/Santiago)', () => {
    // On Sunday 6 September 2026 Chile's clocks jump from 00:00 to 01:00: the day starts at 04:00 UTC.
    expect(due('2026-09-05T12:00:00-04:00', 1, plainWeek('America/Santiago', [7]))).toBe('2026-09-06T05:00:00.000Z'); // 02:00 -03
    // On Sunday 5 April 2026 Saturday 23:00–24:00 repeats; Sunday starts once it is over.
    expect(due('2026-04-04T12:00:00-03:00', 1, plainWeek('America/Santiago', [7]))).toBe('2026-04-05T05:00:00.000Z'); // 01:00 -04
  });

  it('gives a day that never happened no hours (Samoa skipped Friday 30 December 2011)', () => {
    // Thursday 12:00 (UTC−10): 12 h on Thursday, none on the missing Friday, the weekend, then Monday 2 January (UTC+14).
    expect(due('2011-12-29T12:00:00-10:00', 24, plainWeek('Pacific/Apia'))).toBe('2012-01-01T22:00:00.000Z'); // Monday 12:00
  });
});

describe('a calendar where every day works', () => {
  const zones = ['Asia/Makassar', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'UTC'];

  it('gives exactly the calendar-hours deadline', () => {
    const random = seeded(7);
    for (let i = 0; i < 500; i++) {
      const submitted = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 3 * 365 * 24 * 60) * 60_000 + Math.floor(random() * 60_000));
      const hours = Math.floor(random() * 500 * 60) / 60;
      const zone = zones[i % zones.length]!;
      const expected = dueAt(submitted, hours).getTime();
      expect(dueAt(submitted, hours, { timeZone: zone, workingDays: EVERY_DAY, holidays: [] }).getTime()).toBe(expected);
      expect(dueAt(submitted, hours, { timeZone: zone, workingDays: [7, 1, 2, 3, 4, 5, 6, 1], holidays: new Set() }).getTime()).toBe(expected);
    }
  });

  it('stops only for the holidays', () => {
    const everyDayButXmas: WorkingCalendar = { timeZone: 'Asia/Makassar', workingDays: EVERY_DAY, holidays: ['2026-12-25'] };
    expect(due('2026-12-24T12:00:00+08:00', 24, everyDayButXmas)).toBe('2026-12-26T04:00:00.000Z'); // Saturday 26th 12:00
    expect(due('2026-12-20T12:00:00+08:00', 24, everyDayButXmas)).toBe('2026-12-21T04:00:00.000Z'); // not crossed: calendar hours
  });
});

describe('random deadlines against a quarter-hour reference', () => {
  const calendars: WorkingCalendar[] = [
    kupang,
    plainWeek('Europe/Berlin'),
    { timeZone: 'Europe/Berlin', workingDays: [1, 2, 3, 4, 6, 7], holidays: ['2026-03-29', '2026-10-26', '2027-03-28'] },
    plainWeek('America/Santiago', [2, 4, 7]),
    plainWeek('Australia/Lord_Howe', [1, 2, 3, 4, 5, 6]), // daylight saving of 30 minutes
    { timeZone: 'Asia/Kathmandu', workingDays: [7, 1, 2, 3, 4], holidays: ['2026-10-20', '2026-10-21', '2026-10-22'] }, // UTC+5:45
  ];

  it('agrees with walking the clock a quarter hour at a time', () => {
    const random = seeded(2026);
    for (const calendar of calendars) {
      for (let i = 0; i < 40; i++) {
        const quarter = 15 * 60_000;
        const submitted = Date.UTC(2026, 0, 1) + Math.floor(random() * 2 * 365 * 96) * quarter;
        const hours = (1 + Math.floor(random() * 4 * 120)) / 4;
        const expected = referenceDueAt(submitted, hours, calendar);
        expect(dueAt(new Date(submitted), hours, calendar).getTime(), `${calendar.timeZone} ${new Date(submitted).toISOString()} + ${hours} h`).toBe(expected);
      }
    }
  });

  it('never gives a later report an earlier deadline, nor one before calendar hours', () => {
    const random = seeded(11);
    for (const calendar of calendars) {
      let previous = -Infinity;
      let submitted = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 300; i++) {
        submitted += Math.floor(random() * 40 * HOUR);
        const deadline = dueAt(new Date(submitted), 48, calendar).getTime();
        expect(deadline).toBeGreaterThanOrEqual(previous);
        expect(deadline).toBeGreaterThanOrEqual(submitted + 48 * HOUR);
        previous = deadline;
      }
    }
  });
});

describe('bad calendars', () => {
  const base = { timeZone: 'Asia/Makassar', workingDays: MONDAY_TO_FRIDAY, holidays: [] as string[] };
  const refused: [string, WorkingCalendar, RegExp][] = [
    ['weekday 0', { ...base, workingDays: [0, 1] }, /Working day 0 is not an ISO weekday \(1 = Monday … 7 = Sunday\)/],
    ['weekday 8', { ...base, workingDays: [8] }, /Working day 8 is not an ISO weekday/],
    ['a fractional weekday', { ...base, workingDays: [1.5] }, /Working day 1\.5 is not an ISO weekday/],
    ['an empty working week', { ...base, workingDays: [] }, /at least one working day/],
    ['an impossible date', { ...base, holidays: ['2026-02-29'] }, /Holiday "2026-02-29" is not a date written YYYY-MM-DD/],
    ['a date without zero padding', { ...base, holidays: ['2026-8-17'] }, /Holiday "2026-8-17"/],
    ['a date with a time', { ...base, holidays: ['2026-08-17T00:00'] }, /Holiday "2026-08-17T00:00"/],
    ['an unknown zone', { ...base, timeZone: 'Asia/Kupang' }, /Invalid time zone "Asia\/Kupang": give an IANA name such as "Asia\/Makassar"/],
    ['an empty zone', { ...base, timeZone: '' }, /Invalid time zone ""/],
  ];

  it.each(refused)('refuses %s with a RangeError that says what is wrong', (_name, calendar, message) => {
    expect(() => dueAt(new Date('2026-07-01T00:00:00Z'), 24, calendar)).toThrow(RangeError);
    expect(() => dueAt(new Date('2026-07-01T00:00:00Z'), 24, calendar)).toThrow(message);
    expect(() => checkWorkingCalendar(calendar)).toThrow(message);
  });

  it('treats a missing calendar as calendar hours', () => {
    expect(due('2026-07-04T10:00:00+08:00', 24, undefined)).toBe('2026-07-05T02:00:00.000Z');
    expect(dueAt(new Date('2026-07-04T10:00:00+08:00'), 24, null).toISOString()).toBe('2026-07-05T02:00:00.000Z');
  });

  it('knows a local date when it sees one', () => {
    for (const date of ['2026-08-17', '2028-02-29', '2000-02-29', '0001-01-01', '9999-12-31']) expect(isLocalDate(date), date).toBe(true);
    for (const date of [
      '2026-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-01',
      '26-01-01',
      '2026/01/01',
      ' 2026-01-01',
      '２０２６-01-01',
      '',
    ]) {
      expect(isLocalDate(date), date).toBe(false);
    }
  });
});

/** The clock walked a quarter hour at a time: it runs while the local date (Intl) is a working day. */
function referenceDueAt(submitted: number, hours: number, calendar: WorkingCalendar): number {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const holidays = new Set(calendar.holidays);
  const quarter = 15 * 60_000;
  const working = (instant: number) => {
    const date = format.format(instant);
    const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    return calendar.workingDays.includes(weekday) && !holidays.has(date);
  };
  let left = Math.round(hours * 4);
  let t = submitted;
  while (left > 0) {
    if (working(t)) left--;
    t += quarter;
  }
  return t;
}

/** A small deterministic generator (mulberry32), so failures can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
