// The typed refusal shared by every resident-facing mutation.
import type { InvalidInput as InvalidInputShape, FieldError as FieldErrorShape } from '../intake/invalid-input.js';
import { builder } from './builder.js';

export const FieldError = builder.objectRef<FieldErrorShape>('FieldError').implement({
  description: 'What is wrong with one input field.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Path of the field, e.g. `location.lat`.' }),
    message: t.exposeString('message', { description: "In the resident's language." }),
  }),
});

export const InvalidInput = builder.objectRef<InvalidInputShape>('InvalidInput').implement({
  description: 'The input was refused and nothing was written.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'fields' in value && 'code' in value,
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'VALIDATION_FAILED, UNKNOWN_SITE, ORIGIN_NOT_ALLOWED, UNKNOWN_CATEGORY, UNKNOWN_JURISDICTION, OUTSIDE_SERVICE_AREA, LOCATION_REQUIRED, LOCATION_CONFLICT or INVALID_PHOTO (field `photos.N`, counted from 0).',
    }),
    message: t.exposeString('message'),
    fields: t.field({ type: [FieldError], resolve: (invalid) => invalid.fields }),
  }),
});
