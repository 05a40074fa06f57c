// Composing an e-mail from the outbox: the row says which notice, about which event,
// for whom (notifications/notices.ts); the message is built when it is sent, from the
// event as it was written and the report as it is now. The reporter's address is read
// now too, so an erased contact gets nothing, and a disabled account neither.
import type { PrismaClient } from '@aduan/prisma';
import { composeDigestMail } from '../digests/digest-mail.js';
import { DIGEST_EVENT } from '../digests/cut-digests.js';
import { withholdOtherCodes } from '../events/public-timeline.js';
import { REOPEN_WINDOW_DAYS } from '../workflow/resident.js';
import type { MailMessage } from './mailer.js';
import type { ReplyAddresses } from '../mail-replies/reply-address.js';
import { replyInstructions } from '../mail-replies/reply-words.js';
import {
  assignmentMessage,
  escalationMessage,
  newReportMessage,
  render,
  replyRefusedMessage,
  residentMessage,
  type Composed,
  type StaffReportFacts,
} from './messages.js';
import type { ResidentNotice, StaffNotice } from './notices.js';

/** Where a resident follows a report; with `key`, also acts on it (the link in the reporter's mail). */
export function trackingUrl(publicUrl: string, trackingCode: string, key: string | null = null): string {
  const url = `${publicUrl}/?code=${encodeURIComponent(trackingCode)}`;
  return key ? `${url}&key=${encodeURIComponent(key)}` : url;
}

export function consoleUrl(publicUrl: string, trackingCode: string): string {
  return `${publicUrl}/console/?report=${encodeURIComponent(trackingCode)}`;
}

/** What is sent, or why nothing is (nobody to send it to any more). */
export type ComposedMail = { message: MailMessage } | { nobody: string };

/**
 * The e-mail an outbox row (a Delivery without a channel) stands for. With `replies`, mail
 * to staff about a report says at its top how a reply updates it, and its Reply-To is
 * the report's reply address.
 */
export async function composeMail(prisma: PrismaClient, deliveryId: string, publicUrl: string, replies: ReplyAddresses | null = null): Promise<ComposedMail> {
  const row = await prisma.delivery.findUniqueOrThrow({
    where: { id: deliveryId },
    select: {
      event: true,
      reportId: true,
      digestId: true,
      reportEvent: { select: { status: true, publicNote: true, actor: true, at: true, data: true } },
      staffAccount: { select: { email: true, disabledAt: true } },
    },
  });
  // The same message for every attempt, so a receiver can tell a resend by it.
  const messageId = `<${deliveryId}@${new URL(publicUrl).hostname}>`;
  // A digest lists many reports (digests/digest-mail.ts).
  if (row.event === DIGEST_EVENT) return composeDigestMail(prisma, row, publicUrl, replies, messageId);
  const report = await prisma.report.findUniqueOrThrow({
    where: { id: row.reportId },
    include: { agency: { select: { name: true } }, category: { select: { nameId: true, nameEn: true } }, jurisdiction: { select: { name: true } } },
  });
  const [audience, notice] = row.event.split('.', 2) as ['resident' | 'staff', string];
  const event = row.reportEvent;
  const data = (event?.data ?? {}) as Record<string, unknown>;

  if (audience === 'resident') {
    const to = report.reporterEmail?.trim();
    if (!to) return { nobody: 'The reporter left no address, or it was erased.' };
    // Another report's code never reaches this reporter (it is another resident's).
    const note = event?.publicNote?.trim() || null;
    const publicNote = note && withholdOtherCodes(note, report.trackingCode, report.locale);
    const composed = residentMessage({
      notice: notice as ResidentNotice,
      locale: report.locale,
      trackingCode: report.trackingCode,
      agencyName: report.agency.name,
      categoryName: report.locale === 'EN' ? report.category.nameEn : report.category.nameId,
      // The link carries the key made for this mail, so reopening and confirming work from it.
      trackingUrl: trackingUrl(publicUrl, report.trackingCode, report.reporterLinkKey),
      publicNote,
      reason: typeof data['reason'] === 'string' ? data['reason'] : null,
      reopenDays: REOPEN_WINDOW_DAYS,
    });
    return { message: { ...render(composed, [to]), messageId } };
  }

  const account = row.staffAccount;
  if (!account || account.disabledAt) return { nobody: 'The staff account was disabled.' };
  const facts: StaffReportFacts & { agencyName: string } = {
    agencyName: report.agency.name,
    trackingCode: report.trackingCode,
    categoryName: report.category.nameId,
    areaName: report.jurisdiction.name,
    placeText: report.placeText,
    description: report.description,
    dueAt: report.dueAt,
    consoleUrl: consoleUrl(publicUrl, report.trackingCode),
  };
  let composed: Composed;
  switch (notice as StaffNotice) {
    case 'NEW_REPORT':
      composed = newReportMessage({ ...facts, rerouted: false });
      break;
    case 'REROUTED': {
      // The agency it was rerouted to then, should it have moved on since.
      const to = typeof data['toAgencyId'] === 'string' ? await prisma.agency.findUnique({ where: { id: data['toAgencyId'] }, select: { name: true } }) : null;
      composed = newReportMessage({ ...facts, agencyName: to?.name ?? facts.agencyName, rerouted: true });
      break;
    }
    case 'ESCALATED': {
      const recorded = data['overdueByHours'];
      const overdueByHours =
        typeof recorded === 'number' ? recorded : Math.max(0, Math.floor(((event?.at ?? new Date()).getTime() - report.dueAt.getTime()) / 3_600_000));
      composed = escalationMessage({ ...facts, overdueByHours });
      break;
    }
    case 'ASSIGNED':
      composed = assignmentMessage({ ...facts, assignedBy: await actorName(prisma, event?.actor ?? '') });
      break;
    case 'REPLY_REFUSED': {
      const reply = await prisma.mailReply.findUnique({ where: { answerDeliveryId: deliveryId }, select: { reason: true } });
      composed = replyRefusedMessage({ ...facts, reason: reply?.reason ?? '' });
      break;
    }
    default:
      throw new Error(`Unknown e-mail notice "${row.event}".`);
  }
  if (!replies) return { message: { ...render(composed, [account.email]), messageId } };
  // Staff mail is in Indonesian, then English: so are the words a reply understands.
  composed = { ...composed, blocks: [{ text: replyInstructions('ID') }, { text: replyInstructions('EN') }, ...composed.blocks] };
  return { message: { ...render(composed, [account.email]), messageId, replyTo: replies.forReport(report.id) } };
}

/** A staff member's name, or the API token's, for "X assigned it to you". */
async function actorName(prisma: PrismaClient, actor: string): Promise<string> {
  const [kind, id] = actor.split(':');
  if (kind === 'staff' && id) {
    const account = await prisma.staffAccount.findUnique({ where: { id }, select: { name: true } });
    if (account) return account.name;
  }
  if (kind === 'token' && id) {
    const token = await prisma.apiToken.findUnique({ where: { id }, select: { name: true } });
    if (token) return token.name;
  }
  return 'Aduan';
}
