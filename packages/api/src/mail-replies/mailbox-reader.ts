// The reply mailbox's reader: keeps one IMAP connection, waits in IDLE for new mail
// where the server offers it (imapflow falls back to polling where it does not), and
// also looks every ADUAN_REPLY_POLL_MS, so nothing waits for long on a quiet or
// IDLE-less server. Each message not yet marked is handed to `handle`; once handled it
// is marked ($Aduan, or \Seen where the server keeps no keywords of ours), so the next
// pass skips it. The mark only saves work: the database decides whether a message was
// applied (apply-reply.ts), so two replicas reading one mailbox apply each message once.
// A lost connection is opened again, waiting longer each time (up to a minute).
import type { ImapFlow } from 'imapflow';
import { failureMessage } from '../log.js';
import { describeMailbox, type MailboxSettings } from './mailbox-settings.js';

export interface MailboxReaderOptions {
  settings: MailboxSettings;
  pollMs: number;
  /** Handles one message's raw bytes; true marks it done, false leaves it for the next pass (a failure to retry). */
  handle: (raw: Buffer) => Promise<boolean>;
  log: (line: string) => void;
  /** Messages larger than this are marked and never fetched; MAX_MESSAGE_BYTES unless given. */
  maxMessageBytes?: number;
}

export interface MailboxReader {
  /** Reads whatever is new now (waits for a running pass, then runs another). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

const KEYWORD = '$Aduan';
const LONGEST_RETRY_MS = 60_000;
/** Larger messages are never fetched: a reply's words and a few phone photos (base64) fit well within it. */
export const MAX_MESSAGE_BYTES = 25 * 1_048_576;

export function startMailboxReader(options: MailboxReaderOptions): MailboxReader {
  const { settings, log } = options;
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  let stopped = false;
  let client: ImapFlow | null = null;
  let mark = KEYWORD;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let passing = false;
  let retryMs = 1_000;
  let reconnect: NodeJS.Timeout | undefined;
  const poll = setInterval(() => void runNow(), options.pollMs);

  async function connect(): Promise<void> {
    if (stopped) return;
    const { ImapFlow } = await import('imapflow');
    const next = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      auth: { user: settings.user, pass: settings.password },
      logger: false,
    });
    next.on('error', (error: unknown) => log(`aduan: the reply mailbox failed: ${failureMessage(error)}`));
    next.on('close', () => {
      if (client !== next || stopped) return;
      client = null;
      scheduleReconnect('the connection closed');
    });
    // New mail announced while idling.
    next.on('exists', () => void runNow());
    try {
      await next.connect();
      const mailbox = await next.mailboxOpen(settings.path);
      mark = mailbox.permanentFlags?.has('\\*') ? KEYWORD : '\\Seen';
      client = next;
      retryMs = 1_000;
      void runNow();
    } catch (error) {
      next.close();
      scheduleReconnect(failureMessage(error));
    }
  }

  function scheduleReconnect(why: string): void {
    if (stopped) return;
    log(`aduan: the reply mailbox ${describeMailbox(settings)} is not reachable (${why}); trying again in ${Math.round(retryMs / 1000)} s.`);
    reconnect = setTimeout(() => void connect(), retryMs);
    retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
  }

  async function pass(): Promise<void> {
    const imap = client;
    if (!imap || stopped) return;
    const query = mark === '\\Seen' ? { seen: false } : { unKeyword: KEYWORD };
    const uids = (await imap.search(query, { uid: true })) || [];
    for (const uid of uids) {
      if (stopped) return;
      // Its size first: anyone may mail the reply address, and a message is parsed whole in memory.
      const head = await imap.fetchOne(String(uid), { size: true }, { uid: true });
      if (head !== false && (head.size ?? 0) > maxMessageBytes) {
        log(`aduan: a message of ${head.size} bytes in the reply mailbox is over the ${maxMessageBytes} a reply may have; marked and left unread.`);
        await imap.messageFlagsAdd(String(uid), [mark], { uid: true });
        continue;
      }
      const message = await imap.fetchOne(String(uid), { source: true }, { uid: true });
      if (message === false || !message.source) continue;
      if (await options.handle(message.source)) await imap.messageFlagsAdd(String(uid), [mark], { uid: true });
    }
  }

  function runNow(): Promise<void> {
    if (passing) {
      again = true;
      return running;
    }
    passing = true;
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (error) {
          log(`aduan: reading the reply mailbox failed: ${failureMessage(error)}`);
        }
      } while (again && !stopped);
      passing = false;
    })();
    return running;
  }

  void connect();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(poll);
      clearTimeout(reconnect);
      await running;
      const imap = client;
      client = null;
      await imap?.logout().catch(() => imap.close());
    },
  };
}
