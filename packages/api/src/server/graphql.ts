// The GraphQL endpoint: Yoga serving the Pothos schema (also a federation subgraph,
// with federated tracing for routers), with CORS answered from the sites' allowed origins.
import { graphiqlPage } from './graphiql.js';
import { useExpensiveFieldLimit } from '../abuse/expensive-fields.js';
import { StatisticsCache } from '../statistics/cache.js';
import { useEntityRepresentationLimit } from '../abuse/entity-representations.js';
import { ServerSecret } from '../secrets/server-secret.js';
import { NearbyHandles } from '../similar/handles.js';
import { createGraphQLError, createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { PrismaClient } from '@aduan/prisma';
import { GraphQLError, type GraphQLSchema, type GraphQLUnionType } from 'graphql';
import { AduanError } from '../errors.js';
import { Refused } from '../workflow/errors.js';
import { ReportLedger } from '../workflow/ledger.js';
import type { PhotoStorage } from '../photos/index.js';
import { ReportChanges } from '../events/report-changes.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { Context } from '../schema/context.js';
import { createEntityLoaders } from '../schema/entity-loaders.js';
import { schema } from '../schema/index.js';
import { DEFAULT_GRAPHQL_LIMITS, useGraphQLLimits, type GraphQLLimits } from '../abuse/graphql-limits.js';
import { clientAddress } from '../abuse/client-address.js';
import { redactingLogger } from '../log.js';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../db/unavailable.js';
import type { RateLimits } from '../abuse/rate-limits.js';
import type { ProofOfWork } from '../abuse/proof-of-work.js';
import { refuseUnlisted, usePersistedHashes, type PersistedOperations } from '../abuse/persisted-operations.js';
import { authenticate, AuthenticationError } from '../staff/viewer.js';
import { LookupCounter } from '../schema/lookup-count.js';
import { usePublicReadCache } from './public-read-cache.js';
import { corsAllowance } from './cors.js';
import type { PublicReadStore } from './public-read-store.js';
import { schemaForTracing, useFederatedTrace, useTracedRequestsApart } from './federated-tracing.js';

/** Content types a cross-site form or fetch may send without a CORS preflight. */
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** See the Context's `csrfSafe`. GET cannot run mutations in Yoga, so reads by GET are safe. */
export function isCsrfSafe(request: Request): boolean {
  if (request.method === 'GET' || request.headers.has('x-aduan-csrf')) return true;
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  return type !== '' && !SIMPLE_CONTENT_TYPES.includes(type);
}

/** Set-Cookie headers resolvers asked for, by request, added to the response on its way out. */
function cookiePlugin(pending: WeakMap<Request, string[]>): Plugin {
  return {
    onResponse({ request, response }) {
      for (const cookie of pending.get(request) ?? []) response.headers.append('set-cookie', cookie);
      pending.delete(request);
    },
  };
}

/**
 * The one place an error becomes what a GraphQL client sees. Aduan's own (AduanError:
 * AccessDenied, a Refused outside a union, …) keeps its sentence and code (and field);
 * a database that does not answer is a typed 503 the widget keeps the report for;
 * every other unexpected error stays masked.
 */
export function maskAduanError(error: unknown, message: string, isDev?: boolean): Error {
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AduanError) {
    const located = error instanceof GraphQLError ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path } : {};
    return createGraphQLError(original.message, {
      ...located,
      extensions: { code: original.code, ...(original instanceof Refused ? { field: original.field } : {}) },
    });
  }
  return maskError(error, message, isDev);
}

function databaseUnavailable(): GraphQLError {
  return createGraphQLError('The database is not answering; try again in a few seconds.', {
    extensions: {
      code: 'DATABASE_UNAVAILABLE',
      http: { status: 503, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } },
    },
  });
}

export interface GraphQLDependencies {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  /** Where report photos go (`DiskPhotoStorage` under the data dir when serving). */
  photoStorage?: PhotoStorage | undefined;
  now?: () => Date;
  /** Every change to a report goes through it (`aduan serve` shares one with its jobs); made from `changes` and `mail` when not given. */
  ledger?: ReportLedger;
  /** Where stored changes are announced, when no ledger is given; a private one otherwise. */
  changes?: ReportChanges;
  /** Whether mail is sent (ADUAN_SMTP_URL), when no ledger is given: report changes then queue it. Off by default. */
  mail?: boolean;
  /** Depth, cost, alias, directive and token limits (DEFAULT_GRAPHQL_LIMITS when not given). */
  graphqlLimits?: GraphQLLimits;
  /** Rate limits for submissions, look-ups and sign-ins; none when not given. */
  rateLimits?: RateLimits | null;
  /** How many reverse proxies of the operator's own sit in front (ADUAN_TRUST_PROXY); 0 by default. */
  trustedProxyHops?: number;
  /** Reports need a solved proof-of-work challenge when set; none is asked for when not given. */
  proofOfWork?: ProofOfWork | null;
  /** Persisted-operations mode: without a staff sign-in, only these documents run. Off when not given. */
  persistedOperations?: PersistedOperations | null;
  /** GraphiQL for browsers at GET /graphql; on unless false. */
  graphiql?: boolean;
  /** The address residents use (ADUAN_PUBLIC_URL), for the embed code of sites; this server's own origin when not given. */
  publicUrl?: string;
  /** Where public statistics are counted (Database.statisticsPrisma: on PostgreSQL a small pool with a statement timeout); `prisma` when not given. */
  statisticsPrisma?: PrismaClient;
  /** How long public statistics are kept (until a report or the catalogue changes); 10 minutes unless given, 0 for never. */
  statisticsCacheMs?: number;
  /** The server's secret (ADUAN_SECRET); a random one when not given, which suits one process only. */
  secret?: ServerSecret;
  /** Where answers to anonymous public reads are kept (server/public-read-cache.ts); none are when not given. */
  publicReads?: PublicReadStore | null;
}

const GRAPHIQL_EXAMPLE = `# Aduan: residents' reports, routed to the agency responsible.
# Try the demo site's catalogue, then submitReport and reportStatus (see the schema docs).
query Catalogue {
  categories(site: "demo", locale: EN) {
    code
    name
    group
  }
}
`;

/** What Node's HTTP server hands Yoga with each request (absent for in-process `yoga.fetch`). */
export interface ServerContext {
  req?: import('node:http').IncomingMessage;
}

export type AduanYoga = YogaServerInstance<ServerContext, Context>;

/** The types `_entities` resolves (the federation plugin's `_Entity` union). */
const ENTITY_TYPES: ReadonlySet<string> = new Set((schema.getType('_Entity') as GraphQLUnionType | undefined)?.getTypes().map((type) => type.name) ?? []);

/** How look-ups are charged, the same for Yoga and the kept-answer desk in front of it. */
export function lookupCounterFor(deps: Pick<GraphQLDependencies, 'rateLimits' | 'trustedProxyHops' | 'graphqlLimits'>): LookupCounter {
  return new LookupCounter(deps.rateLimits ?? null, deps.trustedProxyHops ?? 0, (deps.graphqlLimits ?? DEFAULT_GRAPHQL_LIMITS).maxAliases + 1);
}

export function createGraphQLHandler(deps: GraphQLDependencies): AduanYoga {
  const now = deps.now ?? (() => new Date());
  const ledger = deps.ledger ?? new ReportLedger({ prisma: deps.prisma, changes: deps.changes ?? new ReportChanges(), mail: deps.mail ?? false });
  const secret = deps.secret ?? ServerSecret.random();
  const shared: SharedState = {
    now,
    ledger,
    secret,
    handles: new NearbyHandles(secret),
    statistics: new StatisticsCache(ledger.options.changes, deps.statisticsCacheMs),
  };
  // A router's request for a trace is answered by a Yoga of its own (server/federated-tracing.ts).
  const tracing = () => yogaOver(schemaForTracing(schema), deps, shared, { first: useFederatedTrace(maskForTrace), keepsAnswers: false });
  return yogaOver(schema, deps, shared, { first: useTracedRequestsApart<ServerContext>(tracing), keepsAnswers: true });
}

/** What both Yogas share: one ledger, one secret, one set of caches. */
interface SharedState {
  now: () => Date;
  ledger: ReportLedger;
  secret: ServerSecret;
  handles: NearbyHandles;
  statistics: StatisticsCache;
}

function maskForTrace(error: GraphQLError): GraphQLError {
  return maskAduanError(error, 'Unexpected error.', false) as GraphQLError;
}

/** A Yoga over `served`; `keepsAnswers` when it keeps answers to public reads (a traced request never reads them). */
function yogaOver(
  served: GraphQLSchema,
  deps: GraphQLDependencies,
  shared: SharedState,
  variant: { first: Plugin<object, ServerContext>; keepsAnswers: boolean },
): AduanYoga {
  const { now, ledger, secret, handles, statistics } = shared;
  const { changes } = ledger.options;
  const pendingCookies = new WeakMap<Request, string[]>();
  const limits = deps.graphqlLimits ?? DEFAULT_GRAPHQL_LIMITS;
  return createYoga<ServerContext, Context>({
    plugins: [
      variant.first,
      ...(deps.persistedOperations ? [usePersistedHashes(deps.persistedOperations)] : []),
      // Counted before a kept answer may be served, so it counts too.
      lookupCounterFor(deps).plugin(),
      ...(deps.publicReads && variant.keepsAnswers ? usePublicReadCache({ store: deps.publicReads, catalog: deps.catalog, changes, schema: served }) : []),
      useGraphQLLimits(limits),
      useEntityRepresentationLimit(ENTITY_TYPES),
      useExpensiveFieldLimit(),
      cookiePlugin(pendingCookies),
    ],
    schema: served,
    maskedErrors: { maskError: maskAduanError },
    // The front door refuses a body without Content-Length or over its limit before Yoga reads
    // a byte (server/request-limits.ts), and Node's parser reads no more than it declares. Yoga's
    // own limit would pipe every body through a counting stream again: 0.5–1 ms CPU a request.
    maxRequestBodySize: false,
    graphqlEndpoint: '/graphql',
    logging: redactingLogger,
    landingPage: false,
    graphiql: deps.graphiql === false ? false : { title: 'Aduan GraphQL', defaultQuery: GRAPHIQL_EXAMPLE },
    // From this server, never a CDN (server/graphiql.ts); the front door adds the page policy.
    renderGraphiQL: graphiqlPage,
    context: async ({ request, req, params }) => {
      const csrfSafe = isCsrfSafe(request);
      let viewer = null;
      try {
        viewer = await authenticate(deps.prisma, request, now());
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        throw createGraphQLError(error.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
      // A session cookie rides along on any request the browser sends; only a request a
      // cross-site page could not have made (see isCsrfSafe) may use it.
      if (viewer?.via === 'session' && !csrfSafe) viewer = null;
      if (deps.persistedOperations && !viewer && !deps.persistedOperations.allows(params.query)) throw refuseUnlisted();
      return {
        prisma: deps.prisma,
        catalog: deps.catalog,
        ledger,
        photoStorage: deps.photoStorage,
        changes,
        request,
        ownOrigin: new URL(request.url).origin,
        publicUrl: deps.publicUrl ?? new URL(request.url).origin,
        now,
        viewer,
        csrfSafe,
        entities: createEntityLoaders(deps.prisma, deps.catalog),
        clientAddress: clientAddress(request.headers, req?.socket.remoteAddress, deps.trustedProxyHops ?? 0),
        rateLimits: deps.rateLimits ?? null,
        trustedProxyHops: deps.trustedProxyHops ?? 0,
        proofOfWork: deps.proofOfWork ?? null,
        secret,
        handles,
        statistics,
        statisticsPrisma: deps.statisticsPrisma ?? deps.prisma,
        setCookie: (cookie: string) => {
          const list = pendingCookies.get(request) ?? [];
          list.push(cookie);
          pendingCookies.set(request, list);
        },
      };
    },
    // A browser may call from any page a site allows (server/cors.ts).
    cors: (request) => corsAllowance(deps.catalog, request.headers.get('origin'), new URL(request.url).origin),
  });
}
