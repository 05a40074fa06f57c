import { parseTrackingCode } from '@aduan/core';
import type { Report } from '@aduan/prisma';
import type { Context } from '../schema/context.js';

/** The report a tracking code names (forgiving case and look-alikes, like `reportStatus`), or null. */
export async function findReport(context: Pick<Context, 'prisma' | 'catalog'>, trackingCode: string): Promise<Report | null> {
  if (trackingCode.length > 64) return null;
  const code = parseTrackingCode(trackingCode, (await context.catalog.current()).trackingCodePrefix);
  if (!code) return null;
  return context.prisma.report.findUnique({ where: { trackingCode: code } });
}

export const MAX_NOTE_LENGTH = 5_000;
