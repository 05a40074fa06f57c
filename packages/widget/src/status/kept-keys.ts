/**
 * The resident keys this device keeps, by tracking code: the one a report was sent with
 * (common/resident-keys.ts makes it), or the one in the reporter's e-mail link. With it
 * the reporter may reopen the report or confirm it resolved. The status chunk reads and
 * keeps them; the requests chunk keeps a report's when it is stored.
 */
import type { SubmitReportResult } from '@aduan/client';
import type { ResidentKey } from '../common/resident-keys.js';
import { rememberReport } from '../first-script.js';

/** Keeps the key of a stored report on this device, by tracking code, and the report in "Laporan saya". */
export function keepResidentKey(result: SubmitReportResult, sent?: ResidentKey): void {
  if (result.__typename !== 'ReportSubmitted') return;
  keepKey(result.report.trackingCode, result.residentKey || (sent?.hash && sent.key));
  rememberReport(result.report, true);
}

/** Keeps `key` for the report `code` on this device (a key from the reporter's e-mail link, say). */
export function keepKey(code: string, key: string | null | undefined): void {
  try {
    if (key) localStorage[`aduan-key:${code}`] = key;
  } catch {
    // storage blocked: the reporter still has the key in their e-mail link, when they left an address
  }
}

/** The key this device keeps for a tracking code. */
export function residentKeyFor(code: string): string | null {
  try {
    return localStorage.getItem(`aduan-key:${code}`);
  } catch {
    return null;
  }
}
