// Dates the way the spec wants them: the W3C profile of ISO 8601 with a zone.
// Aduan writes every date in the report's own zone (Kupang: +08:00), so a client
// shows local time without knowing the city, and reads any offset or Z back.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** `2026-11-28T11:19:34+08:00`: whole seconds, the zone's offset at that instant (`Z` for UTC). */
export function w3cDateTime(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = /^GMT([+-]\d{2}:\d{2})$/.exec(parts.timeZoneName ?? '')?.[1];
  const zone = !offset || offset === '+00:00' || offset === '-00:00' ? 'Z' : offset;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${zone}`;
}

/** Minutes the zone is ahead of UTC at `date`. */
function offsetMinutes(date: Date, timeZone: string): number {
  const text = w3cDateTime(date, timeZone);
  const match = /([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export interface ParsedDate {
  date: Date;
  /** Whether the text named a whole day or a second only (no fraction), so an end can include all of it. */
  precision: 'day' | 'minute' | 'second' | 'fraction';
}

/**
 * A W3C date-time with a zone (`2026-01-31T08:00:00+08:00`, `…Z`, seconds optional)
 * or a bare date, which means that day's midnight in `timeZone`. Null when it is
 * neither, names a day that does not exist, or gives a time without a zone.
 */
export function parseW3cDate(text: string, timeZone: string): ParsedDate | null {
  const match = W3C.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (calendarDay.getUTCFullYear() !== year || calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) {
    return null;
  }
  if (h === undefined) {
    // Midnight in the zone: UTC midnight moved by the zone's offset (checked again after the move, for DST).
    let instant = calendarDay.getTime() - offsetMinutes(calendarDay, timeZone) * 60_000;
    instant = calendarDay.getTime() - offsetMinutes(new Date(instant), timeZone) * 60_000;
    return { date: new Date(instant), precision: 'day' };
  }
  if (zone === undefined) return null; // a time without a zone is ambiguous; the spec requires one
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const zoneMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (Math.abs(zoneMinutes) > 14 * 60 || Number(zone.slice(4, 6) || 0) > 59) return null;
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  const instant = Date.UTC(year, month - 1, day, hour, minute, second, millis) - zoneMinutes * 60_000;
  return { date: new Date(instant), precision: fraction ? 'fraction' : s === undefined ? 'minute' : 'second' };
}

/** The last instant a parsed end date covers: a whole day, minute or second, as written. */
export function endOf(parsed: ParsedDate): Date {
  const extra = { day: 86_400_000, minute: 60_000, second: 1_000, fraction: 1 }[parsed.precision];
  return new Date(parsed.date.getTime() + extra - 1);
}

/** A deadline for people in a notice, in the report's zone: "28 Nov 2026, 17:00 (UTC+08:00)". */
export function humanDateTime(date: Date, timeZone: string, locale: 'ID' | 'EN'): string {
  const local = new Intl.DateTimeFormat(locale === 'ID' ? 'id-ID' : 'en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const zone = w3cDateTime(date, timeZone).slice(19);
  return `${local.format(date)} (UTC${zone === 'Z' ? '' : zone})`;
}
