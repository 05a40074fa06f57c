// Applies a loaded city configuration to the database in one transaction:
// jurisdictions (with their working days and holidays), agencies, category groups,
// categories, routing rules, sites, and the city's tracking-code prefix, Open311
// public location and Open311 aliases. A file owns one city (references.ts says which)
// and touches nothing of another's: its catalogue, rules and prefix are the city's own. Idempotent: rows are written only when
// something in them changed, so applying the same file twice leaves every row (and
// its updatedAt) as it was. References are checked against the database first; a bad
// file throws a CityConfigError and writes nothing.
import { basename } from 'node:path';
import { Prisma, type PrismaClient } from '@aduan/prisma';
import type { BoundaryGeometry } from './boundaries.js';
import { syncConfigChannels } from '../delivery/channels.js';
import { aliasesSetting, readAliases, type CityAliases } from '../open311/aliases.js';
import { publicLocationSetting, type PublicLocation } from '../open311/location.js';
import { DEFAULT_DIGEST_TIME, digestSetting, type DigestSetting } from '../digests/digest-setting.js';
import { boundaryHash } from './boundary-hash.js';
import { throwIfIssues } from './errors.js';
import type { LoadedCityConfig } from './load.js';
import { checkReferences, cityOfFile, type ExistingCatalog } from './references.js';
import { rebuildTally } from '../statistics/fold.js';
import { writeSite } from '../sites/save-site.js';
import { lockConfiguration } from './lock.js';
import { codeWithin } from '../jurisdictions/tree.js';

type Tx = Prisma.TransactionClient;

export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ApplySummary {
  jurisdictions: ChangeCounts;
  /** Holidays of the jurisdictions in the file; `deleted`: ones the file no longer lists. */
  holidays: ChangeCounts & { deleted: number };
  agencies: ChangeCounts;
  /** Delivery channels of the agencies in the file; `removed`: ones the file no longer lists. */
  channels: ChangeCounts & { removed: number };
  categoryGroups: ChangeCounts;
  /** `deactivated`: categories in the database but not in the file, now inactive. */
  categories: ChangeCounts & { deactivated: number };
  /** `deleted`: rules in the database but not in the file. */
  rules: ChangeCounts & { deleted: number };
  sites: ChangeCounts;
  /** The tracking-code prefix and, when the file sets them or a row exists, Open311's public location and aliases. */
  settings: ChangeCounts;
}

export interface ApplyProgress {
  /** jurisdictions | agencies | categories | rules | sites */
  phase: string;
  done: number;
  total: number;
}

export interface ApplyOptions {
  onProgress?: (progress: ApplyProgress) => void;
  /** Check everything and compute the summary, then roll back: `aduan config apply --dry-run`. */
  dryRun?: boolean;
}

/** Thrown inside the transaction to roll a dry run back, carrying what it would have done. */
class DryRunRollback extends Error {
  constructor(readonly summary: ApplySummary) {
    super('dry run');
  }
}

/** Rows per insert and per progress report: thousands of polygons show a moving bar. */
const chunkSize = 500;

export async function applyCityConfig(prisma: PrismaClient, loaded: LoadedCityConfig, options: ApplyOptions = {}): Promise<ApplySummary> {
  const applyAll = async (tx: Tx): Promise<ApplySummary> => {
    const summary = await applyCityConfigIn(tx, loaded, options.onProgress);
    if (options.dryRun) throw new DryRunRollback(summary);
    if (countsChanged(summary)) {
      // The console's admins see that a file changed their city, and how much.
      await tx.auditEntry.create({
        data: {
          actor: 'config',
          cityCode: cityOfFile(loaded, () => {})!,
          action: 'city.apply',
          subject: basename(loaded.path),
          after: summary as unknown as Prisma.InputJsonObject,
        },
      });
    }
    return summary;
  };
  try {
    return await prisma.$transaction(applyAll, { timeout: 10 * 60_000, maxWait: 60_000 });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
}

/**
 * Applies `loaded` inside a transaction the caller holds (the console's edits read the
 * city and apply it in one). Takes the configuration lock first, so two changes to the
 * deployment's configuration — a file and the console, or two admins — never interleave.
 */
export async function applyCityConfigIn(
  tx: Tx,
  loaded: LoadedCityConfig,
  onProgress?: (progress: ApplyProgress) => void,
  /** Whom the audit log names for what is written (`config` for a file; the console's ADMIN). */
  actor = 'config',
): Promise<ApplySummary> {
  const progress = onProgress ?? (() => {});
  await lockConfiguration(tx);
  const cityHint = cityOfFile(loaded, () => {});
  const catalog = await readCatalog(tx, cityHint);
  const { issues, parentByCode, city: checkedCity } = checkReferences(loaded, catalog);
  throwIfIssues(issues);
  const city = checkedCity!;
  const jurisdictions = await applyJurisdictions(tx, loaded, parentByCode, progress);
  const holidays = await applyHolidays(tx, loaded);
  const agencies = await applyAgencies(tx, loaded, progress);
  const channels = await applyChannels(tx, loaded);
  const categoryGroups = await applyCategoryGroups(tx, loaded, city);
  const categories = await applyCategories(tx, loaded, city, progress);
  const rules = await applyRules(tx, loaded, city, progress);
  const sites = await applySites(tx, loaded, city, progress, actor);
  const settings = addCounts(
    await applyTrackingCodePrefix(tx, city, loaded.config.trackingCodePrefix),
    await applyPublicLocation(tx, city, loaded.config.open311?.publicLocation),
    await applyOpen311Aliases(tx, city, loaded),
    await applyDigestSetting(tx, city, loaded.config.digest),
  );
  return { jurisdictions, holidays, agencies, channels, categoryGroups, categories, rules, sites, settings };
}

/** Whether applying wrote anything. */
export function countsChanged(summary: ApplySummary): boolean {
  return Object.values(summary).some((counts: Record<string, number>) => Object.entries(counts).some(([kind, n]) => kind !== 'unchanged' && n > 0));
}

/** What the database holds that the file may refer to; the catalogue is `city`'s own. */
async function readCatalog(tx: Tx, city: string | null): Promise<ExistingCatalog> {
  const [jurisdictions, agencies, sites, groups, categories, secrets, aliases] = await Promise.all([
    tx.jurisdiction.findMany({ select: { code: true, parentCode: true, trackingCodePrefix: true } }),
    tx.agency.findMany({ select: { id: true, slug: true, triage: true, escalationParentId: true, jurisdictionCode: true } }),
    tx.site.findMany({ select: { key: true, jurisdictionCode: true } }),
    city ? tx.categoryGroup.findMany({ where: { cityCode: city }, select: { code: true } }) : [],
    city ? tx.category.findMany({ where: { cityCode: city }, select: { code: true } }) : [],
    tx.deliveryChannel.findMany({
      where: { removedAt: null, secretEnv: { not: null } },
      select: { secretEnv: true, agency: { select: { jurisdictionCode: true } } },
    }),
    readAliases(tx),
  ]);
  const channelSecrets = new Map<string, string[]>();
  for (const { secretEnv, agency } of secrets) channelSecrets.set(secretEnv!, [...(channelSecrets.get(secretEnv!) ?? []), agency.jurisdictionCode]);
  const slugById = new Map(agencies.map((a) => [a.id, a.slug]));
  return {
    jurisdictionParents: new Map(jurisdictions.map((j) => [j.code, j.parentCode])),
    agencies: new Map(
      agencies.map((a) => [
        a.slug,
        { triage: a.triage, escalatesTo: a.escalationParentId ? (slugById.get(a.escalationParentId) ?? null) : null, jurisdictionCode: a.jurisdictionCode },
      ]),
    ),
    sites: new Map(sites.map((site) => [site.key, site.jurisdictionCode])),
    prefixes: new Map(jurisdictions.flatMap((j) => (j.trackingCodePrefix ? [[j.trackingCodePrefix, j.code] as const] : []))),
    channelSecrets,
    aliases: new Map([...aliases].map(([alias, { city: holder }]) => [alias, holder])),
    groupCodes: new Set(groups.map((g) => g.code)),
    categoryCodes: new Set(categories.map((c) => c.code)),
  };
}

// ---- Jurisdictions ---------------------------------------------------------

interface DesiredJurisdiction {
  code: string;
  name: string;
  level: number;
  kind: string;
  parentCode: string | null;
  geometry: BoundaryGeometry | null;
  timeZone: string | null;
  /** Empty: inherit the parent's. */
  workingDays: number[];
}

interface StoredJurisdiction {
  code: string;
  name: string;
  level: number;
  kind: string;
  parentCode: string | null;
  timeZone: string | null;
  workingDays: number[];
  boundaryHash: string | null;
}

async function applyJurisdictions(
  tx: Tx,
  loaded: LoadedCityConfig,
  parentByCode: Map<string, string | null>,
  progress: (p: ApplyProgress) => void,
): Promise<ChangeCounts> {
  const entries = new Map(loaded.config.jurisdictions.map((j) => [j.code, j]));
  const desired: DesiredJurisdiction[] = loaded.features.map((f) => ({
    code: f.code,
    name: f.name,
    level: f.level,
    kind: f.kind,
    parentCode: parentByCode.get(f.code) ?? null,
    geometry: f.geometry,
    timeZone: entries.get(f.code)?.timeZone ?? null,
    workingDays: entries.get(f.code)?.workingDays ?? [],
  }));
  for (const entry of loaded.config.jurisdictions) {
    if (entry.name === undefined || entry.level === undefined || entry.kind === undefined) continue;
    desired.push({
      code: entry.code,
      name: entry.name,
      level: entry.level,
      kind: entry.kind,
      parentCode: parentByCode.get(entry.code) ?? null,
      geometry: null,
      timeZone: entry.timeZone ?? null,
      workingDays: entry.workingDays ?? [],
    });
  }
  const definedCodes = new Set(desired.map((d) => d.code));
  // Entries with only settings, for jurisdictions the file does not otherwise define.
  const settingsOnly = loaded.config.jurisdictions.filter((j) => j.name === undefined && !definedCodes.has(j.code));

  // Hashes, not polygons: re-applying a country's worth of boundaries reads a few columns.
  const stored = new Map(
    (
      await tx.$queryRaw<StoredJurisdiction[]>`
        SELECT code, name, level, kind, "parentCode", "timeZone", "workingDays", md5(boundary::text) AS "boundaryHash"
        FROM "Jurisdiction"`
    ).map((row) => [row.code, row]),
  );

  const toCreate: DesiredJurisdiction[] = [];
  const toUpdate: DesiredJurisdiction[] = [];
  const boundaryMaybeChanged: DesiredJurisdiction[] = [];
  for (const want of desired) {
    const have = stored.get(want.code);
    if (!have) toCreate.push(want);
    else if (
      have.name !== want.name ||
      have.level !== want.level ||
      have.kind !== want.kind ||
      have.parentCode !== want.parentCode ||
      have.timeZone !== want.timeZone ||
      !sameList(have.workingDays ?? [], want.workingDays) ||
      (have.boundaryHash === null) !== (want.geometry === null)
    ) {
      toUpdate.push(want);
    } else if (want.geometry && have.boundaryHash !== boundaryHash(want.geometry)) {
      boundaryMaybeChanged.push(want);
    }
  }
  toUpdate.push(...(await reallyChangedBoundaries(tx, boundaryMaybeChanged)));
  const settingsUpdates = settingsOnly.filter((j) => {
    const have = stored.get(j.code);
    return (have?.timeZone ?? null) !== (j.timeZone ?? null) || !sameList(have?.workingDays ?? [], j.workingDays ?? []);
  });

  const total = toCreate.length + toUpdate.length + settingsUpdates.length;
  let done = 0;
  progress({ phase: 'jurisdictions', done, total });
  for (const chunk of chunks(parentsFirst(toCreate), chunkSize)) {
    await tx.jurisdiction.createMany({
      data: chunk.map((j) => ({
        code: j.code,
        name: j.name,
        level: j.level,
        kind: j.kind,
        parentCode: j.parentCode,
        timeZone: j.timeZone,
        workingDays: j.workingDays,
        boundary: jsonOrDbNull(j.geometry),
      })),
    });
    done += chunk.length;
    progress({ phase: 'jurisdictions', done, total });
  }
  for (const chunk of chunks(toUpdate, chunkSize)) {
    for (const j of chunk) {
      await tx.jurisdiction.update({
        where: { code: j.code },
        data: {
          name: j.name,
          level: j.level,
          kind: j.kind,
          parentCode: j.parentCode,
          timeZone: j.timeZone,
          workingDays: j.workingDays,
          boundary: jsonOrDbNull(j.geometry),
        },
      });
    }
    done += chunk.length;
    progress({ phase: 'jurisdictions', done, total });
  }
  for (const j of settingsUpdates) {
    await tx.jurisdiction.update({ where: { code: j.code }, data: { timeZone: j.timeZone ?? null, workingDays: j.workingDays ?? [] } });
  }
  if (settingsUpdates.length > 0) progress({ phase: 'jurisdictions', done: total, total });

  // Statistics count each report in the local week of its area's zone: a zone that
  // changes (its own or, through a new parent, an inherited one) moves those weeks.
  const zoneMayHaveMoved =
    toUpdate.some((j) => stored.get(j.code)?.timeZone !== j.timeZone || stored.get(j.code)?.parentCode !== j.parentCode) ||
    settingsUpdates.some((j) => (stored.get(j.code)?.timeZone ?? null) !== (j.timeZone ?? null));
  if (zoneMayHaveMoved) await rebuildTally(tx);

  const considered = desired.length + settingsOnly.length;
  const updated = toUpdate.length + settingsUpdates.length;
  return { created: toCreate.length, updated, unchanged: considered - toCreate.length - updated };
}

/** Of boundaries whose hash differs, those that really differ when read back and compared. */
async function reallyChangedBoundaries(tx: Tx, candidates: DesiredJurisdiction[]): Promise<DesiredJurisdiction[]> {
  const changed: DesiredJurisdiction[] = [];
  for (const chunk of chunks(candidates, chunkSize)) {
    const rows = await tx.jurisdiction.findMany({ where: { code: { in: chunk.map((j) => j.code) } }, select: { code: true, boundary: true } });
    const storedBoundary = new Map(rows.map((r) => [r.code, r.boundary]));
    for (const want of chunk) if (!sameJson(storedBoundary.get(want.code), want.geometry)) changed.push(want);
  }
  return changed;
}

/** New jurisdictions ordered so that each comes after a parent created in the same run. */
function parentsFirst(list: DesiredJurisdiction[]): DesiredJurisdiction[] {
  const byCode = new Map(list.map((j) => [j.code, j]));
  const depth = new Map<string, number>();
  const depthOf = (j: DesiredJurisdiction): number => {
    let d = 0;
    // Parent chains are short (at most four levels) and checked for loops beforehand.
    for (let parent = j.parentCode && byCode.get(j.parentCode); parent; parent = parent.parentCode && byCode.get(parent.parentCode)) d++;
    return d;
  };
  for (const j of list) depth.set(j.code, depthOf(j));
  return [...list].sort((a, b) => depth.get(a.code)! - depth.get(b.code)!);
}

// ---- Holidays --------------------------------------------------------------

/**
 * Every jurisdiction the file defines or has an entry for ends up with exactly the
 * holidays its entry lists (none when the entry has no `holidays`, or there is no
 * entry). Jurisdictions the file does not mention keep theirs, so a province's national
 * holidays survive applying a city's file.
 */
async function applyHolidays(tx: Tx, loaded: LoadedCityConfig): Promise<ApplySummary['holidays']> {
  const governed = new Set([...loaded.features.map((f) => f.code), ...loaded.config.jurisdictions.map((j) => j.code)]);
  const key = (code: string, date: string) => `${code} ${date}`;
  const wanted = new Map<string, { jurisdictionCode: string; date: string; name: string }>();
  for (const entry of loaded.config.jurisdictions) {
    for (const h of entry.holidays ?? []) wanted.set(key(entry.code, h.date), { jurisdictionCode: entry.code, date: h.date, name: h.name });
  }
  // Only the rows of the jurisdictions this file governs: other cities' holidays are not this file's to read.
  const stored = (
    await Promise.all(chunks([...governed], chunkSize).map((codes) => tx.holiday.findMany({ where: { jurisdictionCode: { in: codes } } })))
  ).flat();
  const counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  const gone = new Map<string, string[]>();
  for (const have of stored) {
    const want = wanted.get(key(have.jurisdictionCode, have.date));
    wanted.delete(key(have.jurisdictionCode, have.date));
    if (!want) gone.set(have.jurisdictionCode, [...(gone.get(have.jurisdictionCode) ?? []), have.date]);
    else if (want.name === have.name) counts.unchanged++;
    else {
      await tx.holiday.update({ where: { jurisdictionCode_date: { jurisdictionCode: have.jurisdictionCode, date: have.date } }, data: { name: want.name } });
      counts.updated++;
    }
  }
  for (const [jurisdictionCode, dates] of gone) {
    counts.deleted += (await tx.holiday.deleteMany({ where: { jurisdictionCode, date: { in: dates } } })).count;
  }
  if (wanted.size > 0) counts.created = (await tx.holiday.createMany({ data: [...wanted.values()] })).count;
  return counts;
}

// ---- Agencies --------------------------------------------------------------

async function applyAgencies(tx: Tx, loaded: LoadedCityConfig, progress: (p: ApplyProgress) => void): Promise<ChangeCounts> {
  const agencies = loaded.config.agencies;
  const existing = await tx.agency.findMany();
  const bySlug = new Map(existing.map((a) => [a.slug, a]));
  const idBySlug = new Map(existing.map((a) => [a.slug, a.id]));
  const slugById = new Map(existing.map((a) => [a.id, a.slug]));
  const counts: ChangeCounts = { created: 0, updated: 0, unchanged: 0 };
  progress({ phase: 'agencies', done: 0, total: agencies.length });

  // First every agency exists, then escalation links, which may point at agencies created just now.
  for (const agency of agencies) {
    const fields = {
      name: agency.name,
      shortName: agency.shortName ?? null,
      jurisdictionCode: agency.jurisdiction,
      email: agency.email ?? null,
      triage: agency.triage,
      defaultResponseHours: agency.defaultResponseHours,
    };
    const have = bySlug.get(agency.slug);
    if (!have) {
      const created = await tx.agency.create({ data: { slug: agency.slug, ...fields }, select: { id: true } });
      idBySlug.set(agency.slug, created.id);
      counts.created++;
      continue;
    }
    const currentEscalation = have.escalationParentId ? (slugById.get(have.escalationParentId) ?? null) : null;
    const fieldsChanged = (Object.keys(fields) as (keyof typeof fields)[]).some((key) => have[key] !== fields[key]);
    if (fieldsChanged) await tx.agency.update({ where: { id: have.id }, data: fields });
    if (fieldsChanged || currentEscalation !== (agency.escalatesTo ?? null)) counts.updated++;
    else counts.unchanged++;
  }
  for (const agency of agencies) {
    const id = idBySlug.get(agency.slug)!;
    const wanted = agency.escalatesTo ? idBySlug.get(agency.escalatesTo)! : null;
    const current = bySlug.get(agency.slug)?.escalationParentId ?? null;
    if (wanted !== current) await tx.agency.update({ where: { id }, data: { escalationParentId: wanted } });
  }
  progress({ phase: 'agencies', done: agencies.length, total: agencies.length });
  return counts;
}

// ---- Delivery channels -------------------------------------------------------

async function applyChannels(tx: Tx, loaded: LoadedCityConfig): Promise<ChangeCounts & { removed: number }> {
  const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const now = new Date();
  for (const agency of loaded.config.agencies) {
    const changed = await syncConfigChannels(tx, agency.slug, agency.channels, now);
    counts.created += changed.created;
    counts.updated += changed.updated;
    counts.unchanged += changed.unchanged;
    counts.removed += changed.removed;
  }
  return counts;
}

// ---- Categories --------------------------------------------------------------

async function applyCategoryGroups(tx: Tx, loaded: LoadedCityConfig, city: string): Promise<ChangeCounts> {
  const existing = new Map((await tx.categoryGroup.findMany({ where: { cityCode: city } })).map((g) => [g.code, g]));
  const counts: ChangeCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const [position, group] of loaded.config.categoryGroups.entries()) {
    const fields = { nameId: group.name.id, nameEn: group.name.en, position };
    const have = existing.get(group.code);
    if (!have) {
      await tx.categoryGroup.create({ data: { cityCode: city, code: group.code, ...fields } });
      counts.created++;
    } else if (have.nameId !== fields.nameId || have.nameEn !== fields.nameEn || have.position !== position) {
      await tx.categoryGroup.update({ where: { cityCode_code: { cityCode: city, code: group.code } }, data: fields });
      counts.updated++;
    } else counts.unchanged++;
  }
  return counts;
}

async function applyCategories(tx: Tx, loaded: LoadedCityConfig, city: string, progress: (p: ApplyProgress) => void): Promise<ApplySummary['categories']> {
  const categories = loaded.config.categories;
  const existing = new Map((await tx.category.findMany({ where: { cityCode: city } })).map((c) => [c.code, c]));
  const counts = { created: 0, updated: 0, unchanged: 0, deactivated: 0 };
  progress({ phase: 'categories', done: 0, total: categories.length });
  for (const [position, category] of categories.entries()) {
    const fields = {
      nameId: category.name.id,
      nameEn: category.name.en,
      descriptionId: category.description?.id ?? null,
      descriptionEn: category.description?.en ?? null,
      groupCode: category.group ?? null,
      keywords: category.keywords,
      locationRequired: category.locationRequired,
      active: true,
      position,
    };
    const have = existing.get(category.code);
    if (!have) {
      await tx.category.create({ data: { cityCode: city, code: category.code, ...fields } });
      counts.created++;
      continue;
    }
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).some((key) =>
      key === 'keywords' ? !sameList(have.keywords, fields.keywords) : have[key] !== fields[key],
    );
    if (changed) {
      await tx.category.update({ where: { id: have.id }, data: fields });
      counts.updated++;
    } else counts.unchanged++;
  }
  // Never deleted: reports keep pointing at them. Another city's are not this file's to touch.
  const { count } = await tx.category.updateMany({
    where: { cityCode: city, active: true, code: { notIn: categories.map((c) => c.code) } },
    data: { active: false },
  });
  counts.deactivated = count;
  progress({ phase: 'categories', done: categories.length, total: categories.length });
  return counts;
}

// ---- Routing rules -----------------------------------------------------------

async function applyRules(tx: Tx, loaded: LoadedCityConfig, city: string, progress: (p: ApplyProgress) => void): Promise<ApplySummary['rules']> {
  const rules = loaded.config.rules;
  const [categories, agencies, existing] = await Promise.all([
    tx.category.findMany({ where: { cityCode: city }, select: { id: true, code: true } }),
    tx.agency.findMany({ select: { id: true, slug: true, defaultResponseHours: true } }),
    // The city's rules: those for a place in it (a rule "for anywhere" in the file is the city's).
    tx.routingRule.findMany({ where: codeWithin('jurisdictionCode', city), orderBy: { createdAt: 'asc' } }),
  ]);
  const categoryIdByCode = new Map(categories.map((c) => [c.code, c.id]));
  const agencyBySlug = new Map(agencies.map((a) => [a.slug, a]));
  // A rule's identity is its (category, jurisdiction) pair.
  const pairOf = (categoryId: string | null, jurisdictionCode: string | null) => `${categoryId ?? '*'}|${jurisdictionCode ?? '*'}`;
  const storedByPair = new Map<string, (typeof existing)[number][]>();
  for (const rule of existing) {
    const pair = pairOf(rule.categoryId, rule.jurisdictionCode);
    storedByPair.set(pair, [...(storedByPair.get(pair) ?? []), rule]);
  }
  const counts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  progress({ phase: 'rules', done: 0, total: rules.length });
  for (const rule of rules) {
    const agency = agencyBySlug.get(rule.agency)!;
    const categoryId = rule.category ? categoryIdByCode.get(rule.category)! : null;
    const jurisdictionCode = rule.jurisdiction ?? city;
    const fields = {
      name: rule.name ?? defaultRuleName(rule.category, rule.jurisdiction),
      agencyId: agency.id,
      responseHours: rule.responseHours ?? agency.defaultResponseHours,
    };
    const have = storedByPair.get(pairOf(categoryId, jurisdictionCode))?.shift();
    if (!have) {
      await tx.routingRule.create({ data: { ...fields, categoryId, jurisdictionCode } });
      counts.created++;
    } else if (have.name !== fields.name || have.agencyId !== fields.agencyId || have.responseHours !== fields.responseHours) {
      await tx.routingRule.update({ where: { id: have.id }, data: fields });
      counts.updated++;
    } else counts.unchanged++;
  }
  const leftovers = [...storedByPair.values()].flat().map((r) => r.id);
  if (leftovers.length > 0) counts.deleted = (await tx.routingRule.deleteMany({ where: { id: { in: leftovers } } })).count;
  progress({ phase: 'rules', done: rules.length, total: rules.length });
  return counts;
}

function defaultRuleName(category: string | null | undefined, jurisdiction: string | null | undefined): string {
  return `${category ?? 'any category'} in ${jurisdiction ?? 'the whole city'}`;
}

// ---- Sites and settings ------------------------------------------------------

async function applySites(tx: Tx, loaded: LoadedCityConfig, city: string, progress: (p: ApplyProgress) => void, actor: string): Promise<ChangeCounts> {
  const sites = loaded.config.sites;
  const counts: ChangeCounts = { created: 0, updated: 0, unchanged: 0 };
  progress({ phase: 'sites', done: 0, total: sites.length });
  for (const site of sites) {
    // A city's site serves the city unless it names a part of it. The console's saveSite writes through the same function.
    const wanted = { name: site.name, jurisdictionCode: site.jurisdiction ?? city, allowedOrigins: site.allowedOrigins, categoryCodes: site.categories };
    const more = {
      map: site.map ? (site.map as Prisma.InputJsonObject) : Prisma.DbNull,
      ...(site.theme === undefined ? {} : { theme: site.theme as Prisma.InputJsonObject }),
    };
    counts[await writeSite(tx, actor, city, site.key, wanted, more)]++;
  }
  progress({ phase: 'sites', done: sites.length, total: sites.length });
  return counts;
}

/** The prefix lives on the city's own jurisdiction, which marks it as a city. */
async function applyTrackingCodePrefix(tx: Tx, city: string, prefix: string): Promise<ChangeCounts> {
  const have = await tx.jurisdiction.findUniqueOrThrow({ where: { code: city }, select: { trackingCodePrefix: true } });
  if (have.trackingCodePrefix === prefix) return { created: 0, updated: 0, unchanged: 1 };
  await tx.jurisdiction.update({ where: { code: city }, data: { trackingCodePrefix: prefix } });
  return have.trackingCodePrefix === null ? { created: 1, updated: 0, unchanged: 0 } : { created: 0, updated: 1, unchanged: 0 };
}

/**
 * Like the prefix, the file decides: after applying, Open311 publishes points exactly
 * when the file says "coarse". Omitted means "none": a row left from an earlier file is
 * set back to "none" (an opt-in to publishing must not outlive the file that made it),
 * and without a row there is nothing to write, since no row already means "none".
 */
async function applyPublicLocation(tx: Tx, city: string, wanted: PublicLocation | undefined): Promise<ChangeCounts> {
  const key = publicLocationSetting(city);
  if (wanted !== undefined) return applySetting(tx, key, wanted);
  const exists = await tx.setting.findUnique({ where: { key }, select: { key: true } });
  return exists ? applySetting(tx, key, 'none') : { created: 0, updated: 0, unchanged: 0 };
}

/**
 * The Open311 aliases the file declares on its jurisdictions and sites, as the city's
 * Setting keeps them (open311/aliases.ts). Like the public location, the file decides:
 * an alias it no longer declares is gone after applying.
 */
async function applyOpen311Aliases(tx: Tx, city: string, loaded: LoadedCityConfig): Promise<ChangeCounts> {
  const wanted: CityAliases = {};
  for (const entry of loaded.config.jurisdictions) for (const alias of entry.aliases ?? []) wanted[alias] = { jurisdiction: entry.code };
  for (const site of loaded.config.sites) for (const alias of site.aliases ?? []) wanted[alias] = { site: site.key };
  const key = aliasesSetting(city);
  if (Object.keys(wanted).length > 0) return applySetting(tx, key, wanted);
  const exists = await tx.setting.findUnique({ where: { key }, select: { key: true } });
  return exists ? applySetting(tx, key, {}) : { created: 0, updated: 0, unchanged: 0 };
}

/**
 * The digest time, or false for none. Like the public location, the file decides: omitted
 * sets a row left from an earlier file back to the default (no row already means 07:30).
 */
async function applyDigestSetting(tx: Tx, city: string, wanted: DigestSetting | undefined): Promise<ChangeCounts> {
  const key = digestSetting(city);
  if (wanted !== undefined) return applySetting(tx, key, wanted);
  const exists = await tx.setting.findUnique({ where: { key }, select: { key: true } });
  return exists ? applySetting(tx, key, { time: DEFAULT_DIGEST_TIME }) : { created: 0, updated: 0, unchanged: 0 };
}

/** Writes one `Setting` only when its value differs. */
async function applySetting(tx: Tx, key: string, value: Prisma.InputJsonValue): Promise<ChangeCounts> {
  const have = await tx.setting.findUnique({ where: { key } });
  if (!have) {
    await tx.setting.create({ data: { key, value } });
    return { created: 1, updated: 0, unchanged: 0 };
  }
  if (sameJson(have.value, value)) return { created: 0, updated: 0, unchanged: 1 };
  await tx.setting.update({ where: { key }, data: { value } });
  return { created: 0, updated: 1, unchanged: 0 };
}

// ---- Helpers -------------------------------------------------------------------

function jsonOrDbNull(geometry: BoundaryGeometry | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return geometry === null ? Prisma.DbNull : (geometry as unknown as Prisma.InputJsonValue);
}

function addCounts(...all: ChangeCounts[]): ChangeCounts {
  return all.reduce((a, b) => ({ created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged }));
}

function chunks<T>(list: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < list.length; i += size) result.push(list.slice(i, i + size));
  return result;
}

function sameList<T extends string | number>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** Structural equality of JSON values; object key order does not matter (jsonb reorders keys). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return aKeys.length === Object.keys(b).length && aKeys.every((key) => key in bRecord && sameJson((a as Record<string, unknown>)[key], bRecord[key]));
}
