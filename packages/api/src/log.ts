// What the server writes to its logs passes through here first: e-mail addresses,
// phone numbers and sealed contact values are masked, so a failing query or mail
// that carries a reporter's contact in its message never puts it in a log file.
import { AduanError } from './errors.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// 7–15 digits, optionally with +, spaces or hyphens between them (Indonesian numbers: +62 812-3456-7890).
const PHONE = /(?<![\w.])\+?\d(?:[\s-]?\d){6,14}(?![\w.])/g;
const SEALED = /aduan:v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+/g;

export function redactPersonalData(text: string): string {
  return text.replace(SEALED, '[sealed]').replace(EMAIL, '[e-mail]').replace(PHONE, '[phone]');
}

/** A value as one log-safe string: an error's stack (or message), anything else as text. */
export function forLog(value: unknown): string {
  if (value instanceof Error) return redactPersonalData(value.stack ?? `${value.name}: ${value.message}`);
  if (typeof value === 'string') return redactPersonalData(value);
  try {
    return redactPersonalData(JSON.stringify(value) ?? String(value));
  } catch {
    return redactPersonalData(String(value));
  }
}

/** An error's message (not its stack), masked: for one-line reports of a failed background pass. */
export function failureMessage(error: unknown): string {
  return redactPersonalData(error instanceof Error ? error.message : String(error));
}

/** Logs a failure that must not stop anything, with personal data masked. */
export function logFailure(what: string, error: unknown): void {
  console.error(`aduan: ${what}: ${forLog(error)}`);
}

/**
 * Yoga's logger, masking like the rest; debug output is dropped. Yoga logs every error it
 * rewrites for the client; Aduan's own (a refusal, a denied access) are answers, not
 * faults, and are not logged.
 */
export const redactingLogger = {
  debug: () => {},
  info: (...args: unknown[]) => console.info(args.map(forLog).join(' ')),
  warn: (...args: unknown[]) => console.warn(args.map(forLog).join(' ')),
  error: (...args: unknown[]) => {
    if (args.length === 1 && isAduanError(args[0])) return;
    console.error(args.map(forLog).join(' '));
  },
};

function isAduanError(value: unknown): boolean {
  const original = value instanceof Error && 'originalError' in value ? (value as { originalError?: unknown }).originalError : value;
  return original instanceof AduanError;
}
