/**
 * "Laporan saya": the reports this device sent, newest first, with what was last seen of
 * them, in localStorage beside their resident keys (resident-keys.ts). A report sent
 * later from the outbox, on another page load, lands here too: its code is never lost.
 */
import type { PublicReport } from '@aduan/client';

export interface MyReport {
  code: string;
  names: { id: string; en: string };
  status: string;
  at: string;
  timeZone: string;
}

const KEY = 'aduan-mine';
const KEEP = 50;

export function myReports(): MyReport[] {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as MyReport[]) : [];
  } catch {
    return [];
  }
}

/** Adds a report this device sent, or updates what it last knew of one. */
export function rememberReport(report: PublicReport, sent = false): void {
  const list = myReports();
  const known = list.findIndex((m) => m.code === report.trackingCode);
  if (known < 0 && !sent) return;
  const entry: MyReport = { code: report.trackingCode, names: report.category.names, status: report.status, at: report.submittedAt, timeZone: report.timeZone };
  if (known < 0) list.unshift(entry);
  else list[known] = entry;
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, KEEP)));
  } catch {
    // storage blocked or full: the receipt on screen still shows the code
  }
}
