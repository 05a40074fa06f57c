// The words of every notification, in Indonesian and English. Pure functions of
// plain data: each message is a list of blocks rendered to plain text and to a
// small HTML body in which everything (above all what residents wrote) is escaped.
import { STATUS_WORDS_EN, STATUS_WORDS_ID } from '@aduan/core';
import type { MailMessage } from './mailer.js';
import type { ResidentNotice } from './notices.js';

export type Locale = 'ID' | 'EN';

/** A paragraph, a labelled value, or a link. */
export type Block = { text: string } | { label: string; value: string } | { link: string; caption: string };

export interface Composed {
  subject: string;
  blocks: Block[];
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Header injection is nodemailer's job; this keeps subjects on one short line. */
function oneLine(value: string, max = 160): string {
  const line = value.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function render(composed: Composed, to: string[]): MailMessage {
  const text = composed.blocks.map((b) => ('text' in b ? b.text : 'label' in b ? `${b.label}: ${b.value}` : `${b.caption}: ${b.link}`)).join('\n\n');
  const body = composed.blocks
    .map((b) => {
      if ('text' in b) return `<p>${escapeHtml(b.text).replace(/\n/g, '<br>')}</p>`;
      if ('label' in b) return `<p><strong>${escapeHtml(b.label)}:</strong> ${escapeHtml(b.value).replace(/\n/g, '<br>')}</p>`;
      return `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.caption)}</a></p>`;
    })
    .join('\n');
  const html = `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.5">\n${body}\n</body></html>\n`;
  return { to, subject: oneLine(composed.subject), text: `${text}\n`, html };
}

export function formatTime(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// ---------------------------------------------------------------- residents

export const REJECTION_TEXT: Record<Locale, Record<string, string>> = {
  ID: {
    DUPLICATE: 'Masalah yang sama sudah dilaporkan sebelumnya.',
    NOT_OUR_RESPONSIBILITY: 'Masalah ini bukan kewenangan instansi tersebut.',
    INSUFFICIENT_INFORMATION: 'Informasi dalam laporan belum cukup untuk ditindaklanjuti.',
    OUT_OF_SCOPE: 'Masalah ini di luar cakupan layanan pengaduan.',
  },
  EN: {
    DUPLICATE: 'The same problem was already reported.',
    NOT_OUR_RESPONSIBILITY: 'This is not the responsibility of that agency.',
    INSUFFICIENT_INFORMATION: 'The report does not give enough information to act on.',
    OUT_OF_SCOPE: 'This is outside what the complaints service handles.',
  },
};

export interface ResidentFacts {
  notice: ResidentNotice;
  locale: Locale;
  trackingCode: string;
  agencyName: string;
  categoryName: string;
  trackingUrl: string;
  publicNote: string | null;
  /** For REJECTED. */
  reason?: string | null | undefined;
  reopenDays: number;
}

const RESIDENT = {
  ID: {
    subject: {
      RECEIVED: 'Laporan {code} telah diterima',
      ACKNOWLEDGED: 'Laporan {code} telah ditanggapi',
      IN_PROGRESS: 'Laporan {code} sedang dikerjakan',
      RESOLVED: 'Laporan {code} telah diselesaikan',
      REJECTED: 'Laporan {code} tidak dapat ditindaklanjuti',
      REOPENED: 'Laporan {code} dibuka kembali',
      CLOSED: 'Laporan {code} ditutup',
      NOTE: 'Kabar baru tentang laporan {code}',
    },
    lead: {
      RECEIVED: 'Terima kasih. Laporan Anda ({category}) telah diterima dan diteruskan ke {agency}.',
      ACKNOWLEDGED: '{agency} telah menanggapi laporan Anda dan akan menindaklanjutinya.',
      IN_PROGRESS: '{agency} sedang mengerjakan laporan Anda.',
      RESOLVED: '{agency} menyatakan laporan Anda telah diselesaikan.',
      REJECTED: '{agency} tidak dapat menindaklanjuti laporan Anda.',
      REOPENED: 'Laporan Anda dibuka kembali dan akan ditangani lagi oleh {agency}.',
      CLOSED: 'Laporan Anda telah ditutup.',
      NOTE: '{agency} menambahkan keterangan pada laporan Anda.',
    },
    code: 'Kode pelacakan',
    note: 'Catatan dari petugas',
    reason: 'Alasan',
    follow: 'Lihat perkembangan laporan',
    reopenHint: 'Jika masalahnya belum selesai, Anda dapat membuka kembali laporan ini dalam {days} hari melalui tautan di atas.',
    footer: 'Pesan ini dikirim otomatis oleh Aduan. Mohon tidak membalas e-mail ini.',
  },
  EN: {
    subject: {
      RECEIVED: 'Report {code} was received',
      ACKNOWLEDGED: 'Report {code} was acknowledged',
      IN_PROGRESS: 'Report {code} is being worked on',
      RESOLVED: 'Report {code} was resolved',
      REJECTED: 'Report {code} cannot be acted on',
      REOPENED: 'Report {code} was reopened',
      CLOSED: 'Report {code} was closed',
      NOTE: 'News about report {code}',
    },
    lead: {
      RECEIVED: 'Thank you. Your report ({category}) was received and sent to {agency}.',
      ACKNOWLEDGED: '{agency} has acknowledged your report and will act on it.',
      IN_PROGRESS: '{agency} is working on your report.',
      RESOLVED: '{agency} says your report has been resolved.',
      REJECTED: '{agency} cannot act on your report.',
      REOPENED: 'Your report was reopened and {agency} will work on it again.',
      CLOSED: 'Your report has been closed.',
      NOTE: '{agency} added a note to your report.',
    },
    code: 'Tracking code',
    note: 'Note from the agency',
    reason: 'Reason',
    follow: 'Follow your report',
    reopenHint: 'If the problem is not solved, you can reopen this report within {days} days using the link above.',
    footer: 'This message was sent automatically by Aduan. Please do not reply.',
  },
} as const;

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

export function residentMessage(facts: ResidentFacts): Composed {
  const t = RESIDENT[facts.locale];
  const values = { code: facts.trackingCode, agency: facts.agencyName, category: facts.categoryName, days: facts.reopenDays };
  const blocks: Block[] = [{ text: fill(t.lead[facts.notice], values) }, { label: t.code, value: facts.trackingCode }];
  // The status in the words the widget and the console use (one glossary, @aduan/core).
  const status = facts.notice === 'REOPENED' ? 'IN_PROGRESS' : facts.notice === 'NOTE' ? null : facts.notice;
  if (status) blocks.push({ label: 'Status', value: (facts.locale === 'EN' ? STATUS_WORDS_EN : STATUS_WORDS_ID)[status] });
  if (facts.notice === 'REJECTED' && facts.reason) {
    blocks.push({ label: t.reason, value: REJECTION_TEXT[facts.locale][facts.reason] ?? facts.reason });
  }
  if (facts.publicNote) blocks.push({ label: t.note, value: facts.publicNote });
  blocks.push({ link: facts.trackingUrl, caption: t.follow });
  if (facts.notice === 'RESOLVED' || facts.notice === 'REJECTED') blocks.push({ text: fill(t.reopenHint, values) });
  blocks.push({ text: t.footer });
  return { subject: fill(t.subject[facts.notice], values), blocks };
}

// ---------------------------------------------------------------- staff (Indonesian, then English)

export interface StaffReportFacts {
  trackingCode: string;
  categoryName: string;
  areaName: string;
  placeText: string | null;
  description: string;
  dueAt: Date;
  consoleUrl: string;
}

export function newReportMessage(facts: StaffReportFacts & { rerouted: boolean; agencyName: string }): Composed {
  const subject = facts.rerouted
    ? `[Aduan] Diteruskan ke instansi Anda / Rerouted to you: ${facts.trackingCode} (${facts.categoryName})`
    : `[Aduan] Laporan baru / New report: ${facts.trackingCode} (${facts.categoryName})`;
  const lead = facts.rerouted
    ? `Laporan ini diteruskan ke ${facts.agencyName}. / This report was rerouted to ${facts.agencyName}.`
    : `Laporan baru untuk ${facts.agencyName}. / A new report for ${facts.agencyName}.`;
  return { subject, blocks: [{ text: lead }, ...reportBlocks(facts)] };
}

export function escalationMessage(facts: StaffReportFacts & { agencyName: string; overdueByHours: number }): Composed {
  return {
    subject: `[Aduan] Eskalasi / Escalation: ${facts.trackingCode} lewat tenggat ${facts.overdueByHours} jam / ${facts.overdueByHours} h overdue`,
    blocks: [
      {
        text:
          `Laporan ${facts.trackingCode} untuk ${facts.agencyName} belum selesai dan sudah lewat tenggat ${facts.overdueByHours} jam.\n` +
          `Report ${facts.trackingCode} for ${facts.agencyName} is still open, ${facts.overdueByHours} hours past its deadline.`,
      },
      ...reportBlocks(facts),
    ],
  };
}

export function assignmentMessage(facts: StaffReportFacts & { agencyName: string; assignedBy: string }): Composed {
  return {
    subject: `[Aduan] Ditugaskan kepada Anda / Assigned to you: ${facts.trackingCode} (${facts.categoryName})`,
    blocks: [
      {
        text:
          `${facts.assignedBy} menugaskan laporan ${facts.trackingCode} (${facts.agencyName}) kepada Anda.\n` +
          `${facts.assignedBy} assigned report ${facts.trackingCode} (${facts.agencyName}) to you.`,
      },
      ...reportBlocks(facts),
    ],
  };
}

/** A short answer to a staff member whose reply by mail changed nothing, saying why. */
export function replyRefusedMessage(facts: StaffReportFacts & { reason: string }): Composed {
  return {
    subject: `[Aduan] Balasan tidak diterapkan / Reply not applied: ${facts.trackingCode}`,
    blocks: [
      {
        text:
          `Balasan Anda tentang laporan ${facts.trackingCode} tidak mengubah laporan. / Your reply about report ${facts.trackingCode} did not change it.\n` +
          facts.reason,
      },
      { link: facts.consoleUrl, caption: 'Buka di konsol / Open in the console' },
    ],
  };
}

function reportBlocks(facts: StaffReportFacts): Block[] {
  return [
    { label: 'Kode / Code', value: facts.trackingCode },
    { label: 'Kategori / Category', value: facts.categoryName },
    { label: 'Wilayah / Area', value: facts.areaName },
    ...(facts.placeText ? [{ label: 'Tempat / Place', value: facts.placeText }] : []),
    { label: 'Tenggat / Due', value: formatTime(facts.dueAt) },
    { label: 'Uraian / Description', value: facts.description },
    { link: facts.consoleUrl, caption: 'Buka di konsol / Open in the console' },
  ];
}
