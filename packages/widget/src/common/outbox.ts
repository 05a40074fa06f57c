/**
 * The outbox: submissions that could not reach the server wait in IndexedDB (fields and
 * resized photo Blobs) and are sent again on `online` or the next page load. Each keeps
 * the idempotency key of its first attempt, so a retry never creates a second report.
 * An entry leaves the outbox only on ReportSubmitted or a definitive InvalidInput.
 */
import { keepResidentKey, type ResidentKey } from './resident-keys.js';
import { isNetworkError, type AduanClient, type SubmitReportInput, type SubmitReportResult } from '@aduan/client';

export interface OutboxEntry {
  /** The idempotency key, also the IndexedDB key. */
  key: string;
  /** The GraphQL endpoint it was meant for. */
  api: string;
  input: SubmitReportInput;
  photos: Blob[];
  createdAt: number;
  /** The report's resident key, kept on the device once the report is stored. */
  resident?: ResidentKey | undefined;
}

export interface OutboxResult {
  entry: OutboxEntry;
  result: SubmitReportResult;
}

/** Fires `change`, and `settled` (detail: OutboxResult) when an entry got its answer. */
export const outbox = new EventTarget();

const memory = new Map<string, OutboxEntry>();
let dbPromise: Promise<IDBDatabase | null> | undefined;

function db(): Promise<IDBDatabase | null> {
  dbPromise ??= new Promise((resolve) => {
    try {
      const open = indexedDB.open('aduan', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('outbox', { keyPath: 'key' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => resolve(null);
    } catch {
      resolve(null); // private mode or blocked storage: keep entries for this page's life only
    }
  });
  return dbPromise;
}

async function tx<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest, fallback: () => T): Promise<T> {
  const d = await db();
  if (!d) return fallback();
  return new Promise((resolve, reject) => {
    const t = d.transaction('outbox', mode);
    const request = run(t.objectStore('outbox'));
    t.oncomplete = () => resolve(request.result as T);
    t.onerror = () => reject(t.error);
  });
}

export async function pending(): Promise<OutboxEntry[]> {
  const all = await tx(
    'readonly',
    (s) => s.getAll() as IDBRequest<OutboxEntry[]>,
    () => [...memory.values()],
  );
  return all.sort((a, b) => a.createdAt - b.createdAt);
}

export async function enqueue(entry: OutboxEntry): Promise<void> {
  await tx(
    'readwrite',
    (s) => s.put(entry),
    () => void memory.set(entry.key, entry),
  );
  outbox.dispatchEvent(new Event('change'));
}

async function remove(key: string): Promise<void> {
  await tx(
    'readwrite',
    (s) => s.delete(key),
    () => void memory.delete(key),
  );
}

let sender: (api: string) => AduanClient;

/** Chooses the client the outbox sends with (tests pass a fake). */
export function configureOutbox(clientFor: (api: string) => AduanClient): void {
  sender = clientFor;
}

let running: Promise<void> | undefined;
let again = false;

/** Sends every waiting entry once; concurrent calls share one pass (and one per browser via Web Locks). */
export function replayOutbox(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      if (locks) await locks.request('aduan-outbox', sendAll);
      else await sendAll();
    } while (again);
  })().finally(() => (running = undefined));
  return running;
}

/** Codes of reports sent from the outbox on this page load with no form waiting for them. */
export const sentLater: string[] = [];

/** Keys of entries a live <aduan-report> is waiting for; the others are announced on document. */
export const claimed = new Set<string>();

const MIN_RETRY = 15_000;
const MAX_RETRY = 300_000;
let retryDelay = MIN_RETRY;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

async function sendAll(): Promise<void> {
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
    await remove(entry.key);
    keepResidentKey(result, entry.resident);
    outbox.dispatchEvent(new CustomEvent<OutboxResult>('settled', { detail: { entry, result } }));
  }
  // `online` never fires on a network that is up but cannot reach the server: retry with backoff.
  clearTimeout(retryTimer);
  if (left) {
    retryTimer = setTimeout(() => void replayOutbox(), retryDelay);
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY);
  } else retryDelay = MIN_RETRY;
  outbox.dispatchEvent(new Event('change'));
}

let started = false;

/** Replays now and whenever the browser comes back online. Safe to call more than once. */
export function startOutbox(clientFor: (api: string) => AduanClient): void {
  sender ??= clientFor;
  if (started) return;
  started = true;
  addEventListener('online', () => void replayOutbox());
  // A report sent on a later page load has no form waiting for it: tell the host page.
  outbox.addEventListener('settled', (e) => {
    const { entry, result } = (e as CustomEvent<OutboxResult>).detail;
    if (claimed.has(entry.key)) return;
    if (result.__typename === 'ReportSubmitted') sentLater.push(result.report.trackingCode);
    const detail =
      result.__typename === 'ReportSubmitted'
        ? { trackingCode: result.report.trackingCode, report: result.report, queued: true }
        : { message: result.message, code: result.code, queued: true };
    document.dispatchEvent(new CustomEvent(result.__typename === 'ReportSubmitted' ? 'aduan-submitted' : 'aduan-error', { detail }));
  });
  void pending().then((list) => {
    if (list.length) void replayOutbox();
  });
}
