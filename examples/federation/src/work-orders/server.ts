// The work-orders subgraph listening on a port.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WorkOrderStore } from './store.js';
import { createWorkOrdersYoga } from './yoga.js';

export interface RunningWorkOrders {
  /** The GraphQL endpoint. */
  url: string;
  close(): Promise<void>;
}

export async function startWorkOrders(workOrders: WorkOrderStore, { port = 0, host = '127.0.0.1' } = {}): Promise<RunningWorkOrders> {
  const yoga = createWorkOrdersYoga(workOrders);
  const server: Server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}${yoga.graphqlEndpoint}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await yoga.dispose();
    },
  };
}
