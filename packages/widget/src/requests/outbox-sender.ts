/**
 * Sends what waits in the outbox (common/outbox.ts keeps it on the device), each entry
 * with the idempotency key of its first attempt, so a retry never makes a second report.
 * Concurrent replays share one pass, and Web Locks keep two tabs from sending at once.
 */
import { isNetworkError, type AduanClient, type SubmitReportResult } from '@aduan/client';
import { claimed, outbox, pending, removeFromOutbox, sentLater, type OutboxResult } from '../first-script.js';
import { keepResidentKey } from '../status/kept-keys.js';

let running: Promise<void> | undefined;
let again = false;

/** Sends every waiting entry once; concurrent calls share one pass (and one per browser via Web Locks). */
export function replayOutbox(sender: (api: string) => AduanClient): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      if (locks) await locks.request('aduan-outbox', () => sendAll(sender));
      else await sendAll(sender);
    } while (again);
  })().finally(() => (running = undefined));
  return running;
}

const MIN_RETRY = 15_000;
const MAX_RETRY = 300_000;
let retryDelay = MIN_RETRY;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

async function sendAll(sender: (api: string) => AduanClient): Promise<void> {
  let left = 0;
  for (const entry of await pending()) {
    let result: SubmitReportResult;
    try {
      result = await sender(entry.api).submitReport(entry.input, { photos: entry.photos });
    } catch (error) {
      left++;
      if (isNetworkError(error)) break; // still unreachable: the others would fail too
      continue; // a server fault is not the resident's: keep it and try later
    }
    await removeFromOutbox(entry.key);
    keepResidentKey(result, entry.resident);
    if (!claimed.has(entry.key)) announce(result);
    outbox.dispatchEvent(new CustomEvent<OutboxResult>('settled', { detail: { entry, result } }));
  }
  // `online` never fires on a network that is up but cannot reach the server: retry with backoff.
  clearTimeout(retryTimer);
  if (left) {
    retryTimer = setTimeout(() => void replayOutbox(sender), retryDelay);
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY);
  } else retryDelay = MIN_RETRY;
  outbox.dispatchEvent(new Event('change'));
}

/** A report sent on a later page load has no form waiting for it: tell the host page (and the next form). */
function announce(result: SubmitReportResult): void {
  if (result.__typename === 'ReportSubmitted') sentLater.push(result.report.trackingCode);
  const detail =
    result.__typename === 'ReportSubmitted'
      ? { trackingCode: result.report.trackingCode, report: result.report, queued: true }
      : { message: result.message, code: result.code, queued: true };
  document.dispatchEvent(new CustomEvent(result.__typename === 'ReportSubmitted' ? 'aduan-submitted' : 'aduan-error', { detail }));
}
