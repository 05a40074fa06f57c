// Report counts by the area they were routed by, rolled up to one level of the
// hierarchy (3 kecamatan, 4 kelurahan/desa) inside the scope.
import type { JurisdictionRef } from '@aduan/core';
import type { RoutingSnapshot } from '../routing/catalog.js';

export interface AreaCountRow {
  code: string;
  level: number;
  count: number;
  open: number;
}

/**
 * Every area at `level` inside the scope, with zero counts too, then any area
 * above `level` that reports were routed by directly (e.g. the city itself, for
 * a report routed by the site's default area): those count under their own
 * area, so the counts always add up to the total. A scope at or below `level`
 * is a single row. Sorted by count (desc), then code.
 */
export function rollUpAreas(
  snapshot: RoutingSnapshot,
  scope: JurisdictionRef | null,
  counts: ReadonlyMap<string, number>,
  open: ReadonlyMap<string, number>,
  level: number,
): AreaCountRow[] {
  const target = Math.max(level, scope?.level ?? level);
  const out = new Map<string, AreaCountRow>();
  for (const area of areasAt(snapshot, scope, target)) out.set(area.code, { code: area.code, level: area.level, count: 0, open: 0 });
  for (const [code, count] of counts) {
    const ancestry = snapshot.index.ancestry(code);
    const into = ancestry.find((ref) => ref.level <= target) ?? ancestry.at(-1) ?? { code, level: 0 };
    const row = out.get(into.code) ?? { code: into.code, level: into.level, count: 0, open: 0 };
    row.count += count;
    row.open += open.get(code) ?? 0;
    out.set(into.code, row);
  }
  return [...out.values()].sort((x, y) => y.count - x.count || x.code.localeCompare(y.code));
}

function areasAt(snapshot: RoutingSnapshot, scope: JurisdictionRef | null, level: number): JurisdictionRef[] {
  if (scope && scope.level >= level) return [scope];
  const found: JurisdictionRef[] = [];
  const stack = scope ? [scope] : snapshot.index.children(null);
  while (stack.length > 0) {
    const area = stack.pop()!;
    if (area.level === level) found.push(area);
    else if (area.level < level) stack.push(...snapshot.index.children(area.code));
  }
  return found;
}
