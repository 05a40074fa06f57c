// `aduan serve`: listen at once, then open and migrate the database, load the
// demo city when asked or when an embedded database is new, and start answering.
import type { AddressInfo } from 'node:net';
import { demoCityPath } from '@aduan/prisma';
import { applyCityConfig, loadCityConfig } from './city-config/index.js';
import type { Database } from './db/database.js';
import { openConfiguredDatabase } from './db/open-configured.js';
import { applyMigrations } from './db/migrate.js';
import { startDeliveryLoop, type DeliveryLoop } from './delivery/index.js';
import { deliverySettingsOf, type Environment } from './environment.js';
import { openPhotoStorage, type PhotoStorage } from './photos/index.js';
import { ReportChanges } from './events/report-changes.js';
import { MemoryPublicReadStore, RedisPublicReadStore } from './server/public-read-store.js';
import { RoutingCatalog } from './routing/catalog.js';
import { createGraphQLHandler, lookupCounterFor, type AduanYoga, type GraphQLDependencies } from './server/graphql.js';
import { KeptAnswerDesk } from './server/kept-answer-desk.js';
import { createHttpServer } from './server/http-server.js';
import { serverSecretFor } from './secrets/server-secret.js';
import { describeReplies, ReplyAddresses, startReplyWorker } from './mail-replies/index.js';
import type { MailboxReader } from './mail-replies/mailbox-reader.js';
import { PhotoLinkSigner } from './delivery/photo-links.js';
import { open311Dependencies, type Open311Dependencies } from './open311/index.js';
import { trackInFlight } from './server/in-flight.js';
import { DeliveryPhotos } from './server/delivery-photos.js';
import { StaffPhotos } from './server/staff-photos.js';
import { startDeadlineLoop, type DeadlineLoop } from './jobs/index.js';
import { mailerFromEnvironment, type Mailer } from './notifications/index.js';
import { ReportLedger } from './workflow/ledger.js';
import { startTallyFolding } from './statistics/index.js';
import { parseRateLimits, RateLimits } from './abuse/rate-limits.js';
import { DEFAULT_PROOF_OF_WORK, ProofOfWork } from './abuse/proof-of-work.js';
import { PersistedOperations } from './abuse/persisted-operations.js';
import { connectRedis, relayChanges, type RedisConnections } from './redis.js';
import type { PeriodicTask } from './jobs/periodic.js';

export interface RunningService {
  url: string;
  database: Database;
  /** Stored changes to reports, for subscriptions and notifications. */
  changes: ReportChanges;
  /** Graceful: stops accepting, waits up to `graceMs` (ADUAN_SHUTDOWN_GRACE_MS) for requests in flight, then closes everything. */
  close(graceMs?: number): Promise<void>;
}

export type Log = (line: string) => void;

export interface ServiceOptions {
  /** Replaces the SMTP mailer ADUAN_SMTP_URL would give (tests). */
  mailer?: Mailer | null;
}

export async function startService(env: Environment, log: Log = console.log, options: ServiceOptions = {}): Promise<RunningService> {
  // Settings that can be wrong are read before anything starts, so a typo fails at once.
  const rateLimitRules = env.rateLimits === 'off' ? null : parseRateLimits(env.rateLimits);
  let yoga: AduanYoga | null = null;
  let keptAnswers: KeptAnswerDesk | null = null;
  let staffPhotos: StaffPhotos | null = null;
  let deliveryPhotos: DeliveryPhotos | null = null;
  let open311: Open311Dependencies | null = null;
  let database: Database | undefined;
  let deadlines: DeadlineLoop | null = null;
  let deliveries: DeliveryLoop | null = null;
  let replyReader: MailboxReader | null = null;
  let catalog: RoutingCatalog | null = null;
  let tallyFolding: PeriodicTask<number> | null = null;
  let redis: RedisConnections | null = null;
  let mailer: Mailer | null = null;
  let photoStorage: PhotoStorage | null = null;
  const changes = new ReportChanges();
  const server = createHttpServer({
    graphql: () => yoga,
    keptAnswers: () => keptAnswers,
    timeouts: { keepAliveTimeoutMs: env.keepAliveTimeoutMs, headersTimeoutMs: env.headersTimeoutMs },
    open311: () => open311,
    staffPhotos: () => staffPhotos,
    deliveryPhotos: () => deliveryPhotos,
    mapTileOrigins: async () => (catalog ? (await catalog.current()).mapTileOrigins : []),
    publicSite: async (key) => {
      const site = catalog ? (await catalog.current()).sitesByKey.get(key) : undefined;
      return site ? { name: site.name, mapTileOrigin: site.mapTileOrigin } : null;
    },
    readiness: {
      async check() {
        if (!yoga || !database) return false;
        await withTimeout(database.prisma.$queryRaw`SELECT 1`, 2_000);
        return true;
      },
    },
  });
  const inFlight = trackInFlight(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;

  try {
    database = await openConfiguredDatabase(env, log);
    const applied = await applyMigrations(database);
    log(`Database: ${database.location}${applied.length ? ` (applied ${applied.join(', ')})` : ''}`);
    if (await shouldLoadDemo(database, env)) {
      const summary = await applyCityConfig(database.prisma, await loadCityConfig(demoCityPath));
      log(`Loaded the Kupang demo: ${summary.jurisdictions.created} areas, ${summary.agencies.created} agencies, ${summary.categories.created} categories.`);
    }
    catalog = new RoutingCatalog(database.prisma);
    await catalog.current();
    // The data dir's photos/ folder, or the bucket ADUAN_PHOTO_STORAGE names (checked now).
    photoStorage = await openPhotoStorage(env);
    log(`Photos: ${photoStorage.location}.`);
    staffPhotos = new StaffPhotos({ prisma: database.prisma, photoStorage });
    // Every key the server signs with derives from its secret (ADUAN_SECRET, or the data dir's).
    const secret = serverSecretFor(env, log);
    const photoLinks = new PhotoLinkSigner(secret);
    deliveryPhotos = new DeliveryPhotos({ prisma: database.prisma, photoStorage, signer: photoLinks });
    if (env.redisUrl) {
      redis = connectRedis(env.redisUrl, log);
      relayChanges(changes, redis);
    }
    const rateLimits = rateLimitRules ? new RateLimits(rateLimitRules, redis?.commands) : null;
    log(`Rate limits: ${rateLimits ? describeLimits(rateLimits) : 'off'}${redis ? ', shared through Redis' : ''}.`);
    const maxCounter = env.proofOfWorkMaxCounter;
    const proofOfWork = maxCounter > 0 ? new ProofOfWork(secret, { ...DEFAULT_PROOF_OF_WORK, maxCounter }) : null;
    log(`Proof of work: ${proofOfWork ? `up to ${maxCounter} hashes per report` : 'off'}.`);
    // Without ADUAN_SMTP_URL no mail is queued (and none sent); with it, every report change
    // puts its mail in the outbox, and the delivery worker sends it.
    mailer = options.mailer !== undefined ? options.mailer : mailerFromEnvironment(env);
    const ledger = new ReportLedger({ prisma: database.prisma, changes, mail: mailer !== null });
    if (!env.publicUrl) log(`Links in mail and Open311 point to ${url}: set ADUAN_PUBLIC_URL to the address residents use.`);
    log(mailer ? 'Mail: notifications on, through the outbox.' : 'Mail: no ADUAN_SMTP_URL, so no notifications are sent.');
    // Reply-to-update: mail to agencies and staff carries the report's reply address.
    const replies = env.replies ? new ReplyAddresses(env.replies.address, secret) : null;
    log(describeReplies(env.replies, mailer !== null));
    // Replicas keep them in Redis, so a change forgotten by one is forgotten by all.
    const publicReads = env.cachePublicReads ? (redis ? new RedisPublicReadStore(redis.commands) : new MemoryPublicReadStore()) : null;
    const graphqlDependencies: GraphQLDependencies = {
      prisma: database.prisma,
      catalog,
      photoStorage,
      ledger,
      rateLimits,
      trustedProxyHops: env.trustedProxyHops,
      proofOfWork,
      persistedOperations: env.persistedOperationsOnly ? new PersistedOperations() : null,
      secret,
      statisticsPrisma: database.statisticsPrisma,
      graphiql: env.graphiql,
      publicUrl: env.publicUrl ?? url,
      publicReads,
    };
    yoga = createGraphQLHandler(graphqlDependencies);
    keptAnswers = publicReads ? new KeptAnswerDesk({ store: publicReads, catalog, lookups: lookupCounterFor(graphqlDependencies) }) : null;
    log(`Public reads: ${env.cachePublicReads ? `answers kept${redis ? ' in Redis' : ''}, forgotten when a report or the catalogue changes` : 'not kept'}.`);
    open311 = open311Dependencies({
      prisma: database.prisma,
      catalog,
      ledger,
      rateLimits,
      trustedProxyHops: env.trustedProxyHops,
      // Links are never made from a request's Host header.
      publicUrl: env.publicUrl ?? url,
    });
    if (env.persistedOperationsOnly) log("Persisted operations: only Aduan's own clients' operations run without a staff sign-in.");
    deadlines = startDeadlineLoop({
      ledger,
      catalog,
      intervalMs: env.escalationIntervalMs,
      autoCloseDays: env.autoCloseDays,
      log,
    });
    tallyFolding = startTallyFolding({ prisma: database.prisma, log });
    // The outbox is sent from every replica unless ADUAN_DELIVERY_WORKER=0 (then `aduan worker` does it).
    if (env.deliveryWorker !== false) {
      deliveries = startDeliveryLoop({
        prisma: database.prisma,
        photoLinks,
        publicUrl: env.publicUrl ?? url,
        mailer,
        replies,
        settings: deliverySettingsOf(env),
        ledger,
        intervalMs: env.deliveryPollMs,
        open311PollEveryMs: env.open311PollMs,
        log,
      });
      // Agencies' replies are read where the outbox is sent; each is applied once however many replicas read.
      if (env.replies && replies) {
        replyReader = startReplyWorker({ settings: env.replies, addresses: replies, ledger, photoStorage, log, onOutbox: () => void deliveries?.runNow() });
      }
    }
  } catch (error) {
    await replyReader?.stop();
    await deliveries?.stop();
    await deadlines?.stop();
    await tallyFolding?.stop();
    server.close();
    photoStorage?.close();
    await redis?.close();
    await database?.close();
    throw error;
  }
  log(`Aduan is ready: GraphQL at ${url}/graphql, health at ${url}/healthz`);

  return {
    url,
    database,
    changes,
    async close(graceMs = env.shutdownGraceMs) {
      // Stop taking connections, end live streams, let the requests already taken finish
      // (up to the grace period), then stop the jobs — each finishes what it is sending.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      changes.close();
      server.closeIdleConnections();
      const answered = await inFlight.settled(graceMs);
      if (!answered) log(`aduan: ${inFlight.count} request(s) still running after ${graceMs} ms; closing them.`);
      server.closeAllConnections();
      await closed;
      await deadlines?.stop();
      await replyReader?.stop();
      await deliveries?.stop();
      await tallyFolding?.stop();
      await yoga?.dispose();
      mailer?.close();
      photoStorage?.close();
      await redis?.close();
      await database?.close();
    },
  };
}

function describeLimits(limits: RateLimits): string {
  return Object.entries(limits.rules)
    .map(([name, rule]) => `${name} ${rule.points}/${rule.seconds} s`)
    .join(', ');
}

/** Embedded databases get the demo when new; PostgreSQL only when ADUAN_DEMO=1 asks. */
async function shouldLoadDemo(database: Database, env: Environment): Promise<boolean> {
  if (env.demo) return true;
  if (database.kind !== 'pglite') return false;
  return (await database.prisma.jurisdiction.count()) === 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
