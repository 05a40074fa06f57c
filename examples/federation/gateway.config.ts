// Hive Gateway in front of Aduan and the work-orders subgraph. `npm start` runs
// `hive-gateway supergraph` here, which reads this file; the tests give the same
// `subgraphTraffic` to an in-process gateway runtime.
import { defineConfig, type GatewayConfigSupergraph } from '@graphql-hive/gateway';

/** The subgraph names `npm run compose` gives the two services in supergraph.graphql. */
const ADUAN = 'aduan';

/** How the gateway talks to the subgraphs: the same for the CLI and the tests. */
export const subgraphTraffic: Pick<GatewayConfigSupergraph, 'propagateHeaders' | 'transportEntries'> = {
  propagateHeaders: {
    // Staff fields need the caller's bearer token, and submissions need the page's
    // Origin so the site's allowed origins still apply behind the gateway. Both go to
    // Aduan only: the work-orders service never sees a staff token.
    fromClientToSubgraphs({ request, subgraphName }) {
      if (subgraphName !== ADUAN) return;
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'origin']) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
  transportEntries: {
    // Aduan serves `reportStatusChanged` as GraphQL over server-sent events on its
    // one endpoint (Yoga's built-in SSE), so the gateway subscribes over HTTP with
    // `Accept: text/event-stream` at /graphql rather than over WebSocket.
    [ADUAN]: {
      options: {
        subscriptions: { kind: 'http', location: '/graphql' },
      },
    },
  },
};

export const gatewayConfig = defineConfig({
  supergraph: './supergraph.graphql',
  port: Number(process.env.GATEWAY_PORT ?? 4100),
  host: process.env.HOST ?? '127.0.0.1',
  ...subgraphTraffic,
});
