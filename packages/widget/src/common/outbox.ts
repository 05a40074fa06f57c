/**
 * The outbox: submissions that could not reach the server wait in IndexedDB (fields and
 * resized photo Blobs) and are sent again on `online` or the next page load. Each keeps
 * the idempotency key of its first attempt, so a retry never creates a second report.
 * An entry leaves the outbox only on ReportSubmitted or a definitive InvalidInput
 * (requests/outbox-sender.ts sends them).
 */
import type { ResidentKey } from './resident-keys.js';
import type { AduanClient, SubmitReportInput, SubmitReportResult } from '@aduan/client';
import { loadChunk } from './chunks.js';

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

export async function remove(key: string): Promise<void> {
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

/** Codes of reports sent from the outbox on this page load with no form waiting for them. */
export const sentLater: string[] = [];

/** Keys of entries a live <aduan-report> is waiting for; the others are announced on document. */
export const claimed = new Set<string>();

/**
 * Sends every waiting entry once, with the `requests` chunk (requests/outbox-sender.ts).
 * Where that cannot load, the entries wait for the browser to come back online, or for
 * the next page load.
 */
export async function replayOutbox(): Promise<void> {
  if ((await pending()).length)
    await loadChunk('requests').then(
      (chunk) => chunk.replayOutbox(sender),
      () => undefined,
    );
}

let started = false;

/** Replays now and whenever the browser comes back online. Safe to call more than once. */
export function startOutbox(clientFor: (api: string) => AduanClient): void {
  sender ??= clientFor;
  if (started) return;
  started = true;
  addEventListener('online', () => void replayOutbox());
  void replayOutbox();
}
