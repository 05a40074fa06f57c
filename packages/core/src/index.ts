export {
  REPORT_STATUSES,
  OPEN_STATUSES,
  allowedTransitions,
  canTransition,
  isOpenStatus,
  isReportStatus,
  reachableStatuses,
  stepsTo,
  type OpenReportStatus,
  type ReportStatus,
} from './status.js';
export { STATUS_WORDS_EN, STATUS_WORDS_ID, type StatusWord } from './status-words.js';
export { MAX_RESPONSE_HOURS, dueAt, isOverdue } from './deadline.js';
export {
  EVERY_DAY,
  checkWorkingCalendar,
  isLocalDate,
  isoWeekdayOf,
  localDays,
  MS_PER_DAY,
  type IsoWeekday,
  type LocalDays,
  type WorkingCalendar,
} from './working-calendar.js';
export {
  TRACKING_CODE_RANDOM_BITS,
  generateTrackingCode,
  parseTrackingCode,
  type RandomBytes,
} from './tracking-code.js';
export * from './geo/index.js';
export {
  JurisdictionIndex,
  type JurisdictionEntry,
  type JurisdictionRef,
  type Located,
} from './routing/jurisdiction-index.js';
export {
  chooseRule,
  routeReport,
  type RouteReportArgs,
  type RoutingDecision,
  type RoutingRule,
} from './routing/rules.js';
