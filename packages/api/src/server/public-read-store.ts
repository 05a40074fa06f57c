// Where cached answers to public reads are kept (server/public-read-cache.ts): in this
// process when it runs alone, in Redis when replicas share one (REDIS_URL), so a change
// stored by any replica is forgotten by all of them before the change is answered.
//
// Only a report's answers are forgotten one by one (by tracking code); everything else a
// public read shows hangs on the catalogue, whose revision is part of every key.
//
// A look-up that read the database just before a change and finishes just after it must
// not store what it read: a report forgotten in the last FORGOTTEN_FOR_MS takes no new
// entries, so the next look-up reads the database again.
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import type { ExecutionResult } from 'graphql';
import { logFailure } from '../log.js';
import type { ReportChanges } from '../events/report-changes.js';

/** Longer than any look-up runs: a report changed this recently is not cached. */
export const FORGOTTEN_FOR_MS = 10_000;

/** The one kind of entity forgotten by itself: a report, by tracking code. */
export const REPORT_ENTITY = 'PublicReport';

type Entity = { typename: string; id?: number | string };

/** The reports an answer shows; other entities (categories, areas) follow the catalogue revision. */
function reportsIn(entities: Iterable<Entity>): string[] {
  const codes = new Set<string>();
  for (const { typename, id } of entities) if (typename === REPORT_ENTITY && id !== undefined) codes.add(String(id));
  return [...codes];
}

/** A larger answer (a long list of areas) is read from the database each time. */
export const MAX_KEPT_ANSWER_BYTES = 64 * 1024;

/**
 * Where kept answers are read and written: the response-cache plugin's `Cache` (it hands
 * over results and asks for them back) and the kept-answer desk's read of an answer as it
 * is sent (server/kept-answer-desk.ts), which skips turning JSON into objects and back.
 */
export interface PublicReadStore extends Cache {
  /** The kept answer under `key` as the JSON a client is sent, or null. */
  answerText(key: string): string | null | Promise<string | null>;
}

/**
 * A result as the client is sent it: the plugin adds validators (`extensions.http`) to what
 * it keeps, which Yoga never sends and the desk must not either.
 */
export function answerJson(result: ExecutionResult): string {
  const { http: _validators, ...extensions } = (result.extensions ?? {}) as Record<string, unknown>;
  return JSON.stringify({ ...result, extensions: Object.keys(extensions).length ? extensions : undefined });
}

interface KeptAnswer {
  /** As the client is sent it; its length is what it counts against the store's budget. */
  json: string;
  codes: string[];
}

/**
 * Forgets a report's kept answers whenever `changes` announces a change to it, before the
 * change is answered. A new report has no kept answers yet (a code looked up before it
 * existed is kept as null, with no entity to forget; codes are random, so none is).
 */
export function forgetChangedReports(changes: ReportChanges, store: Pick<Cache, 'invalidate'>): void {
  changes.settleWith((change) => (change.kind === 'SUBMITTED' ? undefined : store.invalidate([{ typename: REPORT_ENTITY, id: change.report.trackingCode }])));
}

/**
 * In this process: least recently used answers go first once they hold `maxBytes` (their
 * JSON's length, so unique requests cannot grow the heap past it), with each report's
 * answers indexed by tracking code, and the window after a change.
 */
export class MemoryPublicReadStore implements PublicReadStore {
  private readonly answers: LRUCache<string, KeptAnswer>;
  /** Tracking code → the keys of the answers that show it. */
  private readonly byReport = new Map<string, Set<string>>();
  /** Tracking code → until when it takes no entries. */
  private readonly forgotten = new Map<string, number>();

  constructor(
    maxBytes = 16 * 1024 * 1024,
    private readonly now: () => number = Date.now,
  ) {
    this.answers = new LRUCache<string, KeptAnswer>({
      maxSize: maxBytes,
      sizeCalculation: (answer) => answer.json.length,
      perf: { now },
      dispose: (answer, key) => {
        for (const code of answer.codes) {
          const keys = this.byReport.get(code);
          keys?.delete(key);
          if (keys?.size === 0) this.byReport.delete(code);
        }
      },
    });
  }

  get(key: string): ExecutionResult | null {
    const json = this.answerText(key);
    return json === null ? null : (JSON.parse(json) as ExecutionResult);
  }

  answerText(key: string): string | null {
    return this.answers.get(key)?.json ?? null;
  }

  set(key: string, result: ExecutionResult, entities: Iterable<Entity>, ttl: number): void {
    const codes = reportsIn(entities);
    const now = this.now();
    if (codes.some((code) => (this.forgotten.get(code) ?? 0) > now)) return;
    const json = answerJson(result);
    if (json.length > MAX_KEPT_ANSWER_BYTES) return;
    this.answers.set(key, { json, codes }, { ttl });
    for (const code of codes) {
      const keys = this.byReport.get(code) ?? new Set<string>();
      keys.add(key);
      this.byReport.set(code, keys);
    }
  }

  invalidate(entities: Iterable<Entity>): void {
    const now = this.now();
    if (this.forgotten.size > 10_000) for (const [code, until] of this.forgotten) if (until <= now) this.forgotten.delete(code);
    for (const code of reportsIn(entities)) {
      this.forgotten.set(code, now + FORGOTTEN_FOR_MS);
      for (const key of [...(this.byReport.get(code) ?? [])]) this.answers.delete(key);
    }
  }
}

const PREFIX = 'aduan:read:';
const answerKey = (key: string) => `${PREFIX}answer:${key}`;
const answersOfReport = (code: string) => `${PREFIX}report:${code}`;
const forgottenReport = (code: string) => `${PREFIX}forgotten:${code}`;

// Each script runs whole inside Redis, so a change forgotten by one replica can never
// interleave with another's store. KEYS: the answer, then each report's set of answers,
// then each report's "forgotten" mark. ARGV: the answer's JSON, its time to live in ms.
const STORE_SCRIPT = `
local n = (#KEYS - 1) / 2
for i = 1, n do
  if redis.call('EXISTS', KEYS[1 + n + i]) == 1 then return 0 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
for i = 1, n do
  redis.call('SADD', KEYS[1 + i], KEYS[1])
  if redis.call('PTTL', KEYS[1 + i]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1 + i], ARGV[2]) end
end
return 1`;

// KEYS: pairs of a report's set of answers and its "forgotten" mark. ARGV: how long the mark lasts.
const FORGET_SCRIPT = `
for i = 1, #KEYS, 2 do
  redis.call('SET', KEYS[i + 1], '1', 'PX', ARGV[1])
  for _, answer in ipairs(redis.call('SMEMBERS', KEYS[i])) do redis.call('DEL', answer) end
  redis.call('DEL', KEYS[i])
end
return 1`;

/**
 * In Redis, shared by the replicas. While Redis is away, a read is a miss and a store is
 * skipped (the database answers); a change forgotten then stays cached no longer than its
 * time to live, and no replica reads those entries while Redis is down.
 */
export class RedisPublicReadStore implements PublicReadStore {
  /**
   * Answers that show no report (the catalogue's, a code nobody has) need no replica to
   * forget them — the catalogue revision in their keys does — so each replica keeps its
   * own, within its memory budget, and Redis holds only answers a change must reach.
   */
  private readonly local = new MemoryPublicReadStore();

  constructor(private readonly redis: Redis) {}

  async get(key: string): Promise<ExecutionResult | null> {
    const json = await this.answerText(key);
    return json === null ? null : (JSON.parse(json) as ExecutionResult);
  }

  async answerText(key: string): Promise<string | null> {
    const local = this.local.answerText(key);
    if (local !== null) return local;
    try {
      return await this.redis.get(answerKey(key));
    } catch {
      return null;
    }
  }

  async set(key: string, result: ExecutionResult, entities: Iterable<Entity>, ttl: number): Promise<void> {
    const codes = reportsIn(entities);
    if (codes.length === 0) return this.local.set(key, result, entities, ttl);
    const json = answerJson(result);
    if (json.length > MAX_KEPT_ANSWER_BYTES) return;
    try {
      await this.redis.eval(
        STORE_SCRIPT,
        1 + 2 * codes.length,
        answerKey(key),
        ...codes.map(answersOfReport),
        ...codes.map(forgottenReport),
        json,
        Math.ceil(ttl),
      );
    } catch {
      // A miss next time: the database answers.
    }
  }

  async invalidate(entities: Iterable<Entity>): Promise<void> {
    const codes = reportsIn(entities);
    if (codes.length === 0) return;
    try {
      await this.redis.eval(FORGET_SCRIPT, 2 * codes.length, ...codes.flatMap((code) => [answersOfReport(code), forgottenReport(code)]), FORGOTTEN_FOR_MS);
    } catch (error) {
      logFailure('forgetting cached answers in Redis failed (they expire with their time to live)', error);
    }
  }
}
