/**
 * A date in the report's own time zone, e.g. "28 November 2026 14.00 WITA": for the
 * status and the receipt, which bring it with their chunks.
 */
export function reportDate(lang: 'id' | 'en', iso: string, timeZone: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'id-ID';
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  // Intl names Indonesia's zones "GMT+8" in English; residents know them as WIB, WITA and WIT.
  const indonesian = INDONESIAN_ZONES[timeZone];
  try {
    const format = new Intl.DateTimeFormat(locale, { ...options, timeZone, ...(indonesian ? {} : { timeZoneName: 'short' }) });
    return indonesian ? `${format.format(new Date(iso))} ${indonesian}` : format.format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZoneName: 'short' }).format(new Date(iso));
  }
}

const INDONESIAN_ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};
