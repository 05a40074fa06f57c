// Walking the jurisdiction hierarchy: an area with every area below it (an inbox filtered
// by kecamatan), and with every area above it too (the agencies that may take a report
// there). Official codes nest textually (53.71 → 53.71.04 → 53.71.04.1001), so "in this
// area" is also a test on the code alone, in memory or as a database filter.
import type { JurisdictionIndex } from '@aduan/core';

/** `code` and the codes of every area below it; null when the index has no such area. */
export function areaAndBelow(index: JurisdictionIndex, code: string): string[] | null {
  if (!index.get(code)) return null;
  const codes: string[] = [];
  const queue = [code];
  while (queue.length) {
    const next = queue.pop()!;
    codes.push(next);
    for (const child of index.children(next)) queue.push(child.code);
  }
  return codes;
}

/** The areas above `code`, the area itself, and every area below it; null when unknown. */
export function areaWithAncestryAndBelow(index: JurisdictionIndex, code: string): string[] | null {
  const below = areaAndBelow(index, code);
  if (!below) return null;
  return [
    ...index
      .ancestry(code)
      .slice(1)
      .map((ref) => ref.code),
    ...below,
  ];
}

/** Whether `code` is `area` or lies below it. */
export function isWithinArea(code: string, area: string): boolean {
  return code === area || code.startsWith(`${area}.`);
}

/** A database filter: the code column `field` is `area` or a code below it. */
export function codeWithin<F extends string>(field: F, area: string): { OR: Record<F, string | { startsWith: string }>[] } {
  return { OR: [{ [field]: area } as Record<F, string>, { [field]: { startsWith: `${area}.` } } as Record<F, { startsWith: string }>] };
}
