// The work-orders subgraph over HTTP: Yoga at /graphql, answering from the given store.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { schema, type Context } from './schema.js';
import type { WorkOrderStore } from './store.js';

export type WorkOrdersYoga = YogaServerInstance<Record<string, never>, Context>;

export function createWorkOrdersYoga(workOrders: WorkOrderStore): WorkOrdersYoga {
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    context: () => ({ workOrders }),
  });
}
