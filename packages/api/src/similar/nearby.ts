// similarReports: open reports of one category near a point, so a resident can follow
// one instead of sending the same streetlight a tenth time. Only what NearbyReport shows
// leaves here: never the tracking code (a handle stands for it), the description, the
// reporter, the exact point or the place text.
//
// Distances are measured between points snapped to a grid of about 110 m, against a few
// fixed radii, and answered in bands: moving the centre or the radius a metre at a time
// learns nothing finer than the grid cell a report lies in.
import type { ReportStatus } from '@aduan/prisma';
import type { WorkflowContext } from '../workflow/context.js';
import { boundingBox, haversineMeters, type Point } from './geo.js';
import type { NearbyHandles } from './handles.js';

export const OPEN_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'IN_PROGRESS'] as const satisfies readonly ReportStatus[];
/** The radii a search may use; any other is rounded up to the next (at most the last). */
export const RADIUS_STEPS = [250, 500, 1_000] as const;
export const DEFAULT_RADIUS_M = 250;
export const MAX_RADIUS_M = 1_000;
export const MAX_RESULTS = 10;
/** Degrees of the snapping grid: 0.001° is about 111 m north–south, and east–west near the equator. */
const GRID_DEGREES = 0.001;
/** Rows read from the box at most (the most recent first); enough for any real street. */
const MAX_CANDIDATES = 500;
const DAY_MS = 86_400_000;

export const DISTANCE_BANDS = ['UNDER_100_M', 'UNDER_250_M', 'UNDER_500_M', 'UNDER_1000_M'] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];
const BAND_LIMITS: readonly [number, DistanceBand][] = [
  [100, 'UNDER_100_M'],
  [250, 'UNDER_250_M'],
  [500, 'UNDER_500_M'],
  [Number.POSITIVE_INFINITY, 'UNDER_1000_M'],
];

export interface NearbyReportShape {
  /** For supportReport only; opaque and new in every answer. */
  handle: string;
  category: string;
  status: ReportStatus;
  ageDays: number;
  distance: DistanceBand;
  /** The area the report was routed by (its boundary stays in the database). */
  area: { code: string; name: string; kind: string };
  supporters: number;
}

/** The radius a search uses for the one asked: the next step up. */
export function radiusStep(asked: number): number {
  return RADIUS_STEPS.find((step) => asked <= step) ?? MAX_RADIUS_M;
}

/** The centre of the grid cell a point lies in. */
export function snapToGrid(point: Point): Point {
  const snap = (degrees: number) => (Math.floor(degrees / GRID_DEGREES) + 0.5) * GRID_DEGREES;
  return { lat: snap(point.lat), lng: snap(point.lng) };
}

function bandOf(metres: number): DistanceBand {
  return BAND_LIMITS.find(([limit]) => metres < limit)![1];
}

export async function similarReports(
  context: Pick<WorkflowContext, 'prisma' | 'now'> & { handles: NearbyHandles },
  input: { categoryId: string; categoryCode: string; location: Point; radiusMeters: number },
): Promise<NearbyReportShape[]> {
  const radius = radiusStep(input.radiusMeters);
  const centre = snapToGrid(input.location);
  // The box around the snapped centre, widened by a cell: a report's snapped point may lie up to half a cell from its own.
  const box = boundingBox(centre, radius + 160);
  const rows = await context.prisma.report.findMany({
    where: {
      categoryId: input.categoryId,
      status: { in: [...OPEN_STATUSES] },
      lat: { gte: box.minLat, lte: box.maxLat },
      lng: { gte: box.minLng, lte: box.maxLng },
    },
    select: {
      id: true,
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
  const now = context.now();
  return rows
    .map((row) => ({ row, distance: haversineMeters(centre, snapToGrid({ lat: row.lat!, lng: row.lng! })) }))
    .filter(({ distance }) => distance <= radius)
    .sort((a, b) => a.distance - b.distance || b.row.submittedAt.getTime() - a.row.submittedAt.getTime())
    .slice(0, MAX_RESULTS)
    .map(({ row, distance }) => ({
      handle: context.handles.issue(row.id, now),
      category: input.categoryCode,
      status: row.status,
      ageDays: Math.max(0, Math.floor((now.getTime() - row.submittedAt.getTime()) / DAY_MS)),
      distance: bandOf(distance),
      area: row.jurisdiction,
      supporters: row._count.supports,
    }));
}
