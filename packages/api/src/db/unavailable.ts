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
  if (error instanceof Prisma.PrismaClientKnownRequestError) return PRISMA_CODES.has(error.code);
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof e.code === 'string' && (SQLSTATE.test(e.code) || NETWORK.test(e.code))) return true;
  if (typeof e.message === 'string' && NETWORK.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1);
}
