// Everything Aduan reads from the environment, read in one place.

export interface Environment {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Load the Kupang demo into a PostgreSQL database (PGlite gets it when new). */
  demo: boolean;
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
  };
}
