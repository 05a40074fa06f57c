/**
 * The resident key: 256 random bits made on the device before a report's first attempt.
 * Only its SHA-256 goes to the server (`residentKeyHash`); the key stays on this device
 * with the tracking code, and it is what lets the reporter reopen the report or confirm
 * it resolved — the code alone only reads. On a plain-http page there is no
 * crypto.subtle to hash with: no hash is sent, the server makes a key and returns it
 * once, and that one is kept instead.
 */
import type { SubmitReportResult } from '@aduan/client';
import { rememberReport } from './my-reports.js';
import { base64url, randomKey } from './random.js';

export interface ResidentKey {
  key: string;
  hash?: string;
}

export async function newResidentKey(): Promise<ResidentKey> {
  const key = randomKey(32);
  return crypto.subtle ? { key, hash: base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key))) } : { key };
}

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
