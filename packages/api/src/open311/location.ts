// Where a request is, in and out. In: `address_string` alone is matched against
// the names of the kecamatan and kelurahan it may be in (residents write
// "Jl. Soeharto, Oebobo"). Out: a point is published only when the city opts in,
// and then only coarsely, since an exact point often is the resident's own house.
import type { PrismaClient } from '@aduan/prisma';
import type { RoutingSnapshot } from '../routing/catalog.js';

const SETTING_PREFIX = 'open311.publicLocation:';

/**
 * The `Setting` that opts one city in to points in GET requests (`open311.publicLocation:53.71`):
 * JSON `"coarse"` publishes them rounded, `"none"` (and a missing row, or anything else)
 * publishes none. The city's config file's `open311.publicLocation` writes it (city-config/apply.ts).
 */
export function publicLocationSetting(city: string): string {
  return `${SETTING_PREFIX}${city}`;
}

export const PUBLIC_LOCATIONS = ['none', 'coarse'] as const;

export type PublicLocation = (typeof PUBLIC_LOCATIONS)[number];

/** Every city's choice, read at once: what to publish for a report of a city (null: outside every city, none). */
export async function readPublicLocations(prisma: PrismaClient): Promise<(city: string | null) => PublicLocation> {
  const rows = await prisma.setting.findMany({ where: { key: { startsWith: SETTING_PREFIX } }, select: { key: true, value: true } });
  const coarse = new Set(rows.filter((row) => row.value === 'coarse').map((row) => row.key.slice(SETTING_PREFIX.length)));
  return (city) => (city !== null && coarse.has(city) ? 'coarse' : 'none');
}

/** One city's choice. */
export async function readPublicLocation(prisma: PrismaClient, city: string): Promise<PublicLocation> {
  return (await readPublicLocations(prisma))(city);
}

/**
 * Degrees are rounded to 2 decimals: a grid of 0.01°, about 1.1 km north–south and
 * 1.1 km × cos(latitude) east–west (1.09 km in Kupang), so a point names a
 * neighbourhood, not a house.
 */
export const COARSE_DECIMALS = 2;

export function coarsePoint(lat: number, lng: number): { lat: number; long: number } {
  const factor = 10 ** COARSE_DECIMALS;
  const round = (value: number) => Math.round(value * factor) / factor + 0; // + 0 turns -0 into 0
  return { lat: round(lat), long: round(lng) };
}

export type AddressMatch = { kind: 'one'; code: string } | { kind: 'none' } | { kind: 'several'; names: string[] };

const words = (text: string) =>
  ` ${text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

/**
 * The one kecamatan or kelurahan (level 3 or deeper) inside `withinCode` that every
 * name `address` mentions (as whole words) agrees with: the area itself or one of
 * its ancestors. "Oesapa Barat, Kelapa Lima" is Kelurahan Oesapa Barat in Kecamatan
 * Kelapa Lima, though a kelurahan is also called Kelapa Lima; "Oebobo" is the
 * kelurahan, the deepest of the areas so named. A longer name wins over one it
 * contains ("Oesapa Barat" over "Oesapa"). Names that point to unrelated areas are
 * `several`, and the client is asked for a point or an address_id instead.
 */
export async function matchAddress(prisma: PrismaClient, snapshot: RoutingSnapshot, address: string, withinCode: string | null): Promise<AddressMatch> {
  const text = words(address);
  if (text.trim() === '') return { kind: 'none' };
  // Official codes nest ("53.71.04.1001" is in "53.71.04"), so a prefix narrows the read; isWithin decides.
  const rows = await prisma.jurisdiction.findMany({
    where: { level: { gte: 3 }, ...(withinCode ? { code: { startsWith: `${withinCode}.` } } : {}) },
    select: { code: true, name: true },
  });
  const { index } = snapshot;
  const named = rows
    .map((row) => ({ code: row.code, name: words(row.name) }))
    .filter((row) => row.name.trim() !== '' && text.includes(row.name) && (!withinCode || index.isWithin(row.code, withinCode)));
  const mentions = new Map<string, string[]>();
  for (const row of named) {
    if (named.some((other) => other.name.length > row.name.length && other.name.includes(row.name))) continue;
    mentions.set(row.name, [...(mentions.get(row.name) ?? []), row.code]);
  }
  if (mentions.size === 0) return { kind: 'none' };
  const candidates = [...mentions.values()].flat();
  const agreeing = candidates.filter((code) => [...mentions.values()].every((areas) => areas.some((area) => index.isWithin(code, area))));
  const deepest = agreeing.filter((code) => !agreeing.some((other) => other !== code && index.isWithin(other, code)));
  if (deepest.length === 1) return { kind: 'one', code: deepest[0]! };
  const shown = deepest.length > 1 ? deepest : candidates;
  return { kind: 'several', names: [...new Set(shown.map((code) => index.get(code)?.name ?? code))].sort() };
}
