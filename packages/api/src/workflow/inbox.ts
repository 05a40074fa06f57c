// The staff inbox: keyset pagination, so a page boundary never shifts when reports
// arrive or change between requests. NEWEST orders by (submittedAt desc, id desc);
// MOST_OVERDUE by (dueAt asc, id asc) — the earliest deadline first. The cursor is
// the last row's (key, id), base64url JSON, tied to its order.
import { OPEN_STATUSES, type ReportStatus } from '@aduan/core';
import type { Prisma, Report } from '@aduan/prisma';
import type { InvalidInput } from '../intake/invalid-input.js';
import { forbidden, type Context } from '../schema/context.js';
import { refusal } from '../schema/refusal.js';

export type InboxOrder = 'NEWEST' | 'MOST_OVERDUE';

export interface InboxFilter {
  status?: ReportStatus[] | null | undefined;
  category?: string | null | undefined;
  area?: string | null | undefined;
  overdue?: boolean | null | undefined;
  text?: string | null | undefined;
  agency?: string | null | undefined;
  order?: InboxOrder | null | undefined;
}

export interface InboxPage {
  edges: { cursor: string; node: Report }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
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

type Refused = { ok: false; invalid: InvalidInput };

/** The codes of `area` and every area below it, from the routing catalogue's hierarchy. */
async function areaAndBelow(context: Context, area: string): Promise<string[] | null> {
  const { index } = await context.catalog.current();
  if (!index.get(area)) return null;
  const codes: string[] = [];
  const queue = [area];
  while (queue.length) {
    const code = queue.pop()!;
    codes.push(code);
    for (const child of index.children(code)) queue.push(child.code);
  }
  return codes;
}

export async function inbox(
  context: Context,
  filter: InboxFilter,
  first: number,
  after: string | null | undefined,
): Promise<{ ok: true; page: InboxPage } | Refused> {
  const viewer = context.viewer;
  if (!viewer) throw forbidden(viewer);
  if (!Number.isInteger(first) || first < 1 || first > 100) {
    return { ok: false, invalid: refusal('INVALID_FILTER', '`first` must be between 1 and 100.', 'first') };
  }
  const order: InboxOrder = filter.order ?? 'NEWEST';
  const and: Prisma.ReportWhereInput[] = [];

  if (filter.agency) {
    const agency = await context.prisma.agency.findUnique({ where: { slug: filter.agency }, select: { id: true } });
    if (!agency) return { ok: false, invalid: refusal('UNKNOWN_AGENCY', `There is no agency "${filter.agency}".`, 'filter.agency') };
    if (viewer.role !== 'ADMIN' && agency.id !== viewer.agencyId) throw forbidden(viewer);
    and.push({ agencyId: agency.id });
  } else if (viewer.role !== 'ADMIN') {
    and.push({ agencyId: viewer.agencyId });
  }
  if (filter.status?.length) and.push({ status: { in: filter.status } });
  if (filter.category) {
    const category = (await context.catalog.current()).categoriesByCode.get(filter.category);
    if (!category) return { ok: false, invalid: refusal('INVALID_FILTER', `There is no category "${filter.category}".`, 'filter.category') };
    and.push({ categoryId: category.id });
  }
  if (filter.area) {
    const codes = await areaAndBelow(context, filter.area);
    if (!codes) return { ok: false, invalid: refusal('INVALID_FILTER', `There is no area "${filter.area}".`, 'filter.area') };
    and.push({ jurisdictionCode: { in: codes } });
  }
  const now = context.now();
  if (filter.overdue === true) and.push({ status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } });
  if (filter.overdue === false) and.push({ NOT: { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } } });
  const text = filter.text?.trim();
  if (text) {
    if (text.length > 200) return { ok: false, invalid: refusal('INVALID_FILTER', 'Search at most 200 characters.', 'filter.text') };
    and.push({
      OR: [
        { description: { contains: text, mode: 'insensitive' } },
        { placeText: { contains: text, mode: 'insensitive' } },
        { trackingCode: { contains: text, mode: 'insensitive' } },
      ],
    });
  }
  if (after) {
    const cursor = decodeCursor(after);
    if (!cursor || cursor.order !== order) {
      return { ok: false, invalid: refusal('INVALID_FILTER', 'This cursor does not belong to this list; start again without `after`.', 'after') };
    }
    const key = new Date(cursor.key);
    and.push(
      order === 'NEWEST'
        ? { OR: [{ submittedAt: { lt: key } }, { submittedAt: key, id: { lt: cursor.id } }] }
        : { OR: [{ dueAt: { gt: key } }, { dueAt: key, id: { gt: cursor.id } }] },
    );
  }
  const orderBy: Prisma.ReportOrderByWithRelationInput[] =
    order === 'NEWEST' ? [{ submittedAt: 'desc' }, { id: 'desc' }] : [{ dueAt: 'asc' }, { id: 'asc' }];
  const rows = await context.prisma.report.findMany({ where: { AND: and }, orderBy, take: first + 1 });
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(order, node), node }));
  return { ok: true, page: { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } } };
}
