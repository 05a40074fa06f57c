export {
  similarReports,
  radiusStep,
  snapToGrid,
  OPEN_STATUSES,
  DEFAULT_RADIUS_M,
  MAX_RADIUS_M,
  MAX_RESULTS,
  RADIUS_STEPS,
  DISTANCE_BANDS,
  type DistanceBand,
  type NearbyReportShape,
} from './nearby.js';
export { supportReport, type SupportOutcome } from './support.js';
export { NearbyHandles } from './handles.js';
export { haversineMeters, boundingBox, type Point } from './geo.js';
