// Reply-to-update: agencies answer a report from their mailbox. Mail about a report to
// an agency or its staff carries the report's reply address (reply-address.ts) and, at
// its top, the words a reply understands (reply-words.ts); a worker reads the mailbox
// (mailbox-reader.ts), reads each message (read-message.ts) and applies it through the
// report ledger (apply-reply.ts). IMAP and MIME libraries are loaded only when a
// mailbox is configured.
import { describeMailbox, type MailboxSettings } from './mailbox-settings.js';

export { ReplyAddresses } from './reply-address.js';
export { describeMailbox, type MailboxSettings } from './mailbox-settings.js';
export { readReplyWords, replyInstructions, type ReplyRequest } from './reply-words.js';

/** The line `aduan serve` and `aduan worker` say at start. */
export function describeReplies(replies: { address: string; mailbox: MailboxSettings } | null, mail: boolean): string {
  if (!replies) return 'Replies: off (set ADUAN_REPLY_ADDRESS and ADUAN_REPLY_MAILBOX to let agencies update reports by replying to their mail).';
  const [local, domain] = replies.address.split('@');
  const reading = `reading ${describeMailbox(replies.mailbox)} for replies to ${local}+<report>@${domain}`;
  return mail ? `Replies: on, ${reading}.` : `Replies: on, ${reading}; but with no ADUAN_SMTP_URL no mail carries the address.`;
}
export { startReplyWorker, type ReplyWorkerOptions } from './reply-worker.js';
