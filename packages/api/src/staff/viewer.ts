// Who is asking: a signed-in staff member (session cookie) or an agency's system
// (bearer token), or nobody. Resolved once per request, before any resolver runs.
import { AduanError } from '../errors.js';
import type { PrismaClient, StaffRole } from '@aduan/prisma';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { hashSecret } from './secrets.js';
import { codeWithin } from '../jurisdictions/tree.js';

export interface Viewer {
  /** How the request authenticated: cookie-authenticated mutations need CSRF protection, bearer ones do not. */
  via: 'session' | 'token';
  /** The StaffAccount or ApiToken id. */
  id: string;
  /** `staff:<id>` or `token:<id>`, written as the actor of events. */
  actor: string;
  agencyId: string;
  role: StaffRole;
  /**
   * The agencies whose reports this viewer may see and change: their own; for an ADMIN,
   * every agency of their city (the city their agency lies in; for an agency above every
   * city, a province's, every agency of its area — the cities below it).
   */
  actsFor: ReadonlySet<string>;
  /** The area an ADMIN's powers cover (see actsFor); their agency's area for everyone else. */
  area: string;
  /** The session row, to end it on logout. */
  sessionId?: string;
  /** Set for sessions; tokens have no account. */
  accountId?: string;
  /**
   * A session signed in with a one-time password: until it is changed, only `me`,
   * `changePassword` and `logout` answer (PASSWORD_CHANGE_REQUIRED). Never set for tokens.
   */
  mustChangePassword: boolean;
}

/** `lastUsedAt`/`lastSeenAt` are written at most this often, so reads stay reads. */
export const TOUCH_INTERVAL_MS = 60_000;

/** A secret is 32 bytes in base64url: 43 characters. Anything else is not worth a lookup. */
const SECRET = /^[A-Za-z0-9_-]{43}$/;

export class AuthenticationError extends AduanError {
  constructor(message: string) {
    super(message, 'UNAUTHENTICATED');
  }
}

/**
 * The viewer of `request`. A malformed, unknown or revoked bearer token is an error (the
 * client meant to authenticate and must learn it failed); a stale cookie just means anonymous.
 */
export async function authenticate(prisma: PrismaClient, request: Request, now: Date): Promise<Viewer | null> {
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match || !SECRET.test(match[1]!)) throw new AuthenticationError('The Authorization header must be "Bearer <token>".');
    const token = await prisma.apiToken.findUnique({
      where: { tokenHash: hashSecret(match[1]!) },
      select: { id: true, agencyId: true, role: true, lastUsedAt: true, revokedAt: true, agency: { select: { jurisdictionCode: true } } },
    });
    if (!token || token.revokedAt) throw new AuthenticationError('This API token is unknown or has been revoked.');
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return {
      via: 'token',
      id: token.id,
      actor: `token:${token.id}`,
      agencyId: token.agencyId,
      role: token.role,
      ...(await scopeOf(prisma, token.role, token.agencyId, token.agency.jurisdictionCode)),
      mustChangePassword: false,
    };
  }
  const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (!cookie || !SECRET.test(cookie)) return null;
  const session = await prisma.staffSession.findUnique({
    where: { tokenHash: hashSecret(cookie) },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      account: {
        select: { id: true, agencyId: true, role: true, disabledAt: true, mustChangePassword: true, agency: { select: { jurisdictionCode: true } } },
      },
    },
  });
  if (!session || session.expiresAt <= now || session.account.disabledAt) return null;
  if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await prisma.staffSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { account } = session;
  return {
    via: 'session',
    id: account.id,
    actor: `staff:${account.id}`,
    agencyId: account.agencyId,
    role: account.role,
    ...(await scopeOf(prisma, account.role, account.agencyId, account.agency.jurisdictionCode)),
    sessionId: session.id,
    accountId: account.id,
    mustChangePassword: account.mustChangePassword,
  };
}

/**
 * The area a role's powers cover: for an ADMIN the nearest city at or above their
 * agency's area (codes nest: 53.71.04 lies in 53.71), else that area itself (a province's
 * admin covers the cities below it); for everyone else their agency's area.
 */
export async function powersArea(prisma: PrismaClient, role: StaffRole, agencyArea: string): Promise<string> {
  if (role !== 'ADMIN') return agencyArea;
  const segments = agencyArea.split('.');
  const aboveOrSelf = segments.map((_, i) => segments.slice(0, i + 1).join('.'));
  const cities = await prisma.jurisdiction.findMany({ where: { code: { in: aboveOrSelf }, trackingCodePrefix: { not: null } }, select: { code: true } });
  return cities.map((c) => c.code).sort((a, b) => b.length - a.length)[0] ?? agencyArea;
}

/** What a viewer's powers cover: their own agency, or for an ADMIN every agency of their area (powersArea). */
async function scopeOf(prisma: PrismaClient, role: StaffRole, agencyId: string, agencyArea: string): Promise<Pick<Viewer, 'actsFor' | 'area'>> {
  const area = await powersArea(prisma, role, agencyArea);
  if (role !== 'ADMIN') return { actsFor: new Set([agencyId]), area };
  const agencies = await prisma.agency.findMany({ where: codeWithin('jurisdictionCode', area), select: { id: true } });
  return { actsFor: new Set([agencyId, ...agencies.map((a) => a.id)]), area };
}
