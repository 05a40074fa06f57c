// The database as the environment describes it: PostgreSQL at DATABASE_URL, else PGlite
// (in ADUAN_DATA_DIR, or where ADUAN_EMBEDDED_DATABASE says), with reporter contact sealed
// by ADUAN_CONTACT_KEYS (or the data directory's key). Every command and the server open it this way, so all
// of them read and write contact alike.
import { embeddedDatabaseOf, type Environment } from '../environment.js';
import { contactCipherFor } from '../privacy/contact-cipher.js';
import { openDatabase, type Database } from './database.js';

/** `warn` hears about a deployment without ADUAN_CONTACT_KEYS (the server logs it; commands stay quiet). */
export function openConfiguredDatabase(env: Environment, warn: (line: string) => void = () => {}): Promise<Database> {
  return openDatabase({ databaseUrl: env.databaseUrl, embedded: embeddedDatabaseOf(env), contactCipher: contactCipherFor(env, warn) });
}
