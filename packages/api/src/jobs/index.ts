export { AUTO_CLOSE_NOTE, autoCloseAnswered } from './auto-close.js';
export { escalateOverdue } from './escalate.js';
export {
  DEFAULT_AUTO_CLOSE_DAYS,
  DEFAULT_ESCALATION_INTERVAL_MS,
  runAutoClose,
  runDeadlineJobs,
  runDigests,
  runEscalation,
  startDeadlineLoop,
  type DeadlineJobOptions,
  type DeadlineLoop,
  type DeadlinePass,
} from './loop.js';
