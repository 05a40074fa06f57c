// The typed refusal every bad submission gets: a code, a sentence, and the
// fields at fault. Nothing is written when one is returned.
import { message, type InvalidInputCode, type Locale, type MessageKey } from './messages.js';

export interface FieldError {
  /** Path of the input field, e.g. `description`, `location.lat`, `reporter.email`. */
  field: string;
  message: string;
}

export interface InvalidInput {
  code: InvalidInputCode;
  message: string;
  fields: FieldError[];
}

export function invalidInput(
  code: InvalidInputCode,
  locale: Locale,
  field: string,
  params: Record<string, string | number> = {},
  fieldMessage?: MessageKey,
): InvalidInput {
  const text = message(code, locale, params);
  return {
    code,
    message: text,
    fields: [{ field, message: fieldMessage ? message(fieldMessage, locale, params) : text }],
  };
}
