export { mailerFromEnvironment, SmtpMailer, type MailMessage, type Mailer } from './mailer.js';
export { escapeHtml } from './messages.js';
export { consoleUrl, DEFAULT_RETRY_DELAYS_MS, Notifier, trackingUrl, type NotifierOptions } from './notifier.js';
