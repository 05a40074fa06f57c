// Who may read a report, and who may change it. Staff of the report's agency (and
// ADMINs of its city) may do both (`mayActFor`). The SUPERVISORs of an agency's escalation parent
// are mailed when one of its reports is escalated; they may then read — never change —
// that report while it stays escalated and open, and list such reports. A STAFF member
// of the parent gets nothing extra. Only direct escalation links count (A → B → C: C
// oversees B's escalations, not A's).
import { isOpenStatus, type ReportStatus } from '@aduan/core';
import type { PrismaClient } from '@aduan/prisma';
import type { Viewer } from '../staff/viewer.js';
import { AccessDenied } from './errors.js';

/**
 * Whether `viewer` may see and change reports of agency `agencyId`. A session that must
 * still replace its one-time password may do nothing yet.
 */
export function mayActFor(viewer: Viewer | null, agencyId: string): viewer is Viewer {
  return viewer !== null && !viewer.mustChangePassword && viewer.actsFor.has(agencyId);
}

/** The viewer, when they may act for `agencyId`; AccessDenied otherwise (before anything is written). */
export function actingFor(viewer: Viewer | null, agencyId: string): Viewer {
  if (!mayActFor(viewer, agencyId)) throw AccessDenied.for(viewer);
  return viewer;
}

/** A SUPERVISOR of `agencyId` or an ADMIN of its city: may assign anyone and reroute. */
export function supervises(viewer: Viewer | null, agencyId: string): viewer is Viewer {
  return mayActFor(viewer, agencyId) && (viewer.role === 'ADMIN' || viewer.role === 'SUPERVISOR');
}

/** What deciding read access needs to know about a report. */
export interface ReportAccessFacts {
  agencyId: string;
  status: string;
  escalatedAt: Date | null;
}

/** Escalated by the deadline job at its current agency and still open. */
export function isEscalatedAndOpen(report: Pick<ReportAccessFacts, 'status' | 'escalatedAt'>): boolean {
  return report.escalatedAt !== null && isOpenStatus(report.status as ReportStatus);
}

const overseen = new WeakMap<Viewer, Promise<string[]>>();

/**
 * The agencies whose escalated reports `viewer` may read: for a SUPERVISOR, the agencies
 * whose escalation parent is their own; nobody else oversees any. Read once per request
 * (the viewer object lives as long as the request), from the database rather than the
 * routing catalogue's cache, so a changed escalation link takes effect at once.
 */
export function overseenAgencyIds(prisma: PrismaClient, viewer: Viewer | null): Promise<string[]> {
  if (viewer?.role !== 'SUPERVISOR' || viewer.mustChangePassword) return Promise.resolve([]);
  let ids = overseen.get(viewer);
  if (!ids) {
    ids = prisma.agency
      .findMany({ where: { escalationParentId: viewer.agencyId, id: { not: viewer.agencyId } }, select: { id: true } })
      .then((rows) => rows.map((row) => row.id));
    overseen.set(viewer, ids);
  }
  return ids;
}

/**
 * Whether `viewer` may read `report` (its own agency's, ADMIN, or an overseen escalation).
 * Answered at once when the facts suffice, as they do for all but a supervisor's view of
 * an escalation: the check runs for every report of an inbox page, and a promise for
 * each would make every one of their fields wait a turn.
 */
export function mayRead(prisma: PrismaClient, viewer: Viewer | null, report: ReportAccessFacts): boolean | Promise<boolean> {
  if (mayActFor(viewer, report.agencyId)) return true;
  if (!isEscalatedAndOpen(report)) return false;
  return overseenAgencyIds(prisma, viewer).then((ids) => ids.includes(report.agencyId));
}
