// Creating and changing a site — a website that embeds the form — from the console
// (`saveSite`), with the same rules as the city file: a name, an area inside the city,
// at least one allowed origin pattern, categories of the city's own catalogue. Every
// change is written to the audit log with what the site was before and after, by
// `writeSite`, which `aduan config apply` uses for a file's sites too.
import { randomBytes } from 'node:crypto';
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { FieldError, InvalidInput } from '../intake/invalid-input.js';
import type { RoutingSnapshot } from '../routing/catalog.js';
import { originPatternProblem } from './origins.js';
import { isWithinArea } from '../jurisdictions/tree.js';
import { lockConfiguration } from '../city-config/lock.js';

export interface SaveSiteInput {
  /** The site to change; none for a new site, whose key is made from its name. */
  key?: string | null | undefined;
  name: string;
  jurisdictionCode: string;
  allowedOrigins: readonly string[];
  /** A subset of the city's categories; none or empty: all of them. */
  categoryCodes?: readonly string[] | null | undefined;
}

/** Who saves: the actor the audit log names and the area their powers cover. */
export interface SiteEditor {
  actor: string;
  area: string;
}

/** What a site's audit entries keep of it. */
export interface SiteFields {
  name: string;
  jurisdictionCode: string | null;
  allowedOrigins: string[];
  categoryCodes: string[];
}

type Tx = Prisma.TransactionClient;

/**
 * Checks `input` and writes it, with its audit entry; an InvalidInput (and nothing
 * written) for anything the city file would refuse too.
 */
export async function saveSite(
  prisma: PrismaClient,
  snapshot: RoutingSnapshot,
  editor: SiteEditor,
  input: SaveSiteInput,
): Promise<{ key: string } | InvalidInput> {
  const fields: FieldError[] = [];
  const refuse = (field: string, message: string) => fields.push({ field, message });
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200 || /[\u0000-\u001f\u007f]/.test(name)) refuse('name', 'Give the site a name of 1 to 200 characters.');
  const area = input.jurisdictionCode.trim();
  if (!snapshot.index.get(area)) refuse('jurisdictionCode', `There is no area "${area}".`);
  else if (!isWithinArea(area, editor.area)) refuse('jurisdictionCode', `"${area}" is outside the city you manage.`);
  const origins = input.allowedOrigins.map((o) => o.trim()).filter(Boolean);
  if (origins.length === 0) refuse('allowedOrigins', 'List at least one origin, such as https://dinas.kupangkota.go.id.');
  origins.forEach((origin, i) => {
    const problem = originPatternProblem(origin);
    if (problem) refuse(`allowedOrigins.${i}`, `"${origin}" ${problem}.`);
  });
  const city = snapshot.cityOf(area) ?? editor.area;
  const categoryCodes = [...new Set((input.categoryCodes ?? []).map((c) => c.trim()))];
  // What the site names is read under the configuration lock, so a category withdrawn (or a
  // site changed) a moment ago by another change is seen, and neither undoes the other.
  return prisma.$transaction(async (tx) => {
    await lockConfiguration(tx);
    const offered = new Set(
      (await tx.category.findMany({ where: { cityCode: city, active: true, code: { in: categoryCodes } }, select: { code: true } })).map((c) => c.code),
    );
    categoryCodes.forEach((code, i) => {
      if (!offered.has(code)) refuse(`categoryCodes.${i}`, `The city has no category "${code}".`);
    });
    let existing: { key: string; jurisdictionCode: string | null } | null = null;
    if (input.key) {
      existing = await tx.site.findUnique({ where: { key: input.key.trim() }, select: { key: true, jurisdictionCode: true } });
      if (!existing?.jurisdictionCode || !isWithinArea(existing.jurisdictionCode, editor.area)) refuse('key', `You manage no site "${input.key}".`);
    }
    if (fields.length > 0) return { code: 'VALIDATION_FAILED' as const, message: fields[0]!.message, fields };
    const key = existing?.key ?? newSiteKey(name);
    await writeSite(tx, editor.actor, city, key, { name, jurisdictionCode: area, allowedOrigins: origins, categoryCodes });
    return { key };
  });
}

/**
 * Creates or updates the site `key` with `wanted` and records the change in the audit
 * log; writes nothing when nothing differs. The one place a site is written.
 */
export async function writeSite(
  tx: Tx,
  actor: string,
  cityCode: string,
  key: string,
  wanted: SiteFields,
  more: Omit<Prisma.SiteUncheckedCreateInput, 'key' | keyof SiteFields> = {},
): Promise<'created' | 'updated' | 'unchanged'> {
  const have = await tx.site.findUnique({ where: { key } });
  const before: SiteFields | null = have
    ? { name: have.name, jurisdictionCode: have.jurisdictionCode, allowedOrigins: have.allowedOrigins, categoryCodes: have.categoryCodes }
    : null;
  const fieldsChanged = !before || canonical(before) !== canonical(wanted);
  const moreChanged =
    have !== null && Object.entries(more).some(([k, v]) => canonical((have as Record<string, unknown>)[k]) !== canonical(v === Prisma.DbNull ? null : v));
  if (!fieldsChanged && !moreChanged) return 'unchanged';
  if (have) await tx.site.update({ where: { key }, data: { ...wanted, ...more } });
  else await tx.site.create({ data: { key, ...wanted, ...more } });
  if (fieldsChanged) {
    await tx.auditEntry.create({
      data: {
        actor,
        cityCode,
        action: have ? 'site.update' : 'site.create',
        subject: key,
        ...(before ? { before: before as unknown as Prisma.InputJsonObject } : {}),
        after: wanted as unknown as Prisma.InputJsonObject,
      },
    });
  }
  return have ? 'updated' : 'created';
}

/** JSON with object keys sorted (jsonb reorders them), null for undefined. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/** A key from the name ("Dinas PUPR Kota Kupang" → `dinas-pupr-kota-kupang-k3f9`), unguessable enough to be unique. */
function newSiteKey(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `${base || 'situs'}-${randomBytes(3).toString('hex')}`;
}

/** The embed code of a site: the one script tag and the inline form, for `publicUrl`. */
export function embedSnippet(publicUrl: string, key: string): string {
  return [`<script src="${publicUrl}/widget/aduan.js" data-site="${key}" async></script>`, '<aduan-report></aduan-report>'].join('\n');
}
