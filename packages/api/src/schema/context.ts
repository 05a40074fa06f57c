// What every resolver can reach: the database, the in-memory routing catalogue,
// and the request itself (for the Origin header).
import type { PrismaClient } from '@aduan/prisma';
import { GraphQLError } from 'graphql';
import type { ReportChanges } from '../events/report-changes.js';
import type { EntityLoaders } from './entity-loaders.js';
import type { Viewer } from '../staff/viewer.js';
import type { PhotoStorage } from '../photos/index.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { RateLimits } from '../abuse/rate-limits.js';
import type { ProofOfWork } from '../abuse/proof-of-work.js';

export interface Context {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  /** Where report photos are kept; undefined when this server takes no photos. */
  photoStorage: PhotoStorage | undefined;
  request: Request;
  /** This server's own origin, whose pages may always submit. */
  ownOrigin: string;
  now: () => Date;
  /** Announces stored changes to subscriptions and notifications. */
  changes: ReportChanges;
  /** The signed-in staff member or API token; null for residents and widgets. */
  viewer: Viewer | null;
  /**
   * Whether a cross-site page could not have sent this request without a CORS preflight
   * (a non-simple content type such as application/json, or the X-Aduan-CSRF header).
   * A session cookie on a request that is not counts for nothing (see README, "CSRF").
   */
  csrfSafe: boolean;
  /** This request's batched look-ups of federation entities by key (`_entities`). */
  entities: EntityLoaders;
  /** Adds a Set-Cookie header to the response. */
  setCookie(cookie: string): void;
  /** The address the request came from (see abuse/client-address.ts), for rate limits. */
  clientAddress: string;
  /** Null when this server does not limit (tests that do not test limits). */
  rateLimits: RateLimits | null;
  /** How many proxies of the operator's own are in front (for Open311's own address look-up). */
  trustedProxyHops: number;
  /** When set, reports need a solved challenge (abuse/proof-of-work.ts). */
  proofOfWork: ProofOfWork | null;
}

/**
 * Whether `viewer` may see and change reports of agency `agencyId`. A session that must
 * still replace its one-time password may do nothing yet.
 */
export function mayActFor(viewer: Viewer | null, agencyId: string): boolean {
  return viewer !== null && !viewer.mustChangePassword && (viewer.role === 'ADMIN' || viewer.agencyId === agencyId);
}

/**
 * The typed refusal for a missing or insufficient sign-in; nothing is read or written after it.
 * A session still on its one-time password hears why (PASSWORD_CHANGE_REQUIRED), whatever it asked.
 */
export function forbidden(viewer: Viewer | null): GraphQLError {
  if (viewer?.mustChangePassword) {
    return new GraphQLError('Change your one-time password first (changePassword).', { extensions: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  }
  return viewer
    ? new GraphQLError('You are not allowed to do this.', { extensions: { code: 'FORBIDDEN' } })
    : new GraphQLError('Sign in first.', { extensions: { code: 'UNAUTHENTICATED' } });
}
