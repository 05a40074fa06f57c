// Redis, when REDIS_URL is set: what lets many replicas act as one — rate-limit
// counters they share, and report notices for live subscriptions held elsewhere.
// Commands fail fast while Redis is away (no offline queue): rate limits then fall back
// to each replica's own counters, and live status to changes made on the same replica.
import { Redis } from 'ioredis';
import { redisRelay } from './events/redis-relay.js';
import type { ReportChanges } from './events/report-changes.js';

export interface RedisConnections {
  /** For commands (rate-limit counters) and publishing. */
  commands: Redis;
  /** A connection in subscriber mode can do nothing else. */
  subscriber: Redis;
  close(): Promise<void>;
}

export function connectRedis(url: string, log: (line: string) => void): RedisConnections {
  const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: false };
  const commands = new Redis(url, options);
  // The subscriber queues its SUBSCRIBE until connected, and re-subscribes after a reconnect.
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
  let warned = false;
  for (const client of [commands, subscriber]) {
    client.on('error', (error: Error) => {
      if (!warned) log(`aduan: Redis at ${redactUrl(url)} is not answering (${error.message}); each replica counts and notifies on its own until it is back.`);
      warned = true;
    });
    client.on('ready', () => {
      warned = false;
    });
  }
  return {
    commands,
    subscriber,
    async close() {
      await Promise.allSettled([commands.quit(), subscriber.quit()]);
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

/** Carries `changes`' notices through Redis to and from every other replica. */
export function relayChanges(changes: ReportChanges, redis: RedisConnections): void {
  changes.connect(redisRelay(redis.commands, redis.subscriber));
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}
