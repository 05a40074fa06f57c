// Refusals as GraphQL answers: the `InvalidInput` union member (a code, one sentence,
// the fields at fault; nothing written), the same type intake uses. The workflow's
// `Refused` errors become one here, in `refusedAsInvalidInput`; everything else the
// workflow throws (AccessDenied) is mapped where every error is (server/graphql.ts).
import type { InvalidInput as InvalidInputShape } from '../intake/invalid-input.js';
import { Refused, type RefusalCode } from '../workflow/errors.js';

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

export function refusal(code: StaffRefusalCode, message: string, field: string): InvalidInputShape {
  return { code: code as InvalidInputShape['code'], message, fields: [{ field, message }] };
}

/** What `work` gives, or the InvalidInput for a workflow refusal; other errors pass on. */
export async function refusedAsInvalidInput<T>(work: Promise<T>): Promise<T | InvalidInputShape> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Refused) return refusal(error.code, error.message, error.field);
    throw error;
  }
}
