// Residents read Aduan in Bahasa Indonesia or English.
import { builder } from './builder.js';

export const LocaleEnum = builder.enumType('Locale', {
  description: 'The language a resident reads: Bahasa Indonesia or English.',
  values: { ID: { description: 'Bahasa Indonesia' }, EN: { description: 'English' } } as const,
});

export type Locale = 'ID' | 'EN';

/** Rows handed down from a query that was asked for in one language. */
export type Localized<T> = T & { requestedLocale?: Locale };

export function inLocale<T extends object>(row: T, locale: Locale): Localized<T> {
  return Object.assign(row, { requestedLocale: locale });
}

/** The language a parent row was fetched in, if a query set one. */
export function requestedLocale(row: object): Locale | undefined {
  return (row as Localized<object>).requestedLocale;
}

export function pick(locale: Locale | undefined, id: string, en: string): string {
  return locale === 'EN' ? en : id;
}

export const LocalizedText = builder.objectRef<{ id: string; en: string }>('LocalizedText').implement({
  description: 'A text in both languages.',
  fields: (t) => ({ id: t.exposeString('id'), en: t.exposeString('en') }),
});
