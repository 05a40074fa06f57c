// Tells whether a stored boundary equals a new one without reading megabytes of
// polygons back: PostgreSQL hashes `md5(boundary::text)` and we hash the text
// PostgreSQL's jsonb would print for the new geometry. jsonb prints objects with
// keys ordered by length then bytes, ", " and ": " separators, and numbers as
// plain decimals (never exponents). A mismatch only costs a closer look, so an
// unexpected formatting difference can never make a changed boundary look equal.
import { createHash } from 'node:crypto';
import type { BoundaryGeometry } from './boundaries.js';

/** md5 hex of the geometry as jsonb would print it; compare with `md5(boundary::text)`. */
export function boundaryHash(geometry: BoundaryGeometry): string {
  return createHash('md5').update(jsonbText(geometry)).digest('hex');
}

/** The text of `geometry` stored as jsonb and cast to text. Geometry has only "type" and "coordinates". */
export function jsonbText(geometry: BoundaryGeometry): string {
  return `{"type": ${JSON.stringify(geometry.type)}, "coordinates": ${arrayText(geometry.coordinates)}}`;
}

function arrayText(value: unknown): string {
  if (typeof value === 'number') return plainDecimal(value);
  return `[${(value as unknown[]).map(arrayText).join(', ')}]`;
}

/** A JavaScript number as PostgreSQL's numeric prints what JSON.stringify wrote for it. */
export function plainDecimal(value: number): string {
  const text = JSON.stringify(value);
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign = '', lead = '', fraction = '', power = '0'] = exponent;
  const digits = lead + fraction;
  const shift = Number(power);
  if (shift < 0) return `${sign}0.${'0'.repeat(-shift - 1)}${digits}`;
  return `${sign}${digits}${'0'.repeat(Math.max(0, shift - fraction.length))}`;
}
