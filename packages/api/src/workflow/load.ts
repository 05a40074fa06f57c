// Finding the report a tracking code names, as residents and routers write it.
import { parseTrackingCode } from '@aduan/core';
import type { PrismaClient, Report } from '@aduan/prisma';
import type { RoutingCatalog } from '../routing/catalog.js';
import type { WorkflowContext } from './context.js';
import { UnknownReport } from './errors.js';

/**
 * The canonical forms a tracking code as a resident (or a router) wrote it may have,
 * forgiving case, separators and look-alikes: one per city's prefix when the prefix was
 * left out, else the one its prefix names; none when it cannot be a code. Nothing is looked up.
 */
export async function canonicalTrackingCodes(catalog: RoutingCatalog, trackingCode: string): Promise<string[]> {
  if (trackingCode.length > 64) return [];
  const codes = (await catalog.current()).trackingCodePrefixes.map((prefix) => parseTrackingCode(trackingCode, prefix));
  return [...new Set(codes.filter((code): code is string => code !== null))];
}

/**
 * The one canonical code a tracking code as typed stands for: with its prefix left out and
 * several cities, the one a report has (bodies are random, so at most one does); null
 * when it cannot be a code.
 */
export async function canonicalTrackingCode(prisma: PrismaClient, catalog: RoutingCatalog, trackingCode: string): Promise<string | null> {
  const codes = await canonicalTrackingCodes(catalog, trackingCode);
  if (codes.length <= 1) return codes[0] ?? null;
  const found = await prisma.report.findFirst({ where: { trackingCode: { in: codes } }, select: { trackingCode: true } });
  return found?.trackingCode ?? codes[0]!;
}

/** The report a tracking code names (forgiving case and look-alikes, like `reportStatus`), or null. */
export async function findReport(context: Pick<WorkflowContext, 'prisma' | 'catalog'>, trackingCode: string): Promise<Report | null> {
  const code = await canonicalTrackingCode(context.prisma, context.catalog, trackingCode);
  return code ? context.prisma.report.findUnique({ where: { trackingCode: code } }) : null;
}

/** As findReport, but UnknownReport (with `message`) when there is none. */
export async function reportOrRefuse(context: Pick<WorkflowContext, 'prisma' | 'catalog'>, trackingCode: string, message?: string): Promise<Report> {
  const report = await findReport(context, trackingCode);
  if (!report) throw new UnknownReport(message);
  return report;
}

export const MAX_NOTE_LENGTH = 5_000;
