// The work-orders subgraph: Aduan's PublicReport gains `workOrder`, and a work order
// names the Aduan agency whose crew does it. Nothing here lists reports: a tracking
// code lets whoever holds it act as the resident, so a work order is found only from
// a code the client already has.
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { GraphQLError, GraphQLScalarType, parse } from 'graphql';
import type { WorkOrder, WorkOrderStore } from './store.js';

export interface Context {
  workOrders: WorkOrderStore;
}

const typeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  "A report in Aduan. Aduan answers its other fields; this subgraph adds the work scheduled for it."
  type PublicReport @key(fields: "trackingCode") {
    trackingCode: String!
    "The work scheduled for this report; null when there is none."
    workOrder: WorkOrder
  }

  "An agency in Aduan. This subgraph only names one, by its slug; Aduan answers its fields."
  type Agency @key(fields: "slug", resolvable: false) {
    slug: String!
  }

  "Work scheduled on the ground to answer a report."
  type WorkOrder {
    "The crew sent, as the agency names it."
    crew: String!
    "When the crew is due on site."
    scheduledFor: DateTime!
    state: WorkOrderState!
    "The agency whose crew does the work."
    agency: Agency!
  }

  "Where the crew is with the work."
  enum WorkOrderState {
    SCHEDULED
    IN_PROGRESS
    DONE
  }

  "A date and time, as an ISO 8601 string (2026-11-20T02:00:00.000Z)."
  scalar DateTime
`);

// Written like Aduan's own DateTime, so the two subgraphs' scalars compose into one.
const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
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

const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  PublicReport: {
    // A report with no work order is unknown here (null), and the gateway answers
    // `workOrder: null` for it.
    __resolveReference: (reference: { trackingCode: string }, context: Context) => {
      const workOrder = context.workOrders.forReport(reference.trackingCode);
      return workOrder && { trackingCode: reference.trackingCode, workOrder };
    },
  },
  WorkOrder: {
    agency: (order: WorkOrder) => ({ __typename: 'Agency', slug: order.agencySlug }),
  },
};

export const schema = buildSubgraphSchema([{ typeDefs, resolvers }]);
