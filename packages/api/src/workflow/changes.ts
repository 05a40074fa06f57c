// The changes a report can undergo, and what each does to it: which lifecycle step
// it needs (core's state machine), which columns it sets, which timeline events it
// writes and which agency deliveries it calls for. Pure: the ledger (./ledger.ts)
// applies them to the report it holds locked, and does the writing.
import { canTransition, reachableStatuses, isOpenStatus, type ReportStatus } from '@aduan/core';
import type { Prisma, Report, ReportEventKind } from '@aduan/prisma';
import type { DeliveryEvent } from '../delivery/outbox.js';
import { InvalidTransition, Refused } from './errors.js';

/** Extra facts kept with an event (`ReportEvent.data`). */
export type EventData = Record<string, Prisma.InputJsonValue | null>;

/** One step along the lifecycle, with what the agency tells the resident (public) and its staff (internal). */
export interface StatusChange {
  kind: 'STATUS';
  to: ReportStatus;
  publicNote?: string | null;
  internalNote?: string | null;
  data?: EventData;
  /** With REJECTED as a duplicate: the original report. */
  duplicateOfId?: string | null;
}

/** A public and/or internal note without a status change (at least one). */
export interface NoteChange {
  kind: 'NOTE';
  publicNote?: string | null;
  internalNote?: string | null;
  data?: EventData;
}

/** Who in the agency has it in hand: a staff account, or nobody (null). Internal. */
export interface AssignChange {
  kind: 'ASSIGN';
  assigneeId: string | null;
  data?: EventData;
}

/** "Wrong agency": to another agency with a fresh deadline, counted as a routing miss. */
export interface RerouteChange {
  kind: 'REROUTE';
  agency: { id: string; slug: string; name: string };
  dueAt: Date;
  /** Why; kept as an internal note. */
  reason: string;
}

/** Past its deadline and still open: marked once per agency, for its supervisors. */
export interface EscalateChange {
  kind: 'ESCALATE';
}

/** The reporter asked: contact and photos go, the report stays (with an internal note). */
export interface EraseContactChange {
  kind: 'ERASE_CONTACT';
  internalNote: string;
}

export type ReportChange = StatusChange | NoteChange | AssignChange | RerouteChange | EscalateChange | EraseContactChange;

export interface PlannedEvent {
  kind: ReportEventKind;
  /** The report's status after the event. */
  status: ReportStatus;
  publicNote: string | null;
  internalNote: string | null;
  data: EventData | undefined;
}

/** What a list of changes does to one report, before anything is written. */
export interface Draft {
  /** The report as it was read under its lock. */
  readonly before: Report;
  /** Where the report stands after the changes so far. */
  status: ReportStatus;
  agencyId: string;
  assignedToId: string | null;
  escalatedAt: Date | null;
  dueAt: Date;
  routingDecision: Prisma.JsonValue;
  update: Prisma.ReportUncheckedUpdateInput;
  events: PlannedEvent[];
  /** Agencies whose channels get a delivery of this report. */
  deliveries: { agencyId: string; event: DeliveryEvent }[];
  /** Personal data outside the report's row to delete: photo rows (their files go after commit, by the caller) and the e-mail's resident key. */
  erasePersonalData: boolean;
}

/** What an erased report's description says instead, in the reporter's language. */
export const ERASED_DESCRIPTION = { ID: '(dihapus atas permintaan pelapor)', EN: "(erased at the reporter's request)" } as const;

export function draftOf(report: Report): Draft {
  return {
    before: report,
    status: report.status as ReportStatus,
    agencyId: report.agencyId,
    assignedToId: report.assignedToId,
    escalatedAt: report.escalatedAt,
    dueAt: report.dueAt,
    routingDecision: report.routingDecision,
    update: {},
    events: [],
    deliveries: [],
    erasePersonalData: false,
  };
}

/** One sentence naming where a report in `from` may go next. */
export function describeAllowed(from: ReportStatus): string {
  const allowed = reachableStatuses(from);
  return allowed.length ? `A ${from} report can only move to ${allowed.join(' or ')}.` : `A ${from} report is final and cannot change.`;
}

const text = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);

/** Applies one change to the draft, or throws the refusal; `actor` makes it at `at`. */
export function applyChange(draft: Draft, change: ReportChange, actor: string, at: Date): void {
  switch (change.kind) {
    case 'STATUS': {
      if (!canTransition(draft.status, change.to)) throw new InvalidTransition(describeAllowed(draft.status));
      const from = draft.status;
      draft.status = change.to;
      draft.update.status = change.to;
      if (change.duplicateOfId) draft.update.duplicateOfId = change.duplicateOfId;
      draft.events.push({
        kind: 'STATUS_CHANGED',
        status: change.to,
        publicNote: text(change.publicNote),
        internalNote: text(change.internalNote),
        data: { from, to: change.to, ...change.data },
      });
      return;
    }
    case 'NOTE': {
      const publicNote = text(change.publicNote);
      const internalNote = text(change.internalNote);
      if (!publicNote && !internalNote) throw new Refused('NOTE_REQUIRED', 'Give a publicNote, an internalNote or both.', 'publicNote');
      if (publicNote) draft.events.push({ kind: 'PUBLIC_NOTE', status: draft.status, publicNote, internalNote: null, data: change.data });
      if (internalNote) draft.events.push({ kind: 'INTERNAL_NOTE', status: draft.status, publicNote: null, internalNote, data: change.data });
      return;
    }
    case 'ASSIGN': {
      if (draft.status === 'CLOSED') throw new InvalidTransition('A CLOSED report can no longer be assigned.', 'trackingCode');
      if (change.assigneeId === draft.assignedToId) {
        throw change.assigneeId === null
          ? new Refused('NOT_ASSIGNED', 'The report is not assigned to anyone.', 'assignee')
          : new Refused('ALREADY_ASSIGNED', 'The report is already assigned to this staff member.', 'assignee');
      }
      const previousAssigneeId = draft.assignedToId;
      draft.assignedToId = change.assigneeId;
      draft.update.assignedToId = change.assigneeId;
      draft.events.push({
        kind: 'ASSIGNED',
        status: draft.status,
        publicNote: null,
        internalNote: null,
        data: { assigneeId: change.assigneeId, previousAssigneeId, ...change.data },
      });
      return;
    }
    case 'REROUTE': {
      if (!isOpenStatus(draft.status)) throw new InvalidTransition(`A ${draft.status} report can no longer be rerouted.`, 'trackingCode');
      if (change.agency.id === draft.agencyId) throw new Refused('SAME_AGENCY', 'The report is already with this agency.', 'agency');
      const fromAgencyId = draft.agencyId;
      const previous = (draft.routingDecision ?? {}) as Record<string, Prisma.JsonValue>;
      const miss = {
        at: at.toISOString(),
        fromAgencyId,
        toAgencyId: change.agency.id,
        toAgency: change.agency.slug,
        actor,
        reason: change.reason,
      };
      draft.routingDecision = { ...previous, reroutes: [...(Array.isArray(previous['reroutes']) ? previous['reroutes'] : []), miss] };
      const previousDueAt = draft.dueAt;
      draft.agencyId = change.agency.id;
      draft.dueAt = change.dueAt;
      // A new agency starts afresh: nobody there has it in hand yet, and it is not escalated there.
      draft.assignedToId = null;
      draft.escalatedAt = null;
      Object.assign(draft.update, {
        agencyId: change.agency.id,
        dueAt: change.dueAt,
        routingDecision: draft.routingDecision as Prisma.InputJsonValue,
        assignedToId: null,
        escalatedAt: null,
      });
      draft.events.push({
        kind: 'REROUTED',
        status: draft.status,
        publicNote: `Diteruskan ke ${change.agency.name}`,
        internalNote: change.reason,
        data: { routingMiss: true, fromAgencyId, toAgencyId: change.agency.id, previousDueAt: previousDueAt.toISOString() },
      });
      draft.deliveries.push({ agencyId: change.agency.id, event: 'report.rerouted' });
      return;
    }
    case 'ESCALATE': {
      if (!isOpenStatus(draft.status)) throw new InvalidTransition(`A ${draft.status} report is not escalated.`, 'trackingCode');
      if (draft.dueAt >= at) throw new InvalidTransition('The report is not past its deadline.', 'trackingCode');
      if (draft.escalatedAt) throw new InvalidTransition('The report was already escalated at this agency.', 'trackingCode');
      draft.escalatedAt = at;
      draft.update.escalatedAt = at;
      const overdueByHours = Math.floor((at.getTime() - draft.dueAt.getTime()) / 3_600_000);
      draft.events.push({
        kind: 'ESCALATED',
        status: draft.status,
        publicNote: null,
        internalNote: null,
        data: { overdueByHours, dueAt: draft.dueAt.toISOString(), agencyId: draft.agencyId },
      });
      return;
    }
    case 'ERASE_CONTACT': {
      // Everything the reporter wrote or pointed at; the category, area and timeline stay for the statistics.
      Object.assign(draft.update, {
        reporterName: null,
        reporterEmail: null,
        reporterPhone: null,
        reporterLinkKey: null,
        description: ERASED_DESCRIPTION[draft.before.locale],
        placeText: null,
        lat: null,
        lng: null,
      });
      draft.erasePersonalData = true;
      draft.events.push({ kind: 'INTERNAL_NOTE', status: draft.status, publicNote: null, internalNote: change.internalNote, data: undefined });
      return;
    }
  }
}
