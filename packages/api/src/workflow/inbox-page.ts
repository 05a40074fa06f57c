// The staff inbox as the console lists it, a page in one SQL statement: each entry
// carries what a row of the list shows, its category's, area's, agency's and assignee's
// names beside its own columns, built as JSON by the database; the whole page with its
// count comes back as one value. No row goes through Prisma's model layer or Pothos's
// field mapping. The request is checked and scoped exactly as the Report connection's
// (inbox-request.ts); this module only turns it into SQL.
import { isOverdue, OPEN_STATUSES, type ReportStatus } from '@aduan/core';
import { Prisma } from '@aduan/prisma';
import { jurisdictionDisplayName } from '../jurisdictions/display-name.js';
import type { WorkflowContext } from './context.js';
import { encodeCursor, type InboxFilter, type InboxOrder, type InboxRequest, resolveInboxRequest } from './inbox-request.js';

/** One report as a row of the inbox list shows it: its own columns and its relations' names, flat. */
export interface InboxEntry {
  /** Where the list continues after this entry (as `after`). */
  readonly cursor: string;
  trackingCode: string;
  status: ReportStatus;
  description: string;
  placeText: string | null;
  submittedAt: Date;
  dueAt: Date;
  overdue: boolean;
  escalatedAt: Date | null;
  categoryCode: string;
  categoryNameId: string;
  categoryNameEn: string;
  areaCode: string;
  /** "Kelurahan Oebobo". */
  areaDisplayName: string;
  /** The IANA zone the area's dates are shown in. */
  timeZone: string;
  agencySlug: string;
  agencyName: string;
  agencyShortName: string | null;
  assigneeName: string | null;
  assigneeEmail: string | null;
}

export interface InboxPage {
  entries: InboxEntry[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  /** How many reports match the filter on every page; null unless it was asked for. */
  totalCount: number | null;
}

/** A row as the statement gives it: times in epoch milliseconds, the relations' columns beside the report's. */
interface Row {
  id: string;
  trackingCode: string;
  status: ReportStatus;
  description: string;
  placeText: string | null;
  submittedAt: number;
  dueAt: number;
  escalatedAt: number | null;
  categoryCode: string;
  categoryNameId: string;
  categoryNameEn: string;
  areaCode: string;
  areaName: string;
  areaKind: string;
  agencySlug: string;
  agencyName: string;
  agencyShortName: string | null;
  assigneeName: string | null;
  assigneeEmail: string | null;
}

/** A row as an entry of a page in `order`; its cursor is made only when read (a list rarely reads one). */
function entryOf(row: Row, order: InboxOrder, now: Date, timeZone: string): InboxEntry {
  const submittedAt = new Date(row.submittedAt);
  const dueAt = new Date(row.dueAt);
  return {
    get cursor() {
      return encodeCursor(order, { id: row.id, submittedAt, dueAt });
    },
    trackingCode: row.trackingCode,
    status: row.status,
    description: row.description,
    placeText: row.placeText,
    submittedAt,
    dueAt,
    overdue: isOverdue(dueAt, row.status, now),
    escalatedAt: row.escalatedAt === null ? null : new Date(row.escalatedAt),
    categoryCode: row.categoryCode,
    categoryNameId: row.categoryNameId,
    categoryNameEn: row.categoryNameEn,
    areaCode: row.areaCode,
    areaDisplayName: jurisdictionDisplayName({ name: row.areaName, kind: row.areaKind }),
    timeZone,
    agencySlug: row.agencySlug,
    agencyName: row.agencyName,
    agencyShortName: row.agencyShortName,
    assigneeName: row.assigneeName,
    assigneeEmail: row.assigneeEmail,
  };
}

const OPEN = [...OPEN_STATUSES];

/**
 * Statuses as the column's enum array. Sent as text[], a type every driver knows how to send
 * as an array: PGlite does not, for an enum array created after it started (a new database).
 */
const statuses = (list: readonly ReportStatus[]) => Prisma.sql`${list}::text[]::"ReportStatus"[]`;

/** A JavaScript time as the database's `timestamp(3)` (UTC, whatever the session's zone). */
const timestamp = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** The request's conditions on report `r`, without the page's position (what totalCount counts). */
function matching(request: InboxRequest): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`r."agencyId" = ANY(${request.agencyIds}::text[])`];
  if (request.statuses) and.push(Prisma.sql`r.status = ANY(${statuses(request.statuses)})`);
  if (request.categoryIds) and.push(Prisma.sql`r."categoryId" = ANY(${request.categoryIds}::text[])`);
  if (request.areaCodes) and.push(Prisma.sql`r."jurisdictionCode" = ANY(${request.areaCodes}::text[])`);
  const open = Prisma.sql`r.status = ANY(${statuses(OPEN)})`;
  if (request.overdue !== null) {
    const overdue = Prisma.sql`(${open} AND r."dueAt" < ${timestamp(request.now)})`;
    and.push(request.overdue ? overdue : Prisma.sql`NOT ${overdue}`);
  }
  if (request.escalated !== null) {
    const escalated = Prisma.sql`(${open} AND r."escalatedAt" IS NOT NULL)`;
    and.push(request.escalated ? escalated : Prisma.sql`NOT ${escalated}`);
  }
  if (request.assignedToId === null) and.push(Prisma.sql`r."assignedToId" IS NULL`);
  else if (request.assignedToId !== undefined) and.push(Prisma.sql`r."assignedToId" = ${request.assignedToId}`);
  if (request.text) {
    // As the connection's Prisma `contains` (insensitive) is sent, wildcards included.
    const like = Prisma.sql`('%' || ${request.text} || '%')`;
    and.push(Prisma.sql`(r.description ILIKE ${like} OR r."placeText" ILIKE ${like} OR r."trackingCode" ILIKE ${like})`);
  }
  return Prisma.join(and, ' AND ');
}

/** Where the previous page ended, in the order's keyset. */
function position(request: InboxRequest): Prisma.Sql | null {
  if (!request.after) return null;
  const key = timestamp(request.after.key);
  const { id } = request.after;
  return request.order === 'NEWEST'
    ? Prisma.sql`(r."submittedAt" < ${key} OR (r."submittedAt" = ${key} AND r.id < ${id}))`
    : Prisma.sql`(r."dueAt" > ${key} OR (r."dueAt" = ${key} AND r.id > ${id}))`;
}

/** Each order over the report table (`r`) and over the page read from it (`p`). */
const ORDER = {
  NEWEST: { report: Prisma.sql`r."submittedAt" DESC, r.id DESC`, page: Prisma.sql`p."submittedAt" DESC, p.id DESC` },
  MOST_OVERDUE: { report: Prisma.sql`r."dueAt" ASC, r.id ASC`, page: Prisma.sql`p."dueAt" ASC, p.id ASC` },
} as const;

/** Times leave as epoch milliseconds: exact, with no time zone to misread on the way. */
const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::bigint`;

/** What a caller reads of a page: the count costs a count of every match. */
export interface InboxPageParts {
  entries: boolean;
  count: boolean;
}

/** The count and the page as one JSON value, each when asked: one statement, one row. */
function statement(request: InboxRequest, parts: InboxPageParts): Prisma.Sql {
  const where = matching(request);
  const total = parts.count ? Prisma.sql`(SELECT count(*) FROM "Report" r WHERE ${where})::int` : Prisma.sql`NULL::int`;
  if (!parts.entries) return Prisma.sql`SELECT ${total} AS "totalCount", '[]'::json AS rows`;
  const after = position(request);
  const orderBy = ORDER[request.order];
  return Prisma.sql`
    SELECT ${total} AS "totalCount", (
      SELECT coalesce(json_agg(json_build_object(
        'id', p.id,
        'trackingCode', p."trackingCode",
        'status', p.status,
        'description', p.description,
        'placeText', p."placeText",
        'submittedAt', ${epochMs(Prisma.sql`p."submittedAt"`)},
        'dueAt', ${epochMs(Prisma.sql`p."dueAt"`)},
        'escalatedAt', ${epochMs(Prisma.sql`p."escalatedAt"`)},
        'categoryCode', c.code, 'categoryNameId', c."nameId", 'categoryNameEn', c."nameEn",
        'areaCode', j.code, 'areaName', j.name, 'areaKind', j.kind,
        'agencySlug', a.slug, 'agencyName', a.name, 'agencyShortName', a."shortName",
        'assigneeName', s.name, 'assigneeEmail', s.email
      ) ORDER BY ${orderBy.page}), '[]'::json)
      FROM (
        SELECT r.id, r."trackingCode", r.status, r.description, r."placeText", r."submittedAt", r."dueAt", r."escalatedAt",
               r."categoryId", r."jurisdictionCode", r."agencyId", r."assignedToId"
        FROM "Report" r
        WHERE ${after ? Prisma.sql`${where} AND ${after}` : where}
        ORDER BY ${orderBy.report}
        LIMIT ${request.first + 1}
      ) p
      JOIN "Category" c ON c.id = p."categoryId"
      JOIN "Jurisdiction" j ON j.code = p."jurisdictionCode"
      JOIN "Agency" a ON a.id = p."agencyId"
      LEFT JOIN "StaffAccount" s ON s.id = p."assignedToId"
    ) AS rows`;
}

/**
 * A page of `viewer`'s inbox: the same reports, order, cursors and count as the Report
 * connection (inbox.ts) for the same filter, refused the same way; only the `parts` asked
 * for are read (the filter is checked either way).
 */
export async function inboxPage(
  context: Pick<WorkflowContext, 'prisma' | 'catalog' | 'viewer' | 'now'>,
  filter: InboxFilter,
  first: number,
  after: string | null | undefined,
  parts: InboxPageParts,
): Promise<InboxPage> {
  const request = await resolveInboxRequest(context, filter, first, after);
  const [result] = await context.prisma.$queryRaw<{ totalCount: number | null; rows: Row[] }[]>(statement(request, parts));
  const rows = result?.rows ?? [];
  const catalog = await context.catalog.current();
  const now = context.now();
  const entries = rows.slice(0, first).map((row) => entryOf(row, request.order, now, catalog.timeZoneOf(row.areaCode)));
  return {
    entries,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: Boolean(after),
      startCursor: entries[0]?.cursor ?? null,
      endCursor: entries.at(-1)?.cursor ?? null,
    },
    totalCount: result?.totalCount ?? null,
  };
}
