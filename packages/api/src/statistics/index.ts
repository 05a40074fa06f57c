// Public, aggregate statistics: counts by category, area, status and week, and
// how each agency answers. Nothing personal is read or returned.
export { resolveScope, descendantCodes, DEFAULT_SPAN_DAYS, MAX_SPAN_YEARS, type StatisticsScope, type StatisticsArgs } from './scope.js';
export {
  queryStatistics,
  OPEN_STATUSES,
  type StatisticsData,
  type AgencyRow,
  type WeekRow,
} from './query.js';
export {
  RESPONSE_EVENT_KINDS,
  NON_STAFF_ACTORS,
  countsAsResponse,
  countsAsResolution,
  countsAsReroute,
  deriveMilestones,
  milestoneDurations,
  milestoneUpdate,
  type Milestones,
  type MilestoneEvent,
} from './milestones.js';
export { rollUpAreas, type AreaCountRow } from './areas.js';
export { foldTally, rebuildTally, startTallyFolding, DEFAULT_TALLY_FOLD_INTERVAL_MS } from './fold.js';
