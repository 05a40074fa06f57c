// What one inbox request asks for, checked and resolved into plain conditions: who may
// see which agencies' reports, the filter's categories, areas and assignee as ids and
// codes, the order and where the previous page ended. Both readers of the inbox — the
// Report connection (inbox.ts) and the one-statement page (inbox-page.ts) — start here,
// so they refuse the same input with the same errors and can never disagree on who sees
// what. Nothing of the reports is read until the request is known to be good.
//
// Keyset pagination: NEWEST orders by (submittedAt desc, id desc); MOST_OVERDUE by
// (dueAt asc, id asc), the earliest deadline first. The cursor is the last row's (key,
// id), base64url JSON, tied to its order, so a page boundary never shifts when reports
// arrive or change between requests. Filters only add conditions.
import type { ReportStatus } from '@aduan/core';
import { areaAndBelow } from '../jurisdictions/tree.js';
import { normalizeEmail } from '../staff/accounts.js';
import { overseenAgencyIds } from './access.js';
import type { WorkflowContext } from './context.js';
import { AccessDenied, Refused } from './errors.js';

export type InboxOrder = 'NEWEST' | 'MOST_OVERDUE';

export interface InboxFilter {
  status?: ReportStatus[] | null | undefined;
  category?: string | null | undefined;
  area?: string | null | undefined;
  overdue?: boolean | null | undefined;
  text?: string | null | undefined;
  agency?: string | null | undefined;
  /** `ME`, `UNASSIGNED` or a staff e-mail. */
  assignedTo?: string | null | undefined;
  escalated?: boolean | null | undefined;
  order?: InboxOrder | null | undefined;
}

/** A checked request: every condition a listed report meets, all of them at once. */
export interface InboxRequest {
  order: InboxOrder;
  /** How many reports a page holds (1–100). */
  first: number;
  /** The agencies whose reports the viewer may list here: this is the permission scope. */
  agencyIds: string[];
  statuses: ReportStatus[] | null;
  categoryIds: string[] | null;
  /** An area and every area below it. */
  areaCodes: string[] | null;
  /** True: open and past `dueAt` at `now`; false: every other report. */
  overdue: boolean | null;
  /** True: open with `escalatedAt` set; false: every other report. */
  escalated: boolean | null;
  /** A staff account's id; null for reports nobody has; undefined for anyone's. */
  assignedToId: string | null | undefined;
  /** Case-insensitive, in description, place text or tracking code. */
  text: string | null;
  now: Date;
  /** The last row of the previous page, in `order`'s key. */
  after: { key: Date; id: string } | null;
}

/** The first page holds this many unless the caller says otherwise. */
export const DEFAULT_PAGE_SIZE = 25;

/** The keyset columns of a listed report. */
export interface InboxKeys {
  id: string;
  submittedAt: Date;
  dueAt: Date;
}

export function encodeCursor(order: InboxOrder, report: InboxKeys): string {
  const key = (order === 'NEWEST' ? report.submittedAt : report.dueAt).toISOString();
  return Buffer.from(JSON.stringify([order, key, report.id])).toString('base64url');
}

function decodeCursor(cursor: string): { order: InboxOrder; key: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [order, key, id] = value as unknown[];
    if ((order !== 'NEWEST' && order !== 'MOST_OVERDUE') || typeof key !== 'string' || typeof id !== 'string') return null;
    if (Number.isNaN(Date.parse(key)) || id.length > 64) return null;
    return { order, key, id };
  } catch {
    return null;
  }
}

/**
 * The request `viewer` makes with `filter`, `first` and `after`, or the refusal it gets:
 * AccessDenied for nobody or an agency they may not see, Refused (`INVALID_FILTER`,
 * `UNKNOWN_AGENCY`) naming the field at fault.
 */
export async function resolveInboxRequest(
  context: Pick<WorkflowContext, 'prisma' | 'catalog' | 'viewer' | 'now'>,
  filter: InboxFilter,
  first: number,
  after: string | null | undefined,
): Promise<InboxRequest> {
  const viewer = context.viewer;
  if (!viewer) throw AccessDenied.for(viewer);
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new Refused('INVALID_FILTER', '`first` must be between 1 and 100.', 'first');
  }
  const order: InboxOrder = filter.order ?? 'NEWEST';

  // A SUPERVISOR's escalations view also covers the agencies escalating to theirs (read-only there).
  const overseen = filter.escalated === true ? await overseenAgencyIds(context.prisma, viewer) : [];
  let agencyIds: string[];
  if (filter.agency) {
    const agency = await context.prisma.agency.findUnique({ where: { slug: filter.agency }, select: { id: true } });
    if (!agency) throw new Refused('UNKNOWN_AGENCY', `There is no agency "${filter.agency}".`, 'filter.agency');
    if (!viewer.actsFor.has(agency.id) && !overseen.includes(agency.id)) throw AccessDenied.for(viewer);
    agencyIds = [agency.id];
  } else if (viewer.role === 'ADMIN') {
    agencyIds = [...viewer.actsFor];
  } else {
    agencyIds = [viewer.agencyId, ...overseen];
  }

  let categoryIds: string[] | null = null;
  if (filter.category) {
    // A code names a category in each city that has one: an admin's inbox may span cities.
    const categories = (await context.catalog.current()).categoriesWithCode(filter.category);
    if (categories.length === 0) throw new Refused('INVALID_FILTER', `There is no category "${filter.category}".`, 'filter.category');
    categoryIds = categories.map((c) => c.id);
  }
  let areaCodes: string[] | null = null;
  if (filter.area) {
    areaCodes = areaAndBelow((await context.catalog.current()).index, filter.area);
    if (!areaCodes) throw new Refused('INVALID_FILTER', `There is no area "${filter.area}".`, 'filter.area');
  }

  let assignedToId: string | null | undefined;
  const assignedTo = filter.assignedTo?.trim();
  if (assignedTo) {
    const upper = assignedTo.toUpperCase();
    if (upper === 'UNASSIGNED') {
      assignedToId = null;
    } else if (upper === 'ME') {
      if (!viewer.accountId) {
        throw new Refused('INVALID_FILTER', 'An API token has no reports of its own; give a staff e-mail.', 'filter.assignedTo');
      }
      assignedToId = viewer.accountId;
    } else {
      const email = normalizeEmail(assignedTo);
      const account = email.length <= 254 ? await context.prisma.staffAccount.findUnique({ where: { email }, select: { id: true, agencyId: true } }) : null;
      // Accounts of agencies the viewer cannot see answer like unknown ones.
      const visible = account && (viewer.actsFor.has(account.agencyId) || overseen.includes(account.agencyId));
      if (!visible) {
        throw new Refused('INVALID_FILTER', 'Give ME, UNASSIGNED or the e-mail of a staff member of an agency you can see.', 'filter.assignedTo');
      }
      assignedToId = account.id;
    }
  }

  const text = filter.text?.trim() || null;
  if (text && text.length > 200) throw new Refused('INVALID_FILTER', 'Search at most 200 characters.', 'filter.text');

  let from: InboxRequest['after'] = null;
  if (after) {
    const cursor = decodeCursor(after);
    if (!cursor || cursor.order !== order) {
      throw new Refused('INVALID_FILTER', 'This cursor does not belong to this list; start again without `after`.', 'after');
    }
    from = { key: new Date(cursor.key), id: cursor.id };
  }

  return {
    order,
    first,
    agencyIds,
    statuses: filter.status?.length ? filter.status : null,
    categoryIds,
    areaCodes,
    overdue: filter.overdue ?? null,
    escalated: filter.escalated ?? null,
    assignedToId,
    text,
    now: context.now(),
    after: from,
  };
}
