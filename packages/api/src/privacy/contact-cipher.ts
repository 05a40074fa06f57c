// Reporter contact (name, e-mail, phone) is encrypted at rest: AES-256-GCM with a key
// from the environment, never from the database it protects. Values are stored as
// `aduan:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`, bound to their column, so a
// value copied into another column does not open. Several keys may be configured: the
// first seals, all open, so keys rotate without downtime (README, "Personal data").
import { AduanError } from '../errors.js';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ContactKey {
  /** A short name for the key, stored with every value it sealed. */
  id: string;
  key: Buffer;
}

const PREFIX = 'aduan:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class ContactCipher {
  private readonly byId: Map<string, Buffer>;

  constructor(readonly keys: readonly ContactKey[]) {
    if (keys.length === 0) throw new Error('ContactCipher needs at least one key.');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  /** Seals `value` for `column` with the current key; null stays null. */
  seal(value: string | null | undefined, column: string): string | null {
    if (value === null || value === undefined) return null;
    if (value.startsWith(PREFIX)) return value; // already sealed (a value read back and written again)
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(column, 'utf8'));
    const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return `${PREFIX}${id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Opens a sealed value; a value stored before encryption (no prefix) is returned as it is. */
  open(value: string | null | undefined, column: string): string | null {
    if (value === null || value === undefined) return null;
    if (!value.startsWith(PREFIX)) return value;
    const rest = value.slice(PREFIX.length);
    const at = rest.indexOf(':');
    const key = this.byId.get(rest.slice(0, at));
    if (at < 0 || !key) throw new ContactKeyError(`A contact was sealed with key "${rest.slice(0, at)}", which is not in ADUAN_CONTACT_KEYS.`);
    const raw = Buffer.from(rest.slice(at + 1), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(column, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Whether `value` is already sealed with the current key (rekeying skips it). */
  isCurrent(value: string | null): boolean {
    return value === null || value.startsWith(`${PREFIX}${this.currentKeyId}:`);
  }
}

export class ContactKeyError extends AduanError {
  constructor(message: string) {
    super(message, 'CONTACT_KEYS_INVALID');
  }
}

/** `id:base64key,id2:base64key` (32-byte keys, base64 or base64url); the first seals. */
export function parseContactKeys(text: string): ContactKey[] {
  const keys = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf(':');
      const id = part.slice(0, at);
      const key = Buffer.from(part.slice(at + 1), 'base64');
      if (at < 1 || !KEY_ID.test(id) || key.length !== 32) {
        throw new ContactKeyError(
          `ADUAN_CONTACT_KEYS: "${at > 0 ? `${id}:…` : `${part.slice(0, 8)}…`}" is not ID:KEY with a 32-byte key in base64 (make one with \`openssl rand -base64 32\`).`,
        );
      }
      return { id, key };
    });
  if (keys.length === 0) throw new ContactKeyError('ADUAN_CONTACT_KEYS is empty.');
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new ContactKeyError('ADUAN_CONTACT_KEYS names a key id twice.');
  return keys;
}

/**
 * The keys from ADUAN_CONTACT_KEYS; without it, a key kept in the data directory
 * (made on first start), which suits one embedded server. `warn` is told when a
 * PostgreSQL deployment relies on that file: every replica needs the same keys.
 */
export function contactCipherFor(
  env: { contactKeys?: string | undefined; dataDir: string; databaseUrl?: string | undefined },
  warn: (line: string) => void,
): ContactCipher {
  if (env.contactKeys) return new ContactCipher(parseContactKeys(env.contactKeys));
  const file = join(env.dataDir, 'contact-keys');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  if (env.databaseUrl)
    warn(`aduan: no ADUAN_CONTACT_KEYS; reporter contact is sealed with the key in ${file}. Give every replica the same keys through ADUAN_CONTACT_KEYS.`);
  return new ContactCipher(parseContactKeys(readFileSync(file, 'utf8')));
}
