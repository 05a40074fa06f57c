// submitReport: a resident's report in, a tracking code out.
import type { Prisma, Report } from '@aduan/prisma';
import { queryFromInfo } from '@pothos/plugin-prisma';
import { submitReport } from '../intake/submit-report.js';
import { requestOrigin } from './request-origin.js';
import { builder } from './builder.js';
import { countAccepted, rateLimit, refuseWhenUsedUp } from './rate-limit.js';
import { InvalidInput } from './invalid-input.js';
import { LocaleEnum } from './locale.js';
import { PublicReport } from './public-report.js';

export const LocationInput = builder.inputType('LocationInput', {
  description: 'A point in WGS84 degrees, as a phone reports it.',
  fields: (t) => ({
    lat: t.float({ required: true }),
    lng: t.float({ required: true }),
  }),
});

const ReporterInput = builder.inputType('ReporterInput', {
  description: 'Optional contact, seen only by the agency. Leave it out to report anonymously.',
  fields: (t) => ({
    name: t.string(),
    email: t.string(),
    phone: t.string(),
  }),
});

const SubmitReportInput = builder.inputType('SubmitReportInput', {
  fields: (t) => ({
    site: t.id({ required: true, description: 'The site key from the embed code.' }),
    category: t.string({ required: true, description: 'A category code from `categories`.' }),
    description: t.string({ required: true, description: 'What is wrong, in the resident’s words (5–5,000 characters).' }),
    location: t.field({ type: LocationInput, description: 'Where it is; or give `jurisdictionCode` instead.' }),
    jurisdictionCode: t.string({ description: 'The kelurahan the resident picked, when there is no point.' }),
    placeText: t.string({ description: 'A landmark or street, e.g. "in front of the market".' }),
    reporter: t.field({ type: ReporterInput }),
    locale: t.field({ type: LocaleEnum, description: 'The language for messages; Indonesian by default.' }),
    idempotencyKey: t.string({
      description:
        'Sending the same report again with the same key returns the same report, never a duplicate. The key is bound to what was sent with it: a different report under a used key is refused (IDEMPOTENCY_KEY_REUSED).',
    }),
    residentKeyHash: t.string({
      description:
        'The base64url SHA-256 of a key of at least 128 random bits that the client made and keeps (with the tracking code): acting as the reporter (`reopenReport`, `confirmResolved`) needs the key. Without it the server makes a key and returns it once in `ReportSubmitted.residentKey`.',
    }),
    photos: t.field({
      type: ['File'],
      description:
        'Up to 3 photos (JPEG, PNG or WebP by content, at most 8 MB each), sent by the GraphQL multipart request spec. They are re-encoded without metadata (no GPS position) and seen by agency staff only, never in `PublicReport`.',
    }),
    proofOfWork: t.string({
      description:
        'When `proofOfWorkChallenge` is not null: base64 of the JSON `{ "challenge": …, "solution": { "counter": n, "derivedKey": "…" } }` (ALTCHA v2). Each solution lets in one report.',
    }),
    leaveBlank: t.string({
      description: 'A honeypot for form-filling bots: forms keep it hidden and empty; anything in it refuses the report (LOOKS_AUTOMATED).',
    }),
  }),
});

const ReportSubmitted = builder.objectRef<{ report: Report; replayed: boolean; photoCount: number; residentKey: string | null }>('ReportSubmitted').implement({
  description: 'The report was stored and routed.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'report' in value,
  fields: (t) => ({
    report: t.field({ type: PublicReport, resolve: (result) => result.report }),
    replayed: t.exposeBoolean('replayed', {
      description: 'True when this idempotency key had already been used and the earlier report is returned.',
    }),
    photoCount: t.exposeInt('photoCount', {
      description: 'How many photos are stored with the report (only staff can see them).',
    }),
    residentKey: t.exposeString('residentKey', {
      nullable: true,
      description:
        'The key that lets the reporter reopen the report or confirm it resolved, made by the server when the input had no `residentKeyHash`. Shown this once (null on a replay, and when the client sent a hash): keep it with the tracking code.',
    }),
  }),
});

const SubmitReportResult = builder.unionType('SubmitReportResult', {
  types: [ReportSubmitted, InvalidInput],
});

builder.mutationField('submitReport', (t) =>
  t.field({
    type: SubmitReportResult,
    description: 'Stores a report, routes it to the responsible agency and returns its tracking code.',
    args: { input: t.arg({ type: SubmitReportInput, required: true }) },
    resolve: async (_root, { input }, context, info) => {
      // The sender's address pays for every attempt; the site's quota only for accepted reports.
      await rateLimit(context, 'submit.address');
      await refuseWhenUsedUp(context, 'submit.site', String(input.site));
      const outcome = await submitReport(
        { ledger: context.ledger, catalog: context.catalog, photoStorage: context.photoStorage, now: context.now, proofOfWork: context.proofOfWork },
        { ...input, site: String(input.site) },
        requestOrigin(context),
        { include: relationsShown(queryFromInfo({ context, info, typeName: 'PublicReport', path: [{ name: 'report', type: 'ReportSubmitted' }] }).select) },
      );
      if (!outcome.ok) return outcome.invalid;
      if (!outcome.replayed) await countAccepted(context, 'submit.site', String(input.site));
      return { report: outcome.report, replayed: outcome.replayed, photoCount: outcome.photoCount, residentKey: outcome.residentKey };
    },
  }),
);

/**
 * The relations in a Pothos selection of a report, as Prisma `include`: the new report's
 * columns all come back anyway, and with these its answer needs no further query.
 */
function relationsShown(select: Prisma.ReportSelect | undefined): Prisma.ReportInclude | undefined {
  if (!select) return undefined;
  const include = Object.fromEntries(Object.entries(select).filter(([, value]) => typeof value === 'object' && value !== null));
  return Object.keys(include).length > 0 ? (include as Prisma.ReportInclude) : undefined;
}

const ProofOfWorkChallenge = builder.objectRef<{ challenge: unknown }>('ProofOfWorkChallenge').implement({
  description: 'A challenge for the browser to solve before submitReport (ALTCHA v2, SHA-256, deterministic): about a second of hashing, no tracking.',
  fields: (t) => ({
    challenge: t.string({
      description: 'The challenge as JSON: `{ parameters: { algorithm, nonce, salt, cost, keyLength, keyPrefix, keySignature, expiresAt }, signature }`.',
      resolve: (value) => JSON.stringify(value.challenge),
    }),
  }),
});

builder.queryField('proofOfWorkChallenge', (t) =>
  t.field({
    type: ProofOfWorkChallenge,
    nullable: true,
    description: 'A fresh challenge for `submitReport.proofOfWork`; null when this server does not ask for one.',
    resolve: async (_root, _args, context) => (context.proofOfWork ? { challenge: await context.proofOfWork.challenge() } : null),
  }),
);
