// The address a reply about one report goes to: `aduan+<token>@kupangkota.go.id`
// (plus-addressing on the city's own mailbox, so no MX change is needed). The token
// names the report and proves the server made it: the report id and an HMAC of it under
// the server's secret, so it cannot be guessed, nor edited to name another report.
// Lowercase base32 because mail systems may lowercase the local part, and short enough
// for it (RFC 5321: at most 64 octets): 26 letters of id and 16 of HMAC.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerSecret } from '../secrets/server-secret.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_CHARS = 26; // 128 bits
const MAC_BYTES = 10; // 80 bits
const MAC_CHARS = 16;
export const TOKEN_LENGTH = ID_CHARS + MAC_CHARS;
/** RFC 5321's limit for a local part. */
export const MAX_LOCAL_PART = 64;
/** The longest local part ADUAN_REPLY_ADDRESS may have: `local+token` must still fit. */
export const MAX_BASE_LOCAL_PART = MAX_LOCAL_PART - 1 - TOKEN_LENGTH;

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string, byteCount: number): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  // Leftover bits must be zero, so each report has exactly one token.
  const leftover = value & ((1 << bits) - 1);
  return out.length === byteCount && leftover === 0 ? Buffer.from(out) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Makes and reads the reply addresses of one deployment (`ADUAN_REPLY_ADDRESS`, e.g. `aduan@kupangkota.go.id`). */
export class ReplyAddresses {
  private readonly local: string;
  private readonly domain: string;
  private readonly key: Buffer;

  constructor(address: string, secret: ServerSecret) {
    const at = address.lastIndexOf('@');
    this.local = address.slice(0, at).toLowerCase();
    this.domain = address.slice(at + 1).toLowerCase();
    this.key = secret.key('reply-address');
  }

  /** The address replies about the report go to. */
  forReport(reportId: string): string {
    if (!UUID.test(reportId)) throw new TypeError('A reply address is made for a report id.');
    const id = Buffer.from(reportId.replace(/-/g, ''), 'hex');
    return `${this.local}+${base32(id)}${base32(this.mac(id))}@${this.domain}`;
  }

  /** The report a recipient address names, or null when it is not one of ours or its token is not genuine. */
  reportOf(address: string): string | null {
    const match = /^([^@+]+)\+([a-z2-7]+)@(.+)$/.exec(address.trim().toLowerCase());
    if (!match || match[1] !== this.local || match[3] !== this.domain || match[2]!.length !== TOKEN_LENGTH) return null;
    const id = fromBase32(match[2]!.slice(0, ID_CHARS), 16);
    const mac = fromBase32(match[2]!.slice(ID_CHARS), MAC_BYTES);
    if (!id || !mac || !timingSafeEqual(mac, this.mac(id))) return null;
    const hex = id.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private mac(id: Buffer): Buffer {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, MAC_BYTES);
  }
}
