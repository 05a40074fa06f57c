/**
 * Every visible string, in Bahasa Indonesia and English. `{name}` marks a value filled in
 * at run time. Hosts override any of them with the `strings` property or attribute.
 * A lazily loaded part brings its own strings and adds them here when it loads.
 */
import type { mapStrings } from '../report-form/map.strings.js';
import type { locationStrings } from '../report-form/location.strings.js';
import type { photosStrings } from '../report-form/photos.chunk.js';
import type { statisticsStrings } from '../statistics/statistics.strings.js';
import type { receiptStrings } from '../report-form/receipt.strings.js';
import type { statusStrings } from '../status/status.strings.js';
import type { whyNotLoadedStrings } from '../requests/why-not-loaded.js';

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
  jurisdiction: 'Kelurahan',
  jurisdictionNone: 'Pilih kelurahan',
  placeText: 'Patokan atau nama jalan',
  optional: '(opsional)',
  placeTextRequired: 'Tulis patokan atau nama jalan agar petugas dapat menemukannya.',
  clearLocation: 'Hapus lokasi',
  onMap: 'Pilih di peta',
  locationOffline: 'Lokasi belum dapat dipakai. Periksa koneksi Anda, lalu coba lagi, atau pilih kelurahan di bawah.',
  photos: 'Foto (opsional, paling banyak 3)',
  photosOffline: 'Foto belum dapat diproses. Periksa koneksi Anda, lalu pilih fotonya lagi.',
  partOffline: 'Bagian ini tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.',
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
  descriptionLong: 'Terlalu panjang: {n} dari {max} karakter. Persingkat sebelum mengirim.',
  locationRequired: 'Gunakan lokasi Anda atau pilih kelurahan.',
  errorSummary: 'Periksa kembali isian berikut:',
  genericError: 'Terjadi kesalahan. Coba lagi nanti.',
  queuedTitle: 'Laporan disimpan di perangkat ini',
  queued: 'Menunggu untuk dikirim: {n} laporan. Laporan dikirim otomatis saat koneksi kembali.',
  queuedBusy: 'Server Aduan sedang sibuk. Laporan Anda disimpan di perangkat ini dan dikirim otomatis sebentar lagi.',
  queuedServer: 'Terjadi gangguan di server Aduan. Laporan Anda disimpan di perangkat ini dan dikirim lagi otomatis.',
  successTitle: 'Laporan terkirim',
  trackingCode: 'Kode pelacakan',
  another: 'Buat laporan lain',
  mine: 'Laporan saya ({n})',
  delayedSent: 'Laporan tertunda sudah terkirim. Kode pelacakan: {code}',
  launcher: 'Laporkan masalah',
  close: 'Tutup',
};

/** Every string: the first script's and those its chunks add. */
export type FirstScriptStrings = typeof id;
export type Strings = typeof id &
  (typeof statusStrings)['id'] &
  (typeof receiptStrings)['id'] &
  (typeof mapStrings)['id'] &
  (typeof locationStrings)['id'] &
  (typeof photosStrings)['id'] &
  (typeof statisticsStrings)['id'] &
  (typeof whyNotLoadedStrings)['id'];
export type StringKey = keyof Strings;
export type Lang = 'id' | 'en';
/** A partial map of strings, for every language or per language (`{ en: {...} }`). */
export type StringOverrides = Partial<Strings> & { id?: Partial<Strings>; en?: Partial<Strings> };

/**
 * Filled in full once every chunk that uses a string has added its own. English comes
 * with its own chunk (strings.en.ts) when a page first speaks it; until then, and for any
 * string a host left out, Bahasa Indonesia.
 */
export const STRINGS = { id, en: {} } as Record<Lang, Strings>;

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
