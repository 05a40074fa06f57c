// Reads a GeoJSON FeatureCollection of administrative areas into jurisdictions:
// code, name, level, kind, parent and a cleaned [lng, lat] geometry. Each problem
// is reported with the feature's path, and every coordinate is checked, because a
// bad polygon would otherwise surface much later as a misrouted report.
import type { CityConfigIssue } from './errors.js';
import { jurisdictionCodePattern, type JurisdictionKind } from './schema.js';

export type Position = [number, number];
export type BoundaryGeometry = { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };

/** One administrative area from a boundary file. */
export interface BoundaryFeature {
  code: string;
  name: string;
  /** 1 province, 2 kota/kabupaten, 3 kecamatan, 4 kelurahan/desa. */
  level: number;
  kind: JurisdictionKind;
  /** The code minus its last segment; null for a one-segment code. Whether that parent exists is checked on apply. */
  parentCode: string | null;
  geometry: BoundaryGeometry;
}

/** The `properties.level` values boundary files use, and the level each stands for. */
const levelByName: Record<string, number> = { provinsi: 1, kabupaten_kota: 2, kecamatan: 3, kelurahan_desa: 4 };

/** A kota's code has a second segment starting with 7 (53.71); a kelurahan's last segment starts with 1 (…1001). */
export function kindOf(code: string, level: number): JurisdictionKind {
  const segments = code.split('.');
  switch (level) {
    case 1:
      return 'provinsi';
    case 2:
      return segments[1]?.startsWith('7') ? 'kota' : 'kabupaten';
    case 3:
      return 'kecamatan';
    default:
      return segments.at(-1)?.startsWith('1') ? 'kelurahan' : 'desa';
  }
}

export function parentCodeOf(code: string): string | null {
  const cut = code.lastIndexOf('.');
  return cut < 0 ? null : code.slice(0, cut);
}

/**
 * The features of one parsed GeoJSON document. `path` prefixes issue paths
 * (`boundaries[1]`), `fileLabel` says which file in messages.
 */
export function readBoundaryFeatures(document: unknown, path: string, fileLabel: string, issues: CityConfigIssue[]): BoundaryFeature[] {
  const report = (where: string, message: string) => issues.push({ path: `${path}${where}`, message: `${message} (in ${fileLabel})` });
  if (!isRecord(document) || document.type !== 'FeatureCollection' || !Array.isArray(document.features)) {
    report('', 'is not a GeoJSON FeatureCollection with a "features" array');
    return [];
  }
  const features: BoundaryFeature[] = [];
  document.features.forEach((feature: unknown, index) => {
    const at = `.features[${index}]`;
    const before = issues.length;
    if (!isRecord(feature) || feature.type !== 'Feature') {
      report(at, 'is not a GeoJSON Feature');
      return;
    }
    const properties = isRecord(feature.properties) ? feature.properties : {};
    const { code, name, level: levelName } = properties;
    if (typeof code !== 'string') report(`${at}.properties.code`, 'is missing or not a string');
    else if (!jurisdictionCodePattern.test(code)) report(`${at}.properties.code`, `"${code}" is not a jurisdiction code such as "53.71.04"`);
    if (typeof name !== 'string' || name.trim() === '') report(`${at}.properties.name`, 'is missing or not a string');
    else if (name.length > 200) report(`${at}.properties.name`, 'is longer than 200 characters');
    const level = typeof levelName === 'string' ? levelByName[levelName] : undefined;
    if (level === undefined) report(`${at}.properties.level`, `must be one of ${Object.keys(levelByName).join(', ')}`);
    else if (typeof code === 'string' && jurisdictionCodePattern.test(code) && code.split('.').length !== level) {
      report(`${at}.properties.level`, `"${String(levelName)}" does not match code "${code}" (${code.split('.').length} segment(s))`);
    }
    const geometry = readGeometry(feature.geometry, `${at}.geometry`, report);
    if (issues.length > before || typeof code !== 'string' || typeof name !== 'string' || level === undefined || !geometry) return;
    features.push({ code, name: name.trim(), level, kind: kindOf(code, level), parentCode: parentCodeOf(code), geometry });
  });
  return features;
}

type Report = (where: string, message: string) => void;

function readGeometry(geometry: unknown, at: string, report: Report): BoundaryGeometry | null {
  if (!isRecord(geometry)) {
    report(at, 'is missing; a boundary needs a Polygon or MultiPolygon');
    return null;
  }
  if (geometry.type === 'Polygon') {
    const polygon = readPolygon(geometry.coordinates, `${at}.coordinates`, report);
    return polygon && { type: 'Polygon', coordinates: polygon };
  }
  if (geometry.type === 'MultiPolygon') {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      report(`${at}.coordinates`, 'must be a non-empty array of polygons');
      return null;
    }
    const polygons = geometry.coordinates.map((polygon: unknown, i) => readPolygon(polygon, `${at}.coordinates[${i}]`, report));
    return polygons.every((p) => p !== null) ? { type: 'MultiPolygon', coordinates: polygons as Position[][][] } : null;
  }
  report(`${at}.type`, `is ${JSON.stringify(geometry.type)}; a boundary must be a Polygon or MultiPolygon`);
  return null;
}

function readPolygon(polygon: unknown, at: string, report: Report): Position[][] | null {
  if (!Array.isArray(polygon) || polygon.length === 0) {
    report(at, 'must be a non-empty array of linear rings');
    return null;
  }
  const rings: Position[][] = [];
  for (const [r, ring] of polygon.entries()) {
    const ringAt = `${at}[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4) {
      report(ringAt, 'a linear ring needs at least 4 positions');
      return null;
    }
    const positions: Position[] = [];
    for (const [p, position] of ring.entries()) {
      const checked = readPosition(position);
      if (typeof checked === 'string') {
        report(`${ringAt}[${p}]`, checked);
        return null; // one message per ring is enough to find the mistake
      }
      positions.push(checked);
    }
    const first = positions[0]!;
    const last = positions[positions.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      report(ringAt, 'a linear ring must end where it starts');
      return null;
    }
    rings.push(positions);
  }
  return rings;
}

/** A [lng, lat] position (an altitude is dropped), or why it is not one. */
function readPosition(position: unknown): Position | string {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) return 'a position must be [longitude, latitude]';
  const [lng, lat] = position as unknown[];
  if (typeof lng !== 'number' || typeof lat !== 'number' || !Number.isFinite(lng) || !Number.isFinite(lat)) {
    const shown = (position as unknown[]).map((x) => (typeof x === 'number' ? String(x) : JSON.stringify(x))).join(', ');
    return `coordinates must be finite numbers, not [${shown}]`;
  }
  if (lng < -180 || lng > 180) return `longitude ${lng} is outside -180..180`;
  if (lat < -90 || lat > 90) return `latitude ${lat} is outside -90..90`;
  // Normalise -0 so that the stored JSON and its hash do not depend on a sign nobody sees.
  return [lng === 0 ? 0 : lng, lat === 0 ? 0 : lat];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
