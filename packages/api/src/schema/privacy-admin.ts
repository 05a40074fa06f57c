// A resident's request about their personal data, carried out by an ADMIN of the report's
// city from the console: everything Aduan holds about the report as JSON, or the
// reporter's contact, exact point and photos erased — the same functions as `aduan
// privacy export|erase`, each recorded in the city's audit log (without the data).
import type { Prisma } from '@aduan/prisma';
import { createGraphQLError } from 'graphql-yoga';
import { eraseReporterData, exportReport, PrivacyError } from '../privacy/requests.js';
import { findReport } from '../workflow/load.js';
import { builder } from './builder.js';
import type { Context } from './context.js';

/** The report, when the ADMIN's powers cover it; a typed error otherwise (an unknown code and another city's answer alike). */
async function reportOfCity(context: Context, trackingCode: string) {
  const report = await findReport(context, trackingCode);
  if (!report || !context.viewer!.actsFor.has(report.agencyId)) {
    throw createGraphQLError(`Your city has no report "${trackingCode}".`, { extensions: { code: 'UNKNOWN_REPORT' } });
  }
  return report;
}

async function audit(context: Context, action: string, subject: string, after: Prisma.InputJsonObject) {
  await context.prisma.auditEntry.create({ data: { actor: context.viewer!.actor, cityCode: context.viewer!.area, action, subject, after } });
}

builder.mutationField('exportReportData', (t) =>
  t.string({
    authScopes: { admin: true },
    description:
      'ADMIN: everything Aduan holds about a report of your city and its reporter, as JSON text, for the resident who asked. A mutation because it is recorded in the audit log. UNKNOWN_REPORT for a code not of your city.',
    args: { trackingCode: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const report = await reportOfCity(context, args.trackingCode);
      const data = await exportReport(context.prisma, context.catalog, report.trackingCode);
      await audit(context, 'privacy.export', report.trackingCode, { exported: true });
      return JSON.stringify(data, null, 2);
    },
  }),
);

const Erasure = builder.objectRef<{ trackingCode: string; contactErased: boolean; photosErased: number }>('ReporterDataErased').implement({
  description: 'The reporter’s contact, exact point, words and photos are gone; the report stays, anonymous.',
  fields: (t) => ({
    trackingCode: t.exposeString('trackingCode'),
    contactErased: t.exposeBoolean('contactErased', { description: 'False when no contact was held.' }),
    photosErased: t.exposeInt('photosErased'),
  }),
});

builder.mutationField('eraseReporterData', (t) =>
  t.field({
    type: Erasure,
    authScopes: { admin: true },
    description:
      'ADMIN: erases the personal data of a report of your city at its reporter’s request; cannot be undone. UNKNOWN_REPORT for a code not of your city.',
    args: { trackingCode: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const report = await reportOfCity(context, args.trackingCode);
      if (!context.photoStorage)
        throw createGraphQLError('This server keeps no photos, so it cannot erase them here; use `aduan privacy erase`.', {
          extensions: { code: 'PHOTOS_UNAVAILABLE' },
        });
      try {
        const erased = await eraseReporterData(
          context.ledger,
          context.catalog,
          context.photoStorage,
          report.trackingCode,
          context.now(),
          context.viewer!.actor,
        );
        await audit(context, 'privacy.erase', report.trackingCode, { contactErased: erased.contactErased, photosErased: erased.photosErased });
        return erased;
      } catch (error) {
        if (error instanceof PrivacyError) throw createGraphQLError(error.message, { extensions: { code: 'UNKNOWN_REPORT' } });
        throw error;
      }
    },
  }),
);
