// Everything Aduan reads from the environment, read in one place.

export interface Environment {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the Kupang demo into a PostgreSQL database (PGlite gets it when new). */
  demo: boolean;
  // The rest is optional so callers that build an Environment by hand get the defaults.
  /** `smtp://user:pass@host:587` (or smtps://); no mail is sent without it. */
  smtpUrl?: string | undefined;
  /** The From address of notification mail. */
  mailFrom?: string | undefined;
  /** Where residents open their tracking link; `http://localhost:PORT` when unset. */
  publicUrl?: string | undefined;
  /** How often `aduan serve` runs the deadline jobs (escalation, auto-close). */
  escalationIntervalMs?: number | undefined;
  /** RESOLVED/REJECTED reports are closed this many days after their last status change. */
  autoCloseDays?: number | undefined;
  /** The delivery worker's first retry delay; it doubles per failure up to the cap. */
  deliveryBackoffMs?: number | undefined;
  deliveryMaxBackoffMs?: number | undefined;
  /** A delivery still failing this long after it was written is dead-lettered. */
  deliveryGiveUpHours?: number | undefined;
  /** Per delivery attempt. */
  deliveryTimeoutMs?: number | undefined;
  /** How often a worker looks for due deliveries written by other replicas. */
  deliveryPollMs?: number | undefined;
  /** How often a report forwarded over Open311 is asked for its status. */
  open311PollMs?: number | undefined;
  /** `aduan serve` runs the delivery worker unless this is false (ADUAN_DELIVERY_WORKER=0). */
  deliveryWorker?: boolean | undefined;
  /** `redis://host:6379`: replicas share rate-limit counters and live-status notices through it. */
  redisUrl?: string | undefined;
  /** ADUAN_RATE_LIMITS over the defaults (src/abuse/rate-limits.ts); `off` turns them off. */
  rateLimits?: string | undefined;
  /** How many reverse proxies of the operator's own are in front (ADUAN_TRUST_PROXY), for X-Forwarded-For. */
  trustedProxyHops?: number | undefined;
  /** On SIGTERM, how long to wait for requests already taken before closing them. */
  shutdownGraceMs?: number | undefined;
  /** The proof of work's most hashes per report (ADUAN_PROOF_OF_WORK); 0 turns it off. */
  proofOfWorkMaxCounter?: number | undefined;
  /** `id:base64key,…` sealing reporter contact (the first seals; all open). */
  contactKeys?: string | undefined;
  /** ADUAN_PERSISTED_OPERATIONS=only: without a staff sign-in, only Aduan's own clients' operations run. */
  persistedOperationsOnly?: boolean | undefined;
}

/** Long enough for a slow submission with photos over a poor connection to finish. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 15_000;

export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const port = env.PORT ? Number(env.PORT) : 4000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}".`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.ADUAN_DATA_DIR || '.aduan',
    demo: env.ADUAN_DEMO === '1' || env.ADUAN_DEMO === 'true',
    smtpUrl: env.ADUAN_SMTP_URL || undefined,
    mailFrom: env.ADUAN_MAIL_FROM || 'Aduan <aduan@localhost>',
    publicUrl: env.ADUAN_PUBLIC_URL ? env.ADUAN_PUBLIC_URL.replace(/\/+$/, '') : undefined,
    escalationIntervalMs: positiveNumber(env, 'ADUAN_ESCALATION_INTERVAL_MS', 5 * 60_000),
    autoCloseDays: positiveNumber(env, 'ADUAN_AUTO_CLOSE_DAYS', 14),
    deliveryBackoffMs: positiveNumber(env, 'ADUAN_DELIVERY_BACKOFF_MS', 30_000),
    deliveryMaxBackoffMs: positiveNumber(env, 'ADUAN_DELIVERY_MAX_BACKOFF_MS', 3_600_000),
    deliveryGiveUpHours: positiveNumber(env, 'ADUAN_DELIVERY_GIVE_UP_HOURS', 72),
    deliveryTimeoutMs: positiveNumber(env, 'ADUAN_DELIVERY_TIMEOUT_MS', 10_000),
    deliveryPollMs: positiveNumber(env, 'ADUAN_DELIVERY_POLL_MS', 5_000),
    open311PollMs: positiveNumber(env, 'ADUAN_OPEN311_POLL_MS', 5 * 60_000),
    deliveryWorker: !(env.ADUAN_DELIVERY_WORKER === '0' || env.ADUAN_DELIVERY_WORKER === 'false'),
    redisUrl: env.REDIS_URL || undefined,
    rateLimits: env.ADUAN_RATE_LIMITS || undefined,
    trustedProxyHops: wholeNumber(env, 'ADUAN_TRUST_PROXY', 0),
    shutdownGraceMs: positiveNumber(env, 'ADUAN_SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS),
    proofOfWorkMaxCounter: env.ADUAN_PROOF_OF_WORK === 'off' ? 0 : wholeNumber(env, 'ADUAN_PROOF_OF_WORK', 20_000),
    contactKeys: env.ADUAN_CONTACT_KEYS || undefined,
    persistedOperationsOnly: env.ADUAN_PERSISTED_OPERATIONS === 'only',
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (0 or more), not "${raw}".`);
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
}

/** The delivery worker's settings from the environment (defaults when unset). */
export function deliverySettingsOf(env: Environment): { backoff: { baseMs: number; capMs: number }; giveUpMs: number; timeoutMs: number } {
  const baseMs = env.deliveryBackoffMs ?? 30_000;
  return {
    backoff: { baseMs, capMs: Math.max(baseMs, env.deliveryMaxBackoffMs ?? 3_600_000) },
    giveUpMs: (env.deliveryGiveUpHours ?? 72) * 3_600_000,
    timeoutMs: env.deliveryTimeoutMs ?? 10_000,
  };
}
