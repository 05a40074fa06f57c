import { AduanError } from '../errors.js';
/** A refusal from a staff or token command: one sentence, safe to print. */
export class StaffError extends AduanError {
  constructor(message: string) {
    super(message, 'STAFF_REFUSED');
  }
}
