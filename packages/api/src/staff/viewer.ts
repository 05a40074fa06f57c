// Who is asking: a signed-in staff member (session cookie) or an agency's system
// (bearer token), or nobody. Resolved once per request, before any resolver runs.
import { AduanError } from '../errors.js';
import type { PrismaClient, StaffRole } from '@aduan/prisma';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { hashSecret } from './secrets.js';

export interface Viewer {
  /** How the request authenticated: cookie-authenticated mutations need CSRF protection, bearer ones do not. */
  via: 'session' | 'token';
  /** The StaffAccount or ApiToken id. */
  id: string;
  /** `staff:<id>` or `token:<id>`, written as the actor of events. */
  actor: string;
  agencyId: string;
  role: StaffRole;
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
      select: { id: true, agencyId: true, role: true, lastUsedAt: true, revokedAt: true },
    });
    if (!token || token.revokedAt) throw new AuthenticationError('This API token is unknown or has been revoked.');
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    return { via: 'token', id: token.id, actor: `token:${token.id}`, agencyId: token.agencyId, role: token.role, mustChangePassword: false };
  }
  const cookie = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
  if (!cookie || !SECRET.test(cookie)) return null;
  const session = await prisma.staffSession.findUnique({
    where: { tokenHash: hashSecret(cookie) },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      account: { select: { id: true, agencyId: true, role: true, disabledAt: true, mustChangePassword: true } },
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
    sessionId: session.id,
    accountId: account.id,
    mustChangePassword: account.mustChangePassword,
  };
}
