// E-mail to residents and staff: which mail a change calls for (notices.ts, decided by
// the report ledger), composing it from an outbox row (compose.ts), its words
// (messages.ts) and sending it (mailer.ts). The delivery worker sends it.
export { composeMail, consoleUrl, trackingUrl, type ComposedMail } from './compose.js';
export { mailerFromEnvironment, SmtpMailer, type MailMessage, type Mailer } from './mailer.js';
export { escapeHtml } from './messages.js';
export { isMailEvent, mailIntents, type MailEvent, type ResidentNotice, type StaffNotice } from './notices.js';
