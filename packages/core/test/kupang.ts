/** Loads the real Kupang boundaries of the demo city (prisma/kupang/boundaries, MIT, see LICENSE there) as jurisdiction entries. */
import { readFileSync } from 'node:fs';
import type { JurisdictionEntry, MultiPolygonGeometry } from '../src/index.js';

interface Feature {
  properties: { code: string; name: string; level: string; centroid: [number, number] };
  geometry: MultiPolygonGeometry;
}

export const LEVELS: Record<string, number> = { kabupaten_kota: 2, kecamatan: 3, kelurahan_desa: 4 };
const DECORATION: Record<number, string> = { 2: '', 3: 'Kecamatan ', 4: 'Kelurahan ' };

export function kupangFeatures(file: 'kota' | 'kecamatan' | 'kelurahan'): Feature[] {
  const url = new URL(`../../../prisma/kupang/boundaries/kupang-${file}.geojson`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { features: Feature[] }).features;
}

export function toEntry(feature: Feature): JurisdictionEntry {
  const { code, name, level } = feature.properties;
  const numericLevel = LEVELS[level];
  if (numericLevel === undefined) throw new Error(`unknown level ${level}`);
  return {
    code,
    // Callers decorate names the way residents read them; the data's kota name already is.
    name: `${DECORATION[numericLevel]}${name}`,
    level: numericLevel,
    parentCode: code.split('.').slice(0, -1).join('.') || null,
    geometry: feature.geometry,
  };
}

export function kupangEntries(): JurisdictionEntry[] {
  return [...kupangFeatures('kota'), ...kupangFeatures('kecamatan'), ...kupangFeatures('kelurahan')].map(toEntry);
}
