// What agency staff see: the whole report (description, exact point, reporter
// contact, photos' metadata, internal notes) and one report by code (their inbox: inbox.ts).
// Every field of `Report` requires the viewer to read the report: its agency's staff,
// an ADMIN, or a SUPERVISOR overseeing its escalation (read-only; workflow/access.ts).
import { isOverdue, reachableStatuses, type ReportStatus } from '@aduan/core';
import { ReportEventKind, RoutingMethod, type PrismaClient } from '@aduan/prisma';
import { findReport } from '../workflow/load.js';
import { mayRead } from '../workflow/access.js';
import { builder } from './builder.js';
import { LocaleEnum } from './locale.js';
import { DeliveryInfo } from './delivery.js';
import { mayActFor } from '../workflow/access.js';
import { AccessDenied } from '../workflow/errors.js';
import { ReportStatusEnum } from './public-report.js';
import { staffPhotoUrl } from '../server/staff-photos.js';

const ReportEventKindEnum = builder.enumType(ReportEventKind, { name: 'ReportEventKind' });
const RoutingMethodEnum = builder.enumType(RoutingMethod, { name: 'RoutingMethod' });

/** A staff member as a report's assignee: what a picker or a timeline shows. */
export const StaffMember = builder.objectRef<{ name: string; email: string }>('StaffMember').implement({
  description: 'A staff account of an agency, as an assignee.',
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.exposeString('email'),
  }),
});

/** The account an ASSIGNED event names in `data` (`assigneeId` or `previousAssigneeId`). */
function assignedAccount(key: 'assigneeId' | 'previousAssigneeId') {
  return async (event: { kind: string; data: unknown }, _args: object, context: { prisma: PrismaClient }) => {
    if (event.kind !== 'ASSIGNED') return null;
    const id = (event.data as Record<string, unknown> | null)?.[key];
    if (typeof id !== 'string') return null;
    // findUnique calls of one tick are batched by Prisma into one query.
    return context.prisma.staffAccount.findUnique({ where: { id }, select: { name: true, email: true } });
  };
}

/** The name behind `staff:<id>`, `token:<id>` or `channel:<id>`; findUnique calls of one tick are batched by Prisma. */
export async function actorName(prisma: PrismaClient, actor: string): Promise<string | null> {
  const [kind, id] = actor.split(':', 2);
  if (!id) return null;
  const named = { select: { name: true }, where: { id } } as const;
  if (kind === 'staff') return (await prisma.staffAccount.findUnique(named))?.name ?? null;
  if (kind === 'token') return (await prisma.apiToken.findUnique(named))?.name ?? null;
  if (kind === 'channel') return (await prisma.deliveryChannel.findUnique(named))?.name ?? null;
  return null;
}

export const StaffEvent = builder.prismaObject('ReportEvent', {
  variant: 'StaffEvent',
  description: 'One entry of the audit trail, internal notes included.',
  select: { id: true },
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    kind: t.expose('kind', { type: ReportEventKindEnum }),
    status: t.expose('status', { type: ReportStatusEnum, description: 'The status after this event.' }),
    publicNote: t.exposeString('publicNote', { nullable: true }),
    internalNote: t.exposeString('internalNote', { nullable: true, description: 'Never shown to the public.' }),
    actor: t.exposeString('actor', { description: '"resident", "system", "admin", `staff:<id>`, `token:<id>` or `channel:<id>`.' }),
    actorName: t.string({
      nullable: true,
      description:
        'Who it was, as staff know them: a staff member’s name, an API token’s or a delivery channel’s name; null for the resident, the system and the CLI (whose words the console has), or for one deleted since.',
      select: { actor: true },
      resolve: (event, _args, context) => actorName(context.prisma, event.actor),
    }),
    assignee: t.field({
      type: StaffMember,
      nullable: true,
      description: 'For ASSIGNED: who got the report (null when it was unassigned).',
      select: { kind: true, data: true },
      resolve: assignedAccount('assigneeId'),
    }),
    previousAssignee: t.field({
      type: StaffMember,
      nullable: true,
      description: 'For ASSIGNED: who had it before (null when nobody did).',
      select: { kind: true, data: true },
      resolve: assignedAccount('previousAssigneeId'),
    }),
    reason: t.string({
      nullable: true,
      description: 'The rejection reason, for REJECTED steps.',
      select: { data: true },
      resolve: (event) => {
        const reason = (event.data as Record<string, unknown> | null)?.['reason'];
        return typeof reason === 'string' ? reason : null;
      },
    }),
  }),
});

export const PhotoInfo = builder.prismaObject('Photo', {
  variant: 'PhotoInfo',
  description: 'A photo’s metadata; the bytes are served separately to staff.',
  select: { id: true },
  fields: (t) => ({
    id: t.exposeID('id'),
    contentType: t.exposeString('contentType'),
    byteSize: t.exposeInt('byteSize'),
    width: t.exposeInt('width'),
    height: t.exposeInt('height'),
    url: t.string({
      description: 'Where signed-in staff of the report’s agency get the bytes (same origin, session cookie or bearer token).',
      resolve: (photo) => staffPhotoUrl(photo.id),
    }),
  }),
});

const Reporter = builder.objectRef<{ name: string | null; email: string | null; phone: string | null }>('Reporter').implement({
  description: 'The resident’s contact, when they left one.',
  fields: (t) => ({
    name: t.exposeString('name', { nullable: true }),
    email: t.exposeString('email', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
  }),
});

export const StaffReport = builder.prismaObject('Report', {
  variant: 'Report',
  description:
    'A report as its agency sees it. Only staff of that agency, an ADMIN, or (read-only, while it is escalated and open) a SUPERVISOR of its agency’s escalation parent can read any field.',
  select: { id: true, agencyId: true, status: true, escalatedAt: true },
  authScopes: (report) => ({ readReport: report }),
  fields: (t) => ({
    trackingCode: t.exposeString('trackingCode'),
    status: t.expose('status', { type: ReportStatusEnum }),
    readOnly: t.boolean({
      description: 'True when the viewer may read but not change this report (a SUPERVISOR overseeing its escalation).',
      resolve: (report, _args, context) => !mayActFor(context.viewer, report.agencyId),
    }),
    allowedTransitions: t.field({
      type: [ReportStatusEnum],
      description:
        'The statuses updateReportStatus accepts from this viewer (none when `readOnly`): the next steps, then the rest of the main line to RESOLVED.',
      resolve: (report, _args, context) => (mayActFor(context.viewer, report.agencyId) ? reachableStatuses(report.status as ReportStatus) : []),
    }),
    assignee: t.field({
      type: StaffMember,
      nullable: true,
      description: 'The staff member who has it in hand; null while nobody does (see assignReport).',
      select: { assignedTo: { select: { name: true, email: true } } },
      resolve: (report) => report.assignedTo,
    }),
    escalatedAt: t.expose('escalatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was escalated at its current agency (overdue); cleared by a reroute.',
    }),
    description: t.exposeString('description'),
    lat: t.exposeFloat('lat', { nullable: true }),
    lng: t.exposeFloat('lng', { nullable: true }),
    placeText: t.exposeString('placeText', { nullable: true }),
    reporter: t.field({
      type: Reporter,
      nullable: true,
      description: 'Null for anonymous reports.',
      select: { reporterName: true, reporterEmail: true, reporterPhone: true },
      resolve: (r) => (r.reporterName || r.reporterEmail || r.reporterPhone ? { name: r.reporterName, email: r.reporterEmail, phone: r.reporterPhone } : null),
    }),
    locale: t.string({ select: { locale: true }, resolve: (r) => r.locale }),
    category: t.relation('category'),
    agency: t.relation('agency'),
    area: t.relation('jurisdiction'),
    routingMethod: t.expose('routingMethod', { type: RoutingMethodEnum }),
    routingReason: t.string({
      args: { locale: t.arg({ type: LocaleEnum, defaultValue: 'EN' }) },
      description:
        'Why it went to its agency, in words; in Bahasa Indonesia with locale ID (reports routed before the words were kept in both languages answer in English).',
      select: { routingReason: true, routingDecision: true },
      resolve: (report, args) => {
        const inIndonesian = (report.routingDecision as { decision?: { reasonId?: unknown } } | null)?.decision?.reasonId;
        return args.locale === 'ID' && typeof inIndonesian === 'string' ? inIndonesian : report.routingReason;
      },
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
    overdue: t.boolean({
      select: { dueAt: true, status: true },
      resolve: (report, _args, context) => isOverdue(report.dueAt, report.status, context.now()),
    }),
    duplicateOf: t.string({
      nullable: true,
      description: 'The original’s tracking code, when rejected as a duplicate.',
      select: { duplicateOf: { select: { trackingCode: true } } },
      resolve: (report) => report.duplicateOf?.trackingCode ?? null,
    }),
    supporters: t.relationCount('supports', { description: 'Residents who followed this report instead of sending their own ("+N residents").' }),
    photos: t.relation('photos', { type: PhotoInfo, query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } }),
    events: t.relation('events', { type: StaffEvent, query: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } }),
    deliveries: t.relation('deliveries', {
      type: DeliveryInfo,
      description: 'Its outbox history, oldest first: deliveries to agencies’ own systems (webhook, e-mail, Open311) and e-mail to the reporter and to staff.',
      query: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    }),
  }),
});

// For a router, as the `report` query: staff only (the router forwards Authorization) and
// refused before anything is looked up, null when unknown, FORBIDDEN for a report the
// viewer may not read. Every field is still guarded by the type's `readReport` scope.
builder.asEntity(StaffReport, {
  key: builder.selection<{ trackingCode: string }>('trackingCode'),
  resolveReference: async ({ trackingCode }, context) => {
    if (!context.viewer || context.viewer.mustChangePassword) throw AccessDenied.for(context.viewer);
    const report = await context.entities.staffReports.load(trackingCode);
    if (!report) return null;
    if (!(await mayRead(context.prisma, context.viewer, report))) throw AccessDenied.for(context.viewer);
    return report;
  },
});

builder.queryField('report', (t) =>
  t.prismaField({
    type: StaffReport,
    nullable: true,
    authScopes: { staff: true },
    description:
      'A report by tracking code, for its agency’s staff (and, read-only, for a SUPERVISOR overseeing its escalation); null when unknown, FORBIDDEN for another agency’s.',
    args: { trackingCode: t.arg.string({ required: true }) },
    resolve: async (query, _root, args, context) => {
      const report = await findReport(context, args.trackingCode);
      if (!report) return null;
      if (!(await mayRead(context.prisma, context.viewer, report))) throw AccessDenied.for(context.viewer);
      return context.prisma.report.findUnique({ ...query, where: { id: report.id } });
    },
  }),
);
