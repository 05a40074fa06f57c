// A real HTTP receiver for deliveries on 127.0.0.1: records every request with its
// raw body and headers, answers with whatever status the test sets (and can be
// slow, or not listening at all until started).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** The status every request gets from now on (200 unless set). */
  answer(status: number, delayMs?: number): void;
  /** Starts listening on the receiver's port (it is reserved but closed until then). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A receiver whose port is known but which is down until start(). */
export async function createReceiver(path = '/hooks/aduan'): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  let status = 200;
  let delayMs = 0;
  let server: Server | null = null;
  const make = () =>
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const reply = () => {
          response.writeHead(status, { 'content-type': 'text/plain' });
          response.end(status < 300 ? 'ok' : 'not now');
        };
        if (delayMs > 0) setTimeout(reply, delayMs);
        else reply();
      });
    });
  // Reserve a free port, then close it: the receiver is "down" until start().
  const probe = make();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    answer(next, delay = 0) {
      status = next;
      delayMs = delay;
    },
    async start() {
      server = make();
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', resolve);
      });
    },
    async stop() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    },
  };
}
