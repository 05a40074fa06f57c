// The staff inbox, in two shapes over one checked and scoped request
// (workflow/inbox-request.ts), so both list the same reports to the same people:
// - `inboxPage`: the list as the console shows it, entries of plain values read in one
//   SQL statement (workflow/inbox-page.ts). Nothing below the root field loads anything;
// - `inbox`: a Relay connection of whole `Report`s (workflow/inbox.ts), for API users who
//   page the full report (reporter, photos, timeline) in one query.
import { queryFromInfo } from '@pothos/plugin-prisma';
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { inbox } from '../workflow/inbox.js';
import { inboxPage, type InboxEntry as Entry, type InboxPage as Page } from '../workflow/inbox-page.js';
import { DEFAULT_PAGE_SIZE } from '../workflow/inbox-request.js';
import { Refused } from '../workflow/errors.js';
import { builder } from './builder.js';
import { LocaleEnum, pick } from './locale.js';
import { ReportStatusEnum } from './public-report.js';
import { StaffReport } from './staff-report.js';

const InboxOrderEnum = builder.enumType('InboxOrder', {
  values: {
    NEWEST: { description: 'Latest submitted first.' },
    MOST_OVERDUE: { description: 'Earliest deadline first.' },
  } as const,
});

const InboxFilterInput = builder.inputType('InboxFilter', {
  fields: (t) => ({
    status: t.field({ type: [ReportStatusEnum], description: 'Any of these statuses.' }),
    category: t.string({ description: 'A category code.' }),
    area: t.string({ description: 'A jurisdiction code; reports in it or any area below it.' }),
    overdue: t.boolean({ description: 'Only open reports past their deadline (true), or all others (false).' }),
    text: t.string({ description: 'Case-insensitive search in description, place and tracking code.' }),
    agency: t.string({
      description: 'An agency slug: ADMIN any, others their own; a SUPERVISOR also an agency escalating to theirs, with `escalated: true`.',
    }),
    assignedTo: t.string({
      description: '`ME` (the signed-in staff member), `UNASSIGNED`, or a staff e-mail: who has the report in hand.',
    }),
    escalated: t.boolean({
      description:
        'Only open reports escalated at their agency (true), or all others (false). With true, a SUPERVISOR also sees the escalations of the agencies that escalate to theirs (read-only).',
    }),
    order: t.field({ type: InboxOrderEnum, description: 'NEWEST unless given.' }),
  }),
});

const InboxEntry = builder.objectRef<Entry>('InboxEntry').implement({
  description:
    'One report as a row of the staff inbox shows it: its own values and its category’s, area’s, agency’s and assignee’s names, flat, read with the page (nothing is loaded per field). The whole report (reporter, photos, timeline) is `report(trackingCode)`.',
  fields: (t) => ({
    cursor: t.exposeString('cursor', { description: 'Pass as `after` for the entries after this one.' }),
    trackingCode: t.exposeString('trackingCode'),
    status: t.expose('status', { type: ReportStatusEnum }),
    description: t.exposeString('description'),
    placeText: t.exposeString('placeText', { nullable: true }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime' }),
    dueAt: t.expose('dueAt', { type: 'DateTime' }),
    overdue: t.exposeBoolean('overdue', { description: 'Open and past its deadline.' }),
    escalatedAt: t.expose('escalatedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was escalated at its current agency (overdue); cleared by a reroute.',
    }),
    categoryCode: t.exposeString('categoryCode'),
    categoryName: t.string({
      description: 'In Bahasa Indonesia unless another locale is given.',
      args: { locale: t.arg({ type: LocaleEnum }) },
      resolve: (entry, args) => pick(args.locale ?? undefined, entry.categoryNameId, entry.categoryNameEn),
    }),
    areaCode: t.exposeString('areaCode', { description: 'The official code of the area it was routed by, e.g. 53.71.04.1001.' }),
    areaDisplayName: t.exposeString('areaDisplayName', { description: 'That area’s name with its kind, e.g. "Kelurahan Oebobo".' }),
    timeZone: t.exposeString('timeZone', { description: 'The IANA time zone its dates are shown in (its area’s).' }),
    agencySlug: t.exposeString('agencySlug', { description: 'The agency it is with.' }),
    agencyName: t.exposeString('agencyName', { description: 'Its full name.' }),
    agencyShortName: t.exposeString('agencyShortName', { nullable: true, description: 'The name staff know it by, when it has one.' }),
    assigneeName: t.exposeString('assigneeName', { nullable: true, description: 'Who has it in hand; null while nobody does.' }),
    assigneeEmail: t.exposeString('assigneeEmail', { nullable: true }),
  }),
});

const InboxPage = builder.objectRef<Page>('InboxPage').implement({
  description: 'A page of the staff inbox: its entries in order, where it ends, and how many reports match.',
  fields: (t) => ({
    entries: t.expose('entries', { type: [InboxEntry] }),
    pageInfo: t.expose('pageInfo', { type: builder.pageInfoRef() }),
    totalCount: t.int({
      description: 'How many reports match the filter, on every page.',
      // Counted in the page's own statement whenever the query names this field (see inboxPage).
      resolve: (page) => page.totalCount!,
    }),
  }),
});

/** Whether the query selects `name` on this field's result, through fragments too (@skip/@include aside: reading too much is only slower). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const within = (set: SelectionSetNode | undefined): boolean =>
    set?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      return within(selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : info.fragments[selection.name.value]?.selectionSet);
    }) === true;
  return info.fieldNodes.some((node) => within(node.selectionSet));
}

const SCOPE = 'the viewer’s agency (ADMIN: every agency of their city; with `escalated: true` a SUPERVISOR also gets the agencies escalating to theirs)';
const REFUSALS = 'A bad filter or cursor, or `first` outside 1–100, is an error with extensions.code INVALID_FILTER or UNKNOWN_AGENCY.';

builder.queryField('inboxPage', (t) =>
  t.field({
    type: InboxPage,
    authScopes: { staff: true },
    description: `The staff inbox as a list shows it: reports of ${SCOPE}, keyset-paginated forward (pass \`pageInfo.endCursor\` as \`after\`), each entry read with the page in one statement. The same reports, order, cursors and count as \`inbox\`. ${REFUSALS}`,
    args: {
      filter: t.arg({ type: InboxFilterInput }),
      first: t.arg.int({ description: `How many (1 to 100; ${DEFAULT_PAGE_SIZE} unless given).` }),
      after: t.arg.string({ description: 'The `pageInfo.endCursor` of the page before (or an entry’s `cursor`).' }),
    },
    // A bad filter is a Refused, answered as an error with its code and field (server/graphql.ts).
    resolve: (_root, args, context, info) =>
      inboxPage(context, args.filter ?? {}, args.first ?? DEFAULT_PAGE_SIZE, args.after, {
        entries: selects(info, 'entries') || selects(info, 'pageInfo'),
        count: selects(info, 'totalCount'),
      }),
  }),
);

builder.queryField('inbox', (t) =>
  t.connection(
    {
      type: StaffReport,
      authScopes: { staff: true },
      description: `Reports of ${SCOPE} as whole \`Report\`s, keyset-paginated forward: pass \`pageInfo.endCursor\` as \`after\`; \`totalCount\` counts every match. For a list, \`inboxPage\` answers the same for much less. ${REFUSALS} So is \`last\` or \`before\`.`,
      args: { filter: t.arg({ type: InboxFilterInput }) },
      resolve: async (_root, args, context, info) => {
        if (args.last != null || args.before != null)
          throw new Refused('INVALID_FILTER', 'The inbox pages forward only: give `first` and `after`.', args.last != null ? 'last' : 'before');
        // The nodes' relations (category, area, assignee…) as the query asks for them, loaded
        // with the page: otherwise each is fetched again after it, row by row.
        const selection = queryFromInfo({ context, info, typeName: 'Report', path: ['edges', 'node'] });
        return inbox(context, args.filter ?? {}, args.first ?? DEFAULT_PAGE_SIZE, args.after, { select: selection.select });
      },
    },
    {
      name: 'ReportConnection',
      fields: (c) => ({
        totalCount: c.int({ description: 'How many reports match the filter, on every page.', resolve: (connection) => connection.totalCount() }),
      }),
    },
    { name: 'ReportEdge' },
  ),
);
