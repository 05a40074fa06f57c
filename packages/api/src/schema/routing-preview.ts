// routingPreview: who would handle a report, before the resident sends it.
import { routeSubmission } from '../intake/route-submission.js';
import { checkSubmission } from '../intake/submission.js';
import { invalidInput } from '../intake/invalid-input.js';
import { builder } from './builder.js';
import { InvalidInput } from './invalid-input.js';
import { LocaleEnum } from './locale.js';
import { requestOrigin } from './request-origin.js';
import { LocationInput } from './submit-report.js';

interface Preview {
  agencyId: string;
  jurisdictionCode: string;
  reason: string;
  responseHours: number;
}

const RoutingPreview = builder.objectRef<Preview>('RoutingPreview').implement({
  description: 'Where a report with this category and place would go.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'reason' in value,
  fields: (t) => ({
    agency: t.prismaField({
      type: 'Agency',
      resolve: (query, preview, _args, context) => context.prisma.agency.findUniqueOrThrow({ ...query, where: { id: preview.agencyId } }),
    }),
    area: t.prismaField({
      type: 'Jurisdiction',
      resolve: (query, preview, _args, context) => context.prisma.jurisdiction.findUniqueOrThrow({ ...query, where: { code: preview.jurisdictionCode } }),
    }),
    reason: t.exposeString('reason', { description: 'Why, in words (English).' }),
    responseHours: t.exposeInt('responseHours', { description: 'The deadline the agency would have, in hours.' }),
  }),
});

const RoutingPreviewInput = builder.inputType('RoutingPreviewInput', {
  fields: (t) => ({
    site: t.id({ required: true }),
    category: t.string({ required: true }),
    location: t.field({ type: LocationInput }),
    jurisdictionCode: t.string(),
    locale: t.field({ type: LocaleEnum }),
  }),
});

const RoutingPreviewResult = builder.unionType('RoutingPreviewResult', {
  types: [RoutingPreview, InvalidInput],
});

builder.queryField('routingPreview', (t) =>
  t.field({
    type: RoutingPreviewResult,
    description: 'The agency and area a report would be routed to; nothing is stored.',
    args: { input: t.arg({ type: RoutingPreviewInput, required: true }) },
    resolve: async (_root, { input }, context) => {
      const locale = input.locale ?? 'ID';
      const request = {
        site: String(input.site),
        category: input.category,
        location: input.location,
        jurisdictionCode: input.jurisdictionCode,
      };
      const fieldErrors = checkSubmission({ ...request, description: 'preview' }, locale);
      if (fieldErrors.length > 0) {
        return { ...invalidInput('VALIDATION_FAILED', locale, fieldErrors[0]!.field), fields: fieldErrors };
      }
      const outcome = routeSubmission(await context.catalog.current(), request, requestOrigin(context), locale);
      if (!outcome.ok) return outcome.invalid;
      const { agency, decision } = outcome.routed;
      return {
        agencyId: agency.id,
        jurisdictionCode: decision.jurisdictionCode,
        reason: decision.reason,
        responseHours: decision.responseHours,
      };
    },
  }),
);
