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
}

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
  };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
}
