// Who has a report in hand: `assignReport`, and `agencyStaff` for the picker.
import { createGraphQLError } from 'graphql-yoga';
import { assignReport } from '../workflow/assign.js';
import { AccessDenied } from '../workflow/errors.js';
import { builder } from './builder.js';
import { StaffMember } from './staff-report.js';
import { staffResult, UpdateReportResult } from './workflow.js';

builder.mutationField('assignReport', (t) =>
  t.field({
    type: UpdateReportResult,
    authScopes: { staff: true },
    description:
      'Gives a report to a staff member of its agency (`assignee`: their e-mail), or to nobody (null). A SUPERVISOR of the agency or an ADMIN may assign anyone; a STAFF member may only take an unassigned report or give up their own (else FORBIDDEN). Refusals: UNKNOWN_REPORT, UNKNOWN_ASSIGNEE, ALREADY_ASSIGNED, NOT_ASSIGNED, INVALID_TRANSITION (closed). Writes an internal ASSIGNED event; the assignee is mailed when someone else assigned it.',
    args: {
      trackingCode: t.arg.string({ required: true }),
      assignee: t.arg.string({ description: 'A staff e-mail of the report’s agency; null or absent to unassign.' }),
    },
    resolve: (_root, args, context) => staffResult(assignReport(context, args)),
  }),
);

builder.queryField('agencyStaff', (t) =>
  t.field({
    type: [StaffMember],
    authScopes: { supervisor: true },
    description:
      'The active staff accounts of an agency, by name, for choosing an assignee: a SUPERVISOR’s own agency, or (ADMIN) any agency by slug. Another agency is FORBIDDEN; an unknown slug is an error with extensions.code UNKNOWN_AGENCY.',
    args: { agency: t.arg.string({ description: 'An agency slug; the viewer’s own agency unless given.' }) },
    resolve: async (_root, args, context) => {
      const viewer = context.viewer!;
      let agencyId = viewer.agencyId;
      if (args.agency) {
        const agency = await context.prisma.agency.findUnique({ where: { slug: args.agency }, select: { id: true } });
        if (!agency) {
          throw createGraphQLError(`There is no agency "${args.agency}".`, { extensions: { code: 'UNKNOWN_AGENCY', field: 'agency' } });
        }
        if (!viewer.actsFor.has(agency.id)) throw AccessDenied.for(viewer);
        agencyId = agency.id;
      }
      return context.prisma.staffAccount.findMany({
        where: { agencyId, disabledAt: null },
        select: { name: true, email: true },
        orderBy: [{ name: 'asc' }, { email: 'asc' }],
      });
    },
  }),
);
