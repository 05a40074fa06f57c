// Local weeks (Monday 00:00 in an area's time zone) and how a statistics range
// [from, to) splits over them: the weeks wholly inside it are read from the tally,
// the partial weeks at either end from the reports themselves.
import { isoWeekdayOf, localDays, MS_PER_DAY } from '@aduan/core';

/** A partial week of the range, read from the reports: [from, to) inside the week of `monday`. */
export interface EdgeRange {
  from: Date;
  to: Date;
  /** `YYYY-MM-DD`. */
  monday: string;
}

/** How one time zone's areas are read for a range. */
export interface WeekPlan {
  /** Mondays (`YYYY-MM-DD`) of the whole weeks inside the range: [fromMonday, toMonday); null when none. */
  tallyWeeks: { fromMonday: string; toMonday: string } | null;
  /** The rest of the range, each piece inside one week. */
  edges: EdgeRange[];
  /**
   * Resolutions at or after this instant (and before `to`) are counted from the reports,
   * since the tally's week of resolution cannot tell whether they came before `to`;
   * tally rows for resolution weeks from `cutoffMonday` on are left out.
   */
  resolvedCutoff: Date;
  cutoffMonday: string;
}

export function planWeeks(from: Date, to: Date, timeZone: string): WeekPlan {
  const days = localDays(timeZone);
  const fromMonday = mondayOf(days.dayOf(from.getTime()));
  const firstWhole = days.startOfDay(fromMonday) === from.getTime() ? fromMonday : fromMonday + 7;
  const toMonday = mondayOf(days.dayOf(to.getTime()));
  const edge = (a: Date, b: Date, monday: number): EdgeRange => ({ from: a, to: b, monday: localDate(monday) });
  if (firstWhole >= toMonday) {
    // No whole week: the range is inside one week, or across the Monday between two.
    const monday = new Date(days.startOfDay(toMonday));
    const edges =
      toMonday > fromMonday && monday > from
        ? [edge(from, monday, fromMonday), ...(monday < to ? [edge(monday, to, toMonday)] : [])]
        : [edge(from, to, fromMonday)];
    return { tallyWeeks: null, edges, resolvedCutoff: from, cutoffMonday: localDate(fromMonday) };
  }
  const wholeFrom = new Date(days.startOfDay(firstWhole));
  const wholeTo = new Date(days.startOfDay(toMonday));
  const edges: EdgeRange[] = [];
  if (from < wholeFrom) edges.push(edge(from, wholeFrom, fromMonday));
  if (wholeTo < to) edges.push(edge(wholeTo, to, toMonday));
  return {
    tallyWeeks: { fromMonday: localDate(firstWhole), toMonday: localDate(toMonday) },
    edges,
    resolvedCutoff: wholeTo,
    cutoffMonday: localDate(toMonday),
  };
}

export interface SeriesWeek {
  /** ISO week, e.g. `2026-W05`. */
  week: string;
  /** Its Monday, `YYYY-MM-DD`. */
  startsOn: string;
  /** The instant that Monday begins in the zone. */
  startsAt: Date;
}

/** Every local week the range touches, oldest first. */
export function weeksTouched(from: Date, to: Date, timeZone: string): SeriesWeek[] {
  const days = localDays(timeZone);
  const last = mondayOf(days.dayOf(to.getTime() - 1));
  const out: SeriesWeek[] = [];
  for (let monday = mondayOf(days.dayOf(from.getTime())); monday <= last; monday += 7) {
    out.push({ week: isoWeekLabel(monday), startsOn: localDate(monday), startsAt: new Date(days.startOfDay(monday)) });
  }
  return out;
}

function mondayOf(day: number): number {
  return day - (isoWeekdayOf(day) - 1);
}

/** A day number as `YYYY-MM-DD`. */
function localDate(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ISO week of the week starting on Monday `monday`: the year is its Thursday's. */
function isoWeekLabel(monday: number): string {
  const thursday = new Date((monday + 3) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * MS_PER_DAY)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
