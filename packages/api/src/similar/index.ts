export { similarReports, OPEN_STATUSES, DEFAULT_RADIUS_M, MAX_RADIUS_M, MAX_RESULTS, type NearbyReportShape } from './nearby.js';
export { supportReport, type SupportOutcome } from './support.js';
export { haversineMeters, boundingBox, roundToTens, type Point } from './geo.js';
