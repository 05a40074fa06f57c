/**
 * Every visible string, in Bahasa Indonesia and English. `{name}` marks a value filled in
 * at run time. Hosts override any of them with the `strings` property or attribute.
 * A lazily loaded part brings its own strings and adds them here when it loads.
 */
import type { statusStrings } from '../status/status.strings.js';

const id = {
  title: 'Laporkan masalah',
  loading: 'Memuat formulir…',
  loadFailed: 'Formulir tidak dapat dimuat. Periksa koneksi Anda.',
  retry: 'Coba lagi',
  category: 'Kategori',
  categoryPlaceholder: 'Pilih kategori',
  description: 'Apa masalahnya?',
  count: '{n} dari {max} karakter',
  location: 'Lokasi',
  useLocation: 'Gunakan lokasi saya',
  locating: 'Mencari lokasi Anda…',
  locationFound: 'Lokasi ditemukan.',
  locationDenied: 'Izin lokasi ditolak. Pilih kelurahan dari daftar di bawah.',
  locationUnavailable: 'Lokasi Anda tidak tersedia. Pilih kelurahan dari daftar di bawah.',
  routedTo: 'Akan ditangani oleh {agency} ({area})',
  jurisdiction: 'Kelurahan',
  jurisdictionNone: 'Pilih kelurahan',
  placeText: 'Patokan atau nama jalan (opsional)',
  photos: 'Foto (opsional, paling banyak 3)',
  photoAlt: 'Foto {n}',
  removePhoto: 'Hapus foto {n}',
  tooManyPhotos: 'Paling banyak 3 foto.',
  photoUnreadable: 'Foto ini tidak dapat dibaca. Gunakan JPEG atau PNG.',
  contact: 'Kontak (opsional)',
  contactNote: 'Hanya instansi yang menangani laporan Anda yang dapat melihat ini. Kosongkan untuk melapor tanpa nama.',
  name: 'Nama',
  email: 'E-mail',
  phone: 'Nomor telepon',
  submit: 'Kirim laporan',
  sending: 'Mengirim…',
  uploading: 'Mengunggah foto',
  categoryRequired: 'Pilih kategori.',
  descriptionShort: 'Tulis paling sedikit {min} karakter.',
  descriptionLong: 'Paling banyak {max} karakter.',
  locationRequired: 'Gunakan lokasi Anda atau pilih kelurahan.',
  errorSummary: 'Periksa kembali isian berikut:',
  genericError: 'Terjadi kesalahan. Coba lagi nanti.',
  queuedTitle: 'Laporan disimpan di perangkat ini',
  queued: 'Menunggu untuk dikirim: {n} laporan. Laporan dikirim otomatis saat koneksi kembali.',
  successTitle: 'Laporan terkirim',
  trackingCode: 'Kode pelacakan',
  copy: 'Salin kode',
  copied: 'Kode disalin.',
  next: '{agency} akan menanggapi paling lambat {due}.',
  keepCode: 'Simpan kode ini untuk mengikuti perkembangan laporan Anda.',
  follow: 'Ikuti laporan ini',
  another: 'Buat laporan lain',
  back: 'Kembali',
  nearbyTitle: 'Sudah dilaporkan di dekat sini',
  nearbyItem: '{status} · {area} · < {m} m · {days} hari lalu · +{n} warga',
  followInstead: 'Ikuti laporan ini saja',
  sendAnyway: 'Tetap kirim laporan saya',
  RECEIVED: 'Diterima',
  ACKNOWLEDGED: 'Dibaca instansi',
  IN_PROGRESS: 'Sedang ditangani',
  RESOLVED: 'Selesai',
  REJECTED: 'Ditolak',
  CLOSED: 'Ditutup',
  launcher: 'Laporkan masalah',
  close: 'Tutup',
};

/** Every string: the first script's and those its chunks add. */
export type Strings = typeof id & (typeof statusStrings)['id'];
export type StringKey = keyof Strings;
export type Lang = 'id' | 'en';
/** A partial map of strings, for every language or per language (`{ en: {...} }`). */
export type StringOverrides = Partial<Strings> & { id?: Partial<Strings>; en?: Partial<Strings> };

const en: typeof id = {
  title: 'Report a problem',
  loading: 'Loading the form…',
  loadFailed: 'The form could not be loaded. Check your connection.',
  retry: 'Try again',
  category: 'Category',
  categoryPlaceholder: 'Choose a category',
  description: 'What is wrong?',
  count: '{n} of {max} characters',
  location: 'Location',
  useLocation: 'Use my location',
  locating: 'Finding your location…',
  locationFound: 'Location found.',
  locationDenied: 'Location permission was denied. Choose your kelurahan from the list below.',
  locationUnavailable: 'Your location is not available. Choose your kelurahan from the list below.',
  routedTo: 'Will be handled by {agency} ({area})',
  jurisdiction: 'Kelurahan (village)',
  jurisdictionNone: 'Choose a kelurahan',
  placeText: 'Landmark or street (optional)',
  photos: 'Photos (optional, up to 3)',
  photoAlt: 'Photo {n}',
  removePhoto: 'Remove photo {n}',
  tooManyPhotos: 'At most 3 photos.',
  photoUnreadable: 'This photo could not be read. Use JPEG or PNG.',
  contact: 'Contact (optional)',
  contactNote: 'Only the agency handling your report sees this. Leave it empty to report anonymously.',
  name: 'Name',
  email: 'Email',
  phone: 'Phone number',
  submit: 'Send report',
  sending: 'Sending…',
  uploading: 'Uploading photos',
  categoryRequired: 'Choose a category.',
  descriptionShort: 'Write at least {min} characters.',
  descriptionLong: 'At most {max} characters.',
  locationRequired: 'Use your location or choose a kelurahan.',
  errorSummary: 'Please check the following:',
  genericError: 'Something went wrong. Please try again later.',
  queuedTitle: 'Report saved on this device',
  queued: 'Waiting to send: {n} report(s). They are sent automatically when the connection returns.',
  successTitle: 'Report sent',
  trackingCode: 'Tracking code',
  copy: 'Copy code',
  copied: 'Code copied.',
  next: '{agency} should respond by {due}.',
  keepCode: 'Keep this code to follow your report.',
  follow: 'Follow this report',
  another: 'Report something else',
  back: 'Back',
  nearbyTitle: 'Already reported nearby',
  nearbyItem: '{status} · {area} · under {m} m away · {days} days ago · +{n} residents',
  followInstead: 'Follow this one instead',
  sendAnyway: 'Send mine anyway',
  RECEIVED: 'Received',
  ACKNOWLEDGED: 'Acknowledged',
  IN_PROGRESS: 'In progress',
  RESOLVED: 'Resolved',
  REJECTED: 'Rejected',
  CLOSED: 'Closed',
  launcher: 'Report a problem',
  close: 'Close',
};

/** Filled in full once every chunk that uses a string has added its own. */
export const STRINGS = { id, en } as Record<Lang, Strings>;

/** A chunk's own strings, in both languages. */
export function addStrings(table: Record<Lang, Partial<Strings>>): void {
  Object.assign(STRINGS.id, table.id);
  Object.assign(STRINGS.en, table.en);
}

/** `id`/`in` → id, `en` → en, anything else → undefined. */
export function toLang(value: string | null | undefined): Lang | undefined {
  const v = value?.slice(0, 2).toLowerCase();
  return v === 'en' ? 'en' : v === 'id' || v === 'in' ? 'id' : undefined;
}

export function fill(text: string, values?: Record<string, string | number>): string {
  return values ? text.replace(/\{(\w+)\}/g, (m, k: string) => String(values[k] ?? m)) : text;
}
