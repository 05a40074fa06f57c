/**
 * The numbers <aduan-statistics> shows, as files anyone may take away: JSON as the
 * `statistics` query answered it, and CSV in long form — one row per number, with what
 * it measures, over what, and the period — so a spreadsheet can pivot it any way.
 */
import type { StatisticsQuery } from '@aduan/client';

type Statistics = StatisticsQuery['statistics'];

const HEADER = ['period_from', 'period_to', 'measure', 'by', 'code', 'name', 'value'];

/** A CSV field, quoted when it must be (RFC 4180), and never read as a formula by a spreadsheet. */
function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function statisticsCsv(s: Statistics): string {
  const rows: (string | number | null)[][] = [];
  const add = (measure: string, by: string, code: string, name: string, value: number | null) => rows.push([s.from, s.to, measure, by, code, name, value]);
  add('reports', 'all', '', '', s.total);
  for (const c of s.byCategory) add('reports', 'category', c.category.code, c.category.name, c.count);
  for (const a of s.byArea) add('reports', 'area', a.area.code, a.area.name, a.count);
  for (const a of s.agencies) {
    const { slug, name } = a.agency;
    add('received', 'agency', slug, name, a.received);
    add('responded', 'agency', slug, name, a.responded);
    add('resolved', 'agency', slug, name, a.resolved);
    add('median_hours_to_first_response', 'agency', slug, name, a.medianHoursToFirstResponse ?? null);
    add('median_hours_to_resolution', 'agency', slug, name, a.medianHoursToResolution ?? null);
    add('within_deadline_share', 'agency', slug, name, a.withinDeadlineShare ?? null);
    add('open_overdue', 'agency', slug, name, a.openOverdue);
  }
  for (const w of s.weekly) {
    add('received', 'week', w.week, w.startsOn, w.received);
    add('resolved', 'week', w.week, w.startsOn, w.resolved);
  }
  return `${[HEADER, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

export function statisticsJson(s: Statistics): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
