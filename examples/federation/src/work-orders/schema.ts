// The work-orders subgraph: Aduan's PublicReport gains `workOrder`, and a work order
// names the Aduan agency whose crew does it. Nothing here lists reports: a tracking
// code lets whoever holds it act as the resident, so a work order is found only from
// a code the client already has.
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { GraphQLError, GraphQLScalarType } from 'graphql';
import { WORK_ORDER_STATES, type WorkOrder, type WorkOrderStore } from './store.js';

export interface Context {
  workOrders: WorkOrderStore;
}

interface Types {
  Context: Context;
  Scalars: { DateTime: { Input: Date; Output: Date } };
  DefaultFieldNullability: false;
}

// Aduan's package, which this example also imports, declares Pothos's prisma and
// scope-auth plugins, and their global types ask every builder in the program for
// those plugins' options. This builder uses neither plugin.
const builder = new SchemaBuilder<Types>({
  plugins: [DirectivesPlugin, FederationPlugin],
  defaultFieldNullability: false,
} as ConstructorParameters<typeof SchemaBuilder<Types>>[0]);

// Written like Aduan's own DateTime, so the two subgraphs' scalars compose into one.
const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'A date and time, as an ISO 8601 string (2026-11-20T02:00:00.000Z).',
  serialize: (value) => {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new GraphQLError('Expected a valid Date.');
    return value.toISOString();
  },
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('Expected an ISO 8601 date-time string.');
    return date;
  },
});
builder.addScalarType('DateTime', DateTime);

// Aduan's agency, named by slug only: Aduan answers its fields, so this subgraph
// cannot resolve one (`resolvable: false`).
const Agency = builder.externalRef('Agency', builder.keyDirective(builder.selection<{ slug: string }>('slug'), false)).implement({
  description: 'An agency in Aduan. This subgraph only names one, by its slug; Aduan answers its fields.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
  }),
});

const WorkOrderStateEnum = builder.enumType('WorkOrderState', {
  description: 'Where the crew is with the work.',
  values: WORK_ORDER_STATES,
});

const WorkOrderRef = builder.objectRef<WorkOrder>('WorkOrder').implement({
  description: 'Work scheduled on the ground to answer a report.',
  fields: (t) => ({
    crew: t.exposeString('crew', { description: 'The crew sent, as the agency names it.' }),
    scheduledFor: t.expose('scheduledFor', { type: 'DateTime', description: 'When the crew is due on site.' }),
    state: t.expose('state', { type: WorkOrderStateEnum }),
    agency: t.field({
      type: Agency,
      description: 'The agency whose crew does the work.',
      resolve: (order) => ({ slug: order.agencySlug }),
    }),
  }),
});

builder
  .externalRef(
    'PublicReport',
    builder.selection<{ trackingCode: string }>('trackingCode'),
    // A report with no work order is unknown here (null), and the gateway answers
    // `workOrder: null` for it.
    (reference, context) => {
      const workOrder = context.workOrders.forReport(reference.trackingCode);
      return workOrder && { trackingCode: reference.trackingCode, workOrder };
    },
  )
  .implement({
    description: 'A report in Aduan. Aduan answers its other fields; this subgraph adds the work scheduled for it.',
    fields: (t) => ({
      trackingCode: t.exposeString('trackingCode'),
      workOrder: t.field({
        type: WorkOrderRef,
        nullable: true,
        description: 'The work scheduled for this report; null when there is none.',
        resolve: (report) => report.workOrder,
      }),
    }),
  });

export const schema = builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.9' });
