// Reply-to-update as it runs in `aduan serve` and `aduan worker`: the mailbox reader
// hands each message to be read and applied, and each outcome is logged in one line
// without the message's text or its sender (both may be personal).
import { failureMessage } from '../log.js';
import type { PhotoStorage } from '../photos/index.js';
import type { ReportLedger } from '../workflow/ledger.js';
import { applyReply } from './apply-reply.js';
import { startMailboxReader, type MailboxReader } from './mailbox-reader.js';
import type { MailboxSettings } from './mailbox-settings.js';
import type { ReplyAddresses } from './reply-address.js';

export interface ReplyWorkerOptions {
  settings: { mailbox: MailboxSettings; pollMs: number };
  addresses: ReplyAddresses;
  ledger: ReportLedger;
  photoStorage: PhotoStorage | null;
  log: (line: string) => void;
  /** Called when an answer was put in the outbox, so it leaves at once. */
  onOutbox?: () => void;
  now?: () => Date;
}

export function startReplyWorker(options: ReplyWorkerOptions): MailboxReader {
  const { log } = options;
  return startMailboxReader({
    settings: options.settings.mailbox,
    pollMs: options.settings.pollMs,
    log,
    async handle(raw) {
      const { readMessage } = await import('./read-message.js');
      let reply: Awaited<ReturnType<typeof readMessage>>;
      try {
        reply = await readMessage(raw);
      } catch (error) {
        log(`Reply mailbox: a message could not be read (${failureMessage(error)}); marked and left.`);
        return true;
      }
      try {
        const result = await applyReply(
          { ledger: options.ledger, addresses: options.addresses, photoStorage: options.photoStorage, ...(options.now ? { now: options.now } : {}) },
          reply,
        );
        if (result.outcome !== 'SEEN')
          log(`Reply ${reply.messageId}: ${result.outcome.toLowerCase()}${result.trackingCode ? ` (${result.trackingCode})` : ''}: ${result.reason}.`);
        if (result.outcome === 'REFUSED') options.onOutbox?.();
        return true;
      } catch (error) {
        // The database or the photo storage is away: left unmarked, tried again on the next pass.
        log(`Reply ${reply.messageId}: not applied yet (${failureMessage(error)}); trying again later.`);
        return false;
      }
    },
  });
}
