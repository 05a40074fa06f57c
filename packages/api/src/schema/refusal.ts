// Refusals as GraphQL answers: the `InvalidInput` union member (src/refusal.ts), the
// same type intake uses. The workflow's `Refused` errors become one here, in `refusedAsInvalidInput`;
// everything else the workflow throws (AccessDenied) is mapped where every error is (server/graphql.ts).
import type { InvalidInput as InvalidInputShape } from '../intake/invalid-input.js';
import { refusal } from '../refusal.js';
import { Refused } from '../workflow/errors.js';

export { refusal, type StaffRefusalCode } from '../refusal.js';

/** What `work` gives, or the InvalidInput for a workflow refusal; other errors pass on. */
export async function refusedAsInvalidInput<T>(work: Promise<T>): Promise<T | InvalidInputShape> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Refused) return refusal(error.code, error.message, error.field);
    throw error;
  }
}
