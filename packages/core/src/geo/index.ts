export type { AreaGeometry, BBox, MultiPolygonGeometry, PolygonGeometry, Position } from './geometry.js';
export { bboxContains, geometryBBox, unionBBox } from './geometry.js';
export { ON_BOUNDARY_TOLERANCE } from './edge-test.js';
export { pointInGeometry } from './point-in-polygon.js';
export { distanceToBoundary } from './distance.js';
export { labelPoint } from './label-point.js';
export { PolygonIndex, type IndexedArea } from './polygon-index.js';
