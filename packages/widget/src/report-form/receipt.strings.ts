/** The strings of the screens after sending (receipt.chunk.ts): they load with its chunk. */
import { STATUS_WORDS_EN, STATUS_WORDS_ID } from '@aduan/core';

export const receiptStrings = {
  id: {
    // The one glossary of status words (@aduan/core), shared with the console and e-mail.
    ...STATUS_WORDS_ID,
    copy: 'Salin kode',
    copied: 'Kode disalin.',
    share: 'Bagikan kode',
    shareWhatsApp: 'Kirim lewat WhatsApp',
    shareSms: 'Kirim lewat SMS',
    shareText: 'Kode laporan saya di Aduan: {code}. Cek statusnya di {url}',
    next: '{agency} akan menanggapi paling lambat {due}.',
    keepCode: 'Kode ini juga tersimpan di perangkat ini, di "Laporan saya".',
    follow: 'Ikuti laporan ini',
    another: 'Buat laporan lain',
    mineTitle: 'Laporan saya',
    mineNote: 'Laporan yang dikirim dari perangkat ini. Hanya perangkat ini yang menyimpannya.',
    mineStatus: 'Status terakhir: {status}',
    back: 'Kembali',
    statusOffline: 'Status laporan ini tidak dapat dimuat. Periksa koneksi Anda, lalu coba lagi.',
    view: 'Lihat status {code}',
  },
  en: {
    ...STATUS_WORDS_EN,
    copy: 'Copy code',
    copied: 'Code copied.',
    share: 'Share code',
    shareWhatsApp: 'Send by WhatsApp',
    shareSms: 'Send by SMS',
    shareText: 'My Aduan report code: {code}. Check its status at {url}',
    next: '{agency} should respond by {due}.',
    keepCode: 'This code is also kept on this device, under "My reports".',
    follow: 'Follow this report',
    another: 'Report something else',
    mineTitle: 'My reports',
    mineNote: 'Reports sent from this device. Only this device keeps this list.',
    mineStatus: 'Last known status: {status}',
    back: 'Back',
    statusOffline: 'The status of this report could not be loaded. Check your connection, then try again.',
    view: 'See the status of {code}',
  },
};
