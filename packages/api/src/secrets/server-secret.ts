// The server's own secret, from which every key it signs or seals its own tokens with is
// derived (HKDF-SHA256, one key per purpose): nearby-report handles, supporter hashes.
// It comes from the environment (ADUAN_SECRET, 32 bytes in base64), never from the
// database; without the setting, a secret kept in the data directory (made on first
// start, mode 0600) serves one embedded server, and a PostgreSQL deployment is warned
// that every replica needs the same ADUAN_SECRET.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AduanError } from '../errors.js';

export class ServerSecretError extends AduanError {
  constructor(message: string) {
    super(message, 'SERVER_SECRET_INVALID');
  }
}

export class ServerSecret {
  private readonly keys = new Map<string, Buffer>();

  constructor(private readonly master: Buffer) {
    if (master.length < 32) throw new ServerSecretError('The server secret must be at least 32 bytes.');
  }

  /** A random secret, for tests and throw-away servers. */
  static random(): ServerSecret {
    return new ServerSecret(randomBytes(32));
  }

  /** The key for one purpose; the same purpose always gives the same key. */
  key(purpose: string): Buffer {
    let key = this.keys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.master, Buffer.alloc(0), `aduan:${purpose}`, 32));
      this.keys.set(purpose, key);
    }
    return key;
  }

  /** HMAC-SHA256 of `value` under the purpose's key, in base64url: a stable pseudonym that reveals nothing. */
  pseudonym(purpose: string, value: string): string {
    return createHmac('sha256', this.key(purpose)).update(value, 'utf8').digest('base64url');
  }
}

/** ADUAN_SECRET, or the data directory's secret (made when missing). */
export function serverSecretFor(
  env: { secret?: string | undefined; dataDir: string; databaseUrl?: string | undefined },
  warn: (line: string) => void,
): ServerSecret {
  if (env.secret) return new ServerSecret(parseSecret(env.secret, 'ADUAN_SECRET'));
  const file = join(env.dataDir, 'server-secret');
  if (!existsSync(file)) {
    mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
    warn(`aduan: no ADUAN_SECRET; made the server's secret in ${file} (keep it: photo links and open challenges depend on it).`);
  }
  if (env.databaseUrl) warn(`aduan: no ADUAN_SECRET; the server's secret is the one in ${file}. Give every replica the same ADUAN_SECRET.`);
  return new ServerSecret(parseSecret(readFileSync(file, 'utf8'), file));
}

function parseSecret(text: string, where: string): Buffer {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length < 32) throw new ServerSecretError(`${where} must be at least 32 bytes in base64 (make one with \`openssl rand -base64 32\`).`);
  return bytes;
}
