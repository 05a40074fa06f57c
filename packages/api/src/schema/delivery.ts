// The outbox, for staff: deliveries to agencies' own systems and e-mail to reporters
// and staff. Each report's history (`Report.deliveries`, for whoever may read the
// report), the queue and dead letters of an agency (`deliveries`, SUPERVISOR of that
// agency or ADMIN), and "deliver again" (`redeliver`). Channels show where they
// deliver, never secrets; e-mail shows whom it is for, never the reporter's address.
import { createGraphQLError } from 'graphql-yoga';
import { deliverAgain } from '../delivery/redeliver.js';
import { mayActFor } from '../workflow/access.js';
import { AccessDenied } from '../workflow/errors.js';
import { Agency } from './agency.js';
import { builder } from './builder.js';
import { InvalidInput } from './invalid-input.js';
import { refusal } from './refusal.js';

const DeliveryStateEnum = builder.enumType('DeliveryState', {
  values: {
    PENDING: { description: 'Waiting for its next attempt, or being attempted now.' },
    DELIVERED: { description: 'The receiver took it.' },
    DEAD: { description: 'Given up after ADUAN_DELIVERY_GIVE_UP_HOURS of failures; `redeliver` sends it again.' },
  } as const,
});

const ChannelKindEnum = builder.enumType('ChannelKind', {
  values: {
    WEBHOOK: { description: 'A signed JSON POST.' },
    EMAIL: { description: 'A message to the agency’s address.' },
    OPEN311: { description: 'A service request on the agency’s Open311 endpoint.' },
  } as const,
});

const DeliveryChannelInfo = builder.prismaObject('DeliveryChannel', {
  variant: 'DeliveryChannelInfo',
  description: 'Where a delivery goes. Secrets are never shown (they live in the environment).',
  fields: (t) => ({
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: ChannelKindEnum }),
    target: t.string({
      description: 'The URL, or the e-mail address (the agency’s own when the channel names none).',
      select: { url: true, email: true, agency: { select: { email: true } } },
      resolve: (channel) => channel.url ?? channel.email ?? channel.agency.email ?? '',
    }),
    agency: t.relation('agency'),
    removed: t.boolean({ select: { removedAt: true }, resolve: (channel) => channel.removedAt !== null }),
  }),
});

const DeliveryErrorKindEnum = builder.enumType('DeliveryErrorKind', {
  description:
    'Why an attempt failed: UNREACHABLE, TIMEOUT, REFUSED (the receiver answered, not with success), MISCONFIGURED (the channel cannot send as set up), BAD_ANSWER (an answer that could not be used), INTERNAL (Aduan failed).',
  values: ['UNREACHABLE', 'TIMEOUT', 'REFUSED', 'MISCONFIGURED', 'BAD_ANSWER', 'INTERNAL'] as const,
});

const DeliveryAttemptInfo = builder.prismaObject('DeliveryAttempt', {
  variant: 'DeliveryAttemptInfo',
  fields: (t) => ({
    number: t.exposeInt('number'),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    durationMs: t.exposeInt('durationMs'),
    ok: t.exposeBoolean('ok'),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'The HTTP status or SMTP reply code.' }),
    error: t.exposeString('error', { nullable: true, description: 'What went wrong, in English: often the receiver’s own words.' }),
    errorKind: t.expose('errorKind', { type: DeliveryErrorKindEnum, nullable: true }),
    worker: t.exposeString('worker'),
  }),
});

const DeliveryRecipientKindEnum = builder.enumType('DeliveryRecipientKind', {
  values: { REPORTER: { description: 'The resident who sent the report (at the address they left).' }, STAFF: { description: 'A staff member.' } } as const,
});

const DeliveryRecipient = builder.objectRef<{ kind: 'REPORTER' | 'STAFF'; name: string | null }>('DeliveryRecipient').implement({
  description: 'Whom an e-mail is for. The reporter’s address is not shown here.',
  fields: (t) => ({
    kind: t.field({ type: DeliveryRecipientKindEnum, resolve: (r) => r.kind }),
    name: t.exposeString('name', { nullable: true, description: 'The staff member’s name; null for the reporter.' }),
  }),
});

export const DeliveryInfo = builder.prismaObject('Delivery', {
  variant: 'DeliveryInfo',
  description:
    'One thing a report’s change sends out (the outbox): a report event to one channel of an agency, or an e-mail to the reporter or a staff member; with every attempt.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Also the Aduan-Delivery header (or the e-mail’s Message-ID) the receiver sees.' }),
    trackingCode: t.string({ select: { report: { select: { trackingCode: true } } }, resolve: (d) => d.report.trackingCode }),
    event: t.exposeString('event', {
      description:
        'Channels: `report.routed` or `report.rerouted`. E-mail: `resident.<NOTICE>` (RECEIVED, ACKNOWLEDGED, NOTE, RESOLVED, …) or `staff.<NOTICE>` (NEW_REPORT, REROUTED, ESCALATED, ASSIGNED).',
    }),
    agency: t.field({
      type: Agency,
      description: 'The agency it belongs to: the channel’s, or for e-mail the report’s.',
      select: { channel: { select: { agency: true } }, report: { select: { agency: true } } },
      resolve: (d) => d.channel?.agency ?? d.report.agency,
    }),
    recipient: t.field({
      type: DeliveryRecipient,
      nullable: true,
      description: 'For e-mail to a person: whom; null for a channel.',
      select: { channelId: true, staffAccount: { select: { name: true } } },
      resolve: (d) => (d.channelId ? null : d.staffAccount ? { kind: 'STAFF' as const, name: d.staffAccount.name } : { kind: 'REPORTER' as const, name: null }),
    }),
    state: t.expose('state', { type: DeliveryStateEnum }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', description: 'When it is tried next, while PENDING.' }),
    lastError: t.exposeString('lastError', { nullable: true, description: 'The last failure, in English: often the receiver’s own words.' }),
    lastErrorKind: t.expose('lastErrorKind', {
      type: DeliveryErrorKindEnum,
      nullable: true,
      description: 'What kind of failure `lastError` is, to tell staff in their language; null without one (or for failures older than this field).',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    deadAt: t.expose('deadAt', { type: 'DateTime', nullable: true }),
    remoteId: t.exposeString('remoteId', { nullable: true, description: 'OPEN311: the endpoint’s service_request_id.' }),
    channel: t.relation('channel', { type: DeliveryChannelInfo, nullable: true, description: 'Null for e-mail to a person (see `recipient`).' }),
    attemptLog: t.relation('attemptsLog', { type: DeliveryAttemptInfo, query: { orderBy: { number: 'asc' } } }),
  }),
});

builder.queryField('deliveries', (t) =>
  t.prismaField({
    type: [DeliveryInfo],
    authScopes: { supervisor: true },
    description:
      'An agency’s deliveries and e-mail, newest first: a SUPERVISOR’s own agency, or (ADMIN) any agency by slug or all of them. `state: DEAD` is the dead-letter list. Another agency is FORBIDDEN; an unknown slug is UNKNOWN_AGENCY.',
    args: {
      state: t.arg({ type: DeliveryStateEnum }),
      agency: t.arg.string({ description: 'An agency slug; the viewer’s own unless given (ADMIN: all when omitted).' }),
      first: t.arg.int({ description: 'At most this many (1–200, 50 by default).' }),
    },
    resolve: async (query, _root, args, context) => {
      const viewer = context.viewer!;
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > 200) {
        throw createGraphQLError('`first` must be from 1 to 200.', { extensions: { code: 'INVALID_FILTER', field: 'first' } });
      }
      let agencyId: string | { in: string[] } = viewer.role === 'ADMIN' ? { in: [...viewer.actsFor] } : viewer.agencyId;
      if (args.agency) {
        const agency = await context.prisma.agency.findUnique({ where: { slug: args.agency }, select: { id: true } });
        if (!agency) throw createGraphQLError(`There is no agency "${args.agency}".`, { extensions: { code: 'UNKNOWN_AGENCY', field: 'agency' } });
        if (!mayActFor(viewer, agency.id)) throw AccessDenied.for(viewer);
        agencyId = agency.id;
      }
      return context.prisma.delivery.findMany({
        ...query,
        where: {
          ...(args.state ? { state: args.state } : {}),
          ...(agencyId ? { OR: [{ channel: { agencyId } }, { channelId: null, report: { agencyId } }] } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: first,
      });
    },
  }),
);

const DeliveryRequeued = builder.objectRef<{ id: string }>('DeliveryRequeued').implement({
  description: 'The delivery is due again now, with the same id.',
  fields: (t) => ({
    delivery: t.prismaField({
      type: DeliveryInfo,
      resolve: (query, parent, _args, context) => context.prisma.delivery.findUniqueOrThrow({ ...query, where: { id: parent.id } }),
    }),
  }),
});

const RedeliverResult = builder.unionType('RedeliverResult', {
  types: [DeliveryRequeued, InvalidInput],
  resolveType: (value) => ('code' in value ? InvalidInput : DeliveryRequeued),
});

builder.mutationField('redeliver', (t) =>
  t.field({
    type: RedeliverResult,
    authScopes: { supervisor: true },
    description:
      '“Deliver again”: a DEAD (or DELIVERED) delivery or e-mail is queued again, due now, keeping its id. SUPERVISOR of its agency or ADMIN; another agency’s is FORBIDDEN. Refusals: UNKNOWN_DELIVERY, ALREADY_PENDING.',
    args: { deliveryId: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const viewer = context.viewer!;
      const id = String(args.deliveryId);
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
      const delivery = uuid
        ? await context.prisma.delivery.findUnique({
            where: { id },
            select: { channel: { select: { agencyId: true } }, report: { select: { agencyId: true } } },
          })
        : null;
      if (!delivery) return refusal('UNKNOWN_DELIVERY', `There is no delivery ${id}.`, 'deliveryId');
      if (!mayActFor(viewer, delivery.channel?.agencyId ?? delivery.report.agencyId)) throw AccessDenied.for(viewer);
      const outcome = await deliverAgain(context.prisma, id, context.now());
      if (!outcome.ok) return refusal(outcome.code, outcome.message, 'deliveryId');
      // The worker picks it up within ADUAN_DELIVERY_POLL_MS.
      return { id };
    },
  }),
);
