// What every channel's sender shares: the outcome of one attempt, and the one
// error type that means "this attempt failed, try again later".
import { AduanError } from '../../errors.js';
import type { DeliveryChannel, DeliveryErrorKind } from '@aduan/prisma';
import type { DeliveryPayload } from '../payload.js';
import { SECRET_VARIABLE } from '../channels.js';
import { TARGET_REFUSED } from '../targets.js';

export interface SendOutcome {
  /** HTTP status or SMTP reply code, when there was one. */
  statusCode: number | null;
  /** OPEN311: the endpoint's service_request_id, or its token until the id is known. */
  remoteId?: string | null;
  remoteToken?: string | null;
}

/** An attempt that did not get through; the message is what supervisors see. */
export class DeliveryFailure extends AduanError {
  constructor(
    message: string,
    /** What kind of failure, for staff in their language (the message stays the receiver's words). */
    readonly kind: DeliveryErrorKind,
    readonly statusCode: number | null = null,
  ) {
    super(message, 'DELIVERY_FAILED');
  }
}

export interface SendRequest {
  channel: DeliveryChannel & { agency: { email: string | null; name: string } };
  payload: DeliveryPayload;
  /** 1 for the first attempt. */
  attempt: number;
  now: Date;
  /** Where secrets are read from (process.env when serving). */
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** The value of the channel's secret variable, or a failure naming the variable. */
export function channelSecret(request: SendRequest): string {
  const name = request.channel.secretEnv;
  if (!name) throw new DeliveryFailure(`The channel "${request.channel.name}" names no secret variable (secretEnv).`, 'MISCONFIGURED');
  if (!SECRET_VARIABLE.test(name))
    throw new DeliveryFailure(`The channel "${request.channel.name}" names ${name} as its secret; only ADUAN_SECRET_… variables are sent.`, 'MISCONFIGURED');
  const value = request.env[name];
  if (!value) throw new DeliveryFailure(`The environment variable ${name} (the secret of channel "${request.channel.name}") is not set.`, 'MISCONFIGURED');
  return value;
}

/** A short, single-line description of a network error (fetch hides the cause). */
/** A timeout, an internal address the channel may not be sent to, or a receiver that could not be reached. */
export function networkErrorKind(error: unknown): DeliveryErrorKind {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'TIMEOUT';
  const codes = [(error as { code?: string }).code, (error as { cause?: { code?: string } }).cause?.code];
  return codes.includes(TARGET_REFUSED) ? 'MISCONFIGURED' : 'UNREACHABLE';
}

export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `No answer within ${timeoutMs} ms.`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}: ${cause.message ?? 'network error'}`;
  return error instanceof Error ? error.message : String(error);
}

/** At most `max` characters of a receiver's answer, on one line, for lastError. */
export function snippet(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
