import { parseTrackingCode } from '@aduan/core';
import type { Report } from '@aduan/prisma';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { Context } from '../schema/context.js';

/**
 * The canonical form of a tracking code as a resident (or a router) wrote it, forgiving case,
 * separators and look-alikes; null when it cannot be one. Nothing is looked up.
 */
export async function canonicalTrackingCode(catalog: RoutingCatalog, trackingCode: string): Promise<string | null> {
  if (trackingCode.length > 64) return null;
  return parseTrackingCode(trackingCode, (await catalog.current()).trackingCodePrefix);
}

/** The report a tracking code names (forgiving case and look-alikes, like `reportStatus`), or null. */
export async function findReport(context: Pick<Context, 'prisma' | 'catalog'>, trackingCode: string): Promise<Report | null> {
  const code = await canonicalTrackingCode(context.catalog, trackingCode);
  if (!code) return null;
  return context.prisma.report.findUnique({ where: { trackingCode: code } });
}

export const MAX_NOTE_LENGTH = 5_000;
