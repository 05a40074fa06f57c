// Walking the jurisdiction hierarchy the routing catalogue holds: an area with every
// area below it (an inbox filtered by kecamatan), and with every area above it too
// (the agencies that may take a report there).
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
