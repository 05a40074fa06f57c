// Reply-to-update as it runs in `aduan serve` and `aduan worker`: the mailbox reader
// hands each message to be read and applied, and each outcome is logged in one line
// without the message's text or its sender (both may be personal).
import { isDatabaseUnavailable } from '../db/unavailable.js';
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
  /** See MailboxReaderOptions. */
  maxMessageBytes?: number;
}

/** A message that fails this often for a reason other than the database being away is marked and left. */
const MOST_ATTEMPTS = 3;

export function startReplyWorker(options: ReplyWorkerOptions): MailboxReader {
  const { log } = options;
  // Failed attempts by Message-ID, in this process: a message that can never be applied must
  // not be fetched and parsed again on every pass.
  const failures = new Map<string, number>();
  return startMailboxReader({
    settings: options.settings.mailbox,
    pollMs: options.settings.pollMs,
    ...(options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {}),
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
        failures.delete(reply.messageId);
        if (result.outcome !== 'SEEN')
          log(
            `Reply ${JSON.stringify(reply.messageId)}: ${result.outcome.toLowerCase()}${result.trackingCode ? ` (${result.trackingCode})` : ''}: ${result.reason}.`,
          );
        if (result.outcome === 'REFUSED') options.onOutbox?.();
        return true;
      } catch (error) {
        // The database away: left unmarked, tried again on the next pass, however long it takes.
        // Anything else (the photo storage away, say) gets a few passes, then is marked and left.
        const attempts = (failures.get(reply.messageId) ?? 0) + 1;
        if (isDatabaseUnavailable(error) || attempts < MOST_ATTEMPTS) {
          if (!isDatabaseUnavailable(error)) failures.set(reply.messageId, attempts);
          log(`Reply ${JSON.stringify(reply.messageId)}: not applied yet (${failureMessage(error)}); trying again later.`);
          return false;
        }
        failures.delete(reply.messageId);
        log(`Reply ${JSON.stringify(reply.messageId)}: not applied after ${attempts} attempts (${failureMessage(error)}); marked and left.`);
        return true;
      }
    },
  });
}
