// What the workflow refuses, as typed errors: the workflow knows nothing of GraphQL,
// Open311 or the command line, and each of them maps these in one place (GraphQL:
// schema/refusal.ts and server/graphql.ts). Nothing is written when one is thrown.
import { AduanError } from '../errors.js';
import type { Viewer } from '../staff/viewer.js';

export class WorkflowError extends AduanError {}

export type AccessDeniedCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'PASSWORD_CHANGE_REQUIRED';

/** Nobody signed in, a one-time password not changed yet, or someone else's report. */
export class AccessDenied extends WorkflowError {
  declare readonly code: AccessDeniedCode;

  constructor(code: AccessDeniedCode, message: string) {
    super(message, code);
  }

  /** Why `viewer` may not: a session still on its one-time password hears that, whatever it asked. */
  static for(viewer: Viewer | null): AccessDenied {
    if (viewer?.mustChangePassword) return new AccessDenied('PASSWORD_CHANGE_REQUIRED', 'Change your one-time password first (changePassword).');
    return viewer ? new AccessDenied('FORBIDDEN', 'You are not allowed to do this.') : new AccessDenied('UNAUTHENTICATED', 'Sign in first.');
  }
}

export type RefusalCode =
  | 'UNKNOWN_REPORT'
  | 'INVALID_TRANSITION'
  | 'REASON_REQUIRED'
  | 'DUPLICATE_OF_REQUIRED'
  | 'UNKNOWN_DUPLICATE_OF'
  | 'UNKNOWN_AGENCY'
  | 'SAME_AGENCY'
  | 'AGENCY_ELSEWHERE'
  | 'NOTE_TOO_LONG'
  | 'NOTE_REQUIRED'
  | 'REOPEN_WINDOW_PASSED'
  | 'INVALID_FILTER'
  | 'UNKNOWN_ASSIGNEE'
  | 'ALREADY_ASSIGNED'
  | 'NOT_ASSIGNED'
  | 'RESIDENT_KEY_INVALID';

/** A request the workflow turns down: a code, one sentence, and the input field at fault. */
export class Refused extends WorkflowError {
  declare readonly code: RefusalCode;

  constructor(
    code: RefusalCode,
    message: string,
    readonly field: string,
  ) {
    super(message, code);
  }
}

/** No report has this tracking code (or it cannot be one). */
export class UnknownReport extends Refused {
  constructor(message = 'There is no report with this tracking code.', field = 'trackingCode') {
    super('UNKNOWN_REPORT', message, field);
  }
}

/** The report's lifecycle does not allow this step now (core's state machine), or it changed meanwhile. */
export class InvalidTransition extends Refused {
  constructor(message: string, field = 'status') {
    super('INVALID_TRANSITION', message, field);
  }

  /** Someone else changed the report between reading it and this change. */
  static meanwhile(): InvalidTransition {
    return new InvalidTransition('The report changed meanwhile; load it again.', 'trackingCode');
  }
}
