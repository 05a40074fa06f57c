// similarReports: open reports of one category near a point, so a resident can follow
// one instead of sending the same streetlight a tenth time. Only what NearbyReport shows
// leaves here: never the description, the reporter, the exact point or the place text.
import type { ReportStatus } from '@aduan/prisma';
import type { WorkflowContext } from '../workflow/context.js';
import { boundingBox, haversineMeters, roundToTens, type Point } from './geo.js';

export const OPEN_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] as const satisfies readonly ReportStatus[];
export const DEFAULT_RADIUS_M = 200;
export const MAX_RADIUS_M = 1_000;
export const MAX_RESULTS = 10;
/** Rows read from the box at most (the most recent first); enough for any real street. */
const MAX_CANDIDATES = 500;
const DAY_MS = 86_400_000;

export interface NearbyReportShape {
  trackingCode: string;
  category: string;
  status: ReportStatus;
  ageDays: number;
  distanceMeters: number;
  /** The area the report was routed by (its boundary stays in the database). */
  area: { code: string; name: string; kind: string };
  supporters: number;
}

export async function similarReports(
  context: Pick<WorkflowContext, 'prisma' | 'now'>,
  input: { categoryId: string; categoryCode: string; location: Point; radiusMeters: number },
): Promise<NearbyReportShape[]> {
  const box = boundingBox(input.location, input.radiusMeters);
  const rows = await context.prisma.report.findMany({
    where: {
      categoryId: input.categoryId,
      status: { in: [...OPEN_STATUSES] },
      lat: { gte: box.minLat, lte: box.maxLat },
      lng: { gte: box.minLng, lte: box.maxLng },
    },
    select: {
      trackingCode: true,
      status: true,
      submittedAt: true,
      lat: true,
      lng: true,
      jurisdiction: { select: { code: true, name: true, kind: true } },
      _count: { select: { supports: true } },
    },
    orderBy: [{ submittedAt: 'desc' }, { id: 'desc' }],
    take: MAX_CANDIDATES,
  });
  const now = context.now().getTime();
  return rows
    .map((row) => ({ row, distance: haversineMeters(input.location, { lat: row.lat!, lng: row.lng! }) }))
    .filter(({ distance }) => distance <= input.radiusMeters)
    .sort((a, b) => a.distance - b.distance || b.row.submittedAt.getTime() - a.row.submittedAt.getTime())
    .slice(0, MAX_RESULTS)
    .map(({ row, distance }) => ({
      trackingCode: row.trackingCode,
      category: input.categoryCode,
      status: row.status,
      ageDays: Math.max(0, Math.floor((now - row.submittedAt.getTime()) / DAY_MS)),
      distanceMeters: roundToTens(distance),
      area: row.jurisdiction,
      supporters: row._count.supports,
    }));
}
