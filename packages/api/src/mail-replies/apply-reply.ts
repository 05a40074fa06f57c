// Applying one message from the reply mailbox to its report, through the report ledger.
//   - The report is the one its address names (a genuine token, reply-address.ts).
//   - Only the agency may answer: an active staff account of the report's agency, or the
//     agency's own address (its e-mail channels' and its own), compared in lower case after
//     the display name. Anyone else, and any automatic mail, is ignored and never answered.
//   - The reply's words (reply-words.ts) become a public note (acknowledging a RECEIVED
//     report), a resolution, a rejection or an internal note; attached photos become the
//     report's photos (checked and re-encoded as residents' are; staff-only, as every photo).
//   - A MailReply row per Message-ID is inserted in the transaction that applies it: of two
//     replicas reading the same message, the second's insert fails and it skips the message.
//   - A reply that cannot be applied (a closed report, a step the lifecycle refuses, no
//     words) is answered, to a staff member only, through the outbox, so once.
import { randomUUID } from 'node:crypto';
import { stepsTo, type ReportStatus } from '@aduan/core';
import { checkPhotos, newPhotoKey, preparePhotos, type PhotoStorage } from '../photos/index.js';
import type { ReportChange } from '../workflow/changes.js';
import { WorkflowError } from '../workflow/errors.js';
import type { ReportLedger } from '../workflow/ledger.js';
import { MAX_NOTE_LENGTH } from '../workflow/load.js';
import { isUniqueViolation } from '../workflow/new-report.js';
import type { IncomingReply } from './read-message.js';
import type { ReplyAddresses } from './reply-address.js';
import { readReplyWords, type ReplyRequest } from './reply-words.js';

export interface ReplyApplierOptions {
  ledger: ReportLedger;
  addresses: ReplyAddresses;
  /** Where attached photos go; without it, a reply with photos is refused. */
  photoStorage: PhotoStorage | null;
  now?: () => Date;
}

/** What became of a message: APPLIED, IGNORED, REFUSED (with an answer to a staff sender), or SEEN when a replica got to it first. */
export type ReplyOutcome = { outcome: 'APPLIED' | 'IGNORED' | 'REFUSED' | 'SEEN'; reason: string; trackingCode?: string };

/** Why a reply changed nothing, for the staff member who sent it: Indonesian, then English. */
class NotApplied extends Error {}

const WHY = {
  closed: 'Laporan ini sudah ditutup dan tidak dapat diubah lagi. / This report is closed and can no longer change.',
  empty:
    'Balasan Anda tidak berisi tulisan setelah kutipan dan tanda tangan dihapus. / Your reply had no words of its own once quotes and signature were removed.',
  emptyWord: (word: string) => `Setelah ${word}: harus ada tulisan. / ${word}: needs words after it.`,
  tooLong: `Tulisan balasan paling banyak ${MAX_NOTE_LENGTH} karakter. / A reply can be at most ${MAX_NOTE_LENGTH} characters.`,
  step: (from: ReportStatus, to: ReportStatus) => `Laporan berstatus ${from} tidak dapat menjadi ${to}. / A ${from} report cannot become ${to}.`,
  noStorage: 'Foto tidak dapat disimpan di server ini. / This server cannot keep photos.',
  photo: (problem: string) => `Foto tidak diterima: ${problem} / A photo was refused.`,
};

export async function applyReply(options: ReplyApplierOptions, reply: IncomingReply): Promise<ReplyOutcome> {
  const { prisma } = options.ledger;
  const now = (options.now ?? (() => new Date()))();
  if (await prisma.mailReply.findUnique({ where: { messageId: reply.messageId }, select: { messageId: true } })) {
    return { outcome: 'SEEN', reason: 'already read' };
  }
  const reportId = reply.recipients.map((address) => options.addresses.reportOf(address)).find(Boolean) ?? null;
  if (!reportId) return ignore(options, reply, null, 'not sent to a report’s reply address (or its token is not genuine)');
  if (reply.automatic) return ignore(options, reply, reportId, 'an automatic message (out of office, bounce, list)');
  const report = await prisma.report.findUnique({
    where: { id: reportId },
    select: {
      id: true,
      trackingCode: true,
      status: true,
      agencyId: true,
      agency: { select: { email: true, channels: { where: { kind: 'EMAIL', removedAt: null }, select: { id: true, email: true } } } },
    },
  });
  if (!report) return ignore(options, reply, null, 'its report no longer exists');

  const sender = reply.from;
  const staff = sender
    ? await prisma.staffAccount.findFirst({ where: { email: sender, agencyId: report.agencyId, disabledAt: null }, select: { id: true } })
    : null;
  const agencyAddress = (address: string | null | undefined) => Boolean(sender && address && address.trim().toLowerCase() === sender);
  const channel = report.agency.channels.find((c) => agencyAddress(c.email ?? report.agency.email));
  const actor = staff ? `staff:${staff.id}` : channel ? `channel:${channel.id}` : agencyAddress(report.agency.email) ? `agency:${report.agencyId}` : null;
  // Never answered: the sender may be forged, and an answer would be backscatter.
  if (!actor) return ignore(options, reply, report.id, 'the sender is neither the agency nor an active staff member of it', report.trackingCode);

  const status = report.status as ReportStatus;
  const stored: string[] = [];
  try {
    const request = readReplyWords(reply.text);
    const changes = changesFor(request, status);
    const photos = await preparedPhotos(options, reply);
    for (const photo of photos) {
      const key = newPhotoKey(photo.contentType, now);
      await options.photoStorage!.put(key, photo.bytes, photo.contentType);
      stored.push(key);
    }
    await options.ledger.transaction(async (writer) => {
      await writer.tx.mailReply.create({ data: { messageId: reply.messageId, reportId: report.id, outcome: 'APPLIED', readAt: now } });
      await writer.change({ reportId: report.id, actor, at: now, expect: { agencyId: report.agencyId, status }, changes });
      if (photos.length) {
        await writer.tx.photo.createMany({
          data: photos.map((photo, i) => ({
            reportId: report.id,
            storageKey: stored[i]!,
            contentType: photo.contentType,
            byteSize: photo.bytes.length,
            width: photo.width,
            height: photo.height,
            createdAt: now,
          })),
        });
      }
    });
    return { outcome: 'APPLIED', reason: `${request.kind}${photos.length ? ` with ${photos.length} photo(s)` : ''}`, trackingCode: report.trackingCode };
  } catch (error) {
    await Promise.allSettled(stored.map((key) => options.photoStorage!.delete(key)));
    if (isUniqueViolation(error)) return { outcome: 'SEEN', reason: 'applied by another reader' };
    // A refusal by the ledger (the report changed meanwhile, a step not allowed) is answered like ours.
    const why = error instanceof NotApplied ? error.message : error instanceof WorkflowError ? `${error.message}` : null;
    if (why === null) throw error;
    return refuse(options, reply, report.id, staff?.id ?? null, why, now, report.trackingCode);
  }
}

/** The ledger changes a reply asks for, or NotApplied saying why not. */
function changesFor(request: ReplyRequest, status: ReportStatus): ReportChange[] {
  if (status === 'CLOSED') throw new NotApplied(WHY.closed);
  if (request.kind === 'EMPTY') throw new NotApplied(request.word ? WHY.emptyWord(request.word) : WHY.empty);
  if (request.text && request.text.length > MAX_NOTE_LENGTH) throw new NotApplied(WHY.tooLong);
  const data = { via: 'mail' };
  const steps = (to: ReportStatus, last: Omit<Extract<ReportChange, { kind: 'STATUS' }>, 'kind' | 'to'>): ReportChange[] => {
    const path = stepsTo(status, to);
    if (!path) throw new NotApplied(WHY.step(status, to));
    // The note (and a rejection's reason) goes with the last step, the one it explains.
    return path.map((step) => (step === to ? { kind: 'STATUS', to: step, data, ...last } : { kind: 'STATUS', to: step, data }));
  };
  switch (request.kind) {
    case 'NOTE':
      // A RECEIVED report's first answer acknowledges it, as the console's would.
      return status === 'RECEIVED'
        ? [{ kind: 'STATUS', to: 'ACKNOWLEDGED', publicNote: request.text, data }]
        : [{ kind: 'NOTE', publicNote: request.text, data }];
    case 'RESOLVE':
      return steps('RESOLVED', { publicNote: request.text });
    case 'REJECT':
      return steps('REJECTED', { publicNote: request.text, data: { ...data, reason: request.reason } });
    case 'INTERNAL':
      return [{ kind: 'NOTE', internalNote: request.text, data }];
  }
}

async function preparedPhotos(options: ReplyApplierOptions, reply: IncomingReply) {
  if (reply.photos.length === 0) return [];
  if (!options.photoStorage) throw new NotApplied(WHY.noStorage);
  const uploads = reply.photos.map((photo) => ({
    name: photo.name,
    size: photo.bytes.length,
    type: photo.contentType,
    arrayBuffer: async () => photo.bytes.slice().buffer as ArrayBuffer,
  }));
  const checked = await checkPhotos(uploads, 'ID');
  if (!checked.ok) throw new NotApplied(WHY.photo(checked.invalid.message));
  const prepared = await preparePhotos(checked.photos, 'ID');
  if (!prepared.ok) throw new NotApplied(WHY.photo(prepared.invalid.message));
  return prepared.photos;
}

async function ignore(
  options: ReplyApplierOptions,
  reply: IncomingReply,
  reportId: string | null,
  reason: string,
  trackingCode?: string,
): Promise<ReplyOutcome> {
  try {
    await options.ledger.prisma.mailReply.create({ data: { messageId: reply.messageId, reportId, outcome: 'IGNORED', reason } });
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: 'SEEN', reason: 'read by another reader' };
    throw error;
  }
  return { outcome: 'IGNORED', reason, ...(trackingCode ? { trackingCode } : {}) };
}

/** Records the refusal and, to a staff member when mail is on, queues the answer in the same transaction. */
async function refuse(
  options: ReplyApplierOptions,
  reply: IncomingReply,
  reportId: string,
  staffAccountId: string | null,
  reason: string,
  now: Date,
  trackingCode: string,
): Promise<ReplyOutcome> {
  const answerId = staffAccountId && options.ledger.options.mail ? randomUUID() : null;
  try {
    await options.ledger.prisma.$transaction(async (tx) => {
      await tx.mailReply.create({ data: { messageId: reply.messageId, reportId, outcome: 'REFUSED', reason, answerDeliveryId: answerId, readAt: now } });
      if (answerId) {
        await tx.delivery.create({ data: { id: answerId, reportId, event: 'staff.REPLY_REFUSED', staffAccountId, nextAttemptAt: now, createdAt: now } });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { outcome: 'SEEN', reason: 'read by another reader' };
    throw error;
  }
  return { outcome: 'REFUSED', reason, trackingCode };
}
