// One HTTP/1.1 connection over a plain socket, as a reverse proxy keeps it open to its
// upstream: requests one after another on the same socket, and when the server closed it.
// No HTTP client in between, so nothing reconnects or closes the socket on its own.
import { once } from 'node:events';
import { connect } from 'node:net';

export interface Answer {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** performance.now() when the whole answer had arrived: the connection is idle from then. */
  at: number;
}

export interface KeptConnection {
  /** Sends `GET path` on this connection; rejects if the server closed it instead of answering. */
  get(path: string): Promise<Answer>;
  /** performance.now() when the server closed the connection. */
  closed: Promise<number>;
  close(): void;
}

export async function keptConnectionTo(url: string): Promise<KeptConnection> {
  const { hostname, port, host } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.setEncoding('latin1');
  let received = '';
  let notify = () => {};
  socket.on('data', (chunk: string) => {
    received += chunk;
    notify();
  });
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(performance.now())));
  socket.on('error', () => {}); // seen as `closed`

  return {
    closed,
    close: () => socket.destroy(),
    get(path) {
      received = '';
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
      return new Promise<Answer>((resolve, reject) => {
        void closed.then(() => reject(new Error(`the server closed the connection instead of answering GET ${path}`)));
        notify = () => {
          const answer = wholeAnswer(received);
          if (answer) resolve({ ...answer, at: performance.now() });
        };
        notify();
      });
    },
  };
}

/** The answer once its head and its whole body (by Content-Length, or chunked) are in; null before. */
function wholeAnswer(text: string): Omit<Answer, 'at'> | null {
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine, ...lines] = text.slice(0, headEnd).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  const body = text.slice(headEnd + 4);
  const complete = headers['content-length'] !== undefined ? body.length >= Number(headers['content-length']) : body.endsWith('0\r\n\r\n');
  return complete ? { status: Number(statusLine!.split(' ')[1]), headers } : null;
}
