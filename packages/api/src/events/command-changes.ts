// The change bus of a process that changes reports beside the servers — `aduan worker`
// (Open311 status polls) and the one-off commands. With REDIS_URL its changes reach the
// replicas as the servers' own do: notices for their live subscriptions, and kept answers
// to public reads forgotten before the change is done. Without Redis a server's own kept
// answers to `reportStatus` may show such a change up to 30 s late.
import type { Environment } from '../environment.js';
import { connectRedis, relayChanges } from '../redis.js';
import { forgetChangedReports, RedisPublicReadStore } from '../server/public-read-store.js';
import { ReportChanges } from './report-changes.js';

export interface CommandChanges {
  changes: ReportChanges;
  close(): Promise<void>;
}

export function commandChanges(env: Pick<Environment, 'redisUrl' | 'cachePublicReads'>, log: (line: string) => void): CommandChanges {
  const changes = new ReportChanges();
  if (!env.redisUrl) return { changes, close: async () => {} };
  const redis = connectRedis(env.redisUrl, log);
  relayChanges(changes, redis);
  if (env.cachePublicReads) {
    forgetChangedReports(changes, new RedisPublicReadStore(redis.commands));
  }
  return { changes, close: () => redis.close() };
}
