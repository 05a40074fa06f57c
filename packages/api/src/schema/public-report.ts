// What anyone holding a tracking code may see. Residents' privacy is a promise:
// no reporter identity or contact, no exact point or place text, no
// description, no internal note. A test checks this type's reachable fields.
import { isOverdue } from '@aduan/core';
import { ReportStatus as ReportStatusValues } from '@aduan/prisma';
import { PUBLIC_EVENT_KINDS, withholdOtherCodes } from '../events/public-timeline.js';
import { canonicalTrackingCode } from '../workflow/load.js';
import { reopenableUntil } from '../workflow/resident.js';
import { builder } from './builder.js';
import { rateLimit } from './rate-limit.js';

export const ReportStatusEnum = builder.enumType(ReportStatusValues, {
  name: 'ReportStatus',
  description: 'Where a report is in its lifecycle.',
});

export const PublicEventKindEnum = builder.enumType('PublicEventKind', {
  description:
    'What a public step was: the report came in, its status changed, the agency wrote a public note, or it was passed to another agency (REROUTED: its status stays; say “Diteruskan ke instansi lain”).',
  values: PUBLIC_EVENT_KINDS,
});

export const PublicEvent = builder.prismaObject('ReportEvent', {
  variant: 'PublicEvent',
  description: 'One public step on a report’s timeline.',
  select: { id: true },
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    kind: t.field({
      type: PublicEventKindEnum,
      select: { kind: true },
      // The timeline holds only these kinds (PUBLIC_EVENT_KINDS).
      resolve: (event) => event.kind as (typeof PUBLIC_EVENT_KINDS)[number],
    }),
    status: t.expose('status', { type: ReportStatusEnum, description: 'The status after this step.' }),
    note: t.string({
      nullable: true,
      description: 'What the agency told the public; another report’s tracking code in it is withheld.',
      select: { publicNote: true, report: { select: { trackingCode: true, locale: true } } },
      resolve: (event) => (event.publicNote === null ? null : withholdOtherCodes(event.publicNote, event.report.trackingCode, event.report.locale)),
    }),
  }),
});

export const PublicReport = builder.prismaObject('Report', {
  variant: 'PublicReport',
  description: 'A report as anyone with its tracking code sees it.',
  select: { id: true },
  fields: (t) => ({
    trackingCode: t.exposeString('trackingCode'),
    status: t.expose('status', { type: ReportStatusEnum }),
    category: t.relation('category'),
    agency: t.relation('agency'),
    area: t.relation('jurisdiction', { description: 'The area the report was routed by.' }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', { type: 'DateTime', description: 'When the agency should have answered.' }),
    timeZone: t.string({
      description: 'The IANA time zone of the area (e.g. Asia/Makassar, WITA): show dates and deadlines in it.',
      select: { jurisdictionCode: true },
      resolve: async (report, _args, context) => (await context.catalog.current()).timeZoneOf(report.jurisdictionCode),
    }),
    overdue: t.boolean({
      select: { dueAt: true, status: true },
      resolve: (report, _args, context) => isOverdue(report.dueAt, report.status, context.now()),
    }),
    reopenableUntil: t.field({
      type: 'DateTime',
      nullable: true,
      description:
        'Until when the reporter may reopen the report (`reopenReport`): 14 days after it was resolved or rejected; null in any other status. A time, not a promise: a report past it is not reopened.',
      select: { status: true, updatedAt: true },
      resolve: (report, _args, context) => reopenableUntil(context, report),
    }),
    timeline: t.relation('events', {
      type: PublicEvent,
      query: {
        where: { kind: { in: [...PUBLIC_EVENT_KINDS] } },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      },
    }),
  }),
});

// For a router, like `reportStatus`: anyone with the code may see this much, and each
// look-up counts against the same limit.
builder.asEntity(PublicReport, {
  key: builder.selection<{ trackingCode: string }>('trackingCode'),
  resolveReference: async ({ trackingCode }, context) => {
    await rateLimit(context, 'lookup.address');
    return context.entities.publicReports.load(trackingCode);
  },
});

builder.queryField('reportStatus', (t) =>
  t.prismaField({
    type: PublicReport,
    nullable: true,
    description: 'A report by its tracking code; null when unknown. Forgives case, spaces, hyphens and the look-alikes O/0 and I/L/1.',
    args: { trackingCode: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, context) => {
      // Counted on arrival, once per `reportStatus` in the document (schema/lookup-count.ts).
      const code = await canonicalTrackingCode(context.prisma, context.catalog, args.trackingCode);
      if (!code) return null;
      return context.prisma.report.findUnique({ ...query, where: { trackingCode: code } });
    },
  }),
);
