// A refusal as the API answers it: the `InvalidInput` shape (a code, one sentence, the
// field at fault; nothing written) for refusals outside intake — staff sign-in and
// passwords, deliveries, and the workflow's `Refused` errors (schema/refusal.ts).
import type { InvalidInput } from './intake/invalid-input.js';
import type { RefusalCode } from './workflow/errors.js';

export type StaffRefusalCode =
  | RefusalCode
  | 'INVALID_CREDENTIALS'
  | 'CSRF_HEADER_REQUIRED'
  | 'WRONG_PASSWORD'
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_IS_EMAIL'
  | 'PASSWORD_UNCHANGED'
  | 'UNKNOWN_DELIVERY'
  | 'ALREADY_PENDING';

export function refusal(code: StaffRefusalCode, message: string, field: string): InvalidInput {
  return { code: code as InvalidInput['code'], message, fields: [{ field, message }] };
}
