// Resident keys: what lets someone act as a report's reporter (reopen it, confirm it is
// resolved). A tracking code only reads a report's public status; acting needs a key
// of at least 128 random bits that only the reporter holds. The server keeps SHA-256
// hashes of keys, never keys — except the one in the reporter's e-mail links, which is
// sealed with the reporter's contact and erased with it (privacy/sealed-contact.ts).
//
// A report may hold several keys: the device's (the widget makes one and sends only its
// hash), one the server made and returned once (Open311 and API clients that sent no
// hash), and the e-mail's.
import { createHash } from 'node:crypto';
import { newSecret } from '../staff/secrets.js';
import type { PrismaClient, ResidentKeyKind } from '@aduan/prisma';

/** 32 random bytes in base64url: 43 characters, 256 bits (made like a session id). */
export const newResidentKey = newSecret;

/** The base64url SHA-256 of a key, as clients send it in `residentKeyHash`. */
export function hashResidentKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('base64url');
}

/** A base64url SHA-256: 43 characters, no padding. */
export const KEY_HASH = /^[A-Za-z0-9_-]{43}$/;

/** Longer than any key a client makes; a longer one is not looked up. */
const MAX_KEY_LENGTH = 512;

export interface ResidentKeyRow {
  keyHash: string;
  kind: ResidentKeyKind;
}

/** The keys a new report gets, and the ones only the server knows (to answer and to mail). */
export function keysForNewReport(input: { deviceKeyHash: string | null; hasEmail: boolean }): {
  rows: ResidentKeyRow[];
  /** Returned once with the submission when the client sent no hash. */
  issuedKey: string | null;
  /** Goes in the reporter's e-mail links. */
  linkKey: string | null;
} {
  const rows: ResidentKeyRow[] = [];
  let issuedKey: string | null = null;
  if (input.deviceKeyHash) {
    rows.push({ keyHash: input.deviceKeyHash, kind: 'DEVICE' });
  } else {
    issuedKey = newResidentKey();
    rows.push({ keyHash: hashResidentKey(issuedKey), kind: 'ISSUED' });
  }
  const linkKey = input.hasEmail ? newResidentKey() : null;
  if (linkKey) rows.push({ keyHash: hashResidentKey(linkKey), kind: 'MAIL' });
  return { rows, issuedKey, linkKey };
}

/** Whether `key` is one of the report's keys. */
export async function residentKeyMatches(prisma: Pick<PrismaClient, 'residentKey'>, reportId: string, key: string | null | undefined): Promise<boolean> {
  if (!key || key.length > MAX_KEY_LENGTH) return false;
  const found = await prisma.residentKey.findUnique({
    where: { reportId_keyHash: { reportId, keyHash: hashResidentKey(key) } },
    select: { id: true },
  });
  return found !== null;
}
