/** A refused report (InvalidInput), as the form shows it: each message next to the control it is about. */
import type { InvalidInput } from '@aduan/client';
import type { ErrorField, Errors } from '../report-form/report-form.component.js';

/** Maps a server field path (e.g. `reporter.email`, `photos.1`) to the control that shows it. */
function controlFor(path: string): ErrorField {
  const head = path.split('.')[0] ?? '';
  if (head === 'reporter') return (path.split('.')[1] as ErrorField | undefined) ?? 'form';
  if (head === 'jurisdictionCode') return 'jurisdiction';
  return (['category', 'description', 'location', 'placeText', 'photos'] as string[]).includes(head) ? (head as ErrorField) : 'form';
}

/** Where a refusal with no field goes, by its code. */
const CODE_FIELD: Record<string, ErrorField> = {
  UNKNOWN_CATEGORY: 'category',
  UNKNOWN_JURISDICTION: 'jurisdiction',
  OUTSIDE_SERVICE_AREA: 'location',
  LOCATION_REQUIRED: 'location',
  LOCATION_CONFLICT: 'location',
  INVALID_PHOTO: 'photos',
};

export function fieldErrors(result: InvalidInput): Errors {
  const errors: Errors = {};
  for (const f of result.fields) errors[controlFor(f.field)] ??= f.message;
  if (!result.fields.length) errors[CODE_FIELD[result.code] ?? 'form'] = result.message;
  return errors;
}
