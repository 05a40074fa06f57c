// Staff-side and workflow refusals use the same `InvalidInput` type as intake:
// a code, one sentence, the fields at fault, and nothing written.
import type { InvalidInput as InvalidInputShape } from '../intake/invalid-input.js';

export type StaffRefusalCode =
  | 'INVALID_CREDENTIALS'
  | 'CSRF_HEADER_REQUIRED'
  | 'UNKNOWN_REPORT'
  | 'INVALID_TRANSITION'
  | 'REASON_REQUIRED'
  | 'DUPLICATE_OF_REQUIRED'
  | 'UNKNOWN_DUPLICATE_OF'
  | 'UNKNOWN_AGENCY'
  | 'SAME_AGENCY'
  | 'NOTE_TOO_LONG'
  | 'NOTE_REQUIRED'
  | 'REOPEN_WINDOW_PASSED'
  | 'INVALID_FILTER'
  | 'UNKNOWN_ASSIGNEE'
  | 'ALREADY_ASSIGNED'
  | 'NOT_ASSIGNED'
  | 'WRONG_PASSWORD'
  | 'PASSWORD_TOO_SHORT'
  | 'PASSWORD_TOO_LONG'
  | 'PASSWORD_IS_EMAIL'
  | 'PASSWORD_UNCHANGED'
  | 'UNKNOWN_DELIVERY'
  | 'ALREADY_PENDING';

export function refusal(code: StaffRefusalCode, message: string, field: string): InvalidInputShape {
  return { code: code as InvalidInputShape['code'], message, fields: [{ field, message }] };
}
