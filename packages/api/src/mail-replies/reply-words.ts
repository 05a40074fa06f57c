// The words a reply understands, on its first line, and how the mails Aduan sends
// tell of them (at their top, in the agency's language). Pure: the reply's own text
// in, what it asks for out.
//   (anything)          a public note; a RECEIVED report is acknowledged
//   SELESAI / DONE      resolves the report; the rest is the public note
//   TOLAK: <alasan>     rejects it (REJECT: <reason>); the reason is the public note
//   INTERNAL: <text>    an internal note, never shown to the resident
import type { RejectionReason } from '../workflow/update-status.js';
import type { Locale } from '../notifications/messages.js';

export type ReplyRequest =
  | { kind: 'NOTE'; text: string }
  | { kind: 'RESOLVE'; text: string | null }
  | { kind: 'REJECT'; reason: Exclude<RejectionReason, 'DUPLICATE'>; text: string }
  | { kind: 'INTERNAL'; text: string }
  /** Nothing left once quotes and signatures are gone, or TOLAK/INTERNAL with nothing after it. */
  | { kind: 'EMPTY'; word: string | null };

const RESOLVE = /^(?:selesai|done)\s*[.!]?\s*(?::\s*(.*))?$/i;
const REJECT = /^(?:tolak|reject)\s*:\s*(.*)$/i;
const INTERNAL = /^internal\s*:\s*(.*)$/i;

/** The rejection reasons a reason's own words name; any other reason is "outside what the service handles". */
const REASON_WORDS: [RegExp, Exclude<RejectionReason, 'DUPLICATE'>][] = [
  [/bukan\s+(?:kewenangan|wewenang|tanggung\s*jawab|urusan)|not\s+our\s+(?:responsibility|job)|wrong\s+agency/i, 'NOT_OUR_RESPONSIBILITY'],
  [
    /(?:kurang|tidak|belum)\s+(?:cukup\s+)?(?:informasi|keterangan|jelas|lengkap)|informasi\s+(?:kurang|tidak\s+cukup|belum\s+lengkap)|not\s+enough\s+information|insufficient/i,
    'INSUFFICIENT_INFORMATION',
  ],
];

export function readReplyWords(reply: string): ReplyRequest {
  const lines = reply.replace(/\r\n?/g, '\n').trim().split('\n');
  const first = lines[0]!.trim();
  const rest = lines.slice(1).join('\n').trim();
  const joined = (head: string | undefined) => [head?.trim() ?? '', rest].filter(Boolean).join('\n').trim();

  const resolve = RESOLVE.exec(first);
  if (resolve) return { kind: 'RESOLVE', text: joined(resolve[1]) || null };
  const reject = REJECT.exec(first);
  if (reject) {
    const text = joined(reject[1]);
    if (!text) return { kind: 'EMPTY', word: 'TOLAK' };
    return { kind: 'REJECT', reason: REASON_WORDS.find(([words]) => words.test(text))?.[1] ?? 'OUT_OF_SCOPE', text };
  }
  const internal = INTERNAL.exec(first);
  if (internal) {
    const text = joined(internal[1]);
    return text ? { kind: 'INTERNAL', text } : { kind: 'EMPTY', word: 'INTERNAL' };
  }
  const text = lines.join('\n').trim();
  return text ? { kind: 'NOTE', text } : { kind: 'EMPTY', word: null };
}

const INSTRUCTIONS: Record<Locale, string> = {
  ID:
    'Balas e-mail ini untuk memperbarui laporan. Isi balasan Anda menjadi catatan publik yang dibaca pelapor, dan laporan yang baru masuk dianggap ditanggapi.\n' +
    'Baris pertama SELESAI: laporan diselesaikan (sisanya menjadi catatan). ' +
    'TOLAK: <alasan>: laporan ditolak dengan alasan itu. ' +
    'INTERNAL: <catatan>: catatan internal, tidak dibaca pelapor. ' +
    'Foto terlampir ditambahkan ke laporan, hanya untuk petugas.',
  EN:
    'Reply to this e-mail to update the report. Your reply becomes a public note the reporter reads, and a new report is acknowledged.\n' +
    'First line DONE (or SELESAI): the report is resolved (the rest is the note). ' +
    'REJECT: <reason> (or TOLAK:): the report is rejected with that reason. ' +
    'INTERNAL: <note>: an internal note the reporter never sees. ' +
    'Attached photos are added to the report, for staff only.',
};

/** What the top of a mail says about replying, in the reader's language. */
export function replyInstructions(locale: Locale): string {
  return INSTRUCTIONS[locale];
}
