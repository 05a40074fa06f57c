// The digest's e-mail, composed when the outbox row is sent from the digest as it was
// cut (which reports, under which heading, how old at the time), the reports' code,
// category and area as they are now, and the recipient's address as it is now: a
// disabled supervisor gets nothing, an agency that lost its address neither. In
// Indonesian, then English, as all staff mail. Each report carries its console link
// and, when replies are read, its own reply address: a reply there updates that report.
import type { PrismaClient } from '@aduan/prisma';
import type { ReplyAddresses } from '../mail-replies/reply-address.js';
import { replyInstructions } from '../mail-replies/reply-words.js';
import { consoleUrl, type ComposedMail } from '../notifications/compose.js';
import { render, type Block } from '../notifications/messages.js';
import type { DigestItem, DigestKind } from './cut-digests.js';

/** More in one heading is for the console's lists, not a mail. */
export const MAX_LISTED_PER_KIND = 50;

const HEADINGS: Record<DigestKind, string> = {
  NEW: 'Laporan baru sejak ringkasan terakhir / New since the last digest',
  DUE_TODAY: 'Jatuh tempo hari ini / Due today',
  OVERDUE: 'Lewat tenggat / Overdue',
  ESCALATED: 'Dieskalasi / Escalated',
};
const ORDER: readonly DigestKind[] = ['NEW', 'DUE_TODAY', 'OVERDUE', 'ESCALATED'];

export async function composeDigestMail(
  prisma: PrismaClient,
  row: { digestId: string | null; staffAccount: { email: string; disabledAt: Date | null } | null },
  publicUrl: string,
  replies: ReplyAddresses | null,
  messageId: string,
): Promise<ComposedMail> {
  if (!row.digestId) throw new Error('A digest mail names no digest.');
  const digest = await prisma.agencyDigest.findUniqueOrThrow({ where: { id: row.digestId }, include: { agency: { select: { name: true, email: true } } } });
  let to: string;
  if (row.staffAccount) {
    if (row.staffAccount.disabledAt) return { nobody: 'The staff account was disabled.' };
    to = row.staffAccount.email;
  } else {
    if (!digest.agency.email) return { nobody: 'The agency has no address any more.' };
    to = digest.agency.email;
  }
  const items = digest.items as unknown as DigestItem[];
  const reports = new Map(
    (
      await prisma.report.findMany({
        where: { id: { in: items.map((item) => item.reportId) } },
        select: {
          id: true,
          trackingCode: true,
          submittedAt: true,
          dueAt: true,
          category: { select: { nameId: true, nameEn: true } },
          jurisdiction: { select: { name: true } },
        },
      })
    ).map((report) => [report.id, report]),
  );

  const counts = ORDER.map((kind) => items.filter((item) => item.kind === kind).length);
  const blocks: Block[] = [
    {
      text:
        `Ringkasan harian ${digest.agency.name}, ${digest.localDate}: ${counts[0]} baru, ${counts[1]} jatuh tempo hari ini, ${counts[2]} lewat tenggat, ${counts[3]} dieskalasi.\n` +
        `Daily digest of ${digest.agency.name}, ${digest.localDate}: ${counts[0]} new, ${counts[1]} due today, ${counts[2]} overdue, ${counts[3]} escalated.`,
    },
  ];
  if (replies) {
    blocks.push(
      {
        text:
          'Setiap laporan di bawah punya alamat balasannya sendiri (Balas ke): kirim e-mail ke alamat itu untuk memperbarui laporan tersebut.\n' +
          'Each report below has its own reply address (Reply to): write to it to update that report.',
      },
      { text: replyInstructions('ID') },
      { text: replyInstructions('EN') },
    );
  }
  for (const kind of ORDER) {
    const listed = items.filter((item) => item.kind === kind);
    if (listed.length === 0) continue;
    blocks.push({ text: `== ${HEADINGS[kind]} (${listed.length}) ==` });
    for (const item of listed.slice(0, MAX_LISTED_PER_KIND)) {
      const report = reports.get(item.reportId);
      if (!report) continue;
      blocks.push(
        {
          label: report.trackingCode,
          value:
            `${report.category.nameId} / ${report.category.nameEn} · ${report.jurisdiction.name} · ` +
            `umur ${ageId(digest.cutAt.getTime() - report.submittedAt.getTime())} / age ${ageEn(digest.cutAt.getTime() - report.submittedAt.getTime())}`,
        },
        { link: consoleUrl(publicUrl, report.trackingCode), caption: `Buka ${report.trackingCode} di konsol / Open ${report.trackingCode} in the console` },
      );
      if (replies) blocks.push({ label: 'Balas ke / Reply to', value: replies.forReport(report.id) });
    }
    if (listed.length > MAX_LISTED_PER_KIND) {
      const more = listed.length - MAX_LISTED_PER_KIND;
      blocks.push({ link: `${publicUrl}/console/`, caption: `${more} laporan lainnya di konsol / ${more} more in the console` });
    }
  }
  const subject = `[Aduan] Ringkasan harian / Daily digest ${digest.localDate}: ${digest.agency.name} (${items.length} laporan / reports)`;
  return { message: { ...render({ subject, blocks }, [to]), messageId } };
}

const HOUR_MS = 3_600_000;

/** "3 hari 4 jam", "5 jam", "20 menit". */
export function ageId(ms: number): string {
  const [days, hours, minutes] = parts(ms);
  if (days > 0) return hours > 0 ? `${days} hari ${hours} jam` : `${days} hari`;
  return hours > 0 ? `${hours} jam` : `${minutes} menit`;
}

/** "3 d 4 h", "5 h", "20 min". */
export function ageEn(ms: number): string {
  const [days, hours, minutes] = parts(ms);
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return hours > 0 ? `${hours} h` : `${minutes} min`;
}

function parts(ms: number): [number, number, number] {
  const clamped = Math.max(0, ms);
  return [Math.floor(clamped / (24 * HOUR_MS)), Math.floor((clamped % (24 * HOUR_MS)) / HOUR_MS), Math.floor((clamped % HOUR_MS) / 60_000)];
}
