// Declarative city configuration: `aduan config apply city.json`.
export { applyCityConfig } from './apply.js';
export { EXPORT_BOUNDARY_FILE, exportCityConfig, type ExportedCity } from './export.js';
export type { ApplyOptions, ApplyProgress, ApplySummary, ChangeCounts } from './apply.js';
export { kindOf, parentCodeOf, readBoundaryFeatures } from './boundaries.js';
export type { BoundaryFeature, BoundaryGeometry, Position } from './boundaries.js';
export { CityConfigError, formatIssue } from './errors.js';
export type { CityConfigIssue } from './errors.js';
export { loadCityConfig, validateCityConfig } from './load.js';
export type { LoadedCityConfig } from './load.js';
export { originPatternProblem } from '../sites/origins.js';
export { cityConfigSchema, jurisdictionKinds, levelOfKind } from './schema.js';
export type { CityConfig, CityConfigInput, JurisdictionKind } from './schema.js';
