// What Open311 clients read in error descriptions and notices, in Indonesian and
// English. The spec says a description "is meant to be seen by the user", so it
// follows the request's Accept-Language; each error starts with the field at fault.
import type { Locale } from '../intake/messages.js';

const catalogue = {
  API_KEY_MISSING: {
    ID: 'api_key: wajib diisi dengan kunci Open311 yang diberikan pengelola Aduan kota ini untuk integrasi Anda.',
    EN: "api_key: required; use the Open311 key this city's Aduan administrators gave your integration.",
  },
  API_KEY_UNKNOWN: {
    ID: 'api_key: bukan kunci Open311 yang berlaku.',
    EN: 'api_key: not a valid Open311 key.',
  },
  API_KEY_READ_ONLY: {
    ID: 'api_key: kunci situs bersifat publik dan hanya untuk membaca; untuk mengirim laporan, minta kunci Open311 kepada pengelola Aduan kota ini.',
    EN: "api_key: a site's key is public and reads only; to file reports, ask this city's Aduan administrators for an Open311 key.",
  },
  JURISDICTION_REQUIRED: {
    ID: 'jurisdiction_id: wajib diisi karena server ini melayani beberapa wilayah ({codes}).',
    EN: 'jurisdiction_id: required, because this server serves several jurisdictions ({codes}).',
  },
  JURISDICTION_UNKNOWN: {
    ID: 'jurisdiction_id: "{id}" tidak dilayani di sini (dilayani: {codes}).',
    EN: 'jurisdiction_id: "{id}" is not served here (served: {codes}).',
  },
  JURISDICTION_SITE: {
    ID: 'jurisdiction_id: situs dengan api_key ini tidak melayani {name}.',
    EN: 'jurisdiction_id: the site of this api_key does not serve {name}.',
  },
  OUTSIDE_JURISDICTION: {
    ID: '{field}: berada di luar {name} (jurisdiction_id {code}).',
    EN: '{field}: lies outside {name} (jurisdiction_id {code}).',
  },
  SERVICE_CODE_MISSING: { ID: 'service_code: wajib diisi.', EN: 'service_code: required.' },
  SERVICE_UNKNOWN: {
    ID: 'service_code: layanan "{code}" tidak tersedia di sini.',
    EN: 'service_code: there is no service "{code}" here.',
  },
  // These two never repeat what was asked for: it may be a tracking code, and an answer holds none.
  REQUEST_UNKNOWN: {
    ID: 'service_request_id: tidak ada laporan dengan id ini (id adalah yang dijawab POST requests, bukan kode pelacakan).',
    EN: 'service_request_id: no request has this id (ids are what POST requests answers, not tracking codes).',
  },
  TOKEN_UNKNOWN: {
    ID: 'token: tidak ada laporan dengan token ini (token sebuah laporan adalah service_request_id-nya).',
    EN: "token: no request has this token (a request's token is its service_request_id).",
  },
  NOT_FOUND: {
    ID: 'Sumber daya {path} tidak ada. Daftarnya ada di /open311/v2/discovery.xml.',
    EN: 'There is no resource {path}. The list is at /open311/v2/discovery.xml.',
  },
  METHOD_NOT_ALLOWED: { ID: '{method} tidak didukung di sini; gunakan {allowed}.', EN: '{method} is not supported here; use {allowed}.' },
  BODY_TYPE: {
    ID: 'Kirim isian sebagai application/x-www-form-urlencoded (atau application/json).',
    EN: 'Send the fields as application/x-www-form-urlencoded (or application/json).',
  },
  BODY_JSON: { ID: 'Isi permintaan bukan objek JSON yang valid.', EN: 'The body is not a valid JSON object.' },
  BODY_TOO_LARGE: { ID: 'Isi permintaan terlalu besar: maksimal {max} KB.', EN: 'The body is too large: at most {max} KB.' },
  NOT_TEXT: { ID: '{field}: harus berupa teks.', EN: '{field}: must be text.' },
  NOT_A_NUMBER: { ID: '{field}: harus berupa angka derajat (WGS84).', EN: '{field}: must be a number of degrees (WGS84).' },
  LAT_LONG_PAIR: {
    ID: '{field}: wajib diisi, karena lat dan long dikirim bersama.',
    EN: '{field}: required, because lat and long go together.',
  },
  LOCATION_MISSING: {
    ID: 'lat/long: lokasi wajib diisi: kirim lat dan long, address_string, atau address_id (kode kelurahan).',
    EN: 'lat/long: a location is required: send lat and long, address_string, or address_id (a kelurahan code).',
  },
  LOCATION_CONFLICT: {
    ID: 'address_id: kirim lat dan long atau address_id, bukan keduanya.',
    EN: 'address_id: send either lat and long or address_id, not both.',
  },
  ADDRESS_UNMATCHED: {
    ID: 'address_string: tidak menyebut kelurahan atau kecamatan di {area}; sebutkan salah satunya, atau kirim lat dan long atau address_id.',
    EN: 'address_string: names no kelurahan or kecamatan of {area}; name one, or send lat and long or address_id.',
  },
  ADDRESS_AMBIGUOUS: {
    ID: 'address_string: menyebut lebih dari satu wilayah ({names}); kirim lat dan long atau address_id.',
    EN: 'address_string: names more than one area ({names}); send lat and long or address_id.',
  },
  MEDIA_URL: {
    ID: 'media_url: harus berupa URL http atau https, maksimal {max} karakter.',
    EN: 'media_url: must be an http or https URL of at most {max} characters.',
  },
  DATE_INVALID: {
    ID: '{field}: "{value}" bukan tanggal-waktu W3C dengan zona waktu, misalnya 2026-01-31T00:00:00+08:00.',
    EN: '{field}: "{value}" is not a W3C date-time with a time zone, such as 2026-01-31T00:00:00+08:00.',
  },
  DATE_ORDER: { ID: 'start_date: harus sebelum end_date.', EN: 'start_date: must be before end_date.' },
  DATE_SPAN: {
    ID: 'end_date: rentang start_date sampai end_date maksimal {days} hari.',
    EN: 'end_date: start_date to end_date may span at most {days} days.',
  },
  STATUS_INVALID: { ID: 'status: "{value}" bukan open atau closed.', EN: 'status: "{value}" is neither open nor closed.' },
  TOO_MANY_IDS: {
    ID: 'service_request_id: maksimal {max} id sekaligus.',
    EN: 'service_request_id: at most {max} ids at once.',
  },
  DATABASE_UNAVAILABLE: { ID: 'Basis data tidak menjawab; coba lagi beberapa detik lagi.', EN: 'The database is not answering; try again in a few seconds.' },
  RATE_LIMITED: { ID: 'Terlalu banyak permintaan; coba lagi dalam {seconds} detik.', EN: 'Too many requests; try again in {seconds} seconds.' },
  STARTING: { ID: 'Aduan sedang dinyalakan; coba lagi beberapa detik lagi.', EN: 'Aduan is starting; try again in a few seconds.' },
  INTERNAL: {
    ID: 'Terjadi kesalahan di server; coba lagi nanti.',
    EN: 'Something went wrong on the server; try again later.',
  },
  SERVICE_NOTICE: {
    ID: 'Ditangani oleh {agency}; tanggapan diharapkan paling lambat {due}.',
    EN: 'Handled by {agency}; a response is expected by {due}.',
  },
  TRACKING_NOTICE: {
    ID: 'Kode pelacakan {code}, hanya untuk pelapor (jangan dibagikan): ikuti laporan di {url}',
    EN: 'Tracking code {code}, for the reporter only (do not share it): follow the report at {url}',
  },
  CONTACT: {
    ID: 'Hubungi pengelola Aduan kota ini. Warga dapat mengikuti laporan dengan kode pelacakannya di {origin}/?code=KODE.',
    EN: "Contact this city's Aduan administrators. Residents can follow a report by its tracking code at {origin}/?code=CODE.",
  },
  KEY_SERVICE: {
    ID: 'Membaca tidak memerlukan api_key (kunci situs, data-site pada kode sematan, juga diterima); mengirim laporan (POST requests) memerlukan kunci Open311 dari pengelola Aduan kota ini.',
    EN: "Reading needs no api_key (a site's key, the data-site of its embed code, is accepted too); filing a request (POST requests) needs an Open311 key from this city's Aduan administrators.",
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type Open311MessageKey = keyof typeof catalogue;

/** Values from the request are quoted back clipped, so an error never repeats a huge input. */
const MAX_QUOTED = 120;

export function say(key: Open311MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return fill(key, locale, params, MAX_QUOTED);
}

/** For notices made of Aduan's own values (agency names, URLs), which must arrive whole. */
export function sayWhole(key: Open311MessageKey, locale: Locale, params: Record<string, string | number>): string {
  return fill(key, locale, params, Infinity);
}

function fill(key: Open311MessageKey, locale: Locale, params: Record<string, string | number>, max: number): string {
  return catalogue[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(params[name] ?? '');
    return value.length > max ? `${value.slice(0, max)}…` : value;
  });
}

/**
 * The language of a request from its Accept-Language header: the most preferred of
 * Indonesian and English, Indonesian when it names neither (as GraphQL defaults).
 */
export function localeOf(acceptLanguage: string | null | undefined): Locale {
  let best: { locale: Locale; q: number } | null = null;
  for (const part of (acceptLanguage ?? '').split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const primary = tag.split('-')[0];
    const locale: Locale | null = primary === 'id' || primary === 'in' ? 'ID' : primary === 'en' ? 'EN' : null;
    if (!locale) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? 'ID';
}
