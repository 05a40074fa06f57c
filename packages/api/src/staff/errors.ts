/** A refusal from a staff or token command: one sentence, safe to print. */
export class StaffError extends Error {
  override name = 'StaffError';
}
