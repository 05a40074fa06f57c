// The shape of a submission and its field-level checks, with messages in the
// resident's language. Cross-checks against the configuration (site, category,
// area) happen in route-submission.ts.
import { KEY_HASH } from '../residents/keys.js';
import { z } from 'zod';
import { message, type Locale, type MessageKey } from './messages.js';
import type { FieldError } from './invalid-input.js';

export const LIMITS = {
  siteKey: 100,
  categoryCode: 64,
  descriptionMin: 5,
  descriptionMax: 5_000,
  placeText: 500,
  name: 100,
  email: 254,
  jurisdictionCode: 32,
} as const;

export interface SubmissionInput {
  site: string;
  category: string;
  description: string;
  location?: { lat: number; lng: number } | null | undefined;
  jurisdictionCode?: string | null | undefined;
  placeText?: string | null | undefined;
  reporter?: { name?: string | null; email?: string | null; phone?: string | null } | null | undefined;
  locale?: Locale | null | undefined;
  idempotencyKey?: string | null | undefined;
  /** base64url SHA-256 of a key the client made and keeps: it lets the reporter act on the report (residents/keys.ts). */
  residentKeyHash?: string | null | undefined;
  /** The widget's solved proof-of-work challenge (base64 JSON), when the server asks for one. */
  proofOfWork?: string | null | undefined;
  /** The honeypot: a field no resident sees; anything in it refuses the report. */
  leaveBlank?: string | null | undefined;
}

// NUL and other control characters break storage or display; tabs and line breaks are fine.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const JURISDICTION_CODE = /^\d{1,3}(\.\d{1,3}){0,2}(\.\d{1,5})?$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-.:]{8,128}$/;
const PHONE_DIGITS = /^\+?\d{7,15}$/;

function submissionSchema(locale: Locale) {
  const say = (key: MessageKey, params?: Record<string, number>) => message(key, locale, params);
  const text = (max: number, min = 0) =>
    z
      .string()
      .refine((value) => !CONTROL_CHARACTERS.test(value), say('CONTROL_CHARACTERS'))
      .refine((value) => value.trim().length >= min, min <= 1 ? say('REQUIRED') : say('TOO_SHORT', { min }))
      .refine((value) => value.length <= max, say('TOO_LONG', { max }));
  const optionalText = (max: number) => text(max).nullish();
  const coordinate = (low: number, high: number, range: MessageKey) =>
    z
      .number()
      .refine((value) => Number.isFinite(value), say('NOT_FINITE'))
      .refine((value) => !Number.isFinite(value) || (value >= low && value <= high), say(range));

  return z.object({
    site: text(LIMITS.siteKey, 1),
    category: text(LIMITS.categoryCode, 1),
    description: text(LIMITS.descriptionMax, LIMITS.descriptionMin),
    location: z.object({ lat: coordinate(-90, 90, 'LAT_RANGE'), lng: coordinate(-180, 180, 'LNG_RANGE') }).nullish(),
    jurisdictionCode: text(LIMITS.jurisdictionCode, 1)
      .refine((value) => JURISDICTION_CODE.test(value.trim()), say('BAD_JURISDICTION_CODE'))
      .nullish(),
    placeText: optionalText(LIMITS.placeText),
    reporter: z
      .object({
        name: optionalText(LIMITS.name),
        email: optionalText(LIMITS.email).refine(
          (value) => value == null || value.trim() === '' || z.email().safeParse(value.trim()).success,
          say('BAD_EMAIL'),
        ),
        phone: optionalText(32).refine((value) => value == null || value.trim() === '' || PHONE_DIGITS.test(value.replace(/[\s\-().]/g, '')), say('BAD_PHONE')),
      })
      .nullish(),
    locale: z.enum(['ID', 'EN']).nullish(),
    idempotencyKey: z
      .string()
      .refine((value) => IDEMPOTENCY_KEY.test(value), say('BAD_IDEMPOTENCY_KEY'))
      .nullish(),
    residentKeyHash: z
      .string()
      .refine((value) => KEY_HASH.test(value), say('BAD_RESIDENT_KEY_HASH'))
      .nullish(),
  });
}

const schemas: Record<Locale, ReturnType<typeof submissionSchema>> = {
  ID: submissionSchema('ID'),
  EN: submissionSchema('EN'),
};

/** Field errors for everything wrong with the submission's shape (empty when it is fine). */
export function checkSubmission(input: SubmissionInput, locale: Locale): FieldError[] {
  const result = schemas[locale].safeParse(input);
  if (result.success) return [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.join('.');
    if (seen.has(field)) continue; // one message per field is enough for a person
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  return errors;
}

/** Empty optional text counts as absent. */
export function blankToNull(value: string | null | undefined): string | null {
  return value == null || value.trim() === '' ? null : value;
}
