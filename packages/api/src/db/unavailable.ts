// Whether an error means "the database is not answering" — stopped, restarting,
// unreachable, out of connections — rather than a bug. Such requests are answered
// at once with 503, Retry-After and a typed error (DATABASE_UNAVAILABLE), and the
// pool reconnects by itself once the database is back.
import { Prisma } from '@aduan/prisma';

/** Prisma's codes for an unreachable or vanished server and for an exhausted pool. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** PostgreSQL SQLSTATEs: connection exceptions (08…), shutting down or starting (57P01–57P03), too many connections. */
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** What pg and Node say when the socket goes. */
const NETWORK = /Connection terminated|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|timeout exceeded when trying to connect|Query read timeout/i;

export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (PRISMA_CODES.has(error.code)) return true;
    // A raw query's failure (P2010) carries what the driver said, not a code of Prisma's own.
    const cause = (error.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined)?.driverAdapterError?.cause;
    return error.code === 'P2010' && cause !== undefined && adapterSaysUnavailable(cause);
  }
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === 'string' && (SQLSTATE.test(e.code) || NETWORK.test(e.code))) return true;
  if (typeof e.message === 'string' && NETWORK.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1);
}

interface AdapterCause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
}

/** The driver adapter's kinds for a server that cannot be reached or took no more connections. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

function adapterSaysUnavailable(cause: AdapterCause): boolean {
  if (cause.kind && ADAPTER_KINDS.has(cause.kind)) return true;
  if (cause.originalCode && SQLSTATE.test(cause.originalCode)) return true;
  return typeof cause.originalMessage === 'string' && NETWORK.test(cause.originalMessage);
}
