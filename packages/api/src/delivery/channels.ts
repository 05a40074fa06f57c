// An agency's delivery channels: what a valid one looks like (shared by the city
// config file and `aduan channel add`), and adding, listing and removing them.
// Secrets are never taken: a channel names the environment variable that holds
// its secret. Removing keeps the row (its deliveries keep their history) but it
// gets no new deliveries; adding the same name again brings it back.
import { AduanError } from '../errors.js';
import { Prisma, type DeliveryChannel, type PrismaClient } from '@aduan/prisma';
import { z } from 'zod';
import { targetRefusal } from './targets.js';

export const CHANNEL_KINDS = ['webhook', 'email', 'open311'] as const;

/**
 * A channel's secret lives in an environment variable named ADUAN_SECRET_…: a channel can
 * then never name DATABASE_URL, ADUAN_CONTACT_KEYS or ADUAN_SECRET itself and have it
 * sent to its receiver. Checked when a channel is added and before each delivery.
 */
export const SECRET_VARIABLE = /^ADUAN_SECRET_[A-Z0-9_]+$/;
export type ChannelKindName = (typeof CHANNEL_KINDS)[number];

const httpUrl = z.string({ error: 'must be an http(s) URL' }).refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    } catch {
      return false;
    }
  },
  { error: 'must be an http:// or https:// URL without a user name or password in it' },
);

/** One channel as written in a city config file or given to `aduan channel add`. */
export const channelSpec = z
  .strictObject({
    /** Unique within the agency, e.g. "sistem-pupr" (lowercase letters, digits, hyphens). */
    name: z
      .string({ error: 'must be a name of lowercase letters, digits and hyphens' })
      .max(64, { error: 'must be at most 64 characters' })
      .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, { error: 'must be lowercase letters, digits and hyphens, not starting or ending with a hyphen' }),
    kind: z.enum(CHANNEL_KINDS, { error: 'must be "webhook", "email" or "open311"' }),
    /** webhook: the receiver's URL; open311: the endpoint's base URL (…/v2/). */
    url: httpUrl.optional(),
    /** email: where to send (the agency's own address when omitted). */
    email: z.email({ error: 'must be an e-mail address' }).max(254).optional(),
    /** The environment variable holding the webhook secret or the Open311 api_key. */
    secretEnv: z
      .string({ error: 'must be the name of an environment variable' })
      .regex(SECRET_VARIABLE, {
        error:
          'must be an environment variable named ADUAN_SECRET_…, such as ADUAN_SECRET_PUPR_WEBHOOK (capitals, digits, underscores), so no other setting can be sent to a receiver',
      })
      .optional(),
    /** open311: Aduan category code → the endpoint's service_code. */
    serviceCodes: z.record(z.string().min(1), z.string({ error: 'must be a service code' }).min(1, { error: 'must not be empty' })).optional(),
    /** open311: the endpoint's jurisdiction_id, when it serves several. */
    jurisdictionId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((id) => !/[\u0000-\u001f\u007f]/.test(id), { error: 'must not contain control characters' })
      .optional(),
    /** The language of e-mail to the agency: "id" (default) or "en". */
    locale: z.enum(['id', 'en'], { error: 'must be "id" or "en"' }).default('id'),
  })
  .superRefine((spec, ctx) => {
    const needs = (field: keyof typeof spec, why: string) => {
      if (spec[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    const refusal = spec.url ? targetRefusal(spec.url, process.env) : null;
    if (refusal)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: `must not be an internal address: ${refusal} (set ADUAN_ALLOW_PRIVATE_TARGETS=1 for a city's own network)`,
      });
    const forbids = (field: keyof typeof spec) => {
      if (spec[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `is not used by a ${spec.kind} channel` });
    };
    if (spec.kind === 'webhook') {
      needs('url', 'is required: the URL the webhook posts to');
      needs('secretEnv', 'is required: the environment variable holding the signing secret');
      forbids('email');
      forbids('serviceCodes');
      forbids('jurisdictionId');
    } else if (spec.kind === 'open311') {
      needs('url', 'is required: the Open311 endpoint’s base URL, e.g. https://example.go.id/open311/v2/');
      forbids('email');
    } else {
      forbids('url');
      forbids('secretEnv');
      forbids('serviceCodes');
      forbids('jurisdictionId');
    }
  });

export type ChannelSpec = z.infer<typeof channelSpec>;

export class ChannelError extends AduanError {
  constructor(message: string) {
    super(message, 'CHANNEL_INVALID');
  }
}

/** The row's fields for a spec. */
function fieldsOf(spec: ChannelSpec) {
  return {
    kind: spec.kind.toUpperCase() as 'WEBHOOK' | 'EMAIL' | 'OPEN311',
    url: spec.url ?? null,
    email: spec.email ?? null,
    secretEnv: spec.secretEnv ?? null,
    serviceCodes: spec.serviceCodes ?? null,
    jurisdictionId: spec.jurisdictionId ?? null,
    locale: spec.locale === 'en' ? ('EN' as const) : ('ID' as const),
  };
}

/** Checks a spec, throwing a ChannelError that names each bad field. */
export function parseChannelSpec(input: unknown): ChannelSpec {
  const parsed = channelSpec.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  throw new ChannelError(`The channel is not valid — ${problems.join('; ')}.`);
}

type Db = Pick<Prisma.TransactionClient, 'deliveryChannel' | 'agency'>;

async function agencyIdOf(db: Db, slug: string): Promise<string> {
  const agency = await db.agency.findUnique({ where: { slug }, select: { id: true } });
  if (!agency) throw new ChannelError(`There is no agency "${slug}".`);
  return agency.id;
}

/** Adds (or brings back, or replaces) the agency's channel of that name. */
export async function addChannel(db: Db, agencySlug: string, spec: ChannelSpec, source: 'cli' | 'config' = 'cli'): Promise<DeliveryChannel> {
  const agencyId = await agencyIdOf(db, agencySlug);
  const fields = fieldsOf(spec);
  // A JSON column is cleared with DbNull, not null.
  const data = { ...fields, serviceCodes: fields.serviceCodes ?? Prisma.DbNull, source, removedAt: null };
  return db.deliveryChannel.upsert({
    where: { agencyId_name: { agencyId, name: spec.name } },
    create: { agencyId, name: spec.name, ...data },
    update: data,
  });
}

/** Live channels, by agency slug then name; all agencies when no slug is given. */
export async function listChannels(db: PrismaClient, agencySlug?: string): Promise<(DeliveryChannel & { agency: { slug: string } })[]> {
  const agencyId = agencySlug ? await agencyIdOf(db, agencySlug) : undefined;
  return db.deliveryChannel.findMany({
    where: { removedAt: null, ...(agencyId ? { agencyId } : {}) },
    include: { agency: { select: { slug: true } } },
    orderBy: [{ agency: { slug: 'asc' } }, { name: 'asc' }],
  });
}

/** Stops new deliveries to a channel; pending ones are still sent. */
export async function removeChannel(db: Db, agencySlug: string, name: string, now: Date = new Date()): Promise<void> {
  const agencyId = await agencyIdOf(db, agencySlug);
  const removed = await db.deliveryChannel.updateMany({ where: { agencyId, name, removedAt: null }, data: { removedAt: now } });
  if (removed.count === 0) throw new ChannelError(`The agency "${agencySlug}" has no channel "${name}".`);
}

/**
 * Makes the agency's config-file channels exactly `specs` (channels added from the
 * command line are left alone unless the file names them). Returns what changed.
 */
export async function syncConfigChannels(
  tx: Db,
  agencySlug: string,
  specs: readonly ChannelSpec[],
  now: Date,
): Promise<{ created: number; updated: number; unchanged: number; removed: number }> {
  const agencyId = await agencyIdOf(tx, agencySlug);
  const existing = new Map((await tx.deliveryChannel.findMany({ where: { agencyId } })).map((c) => [c.name, c]));
  const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  for (const spec of specs) {
    const have = existing.get(spec.name);
    const fields = fieldsOf(spec);
    const same =
      have &&
      have.removedAt === null &&
      have.source === 'config' &&
      have.kind === fields.kind &&
      have.url === fields.url &&
      have.email === fields.email &&
      have.secretEnv === fields.secretEnv &&
      JSON.stringify(have.serviceCodes ?? null) === JSON.stringify(fields.serviceCodes) &&
      have.jurisdictionId === fields.jurisdictionId &&
      have.locale === fields.locale;
    if (same) counts.unchanged++;
    else {
      await addChannel(tx, agencySlug, spec, 'config');
      if (have) counts.updated++;
      else counts.created++;
    }
  }
  const named = new Set(specs.map((s) => s.name));
  for (const channel of existing.values()) {
    if (channel.source === 'config' && channel.removedAt === null && !named.has(channel.name)) {
      await tx.deliveryChannel.update({ where: { id: channel.id }, data: { removedAt: now } });
      counts.removed++;
    }
  }
  return counts;
}
