// Which failures mean "the database is away" (a 503 with Retry-After) and which are a
// query's own: Prisma's client errors, and a raw statement's, which carry the driver's.
import { Prisma } from '@aduan/prisma';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../src/db/unavailable.js';

const rawFailure = (cause: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError('Raw query failed.', {
    code: 'P2010',
    clientVersion: 'test',
    meta: { driverAdapterError: { name: 'DriverAdapterError', cause } },
  });

describe('isDatabaseUnavailable', () => {
  it('knows a raw statement that lost its server', () => {
    expect(isDatabaseUnavailable(rawFailure({ kind: 'DatabaseNotReachable' }))).toBe(true);
    expect(
      isDatabaseUnavailable(rawFailure({ kind: 'postgres', originalCode: '57P01', originalMessage: 'terminating connection due to administrator command' })),
    ).toBe(true);
    expect(isDatabaseUnavailable(rawFailure({ kind: 'postgres', originalMessage: 'Connection terminated unexpectedly' }))).toBe(true);
  });

  it('leaves a raw statement’s own failure to its caller', () => {
    expect(isDatabaseUnavailable(rawFailure({ kind: 'UniqueConstraintViolation', originalCode: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(rawFailure({ kind: 'postgres', originalCode: '42804', originalMessage: 'column is of type timestamp' }))).toBe(false);
  });

  it('knows Prisma’s own codes for an unreachable server', () => {
    expect(isDatabaseUnavailable(new Prisma.PrismaClientKnownRequestError('down', { code: 'P1001', clientVersion: 'test' }))).toBe(true);
    expect(isDatabaseUnavailable(new Prisma.PrismaClientKnownRequestError('taken', { code: 'P2002', clientVersion: 'test' }))).toBe(false);
  });
});
