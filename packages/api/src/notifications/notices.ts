// Which e-mail a report's new timeline events call for. Decided by the ledger in the
// transaction that writes the events, so each becomes an outbox row (a `Delivery`
// with no channel) beside them; the delivery worker composes and sends it later
// (delivery/senders/mail.ts), with the same leases, retries and dead letters as
// agency deliveries. Addresses are not copied into the outbox: a resident's is read
// when the mail is sent (an erased contact gets nothing), a staff member's likewise.
import type { ReportStatus } from '@aduan/core';
import type { PlannedEvent } from '../workflow/changes.js';

export type ResidentNotice = 'RECEIVED' | 'ACKNOWLEDGED' | 'IN_PROGRESS' | 'RESOLVED' | 'REJECTED' | 'REOPENED' | 'CLOSED' | 'NOTE';
/**
 * Not decided by the ledger: REPLY_REFUSED answers a staff member's reply that could not be
 * applied (mail-replies/); DIGEST is an agency's daily digest (digests/), to a supervisor
 * or, with no staff account, to the agency's own address.
 */
export type StaffNotice = 'NEW_REPORT' | 'REROUTED' | 'ESCALATED' | 'ASSIGNED' | 'REPLY_REFUSED' | 'DIGEST';

/** The outbox row's `event` for mail: `resident.RESOLVED`, `staff.ESCALATED`, … */
export type MailEvent = `resident.${ResidentNotice}` | `staff.${StaffNotice}`;

export const MAIL_EVENT_PREFIXES = ['resident.', 'staff.'] as const;

export function isMailEvent(event: string): event is MailEvent {
  return MAIL_EVENT_PREFIXES.some((prefix) => event.startsWith(prefix));
}

/** Who a mail goes to, before the addresses are known. */
export type Audience =
  | { kind: 'resident' }
  /** Every active staff account of the agency. */
  | { kind: 'agency-staff'; agencyId: string }
  /** Active SUPERVISORs of the agency and of its escalation parent. */
  | { kind: 'supervisors'; agencyId: string }
  | { kind: 'staff-account'; accountId: string };

export interface MailIntent {
  event: MailEvent;
  /** The index, in the events just planned, of the one the mail tells of. */
  eventIndex: number;
  audience: Audience;
}

/** What the resident hears of a status step, if anything. */
function residentNoticeOfStatus(from: ReportStatus, to: ReportStatus, actor: string): ResidentNotice | null {
  if (actor === 'resident' && to === 'CLOSED') return null; // they confirmed it themselves
  switch (to) {
    case 'ACKNOWLEDGED':
    case 'RESOLVED':
    case 'REJECTED':
    case 'CLOSED':
      return to;
    case 'IN_PROGRESS':
      return from === 'RESOLVED' || from === 'REJECTED' ? 'REOPENED' : 'IN_PROGRESS';
    default:
      return null;
  }
}

/**
 * The mail for events written together by `actor` on a report now at `agencyId`.
 * Several status steps at once (an Open311 endpoint that says "closed" moves a report
 * through each step) tell the resident only of the last.
 */
export function mailIntents(events: readonly PlannedEvent[], actor: string, agencyId: string): MailIntent[] {
  const intents: MailIntent[] = [];
  const lastStatusChange = events.map((e) => e.kind).lastIndexOf('STATUS_CHANGED');
  events.forEach((event, eventIndex) => {
    const data = (event.data ?? {}) as Record<string, unknown>;
    switch (event.kind) {
      case 'STATUS_CHANGED': {
        if (eventIndex !== lastStatusChange) return;
        const notice = residentNoticeOfStatus(data['from'] as ReportStatus, event.status, actor);
        if (notice) intents.push({ event: `resident.${notice}`, eventIndex, audience: { kind: 'resident' } });
        return;
      }
      case 'PUBLIC_NOTE':
        if (actor !== 'resident') intents.push({ event: 'resident.NOTE', eventIndex, audience: { kind: 'resident' } });
        return;
      case 'REROUTED':
        intents.push({ event: 'staff.REROUTED', eventIndex, audience: { kind: 'agency-staff', agencyId: String(data['toAgencyId']) } });
        return;
      case 'ESCALATED':
        intents.push({ event: 'staff.ESCALATED', eventIndex, audience: { kind: 'supervisors', agencyId } });
        return;
      case 'ASSIGNED': {
        const assigneeId = data['assigneeId'];
        // Nobody is told of taking a report themselves, nor of an unassignment.
        if (typeof assigneeId === 'string' && actor !== `staff:${assigneeId}`) {
          intents.push({ event: 'staff.ASSIGNED', eventIndex, audience: { kind: 'staff-account', accountId: assigneeId } });
        }
        return;
      }
      default:
        return;
    }
  });
  return intents;
}
