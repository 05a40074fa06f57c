/**
 * The ES module for bundlers: importing it registers <aduan-report>, <aduan-status> and
 * <aduan-launcher> and starts the offline outbox. Lit and @aduan/client stay external.
 */
import { defineAduanElements } from './define.js';

export { AduanReport } from './report-form/report-form.component.js';
export { AduanStatus } from './status/status.component.js';
export { AduanLauncher } from './launcher/launcher.component.js';
export { ConfigController } from './common/config.controller.js';
export { STRINGS, type Lang, type StringKey, type StringOverrides, type Strings } from './common/strings.js';
export { configureOutbox, pending, replayOutbox, type OutboxEntry } from './common/outbox.js';
export { resizePhoto } from './report-form/resize-photo.js';
export { defineAduanElements, elements } from './define.js';

defineAduanElements();
