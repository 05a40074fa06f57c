// Intake: validate, route, and store a report with its first timeline event in
// one write, so an acknowledged report is never half-stored.
import { dueAt, generateTrackingCode } from '@aduan/core';
import { Prisma, type PrismaClient, type Report } from '@aduan/prisma';
import type { RoutingCatalog } from '../routing/catalog.js';
import { invalidInput, type InvalidInput } from './invalid-input.js';
import type { Locale } from './messages.js';
import { routeSubmission, type RequestOrigin } from './route-submission.js';
import { blankToNull, checkSubmission, type SubmissionInput } from './submission.js';

export type SubmitOutcome = { ok: true; report: Report; replayed: boolean } | { ok: false; invalid: InvalidInput };

export interface IntakeDependencies {
  prisma: PrismaClient;
  catalog: RoutingCatalog;
  now?: () => Date;
}

const MAX_CODE_ATTEMPTS = 5;

export async function submitReport(
  deps: IntakeDependencies,
  input: SubmissionInput,
  from: RequestOrigin,
): Promise<SubmitOutcome> {
  const locale: Locale = input.locale ?? 'ID';
  const fieldErrors = checkSubmission(input, locale);
  if (fieldErrors.length > 0) {
    const first = invalidInput('VALIDATION_FAILED', locale, fieldErrors[0]!.field);
    return { ok: false, invalid: { ...first, fields: fieldErrors } };
  }

  const snapshot = await deps.catalog.current();
  const outcome = routeSubmission(snapshot, input, from, locale);
  if (!outcome.ok) return outcome;
  const { site, category, agency, decision, method, audit } = outcome.routed;

  const idempotencyKey = input.idempotencyKey ?? null;
  if (idempotencyKey) {
    const earlier = await findByIdempotencyKey(deps.prisma, site.id, idempotencyKey);
    if (earlier) return { ok: true, report: earlier, replayed: true };
  }

  const submittedAt = deps.now?.() ?? new Date();
  const reporter = input.reporter ?? {};
  for (let attempt = 1; ; attempt++) {
    try {
      const report = await deps.prisma.report.create({
        data: {
          trackingCode: generateTrackingCode(snapshot.trackingCodePrefix),
          siteId: site.id,
          categoryId: category.id,
          agencyId: agency.id,
          jurisdictionCode: decision.jurisdictionCode,
          description: input.description,
          lat: input.location?.lat ?? null,
          lng: input.location?.lng ?? null,
          placeText: blankToNull(input.placeText),
          reporterName: blankToNull(reporter.name),
          reporterEmail: blankToNull(reporter.email)?.trim() ?? null,
          reporterPhone: blankToNull(reporter.phone)?.trim() ?? null,
          locale,
          status: 'RECEIVED',
          routingMethod: method,
          routingRuleId: decision.ruleId,
          routingReason: decision.reason,
          routingDecision: audit as unknown as Prisma.InputJsonValue,
          idempotencyKey,
          submittedAt,
          dueAt: dueAt(submittedAt, decision.responseHours),
          events: {
            create: {
              kind: 'SUBMITTED',
              status: 'RECEIVED',
              at: submittedAt,
              actor: 'resident',
              data: { agency: agency.slug, reason: decision.reason },
            },
          },
        },
      });
      return { ok: true, report, replayed: false };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Either a concurrent request with the same idempotency key won, or (very
      // rarely) the random tracking code collided: answer with the winner, or retry.
      if (idempotencyKey) {
        const winner = await findByIdempotencyKey(deps.prisma, site.id, idempotencyKey);
        if (winner) return { ok: true, report: winner, replayed: true };
      }
      if (attempt >= MAX_CODE_ATTEMPTS) throw error;
    }
  }
}

function findByIdempotencyKey(prisma: PrismaClient, siteId: string, idempotencyKey: string) {
  return prisma.report.findUnique({ where: { siteId_idempotencyKey: { siteId, idempotencyKey } } });
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
