// What a resident reads when a report is refused, in their language. Keys are
// the stable codes clients branch on; the text is for people.

export type Locale = 'ID' | 'EN';

export const INVALID_INPUT_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_SITE',
  'ORIGIN_NOT_ALLOWED',
  'UNKNOWN_CATEGORY',
  'UNKNOWN_JURISDICTION',
  'OUTSIDE_SERVICE_AREA',
  'LOCATION_REQUIRED',
  'LOCATION_CONFLICT',
  'INVALID_PHOTO',
  'PROOF_OF_WORK_REQUIRED',
  'PROOF_OF_WORK_INVALID',
  'LOOKS_AUTOMATED',
  'IDEMPOTENCY_KEY_REUSED',
] as const;
export type InvalidInputCode = (typeof INVALID_INPUT_CODES)[number];

type MessageKey =
  | InvalidInputCode
  | 'REQUIRED'
  | 'TOO_SHORT'
  | 'TOO_LONG'
  | 'NOT_FINITE'
  | 'LAT_RANGE'
  | 'LNG_RANGE'
  | 'BAD_EMAIL'
  | 'BAD_PHONE'
  | 'BAD_JURISDICTION_CODE'
  | 'BAD_IDEMPOTENCY_KEY'
  | 'BAD_RESIDENT_KEY_HASH'
  | 'CONTROL_CHARACTERS'
  | 'PHOTO_TOO_MANY'
  | 'PHOTO_TOO_LARGE'
  | 'PHOTO_HEIC'
  | 'PHOTO_UNSUPPORTED'
  | 'PHOTO_UNREADABLE';

type Params = Record<string, string | number>;

const catalogue: Record<MessageKey, Record<Locale, string>> = {
  VALIDATION_FAILED: {
    ID: 'Beberapa isian belum benar. Periksa kolom yang ditandai.',
    EN: 'Some fields are not valid. Check the marked fields.',
  },
  UNKNOWN_SITE: {
    ID: 'Situs "{site}" tidak terdaftar di Aduan.',
    EN: 'The site "{site}" is not registered with Aduan.',
  },
  ORIGIN_NOT_ALLOWED: {
    ID: 'Halaman {origin} tidak diizinkan mengirim laporan untuk situs ini.',
    EN: 'The page {origin} is not allowed to send reports for this site.',
  },
  UNKNOWN_CATEGORY: {
    ID: 'Kategori "{category}" tidak tersedia di situs ini.',
    EN: 'The category "{category}" is not offered on this site.',
  },
  UNKNOWN_JURISDICTION: {
    ID: 'Wilayah dengan kode "{code}" tidak ditemukan di wilayah layanan ini.',
    EN: 'No area with code "{code}" is in this service area.',
  },
  OUTSIDE_SERVICE_AREA: {
    ID: 'Lokasi ini berada di luar wilayah layanan {area}.',
    EN: 'This location is outside the service area of {area}.',
  },
  LOCATION_REQUIRED: {
    ID: 'Tentukan lokasi: gunakan lokasi Anda atau pilih kelurahan.',
    EN: 'Give a location: use your location or pick a kelurahan.',
  },
  LOCATION_CONFLICT: {
    ID: 'Kirim lokasi atau kelurahan, bukan keduanya.',
    EN: 'Send either a location or a kelurahan, not both.',
  },
  INVALID_PHOTO: {
    ID: 'Foto ini tidak dapat diterima.',
    EN: 'This photo cannot be accepted.',
  },
  PROOF_OF_WORK_REQUIRED: {
    ID: 'Kirim laporan dari formulir: formulir membuktikan laporan tidak otomatis dengan sedikit kerja di peramban Anda.',
    EN: 'Send the report from the form: it shows the report is not automated with a moment of work in your browser.',
  },
  PROOF_OF_WORK_INVALID: {
    ID: 'Pemeriksaan anti-spam tidak lolos, sudah kedaluwarsa atau sudah dipakai; kirim laporan sekali lagi.',
    EN: 'The anti-spam check did not pass, has expired or was already used; send the report again.',
  },
  LOOKS_AUTOMATED: {
    ID: 'Laporan ini tampak dikirim secara otomatis dan tidak diterima.',
    EN: 'This report looks automated and was not accepted.',
  },
  REQUIRED: { ID: 'Wajib diisi.', EN: 'Required.' },
  TOO_SHORT: { ID: 'Terlalu pendek: minimal {min} karakter.', EN: 'Too short: at least {min} characters.' },
  TOO_LONG: { ID: 'Terlalu panjang: maksimal {max} karakter.', EN: 'Too long: at most {max} characters.' },
  NOT_FINITE: { ID: 'Harus berupa angka.', EN: 'Must be a number.' },
  LAT_RANGE: { ID: 'Lintang harus antara -90 dan 90.', EN: 'Latitude must be between -90 and 90.' },
  LNG_RANGE: { ID: 'Bujur harus antara -180 dan 180.', EN: 'Longitude must be between -180 and 180.' },
  BAD_EMAIL: { ID: 'Alamat e-mail tidak valid.', EN: 'Not a valid e-mail address.' },
  BAD_PHONE: {
    ID: 'Nomor telepon tidak valid (7–15 angka, boleh diawali +).',
    EN: 'Not a valid phone number (7–15 digits, optionally starting with +).',
  },
  BAD_JURISDICTION_CODE: {
    ID: 'Kode wilayah tidak valid (contoh: 53.71.04.1001).',
    EN: 'Not a valid area code (for example 53.71.04.1001).',
  },
  BAD_RESIDENT_KEY_HASH: {
    ID: 'Hash kunci pelapor harus SHA-256 dalam base64url (43 karakter).',
    EN: 'The resident key hash must be a SHA-256 in base64url (43 characters).',
  },
  IDEMPOTENCY_KEY_REUSED: {
    ID: 'Kunci idempotensi ini sudah dipakai untuk laporan lain. Buat kunci baru untuk laporan baru.',
    EN: 'This idempotency key was used for another report. Make a new key for a new report.',
  },
  BAD_IDEMPOTENCY_KEY: {
    ID: 'Kunci idempotensi harus 8–128 karakter: huruf, angka, - _ . :',
    EN: 'The idempotency key must be 8–128 characters: letters, digits, - _ . :',
  },
  CONTROL_CHARACTERS: {
    ID: 'Berisi karakter kontrol yang tidak diizinkan.',
    EN: 'Contains control characters that are not allowed.',
  },
  PHOTO_TOO_MANY: {
    ID: 'Paling banyak {max} foto per laporan.',
    EN: 'At most {max} photos per report.',
  },
  PHOTO_TOO_LARGE: {
    ID: 'Foto {number} terlalu besar: maksimal {maxMb} MB.',
    EN: 'Photo {number} is too large: at most {maxMb} MB.',
  },
  PHOTO_HEIC: {
    ID: "Foto HEIC tidak didukung: pilih JPEG ('Paling Kompatibel') di pengaturan kamera, atau kirim lewat formulir, yang akan mengonversinya.",
    EN: "HEIC photos are not supported: choose JPEG ('Most Compatible') in your camera settings, or send it through the form, which converts it.",
  },
  PHOTO_UNSUPPORTED: {
    ID: 'Foto {number} bukan gambar JPEG, PNG atau WebP.',
    EN: 'Photo {number} is not a JPEG, PNG or WebP image.',
  },
  PHOTO_UNREADABLE: {
    ID: 'Foto {number} rusak atau tidak dapat dibaca.',
    EN: 'Photo {number} is damaged or cannot be read.',
  },
};

export function message(key: MessageKey, locale: Locale, params: Params = {}): string {
  return catalogue[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

export type { MessageKey };
