// Everything Aduan reads from the environment, read, checked and defaulted in one place:
// one zod schema from variable to setting. A value that cannot be right fails at start
// with one sentence naming the variable; nothing else in the code reads process.env for
// settings (channel secrets are read by name, from the environment the worker is given).
import { join } from 'node:path';
import { z } from 'zod';
import { AduanError } from './errors.js';
import { parseS3Endpoint, parseS3Location, S3_LOCATION_FORM, type S3Connection } from './photos/s3-location.js';
import { parseMailboxUrl, parseReplyAddress } from './mail-replies/mailbox-settings.js';

/** Long enough for a slow submission with photos over a poor connection to finish. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 15_000;

/**
 * How long an idle kept-alive connection stays open: longer than the reverse proxies in front
 * keep theirs (nginx's upstream keepalive and most cloud load balancers: 60 s), so the proxy
 * closes an idle connection first instead of sending a request onto one this server is closing
 * (Node's own 5 s made sporadic 502s behind them).
 */
export const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How much longer than the keep-alive the headers timeout is unless set (Node's rule: it must be longer). */
export const HEADERS_TIMEOUT_MARGIN_MS = 1_000;

/** Node's timers hold at most 2^31 − 1 ms (a longer one fires at once); a day is more than any proxy keeps a connection. */
const LONGEST_TIMEOUT_MS = 86_400_000;

/** A variable that is unset or empty. */
const unset = (value: unknown) => value === undefined || value === '';

function optionalText() {
  return z.preprocess((value) => (unset(value) ? undefined : value), z.string().optional());
}

function positiveNumber(fallback: number) {
  return z.preprocess(
    (value) => (unset(value) ? fallback : Number(value)),
    z.number({ error: 'must be a positive number' }).refine((n) => Number.isFinite(n) && n > 0, { error: 'must be a positive number' }),
  );
}

function wholeNumber(fallback: number) {
  return z.preprocess(
    (value) => (unset(value) ? fallback : Number(value)),
    z
      .number({ error: 'must be a whole number (0 or more)' })
      .int({ error: 'must be a whole number (0 or more)' })
      .min(0, { error: 'must be a whole number (0 or more)' }),
  );
}

const millisecondsMessage = `must be a whole number of milliseconds from 1 to ${LONGEST_TIMEOUT_MS}`;
const millisecondsValue = z
  .number({ error: millisecondsMessage })
  .int({ error: millisecondsMessage })
  .min(1, { error: millisecondsMessage })
  .max(LONGEST_TIMEOUT_MS, { error: millisecondsMessage });

function milliseconds(fallback: number) {
  return z.preprocess((value) => (unset(value) ? fallback : Number(value)), millisecondsValue);
}

function optionalMilliseconds() {
  return z.preprocess((value) => (unset(value) ? undefined : Number(value)), millisecondsValue.optional());
}

/** A value checked by `parse`, which gives the value to keep or a problem finishing "NAME …". */
function parsedText<T>(parse: (text: string) => { problem: string } | T) {
  return z.preprocess(
    (value) => (unset(value) ? undefined : value),
    z
      .string()
      .transform((text, context) => {
        const parsed = parse(text);
        if (typeof parsed === 'object' && parsed !== null && 'problem' in parsed) {
          context.addIssue({ code: 'custom', message: parsed.problem });
          return z.NEVER;
        }
        return parsed as T;
      })
      .optional(),
  );
}

function flag(isOn: (value: string) => boolean, fallback = false) {
  return z.preprocess((value) => (typeof value === 'string' && value !== '' ? isOn(value) : fallback), z.boolean());
}

const schema = z
  .object({
    PORT: z.preprocess(
      (value) => (unset(value) ? 4000 : Number(value)),
      z
        .number({ error: 'must be a whole number from 0 to 65535' })
        .int({ error: 'must be a whole number from 0 to 65535' })
        .min(0, { error: 'must be a whole number from 0 to 65535' })
        .max(65535, { error: 'must be a whole number from 0 to 65535' }),
    ),
    HOST: z.preprocess((value) => (unset(value) ? '0.0.0.0' : value), z.string()),
    DATABASE_URL: optionalText(),
    ADUAN_DATA_DIR: z.preprocess(
      (value) => (unset(value) ? '.aduan' : value),
      z.string().refine((dir) => !dir.includes('://'), {
        error: 'is a folder (for the keys, the photos and the embedded database); for a database in memory, set ADUAN_EMBEDDED_DATABASE=memory://',
      }),
    ),
    ADUAN_EMBEDDED_DATABASE: optionalText(),
    ADUAN_DEMO: flag((value) => value === '1' || value === 'true'),
    ADUAN_SMTP_URL: optionalText(),
    ADUAN_MAIL_FROM: z.preprocess((value) => (unset(value) ? 'Aduan <aduan@localhost>' : value), z.string()),
    ADUAN_PUBLIC_URL: optionalText(),
    ADUAN_ESCALATION_INTERVAL_MS: positiveNumber(5 * 60_000),
    ADUAN_AUTO_CLOSE_DAYS: positiveNumber(14),
    ADUAN_DELIVERY_BACKOFF_MS: positiveNumber(30_000),
    ADUAN_DELIVERY_MAX_BACKOFF_MS: positiveNumber(3_600_000),
    ADUAN_DELIVERY_GIVE_UP_HOURS: positiveNumber(72),
    ADUAN_DELIVERY_TIMEOUT_MS: positiveNumber(10_000),
    ADUAN_DELIVERY_POLL_MS: positiveNumber(5_000),
    ADUAN_OPEN311_POLL_MS: positiveNumber(5 * 60_000),
    ADUAN_DELIVERY_WORKER: flag((value) => !(value === '0' || value === 'false'), true),
    REDIS_URL: optionalText(),
    ADUAN_RATE_LIMITS: optionalText(),
    ADUAN_TRUST_PROXY: wholeNumber(0),
    ADUAN_SHUTDOWN_GRACE_MS: positiveNumber(DEFAULT_SHUTDOWN_GRACE_MS),
    ADUAN_KEEP_ALIVE_TIMEOUT_MS: milliseconds(DEFAULT_KEEP_ALIVE_TIMEOUT_MS),
    ADUAN_HEADERS_TIMEOUT_MS: optionalMilliseconds(),
    ADUAN_PROOF_OF_WORK: z.preprocess((value) => (value === 'off' ? 0 : value), wholeNumber(20_000)),
    ADUAN_CONTACT_KEYS: optionalText(),
    ADUAN_SECRET: optionalText(),
    ADUAN_CACHE_PUBLIC_READS: flag((value) => !(value === 'off' || value === '0' || value === 'false'), true),
    ADUAN_GRAPHIQL: flag((value) => !(value === 'off' || value === '0' || value === 'false'), true),
    ADUAN_PERSISTED_OPERATIONS: flag((value) => value === 'only'),
    ADUAN_PHOTO_STORAGE: parsedText((text) => {
      const parsed = parseS3Location(text);
      if ('location' in parsed) return parsed.location;
      return parsed.problem === S3_LOCATION_FORM ? { problem: `${S3_LOCATION_FORM} (unset keeps photos in ADUAN_DATA_DIR/photos)` } : parsed;
    }),
    ADUAN_S3_ENDPOINT: parsedText((text) => {
      const parsed = parseS3Endpoint(text);
      return 'endpoint' in parsed ? parsed.endpoint : parsed;
    }),
    AWS_REGION: optionalText(),
    AWS_ACCESS_KEY_ID: optionalText(),
    AWS_SECRET_ACCESS_KEY: optionalText(),
    AWS_SESSION_TOKEN: optionalText(),
    ADUAN_REPLY_ADDRESS: parsedText(parseReplyAddress),
    ADUAN_REPLY_MAILBOX: parsedText(parseMailboxUrl),
    ADUAN_REPLY_POLL_MS: milliseconds(60_000),
  })
  .superRefine((env, context) => {
    // A request's headers may arrive only after the connection sat idle, so their clock must outlast the idle one.
    const headers = env.ADUAN_HEADERS_TIMEOUT_MS;
    if (headers !== undefined && headers <= env.ADUAN_KEEP_ALIVE_TIMEOUT_MS) {
      context.addIssue({
        code: 'custom',
        path: ['ADUAN_HEADERS_TIMEOUT_MS'],
        message: `must be greater than ADUAN_KEEP_ALIVE_TIMEOUT_MS (${env.ADUAN_KEEP_ALIVE_TIMEOUT_MS})`,
      });
    }
    for (const problem of s3Problems(env)) context.addIssue({ code: 'custom', ...problem });
    // Either alone is a mistake: replies sent to an address nobody reads, or a mailbox no mail points to.
    if (env.ADUAN_REPLY_ADDRESS && !env.ADUAN_REPLY_MAILBOX) {
      context.addIssue({ code: 'custom', path: ['ADUAN_REPLY_MAILBOX'], message: 'must be set with ADUAN_REPLY_ADDRESS (the mailbox its replies arrive in)' });
    }
    if (env.ADUAN_REPLY_MAILBOX && !env.ADUAN_REPLY_ADDRESS) {
      context.addIssue({
        code: 'custom',
        path: ['ADUAN_REPLY_ADDRESS'],
        message: 'must be set with ADUAN_REPLY_MAILBOX (the address mail to that mailbox is sent to)',
      });
    }
  })
  .transform((env) => ({
    port: env.PORT,
    host: env.HOST,
    /** `postgres://…` for PostgreSQL; embedded PGlite without it. */
    databaseUrl: env.DATABASE_URL,
    /** This server's own folder: its contact keys, its photos and (by default) its embedded database. */
    dataDir: env.ADUAN_DATA_DIR,
    /** Where PGlite keeps its data: a folder, or `memory://` for a throw-away database; `<dataDir>/pglite` unless set. */
    embeddedDatabase: env.ADUAN_EMBEDDED_DATABASE,
    /** Load the Kupang demo into a PostgreSQL database (PGlite gets it when new). */
    demo: env.ADUAN_DEMO,
    /** `smtp://user:pass@host:587` (or smtps://); no mail is queued or sent without it. */
    smtpUrl: env.ADUAN_SMTP_URL,
    /** The From address of notification mail. */
    mailFrom: env.ADUAN_MAIL_FROM,
    /** Where residents open their tracking link (no trailing slash); the server's own address when unset. */
    publicUrl: env.ADUAN_PUBLIC_URL?.replace(/\/+$/, ''),
    /** How often `aduan serve` runs the deadline jobs (escalation, auto-close). */
    escalationIntervalMs: env.ADUAN_ESCALATION_INTERVAL_MS,
    /** RESOLVED/REJECTED reports are closed this many days after their last status change. */
    autoCloseDays: env.ADUAN_AUTO_CLOSE_DAYS,
    /** The delivery worker's first retry delay; it doubles per failure up to the cap. */
    deliveryBackoffMs: env.ADUAN_DELIVERY_BACKOFF_MS,
    deliveryMaxBackoffMs: env.ADUAN_DELIVERY_MAX_BACKOFF_MS,
    /** A delivery still failing this long after it was written is dead-lettered. */
    deliveryGiveUpHours: env.ADUAN_DELIVERY_GIVE_UP_HOURS,
    /** Per delivery attempt. */
    deliveryTimeoutMs: env.ADUAN_DELIVERY_TIMEOUT_MS,
    /** How often a worker looks for due deliveries written by other replicas. */
    deliveryPollMs: env.ADUAN_DELIVERY_POLL_MS,
    /** How often a report forwarded over Open311 is asked for its status. */
    open311PollMs: env.ADUAN_OPEN311_POLL_MS,
    /** `aduan serve` runs the delivery worker unless this is false (ADUAN_DELIVERY_WORKER=0). */
    deliveryWorker: env.ADUAN_DELIVERY_WORKER,
    /** `redis://host:6379`: replicas share rate-limit counters and live-status notices through it. */
    redisUrl: env.REDIS_URL,
    /** ADUAN_RATE_LIMITS over the defaults (src/abuse/rate-limits.ts); `off` turns them off. */
    rateLimits: env.ADUAN_RATE_LIMITS,
    /** How many reverse proxies of the operator's own are in front (ADUAN_TRUST_PROXY), for X-Forwarded-For. */
    trustedProxyHops: env.ADUAN_TRUST_PROXY,
    /** On SIGTERM, how long to wait for requests already taken before closing them. */
    shutdownGraceMs: env.ADUAN_SHUTDOWN_GRACE_MS,
    /** How long an idle kept-alive connection stays open (Node's keepAliveTimeout). */
    keepAliveTimeoutMs: env.ADUAN_KEEP_ALIVE_TIMEOUT_MS,
    /** How long a request's headers may take to arrive (Node's headersTimeout); always above the keep-alive. */
    headersTimeoutMs: env.ADUAN_HEADERS_TIMEOUT_MS ?? env.ADUAN_KEEP_ALIVE_TIMEOUT_MS + HEADERS_TIMEOUT_MARGIN_MS,
    /** The proof of work's most hashes per report (ADUAN_PROOF_OF_WORK); 0 turns it off. */
    proofOfWorkMaxCounter: env.ADUAN_PROOF_OF_WORK,
    /** `id:base64key,…` sealing reporter contact (the first seals; all open). */
    contactKeys: env.ADUAN_CONTACT_KEYS,
    /** 32+ bytes in base64: what the server derives its signing keys from (secrets/server-secret.ts); kept in the data dir unless set. */
    secret: env.ADUAN_SECRET,
    /** Answers to anonymous public reads are kept (server/public-read-cache.ts) unless ADUAN_CACHE_PUBLIC_READS=off. */
    cachePublicReads: env.ADUAN_CACHE_PUBLIC_READS,
    /** GraphiQL at GET /graphql for browsers (its files from this server); ADUAN_GRAPHIQL=off turns it off. */
    graphiql: env.ADUAN_GRAPHIQL,
    /** ADUAN_PERSISTED_OPERATIONS=only: without a staff sign-in, only Aduan's own clients' operations run. */
    persistedOperationsOnly: env.ADUAN_PERSISTED_OPERATIONS,
    /** The bucket photos are kept in (ADUAN_PHOTO_STORAGE=s3://bucket/prefix); `<dataDir>/photos` when undefined. */
    photoStorage: env.ADUAN_PHOTO_STORAGE,
    /** How a bucket is reached: the photo storage's, and `aduan photos copy --to`'s. */
    s3: {
      endpoint: env.ADUAN_S3_ENDPOINT,
      region: env.AWS_REGION,
      credentials:
        env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
          ? {
              accessKeyId: env.AWS_ACCESS_KEY_ID,
              secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
              ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
            }
          : undefined,
    } as S3Connection,
    /** Reply-to-update: the address agencies' replies go to and the IMAP mailbox they are read from; null when off. */
    replies:
      env.ADUAN_REPLY_ADDRESS && env.ADUAN_REPLY_MAILBOX
        ? { address: env.ADUAN_REPLY_ADDRESS, mailbox: env.ADUAN_REPLY_MAILBOX, pollMs: env.ADUAN_REPLY_POLL_MS }
        : null,
  }));

/**
 * What a bucket needs beside its name, checked only when photos go to one: AWS_* variables
 * set for other tools do not stop a server on disk.
 */
function s3Problems(env: {
  ADUAN_PHOTO_STORAGE?: unknown;
  ADUAN_S3_ENDPOINT?: string | undefined;
  AWS_REGION?: string | undefined;
  AWS_ACCESS_KEY_ID?: string | undefined;
  AWS_SECRET_ACCESS_KEY?: string | undefined;
  AWS_SESSION_TOKEN?: string | undefined;
}): { path: string[]; message: string }[] {
  if (!env.ADUAN_PHOTO_STORAGE) return [];
  if (!env.ADUAN_S3_ENDPOINT && !env.AWS_REGION) {
    return [
      { path: ['AWS_REGION'], message: "must name the bucket's region (e.g. ap-southeast-3) for photos on AWS; for another S3 server, set ADUAN_S3_ENDPOINT" },
    ];
  }
  if (env.AWS_REGION && !/^[A-Za-z0-9_-]+$/.test(env.AWS_REGION)) return [{ path: ['AWS_REGION'], message: 'must be a region name such as ap-southeast-3' }];
  const pair = 'or neither, for credentials from the machine’s own role';
  if (env.AWS_ACCESS_KEY_ID && !env.AWS_SECRET_ACCESS_KEY) return [{ path: ['AWS_SECRET_ACCESS_KEY'], message: `must be set with AWS_ACCESS_KEY_ID, ${pair}` }];
  if (!env.AWS_ACCESS_KEY_ID && (env.AWS_SECRET_ACCESS_KEY || env.AWS_SESSION_TOKEN)) {
    return [{ path: ['AWS_ACCESS_KEY_ID'], message: `must be set with ${env.AWS_SECRET_ACCESS_KEY ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_SESSION_TOKEN'}, ${pair}` }];
  }
  return [];
}

export type Environment = z.output<typeof schema>;

/** A setting that cannot be right; the message names the variable and what it holds. */
export class EnvironmentError extends AduanError {
  constructor(message: string) {
    super(message, 'ENVIRONMENT_INVALID');
  }
}

/** The settings in `env` (process.env by default), every one defaulted; EnvironmentError when one is wrong. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0]);
  throw new EnvironmentError(`${name} ${issue.message}${NEVER_SHOWN.has(name) ? '' : shownValue(env[name])}.`);
}

/** Variables whose value is never repeated: a malformed URL's password may not sit where shownValue looks for it. */
const NEVER_SHOWN = new Set(['ADUAN_REPLY_MAILBOX']);

/** `, not "value"` for an error message: nothing for an unset variable, and no credentials from a URL. */
function shownValue(value: string | undefined): string {
  if (unset(value)) return '';
  return `, not "${value!.replace(/\/\/[^/@]*@/, '//***@')}"`;
}

/** The defaults with `settings` over them: for code and tests that start a server with settings of their own. */
export function environment(settings: Partial<Environment> = {}): Environment {
  return { ...readEnvironment({}), ...settings };
}

/** Where PGlite keeps this server's database. */
export function embeddedDatabaseOf(env: Pick<Environment, 'dataDir' | 'embeddedDatabase'>): string {
  return env.embeddedDatabase ?? join(env.dataDir, 'pglite');
}

/** The delivery worker's settings. */
export function deliverySettingsOf(env: Environment): { backoff: { baseMs: number; capMs: number }; giveUpMs: number; timeoutMs: number } {
  return {
    backoff: { baseMs: env.deliveryBackoffMs, capMs: Math.max(env.deliveryBackoffMs, env.deliveryMaxBackoffMs) },
    giveUpMs: env.deliveryGiveUpHours * 3_600_000,
    timeoutMs: env.deliveryTimeoutMs,
  };
}
