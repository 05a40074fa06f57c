// Other names a client may give as `jurisdiction_id`. GeoReport v2 leaves the value to
// each server, and many clients are set up with a city's web domain (`kupangkota.go.id`)
// or a short name, where Aduan's own is the official code (`53.71`). A city's file
// declares them on a jurisdiction (the alias names that area) or on a site (the area the
// site serves); `aduan config apply` keeps them in the city's Setting
// `open311.aliases:<city>` as { "<alias>": { "jurisdiction": "53.71" } | { "site": "dlhk" } },
// and no two cities may claim the same one.
import type { Prisma } from '@aduan/prisma';

const SETTING_PREFIX = 'open311.aliases:';

export function aliasesSetting(city: string): string {
  return `${SETTING_PREFIX}${city}`;
}

/** One DNS label: a–z and 0–9, hyphens inside, at most 63 characters. */
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';

/**
 * A domain (`kupangkota.go.id`) or a short name (`kupang`): labels joined by dots, at most
 * 253 characters, with a letter somewhere, so that an alias can never be read as a code.
 */
export const ALIAS_PATTERN = new RegExp(`^(?=.{1,253}$)(?=[^]*[a-z])${LABEL}(?:\\.${LABEL})*$`);

/** Domains are case-insensitive and may end in the root's dot: `KupangKota.go.id.` is `kupangkota.go.id`. */
export function normalizeAlias(text: string): string {
  return text.trim().toLowerCase().replace(/\.$/, '');
}

export type AliasTarget = { jurisdiction: string } | { site: string };

/** One city's aliases, as its Setting holds them. */
export type CityAliases = Record<string, AliasTarget>;

export interface DeclaredAlias {
  /** The city whose file declared it. */
  city: string;
  target: AliasTarget;
}

/** Every city's aliases, read at once (one row per city); in a transaction or not. */
export async function readAliases(prisma: Pick<Prisma.TransactionClient, 'setting'>): Promise<Map<string, DeclaredAlias>> {
  const rows = await prisma.setting.findMany({ where: { key: { startsWith: SETTING_PREFIX } }, select: { key: true, value: true } });
  const aliases = new Map<string, DeclaredAlias>();
  for (const row of rows) {
    const city = row.key.slice(SETTING_PREFIX.length);
    for (const [alias, target] of Object.entries(cityAliasesOf(row.value))) aliases.set(alias, { city, target });
  }
  return aliases;
}

/** A Setting's value as aliases; entries of any other shape are left out (only `config apply` writes the row). */
export function cityAliasesOf(value: Prisma.JsonValue): CityAliases {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const aliases: CityAliases = {};
  for (const [alias, target] of Object.entries(value)) {
    if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
    const { jurisdiction, site } = target as Record<string, unknown>;
    if (typeof jurisdiction === 'string') aliases[alias] = { jurisdiction };
    else if (typeof site === 'string') aliases[alias] = { site };
  }
  return aliases;
}
