// Which steps of a report's timeline the public sees, wherever it is shown (GraphQL's
// PublicReport, Open311, the reporter's e-mail), and what of their notes.
// Internal notes, escalations and assignments are other kinds.
import { parseTrackingCode } from '@aduan/core';
import type { Locale } from '../intake/messages.js';

export const PUBLIC_EVENT_KINDS = ['SUBMITTED', 'STATUS_CHANGED', 'PUBLIC_NOTE', 'REROUTED'] as const;

const WITHHELD: Record<Locale, string> = { ID: '[kode pelacakan]', EN: '[tracking code]' };

/**
 * A code-shaped run of text: an optional 2–6 letter word (the prefix), then two groups
 * of five symbols, separated by at most one hyphen, space or dot each.
 */
const CODE_LIKE = /(?<![\p{L}\p{N}])(?:([A-Za-z]{2,6})([-\s.]?))?([0-9A-Za-z]{5})([-\s.]?)([0-9A-Za-z]{5})(?![\p{L}\p{N}])/gu;

/**
 * A public note with every tracking code in it withheld but the report's own (`own`).
 * Staff write notes for the resident who holds the code ("sama dengan laporan
 * KPG-7F3K2-Q9D4X"), but public notes are seen by anyone with the report's code, on
 * Open311 by everyone, and another report's code belongs to another resident. A code counts when its check symbol is right and it is
 * written with this deployment's prefix, or without one as `XXXXX-XXXXX`; requiring
 * one of the two keeps ordinary pairs of five-letter words ("depan pasar") intact.
 */
export function withholdTrackingCodes(note: string, prefix: string, locale: Locale, own: string | null = null): string {
  const withheld = WITHHELD[locale];
  return note.replace(CODE_LIKE, (match, word: string | undefined, gap: string | undefined, first: string, separator: string, second: string) => {
    const code = parseTrackingCode(match, prefix);
    if (code !== null && code === own) return match;
    if (code !== null) {
      const prefixed = match.replace(/[^0-9A-Za-z]/g, '').length > 10;
      return prefixed || separator === '-' ? withheld : match;
    }
    // A word before a bare code: "dari 7F3K2-Q9D4X", or another city's "ABC-7F3K2-Q9D4X", whose body alone opens ours.
    if (word !== undefined && separator === '-' && parseTrackingCode(`${first}${second}`, prefix) !== null) return `${word}${gap ?? ''}${withheld}`;
    return match;
  });
}

/** A report's own public note, with every other report's code withheld (the prefix is its own code's). */
export function withholdOtherCodes(note: string, ownCode: string, locale: Locale): string {
  return withholdTrackingCodes(note, ownCode.slice(0, ownCode.indexOf('-')), locale, ownCode);
}
