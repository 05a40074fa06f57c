// The staff inbox as a connection of whole reports, read through Prisma: each node is
// a `Report` row (with the columns and relations the caller names), for API users who
// page the full report. The console's list reads inbox-page.ts instead, one statement
// per page. Both check and scope a request the same way (inbox-request.ts).
import { OPEN_STATUSES } from '@aduan/core';
import type { Prisma, Report } from '@aduan/prisma';
import type { WorkflowContext } from './context.js';
import { encodeCursor, type InboxFilter, type InboxRequest, resolveInboxRequest } from './inbox-request.js';

export interface InboxConnection {
  edges: { cursor: string; node: Report }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** How many reports match the filter on every page; counted only when asked for. */
  totalCount(): Promise<number>;
}

/**
 * What to load of each report: the columns and relations the caller will show, so they
 * come with the page instead of in later queries (see the inbox field). Every column
 * when not given. The keyset's own columns are always loaded.
 */
export type InboxSelection = { select?: Prisma.ReportSelect | undefined };

/** The request's conditions as a Prisma filter, without the page's position (what totalCount counts). */
function matching(request: InboxRequest): Prisma.ReportWhereInput[] {
  const and: Prisma.ReportWhereInput[] = [];
  and.push(request.agencyIds.length === 1 ? { agencyId: request.agencyIds[0]! } : { agencyId: { in: request.agencyIds } });
  if (request.statuses) and.push({ status: { in: request.statuses } });
  if (request.categoryIds) and.push({ categoryId: { in: request.categoryIds } });
  if (request.areaCodes) and.push({ jurisdictionCode: { in: request.areaCodes } });
  const open = { in: [...OPEN_STATUSES] };
  if (request.overdue === true) and.push({ status: open, dueAt: { lt: request.now } });
  if (request.overdue === false) and.push({ NOT: { status: open, dueAt: { lt: request.now } } });
  if (request.escalated === true) and.push({ status: open, escalatedAt: { not: null } });
  if (request.escalated === false) and.push({ NOT: { status: open, escalatedAt: { not: null } } });
  if (request.assignedToId !== undefined) and.push({ assignedToId: request.assignedToId });
  if (request.text) {
    const contains = { contains: request.text, mode: 'insensitive' } as const;
    and.push({ OR: [{ description: contains }, { placeText: contains }, { trackingCode: contains }] });
  }
  return and;
}

export async function inbox(
  context: Pick<WorkflowContext, 'prisma' | 'catalog' | 'viewer' | 'now'>,
  filter: InboxFilter,
  first: number,
  after: string | null | undefined,
  selection: InboxSelection = {},
): Promise<InboxConnection> {
  const request = await resolveInboxRequest(context, filter, first, after);
  const { order } = request;
  const where = matching(request);
  const and = [...where];
  if (request.after) {
    const { key, id } = request.after;
    and.push(
      order === 'NEWEST'
        ? { OR: [{ submittedAt: { lt: key } }, { submittedAt: key, id: { lt: id } }] }
        : { OR: [{ dueAt: { gt: key } }, { dueAt: key, id: { gt: id } }] },
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
    totalCount: () => context.prisma.report.count({ where: { AND: where } }),
  };
}
