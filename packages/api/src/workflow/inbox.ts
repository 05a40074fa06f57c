// The staff inbox: keyset pagination, so a page boundary never shifts when reports
// arrive or change between requests. NEWEST orders by (submittedAt desc, id desc);
// MOST_OVERDUE by (dueAt asc, id asc) — the earliest deadline first. The cursor is
// the last row's (key, id), base64url JSON, tied to its order. Filters only add
// conditions, so they never disturb the keyset.
import { OPEN_STATUSES, type ReportStatus } from '@aduan/core';
import type { Prisma, Report } from '@aduan/prisma';
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

export interface InboxPage {
  edges: { cursor: string; node: Report }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** How many reports match the filter on every page; counted only when asked for. */
  totalCount(): Promise<number>;
}

interface Cursor {
  order: InboxOrder;
  key: string;
  id: string;
}

function encodeCursor(order: InboxOrder, report: Report): string {
  const key = (order === 'NEWEST' ? report.submittedAt : report.dueAt).toISOString();
  return Buffer.from(JSON.stringify([order, key, report.id])).toString('base64url');
}

function decodeCursor(cursor: string): Cursor | null {
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
 * What to load of each report: the columns and relations the caller will show, so they
 * come with the page instead of in later queries (see the inbox field). Every column
 * when not given. The keyset's own columns are always loaded.
 */
export type InboxSelection = { select?: Prisma.ReportSelect | undefined };

export async function inbox(
  context: Pick<WorkflowContext, 'prisma' | 'catalog' | 'viewer' | 'now'>,
  filter: InboxFilter,
  first: number,
  after: string | null | undefined,
  selection: InboxSelection = {},
): Promise<InboxPage> {
  const viewer = context.viewer;
  if (!viewer) throw AccessDenied.for(viewer);
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    throw new Refused('INVALID_FILTER', '`first` must be between 1 and 100.', 'first');
  }
  const order: InboxOrder = filter.order ?? 'NEWEST';
  const and: Prisma.ReportWhereInput[] = [];

  // A SUPERVISOR's escalations view also covers the agencies escalating to theirs (read-only there).
  const overseen = filter.escalated === true ? await overseenAgencyIds(context.prisma, viewer) : [];
  if (filter.agency) {
    const agency = await context.prisma.agency.findUnique({ where: { slug: filter.agency }, select: { id: true } });
    if (!agency) throw new Refused('UNKNOWN_AGENCY', `There is no agency "${filter.agency}".`, 'filter.agency');
    if (!viewer.actsFor.has(agency.id) && !overseen.includes(agency.id)) throw AccessDenied.for(viewer);
    and.push({ agencyId: agency.id });
  } else if (viewer.role === 'ADMIN') {
    and.push({ agencyId: { in: [...viewer.actsFor] } });
  } else {
    and.push(overseen.length ? { agencyId: { in: [viewer.agencyId, ...overseen] } } : { agencyId: viewer.agencyId });
  }
  if (filter.status?.length) and.push({ status: { in: filter.status } });
  if (filter.category) {
    // A code names a category in each city that has one: an admin's inbox may span cities.
    const categories = (await context.catalog.current()).categoriesWithCode(filter.category);
    if (categories.length === 0) throw new Refused('INVALID_FILTER', `There is no category "${filter.category}".`, 'filter.category');
    and.push({ categoryId: { in: categories.map((c) => c.id) } });
  }
  if (filter.area) {
    const codes = areaAndBelow((await context.catalog.current()).index, filter.area);
    if (!codes) throw new Refused('INVALID_FILTER', `There is no area "${filter.area}".`, 'filter.area');
    and.push({ jurisdictionCode: { in: codes } });
  }
  const now = context.now();
  if (filter.overdue === true) and.push({ status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } });
  if (filter.overdue === false) and.push({ NOT: { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } } });
  if (filter.escalated === true) and.push({ status: { in: [...OPEN_STATUSES] }, escalatedAt: { not: null } });
  if (filter.escalated === false) and.push({ NOT: { status: { in: [...OPEN_STATUSES] }, escalatedAt: { not: null } } });
  const assignedTo = filter.assignedTo?.trim();
  if (assignedTo) {
    const upper = assignedTo.toUpperCase();
    if (upper === 'UNASSIGNED') {
      and.push({ assignedToId: null });
    } else if (upper === 'ME') {
      if (!viewer.accountId) {
        throw new Refused('INVALID_FILTER', 'An API token has no reports of its own; give a staff e-mail.', 'filter.assignedTo');
      }
      and.push({ assignedToId: viewer.accountId });
    } else {
      const email = normalizeEmail(assignedTo);
      const account = email.length <= 254 ? await context.prisma.staffAccount.findUnique({ where: { email }, select: { id: true, agencyId: true } }) : null;
      // Accounts of agencies the viewer cannot see answer like unknown ones.
      const visible = account && (viewer.actsFor.has(account.agencyId) || overseen.includes(account.agencyId));
      if (!visible) {
        throw new Refused('INVALID_FILTER', 'Give ME, UNASSIGNED or the e-mail of a staff member of an agency you can see.', 'filter.assignedTo');
      }
      and.push({ assignedToId: account.id });
    }
  }
  const text = filter.text?.trim();
  if (text) {
    if (text.length > 200) throw new Refused('INVALID_FILTER', 'Search at most 200 characters.', 'filter.text');
    and.push({
      OR: [
        { description: { contains: text, mode: 'insensitive' } },
        { placeText: { contains: text, mode: 'insensitive' } },
        { trackingCode: { contains: text, mode: 'insensitive' } },
      ],
    });
  }
  // Counting needs the filter alone, not the page's position.
  const matching: Prisma.ReportWhereInput = { AND: [...and] };
  if (after) {
    const cursor = decodeCursor(after);
    if (!cursor || cursor.order !== order) {
      throw new Refused('INVALID_FILTER', 'This cursor does not belong to this list; start again without `after`.', 'after');
    }
    const key = new Date(cursor.key);
    and.push(
      order === 'NEWEST'
        ? { OR: [{ submittedAt: { lt: key } }, { submittedAt: key, id: { lt: cursor.id } }] }
        : { OR: [{ dueAt: { gt: key } }, { dueAt: key, id: { gt: cursor.id } }] },
    );
  }
  const orderBy: Prisma.ReportOrderByWithRelationInput[] = order === 'NEWEST' ? [{ submittedAt: 'desc' }, { id: 'desc' }] : [{ dueAt: 'asc' }, { id: 'asc' }];
  const select = selection.select ? { ...selection.select, id: true, submittedAt: true, dueAt: true } : undefined;
  // With a selection the rows hold what it names, which is all the caller reads.
  const rows = (await context.prisma.report.findMany({ where: { AND: and }, orderBy, take: first + 1, ...(select ? { select } : {}) })) as Report[];
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(order, node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: () => context.prisma.report.count({ where: matching }),
  };
}
