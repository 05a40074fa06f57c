// Finding the report a tracking code names, as residents and routers write it.
import { parseTrackingCode } from '@aduan/core';
import type { Report } from '@aduan/prisma';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { WorkflowContext } from './context.js';
import { UnknownReport } from './errors.js';

/**
 * The canonical form of a tracking code as a resident (or a router) wrote it, forgiving case,
 * separators and look-alikes; null when it cannot be one. Nothing is looked up.
 */
export async function canonicalTrackingCode(catalog: RoutingCatalog, trackingCode: string): Promise<string | null> {
  if (trackingCode.length > 64) return null;
  return parseTrackingCode(trackingCode, (await catalog.current()).trackingCodePrefix);
}

/** The report a tracking code names (forgiving case and look-alikes, like `reportStatus`), or null. */
export async function findReport(context: Pick<WorkflowContext, 'prisma' | 'catalog'>, trackingCode: string): Promise<Report | null> {
  const code = await canonicalTrackingCode(context.catalog, trackingCode);
  if (!code) return null;
  return context.prisma.report.findUnique({ where: { trackingCode: code } });
}

/** As findReport, but UnknownReport (with `message`) when there is none. */
export async function reportOrRefuse(context: Pick<WorkflowContext, 'prisma' | 'catalog'>, trackingCode: string, message?: string): Promise<Report> {
  const report = await findReport(context, trackingCode);
  if (!report) throw new UnknownReport(message);
  return report;
}

export const MAX_NOTE_LENGTH = 5_000;
