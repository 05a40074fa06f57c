// Intake: validate and route a submission, then store it through the report ledger,
// which writes the report, its first timeline event, its photos' rows and its outbox
// in one statement, so an acknowledged report is never half-stored, and announces it.
// Photo bytes go to photo storage first and are removed again if that write fails.
import { createHash } from 'node:crypto';
import { dueAt, generateTrackingCode } from '@aduan/core';
import type { Prisma, PrismaClient, Report } from '@aduan/prisma';
import type { ReportLedger } from '../workflow/ledger.js';
import { isUniqueViolation } from '../workflow/new-report.js';
import { checkPhotos, newPhotoKey, preparePhotos, type PhotoStorage, type UploadedPhoto } from '../photos/index.js';
import type { RoutingCatalog } from '../routing/catalog.js';
import { invalidInput, type InvalidInput } from './invalid-input.js';
import type { ProofOfWork } from '../abuse/proof-of-work.js';
import type { Locale } from './messages.js';
import { routeSubmission, type RequestOrigin } from './route-submission.js';
import { blankToNull, checkSubmission, type SubmissionInput } from './submission.js';
import { keysForNewReport } from '../residents/keys.js';

export type SubmitOutcome =
  | {
      ok: true;
      report: Report;
      replayed: boolean;
      photoCount: number;
      /** The key the server made for a client that sent no `residentKeyHash`; given once, so null on a replay. */
      residentKey: string | null;
    }
  | { ok: false; invalid: InvalidInput };

export interface IntakeDependencies {
  /** Stores the report (and gives the database for the look-ups before). */
  ledger: ReportLedger;
  catalog: RoutingCatalog;
  /** Where photos go; a submission with photos fails loudly without one. */
  photoStorage?: PhotoStorage | undefined;
  now?: () => Date;
  /** When set, every new report must carry a solved challenge from it. */
  proofOfWork?: ProofOfWork | null | undefined;
}

export interface SubmitReportInput extends SubmissionInput {
  photos?: readonly UploadedPhoto[] | null | undefined;
}

const MAX_CODE_ATTEMPTS = 5;

/**
 * The relations the caller will show of a new report (as Prisma `include`), read back
 * with it in the same write instead of in queries after it.
 */
export interface SubmitReturning {
  include?: Prisma.ReportInclude | undefined;
}

export async function submitReport(
  deps: IntakeDependencies,
  input: SubmitReportInput,
  from: RequestOrigin,
  returning: SubmitReturning = {},
): Promise<SubmitOutcome> {
  const locale: Locale = input.locale ?? 'ID';
  // The honeypot first: a form-filling bot gets nothing else checked for it.
  if (input.leaveBlank) return { ok: false, invalid: invalidInput('LOOKS_AUTOMATED', locale, 'leaveBlank') };
  const fieldErrors = checkSubmission(input, locale);
  if (fieldErrors.length > 0) {
    const first = invalidInput('VALIDATION_FAILED', locale, fieldErrors[0]!.field);
    return { ok: false, invalid: { ...first, fields: fieldErrors } };
  }
  // Count, size and type before anything else is looked up; decoding waits until the rest is known good.
  const uploads = input.photos ?? [];
  const checked = await checkPhotos(uploads, locale);
  if (!checked.ok) return checked;

  const { prisma } = deps.ledger;
  const snapshot = await deps.catalog.current();
  const outcome = routeSubmission(snapshot, input, from, locale);
  if (!outcome.ok) return outcome;
  const { site, category, agency, decision, method, audit } = outcome.routed;

  const idempotencyKey = input.idempotencyKey ?? null;
  // An idempotency key is bound to what was sent with it: a replay must send the same
  // report to the same site, or it is refused without a word about the earlier one.
  const idempotencyHash = idempotencyKey ? submissionHash(site.id, input, checked.photos) : null;
  // The proof is checked (no database) before the one query that finds both an earlier
  // report with this idempotency key and one that spent this solution; a resent report
  // (same key) is answered whatever its proof says.
  const pow = deps.proofOfWork ? await deps.proofOfWork.check(input.proofOfWork) : null;
  const signature = pow?.ok ? pow.signature : null;
  if (idempotencyKey || signature) {
    const earlier = await prisma.report.findMany({
      where: {
        OR: [...(idempotencyKey ? [{ siteId: site.id, idempotencyKey }] : []), ...(signature ? [{ proofOfWork: signature }] : [])],
      },
      take: 2,
    });
    const resent = earlier.find((report) => idempotencyKey && report.siteId === site.id && report.idempotencyKey === idempotencyKey);
    if (resent) return resent.idempotencyHash === idempotencyHash ? replay(prisma, resent) : reused();
    if (earlier.length > 0) return { ok: false, invalid: invalidInput('PROOF_OF_WORK_INVALID', locale, 'proofOfWork') };
  }
  if (pow && !pow.ok) return { ok: false, invalid: invalidInput(pow.code, locale, 'proofOfWork') };
  const proofOfWork = signature;

  const prepared = await preparePhotos(checked.photos, locale);
  if (!prepared.ok) return prepared;
  const submittedAt = deps.now?.() ?? new Date();
  const photoRows: { storageKey: string; contentType: string; byteSize: number; width: number; height: number }[] = [];
  let committed = false;
  try {
    if (prepared.photos.length > 0 && !deps.photoStorage) {
      throw new Error('Photo storage is not configured: pass photoStorage to createGraphQLHandler.');
    }
    for (const photo of prepared.photos) {
      const storageKey = newPhotoKey(photo.contentType, submittedAt);
      await deps.photoStorage!.put(storageKey, photo.bytes, photo.contentType);
      photoRows.push({
        storageKey,
        contentType: photo.contentType,
        byteSize: photo.bytes.byteLength,
        width: photo.width,
        height: photo.height,
      });
    }
    const outcome = await createReport();
    committed = outcome.ok && !outcome.replayed;
    return outcome;
  } finally {
    if (!committed && photoRows.length > 0) {
      await Promise.allSettled(photoRows.map((row) => deps.photoStorage!.delete(row.storageKey)));
    }
  }

  /**
   * The solution was spent: by this very report when a doubled send (same idempotency
   * key) won the race — then it is answered like any resend — or by another report.
   */
  async function answerSpent(): Promise<SubmitOutcome> {
    const winner = idempotencyKey ? await findByIdempotencyKey(prisma, site.id, idempotencyKey) : null;
    if (!winner) return { ok: false, invalid: invalidInput('PROOF_OF_WORK_INVALID', locale, 'proofOfWork') };
    return winner.idempotencyHash === idempotencyHash ? replay(prisma, winner) : reused();
  }

  function reused(): SubmitOutcome {
    return { ok: false, invalid: invalidInput('IDEMPOTENCY_KEY_REUSED', locale, 'idempotencyKey') };
  }

  async function createReport(): Promise<SubmitOutcome> {
    const reporter = input.reporter ?? {};
    const reporterEmail = blankToNull(reporter.email)?.trim() ?? null;
    const keys = keysForNewReport({ deviceKeyHash: input.residentKeyHash ?? null, hasEmail: reporterEmail !== null });
    for (let attempt = 1; ; attempt++) {
      try {
        const report = await deps.ledger.submit({
          include: returning.include,
          eventData: { agency: agency.slug, reason: decision.reason },
          residentKeys: keys.rows,
          photos: photoRows,
          columns: {
            trackingCode: generateTrackingCode(snapshot.trackingCodePrefixFor(decision.jurisdictionCode)),
            siteId: site.id,
            categoryId: category.id,
            agencyId: agency.id,
            jurisdictionCode: decision.jurisdictionCode,
            description: input.description,
            lat: input.location?.lat ?? null,
            lng: input.location?.lng ?? null,
            placeText: blankToNull(input.placeText),
            reporterName: blankToNull(reporter.name),
            reporterEmail,
            reporterPhone: blankToNull(reporter.phone)?.trim() ?? null,
            locale,
            routingMethod: method,
            routingRuleId: decision.ruleId,
            routingReason: decision.reason,
            routingDecision: audit as unknown as Prisma.InputJsonValue,
            idempotencyKey,
            idempotencyHash,
            reporterLinkKey: keys.linkKey,
            proofOfWork,
            submittedAt,
            dueAt: dueAt(submittedAt, decision.responseHours, snapshot.calendarOf(decision.jurisdictionCode)),
          },
        });
        return { ok: true, report, replayed: false, photoCount: photoRows.length, residentKey: keys.issuedKey };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // A concurrent request with the same idempotency key won (its answer is this
        // report's, whatever proof it carried), another report spent the same solution,
        // or (very rarely) the random tracking code collided: answer, refuse, or retry.
        if (proofOfWork && (await isSpent(prisma, proofOfWork))) return answerSpent();
        if (idempotencyKey) {
          const winner = await findByIdempotencyKey(prisma, site.id, idempotencyKey);
          if (winner) return winner.idempotencyHash === idempotencyHash ? replay(prisma, winner) : reused();
        }
        if (attempt >= MAX_CODE_ATTEMPTS) throw error;
      }
    }
  }
}

async function isSpent(prisma: PrismaClient, signature: string): Promise<boolean> {
  return (await prisma.report.count({ where: { proofOfWork: signature } })) > 0;
}

/** The earlier report for a repeated idempotency key; its photos were stored the first time. */
async function replay(prisma: PrismaClient, report: Report): Promise<SubmitOutcome & { ok: true }> {
  const photoCount = await prisma.photo.count({ where: { reportId: report.id } });
  return { ok: true, report, replayed: true, photoCount, residentKey: null };
}

/** The same value with its keys sorted and empty fields left out, so equal submissions print alike. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, field]) => field !== null && field !== undefined && field !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([key, field]) => [key, canonical(field)]));
}

/** SHA-256 of everything a submission says (its proof of work aside, which a retry may renew) and of its site. */
function submissionHash(siteId: string, input: SubmitReportInput, photos: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  const { proofOfWork: _proof, photos: _uploads, leaveBlank: _honeypot, site: _site, ...said } = input;
  hash.update(JSON.stringify([siteId, canonical(said)]));
  for (const photo of photos) hash.update(createHash('sha256').update(photo).digest());
  return hash.digest('base64url');
}

function findByIdempotencyKey(prisma: PrismaClient, siteId: string, idempotencyKey: string) {
  return prisma.report.findUnique({ where: { siteId_idempotencyKey: { siteId, idempotencyKey } } });
}
