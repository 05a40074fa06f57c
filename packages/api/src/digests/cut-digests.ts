// Cutting the daily digests: for each agency whose city's digest time has come on a
// working day, the open reports worth a supervisor's morning — new since the last
// digest, due today, overdue, escalated — frozen into an AgencyDigest row, and one
// outbox row per supervisor (or one to the agency's address when it has none) written
// in the same transaction. The delivery worker composes and sends them
// (digests/digest-mail.ts), with its leases and retries: a crash after the commit sends
// the mail later, never twice; a crash before it leaves nothing, and the next pass cuts it.
//
// Once per agency and local date, whichever replica gets there first: the row's unique
// key (agencyId, localDate) refuses the second, whose transaction then writes nothing.
// A day with nothing to say is recorded too (no mail), so it is not looked at again.
import { OPEN_STATUSES } from '@aduan/core';
import type { Prisma, PrismaClient } from '@aduan/prisma';
import type { RoutingCatalog } from '../routing/catalog.js';
import { isUniqueViolation } from '../workflow/new-report.js';
import { readDigestSettings } from './digest-setting.js';
import { dueDigest, type DueDigest } from './digest-schedule.js';

/** The outbox row's `event` for a digest. */
export const DIGEST_EVENT = 'staff.DIGEST';

/** What a report is in a digest; each report is listed once, under the first that fits in this order. */
export type DigestKind = 'ESCALATED' | 'OVERDUE' | 'DUE_TODAY' | 'NEW';

export interface DigestItem {
  reportId: string;
  kind: DigestKind;
}

export interface DigestPass {
  /** Digests cut with mail queued. */
  queued: number;
  /** Digests cut with nothing to say, or nobody to say it to. */
  quiet: number;
}

export async function cutDigests(options: { prisma: PrismaClient; catalog: RoutingCatalog; now: Date }): Promise<DigestPass> {
  const { prisma, catalog, now } = options;
  const snapshot = await catalog.current();
  const settingOf = await readDigestSettings(prisma);
  const agencies = await prisma.agency.findMany({ select: { id: true, jurisdictionCode: true, email: true }, orderBy: { id: 'asc' } });
  const due = new Map<string, DueDigest>();
  for (const agency of agencies) {
    const setting = settingOf(snapshot.cityOf(agency.jurisdictionCode) ?? '');
    if (setting === false) continue;
    const digest = dueDigest(snapshot.calendarOf(agency.jurisdictionCode), setting.time, now);
    if (digest) due.set(agency.id, digest);
  }
  if (due.size === 0) return { queued: 0, quiet: 0 };
  const done = await prisma.agencyDigest.findMany({
    where: { OR: [...due].map(([agencyId, digest]) => ({ agencyId, localDate: digest.localDate })) },
    select: { agencyId: true },
  });
  for (const { agencyId } of done) due.delete(agencyId);

  const pass: DigestPass = { queued: 0, quiet: 0 };
  for (const agency of agencies) {
    const digest = due.get(agency.id);
    if (!digest) continue;
    const outcome = await cutOne(prisma, agency, digest, now);
    if (outcome === 'queued') pass.queued++;
    else if (outcome === 'quiet') pass.quiet++;
  }
  return pass;
}

async function cutOne(prisma: PrismaClient, agency: { id: string; email: string | null }, digest: DueDigest, now: Date): Promise<'queued' | 'quiet' | 'taken'> {
  const last = await prisma.agencyDigest.findFirst({ where: { agencyId: agency.id }, orderBy: { cutAt: 'desc' }, select: { cutAt: true } });
  const since = last?.cutAt ?? digest.previousDigestAt;
  const reports = await prisma.report.findMany({
    where: {
      agencyId: agency.id,
      status: { in: [...OPEN_STATUSES] },
      OR: [{ submittedAt: { gt: since } }, { dueAt: { lt: digest.endOfDay } }, { escalatedAt: { not: null } }],
    },
    select: { id: true, dueAt: true, escalatedAt: true },
    orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
  });
  const items: DigestItem[] = reports.map((report) => ({
    reportId: report.id,
    kind: report.escalatedAt ? 'ESCALATED' : report.dueAt < now ? 'OVERDUE' : report.dueAt < digest.endOfDay ? 'DUE_TODAY' : 'NEW',
  }));
  const supervisors = await prisma.staffAccount.findMany({
    where: { agencyId: agency.id, role: 'SUPERVISOR', disabledAt: null },
    select: { id: true },
    orderBy: { email: 'asc' },
  });
  // A staff member's address is read when the mail is sent; null stands for the agency's own address.
  const recipients: (string | null)[] = supervisors.length > 0 ? supervisors.map((s) => s.id) : agency.email ? [null] : [];
  const mail = items.length > 0 ? recipients : [];
  try {
    await prisma.$transaction(async (tx) => {
      const row = await tx.agencyDigest.create({
        data: { agencyId: agency.id, localDate: digest.localDate, cutAt: now, items: items as unknown as Prisma.InputJsonArray },
      });
      if (mail.length === 0) return;
      await tx.delivery.createMany({
        data: mail.map((staffAccountId) => ({
          // An outbox row belongs to a report: the first one listed.
          reportId: items[0]!.reportId,
          event: DIGEST_EVENT,
          staffAccountId,
          digestId: row.id,
          nextAttemptAt: now,
          createdAt: now,
        })),
      });
    });
  } catch (error) {
    // Another replica cut it first: its transaction holds the day's digest and mail.
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
  return mail.length > 0 ? 'queued' : 'quiet';
}
