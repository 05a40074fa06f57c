// Deliveries to agencies' own systems, for staff: each report's delivery history
// (`Report.deliveries`, for whoever may read the report), the queue and dead
// letters of an agency (`deliveries`, SUPERVISOR of that agency or ADMIN), and
// "deliver again" (`redeliver`). Channels show where they deliver, never secrets.
import { GraphQLError } from 'graphql';
import { deliverAgain } from '../delivery/redeliver.js';
import { builder } from './builder.js';
import { forbidden, mayActFor } from './context.js';
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
  values: { WEBHOOK: { description: 'A signed JSON POST.' }, EMAIL: { description: 'A message to the agency’s address.' }, OPEN311: { description: 'A service request on the agency’s Open311 endpoint.' } } as const,
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

const DeliveryAttemptInfo = builder.prismaObject('DeliveryAttempt', {
  variant: 'DeliveryAttemptInfo',
  fields: (t) => ({
    number: t.exposeInt('number'),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    durationMs: t.exposeInt('durationMs'),
    ok: t.exposeBoolean('ok'),
    statusCode: t.exposeInt('statusCode', { nullable: true, description: 'The HTTP status or SMTP reply code.' }),
    error: t.exposeString('error', { nullable: true }),
    worker: t.exposeString('worker'),
  }),
});

export const DeliveryInfo = builder.prismaObject('Delivery', {
  variant: 'DeliveryInfo',
  description: 'One report event on its way to one channel of an agency (the outbox), with every attempt.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Also the Aduan-Delivery header the receiver sees.' }),
    trackingCode: t.string({ select: { report: { select: { trackingCode: true } } }, resolve: (d) => d.report.trackingCode }),
    event: t.exposeString('event', { description: '`report.routed` or `report.rerouted`.' }),
    state: t.expose('state', { type: DeliveryStateEnum }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', description: 'When it is tried next, while PENDING.' }),
    lastError: t.exposeString('lastError', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    deadAt: t.expose('deadAt', { type: 'DateTime', nullable: true }),
    remoteId: t.exposeString('remoteId', { nullable: true, description: 'OPEN311: the endpoint’s service_request_id.' }),
    channel: t.relation('channel', { type: DeliveryChannelInfo }),
    attemptLog: t.relation('attemptsLog', { type: DeliveryAttemptInfo, query: { orderBy: { number: 'asc' } } }),
  }),
});

builder.queryField('deliveries', (t) =>
  t.prismaField({
    type: [DeliveryInfo],
    authScopes: { supervisor: true },
    description:
      'An agency’s deliveries, newest first: a SUPERVISOR’s own agency, or (ADMIN) any agency by slug or all of them. `state: DEAD` is the dead-letter list. Another agency is FORBIDDEN; an unknown slug is UNKNOWN_AGENCY.',
    args: {
      state: t.arg({ type: DeliveryStateEnum }),
      agency: t.arg.string({ description: 'An agency slug; the viewer’s own unless given (ADMIN: all when omitted).' }),
      first: t.arg.int({ description: 'At most this many (1–200, 50 by default).' }),
    },
    resolve: async (query, _root, args, context) => {
      const viewer = context.viewer!;
      const first = args.first ?? 50;
      if (!Number.isInteger(first) || first < 1 || first > 200) {
        throw new GraphQLError('`first` must be from 1 to 200.', { extensions: { code: 'INVALID_FILTER', field: 'first' } });
      }
      let agencyId: string | undefined = viewer.role === 'ADMIN' ? undefined : viewer.agencyId;
      if (args.agency) {
        const agency = await context.prisma.agency.findUnique({ where: { slug: args.agency }, select: { id: true } });
        if (!agency) throw new GraphQLError(`There is no agency "${args.agency}".`, { extensions: { code: 'UNKNOWN_AGENCY', field: 'agency' } });
        if (!mayActFor(viewer, agency.id)) throw forbidden(viewer);
        agencyId = agency.id;
      }
      return context.prisma.delivery.findMany({
        ...query,
        where: { ...(args.state ? { state: args.state } : {}), ...(agencyId ? { channel: { agencyId } } : {}) },
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
      '“Deliver again”: a DEAD (or DELIVERED) delivery is queued again, due now, keeping its id. SUPERVISOR of the channel’s agency or ADMIN; another agency’s is FORBIDDEN. Refusals: UNKNOWN_DELIVERY, ALREADY_PENDING.',
    args: { deliveryId: t.arg.id({ required: true }) },
    resolve: async (_root, args, context) => {
      const viewer = context.viewer!;
      const id = String(args.deliveryId);
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
      const delivery = uuid ? await context.prisma.delivery.findUnique({ where: { id }, select: { channel: { select: { agencyId: true } } } }) : null;
      if (!delivery) return refusal('UNKNOWN_DELIVERY', `There is no delivery ${id}.`, 'deliveryId');
      if (!mayActFor(viewer, delivery.channel.agencyId)) throw forbidden(viewer);
      const outcome = await deliverAgain(context.prisma, id, context.now());
      if (!outcome.ok) return refusal(outcome.code, outcome.message, 'deliveryId');
      // The worker picks it up within ADUAN_DELIVERY_POLL_MS.
      return { id };
    },
  }),
);
