// Live status for anyone holding a tracking code, over Yoga's built-in GraphQL over
// server-sent events. Each stored change on `context.changes` for that report is sent
// as the report *as the public sees it*, read fresh from the database: the bus carries
// the whole row, but only its id leaves this module.
import { createGraphQLError } from 'graphql-yoga';
import { Repeater } from 'graphql-yoga';
import { INTERNAL_CHANGE_KINDS } from '../events/report-changes.js';
import { canonicalTrackingCode } from '../workflow/load.js';
import { builder } from './builder.js';
import { rateLimit } from './rate-limit.js';
import type { Context } from './context.js';
import { PublicReport } from './public-report.js';

builder.subscriptionType({});

/** The report's id for a tracking code as residents type it; null when there is no such report. */
async function reportIdFor(context: Context, trackingCode: string): Promise<string | null> {
  const code = await canonicalTrackingCode(context.prisma, context.catalog, trackingCode);
  if (!code) return null;
  const report = await context.prisma.report.findUnique({ where: { trackingCode: code }, select: { id: true } });
  return report?.id ?? null;
}

/** Ids of the report each time a change to it is stored, until the client goes away. */
export function changesOf(context: Context, reportId: string): Repeater<string> {
  return new Repeater<string>(async (push, stop) => {
    // Changes stored by this replica or, through the relay, by any other.
    const unsubscribe = context.changes.subscribeToNotices((notice) => {
      // Internal changes (an assignment) would tell the public only that something happened.
      if (notice.reportId === reportId && !INTERNAL_CHANGE_KINDS.includes(notice.kind)) void push(reportId);
    });
    // A shutting-down server ends the stream; the client reconnects to another replica.
    const unlisten = context.changes.whenClosed(() => stop());
    await stop;
    unsubscribe();
    unlisten();
  });
}

builder.subscriptionField('reportStatusChanged', (t) =>
  t.field({
    type: PublicReport,
    description:
      'The report, each time its status, agency, deadline or public timeline changes (nothing is sent on subscribing: read `reportStatus` first). ' +
      'Over GraphQL over SSE: `GET /graphql?query=…&variables=…` or a POST with `Accept: text/event-stream`. ' +
      'The tracking code is forgiven as in `reportStatus`; an unknown code is one error event with `extensions.code` UNKNOWN_REPORT, then the stream completes.',
    args: { trackingCode: t.arg.string({ required: true }) },
    subscribe: async (_root, args, context) => {
      await rateLimit(context, 'lookup.address');
      const id = await reportIdFor(context, args.trackingCode);
      if (!id) {
        throw createGraphQLError('No report has this tracking code.', { extensions: { code: 'UNKNOWN_REPORT' } });
      }
      return changesOf(context, id);
    },
    // Read again rather than trusting the published row: what is sent is exactly what
    // `reportStatus` would answer now, through the PublicReport type's own fields.
    resolve: async (reportId, _args, context) => context.prisma.report.findUniqueOrThrow({ where: { id: reportId } }),
  }),
);
