// Report notices between replicas over Redis pub/sub (@graphql-yoga/redis-event-target
// on ioredis): each replica publishes the notices of changes it stored and hears every
// other replica's, so a resident's live status follows a change whichever replica made it.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';
import type { ReportNotice, ReportNoticeListener, ReportNoticeRelay } from './report-changes.js';

const CHANNEL = 'aduan:report-notices';

export function redisRelay(publishClient: Redis, subscribeClient: Redis): ReportNoticeRelay {
  const target = createRedisEventTarget<CustomEvent<ReportNotice>>({ publishClient, subscribeClient });
  return {
    send(notice) {
      target.dispatchEvent(new CustomEvent(CHANNEL, { detail: notice }));
    },
    onReceive(listener: ReportNoticeListener) {
      target.addEventListener(CHANNEL, (event) => {
        const notice = (event as CustomEvent<unknown>).detail;
        if (isNotice(notice)) listener(notice);
      });
    },
    async close() {
      await subscribeClient.unsubscribe(CHANNEL).catch(() => {});
    },
  };
}

function isNotice(value: unknown): value is ReportNotice {
  const v = value as Partial<ReportNotice> | null;
  return typeof v?.kind === 'string' && typeof v.reportId === 'string' && typeof v.origin === 'string';
}
