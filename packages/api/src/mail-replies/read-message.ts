// One message from the reply mailbox, read: who sent it, which addresses it went to,
// whether a machine wrote it, the reply's own words, and its photos. mailparser decodes
// the MIME (quoted-printable, base64, charsets; HTML-only mail becomes text, with quoted
// history as "> " lines); email-reply-parser removes the quoted history, "On … wrote:"
// lines, signatures and mobile footers, and the few Indonesian ones it does not know are
// removed here. Both are loaded on the first message, never by a server without a mailbox.
import { createHash } from 'node:crypto';
import type { AddressObject } from 'mailparser';
import { replyInstructions } from './reply-words.js';

export interface IncomingReply {
  /** The Message-ID, or one made from the message's bytes when it has none. */
  messageId: string;
  /** The sender's address in lower case, without the display name; null when there is none. */
  from: string | null;
  /** Every address it was sent to (To, Cc, Delivered-To, X-Original-To), in lower case. */
  recipients: string[];
  /** An out-of-office notice, a bounce or a list: never applied, never answered. */
  automatic: boolean;
  /** The reply's own words. */
  text: string;
  /** Attached images (not those an HTML body shows inline, such as a signature's logo). */
  photos: { name: string; contentType: string; bytes: Uint8Array }[];
}

type Parsers = { simpleParser: typeof import('mailparser').simpleParser; replyParser: InstanceType<typeof import('email-reply-parser').default> };
let parsers: Promise<Parsers> | undefined;

function loadParsers(): Promise<Parsers> {
  parsers ??= Promise.all([import('mailparser'), import('email-reply-parser')]).then(([mailparser, replyParser]) => ({
    simpleParser: mailparser.simpleParser,
    replyParser: new replyParser.default(),
  }));
  return parsers;
}

/** Quote headers and footers in Indonesian (Gmail, Outlook, phones) the reply parser does not know: everything from one on goes. */
const INDONESIAN_CUTS = [
  /^\s*Pada\s[\s\S]{0,200}?\smenulis\s*:\s*$/im,
  /^\s*Dikirim dari\s.+$/im,
  /^\s*-{2,}\s*Pesan (?:Asli|Diteruskan)\s*-{2,}\s*$/im,
  /^\s*Dari\s*:\s.+\n\s*(?:Dikirim|Tanggal)\s*:/im,
];

/**
 * The first sentence of every mail Aduan sends about a report, in both languages (short
 * enough that a mail program's wrapping of quoted lines leaves it whole). A reply that
 * still holds it quotes Aduan's mail in a way no parser recognised (Outlook's "From: … Sent:"
 * block without an address, a helpdesk's auto-reply): everything from it on goes, or the
 * quoted mail — the resident's contact, the exact point, signed photo links — would become
 * a public note.
 */
const OWN_MAIL_OPENINGS = (['ID', 'EN'] as const).map((locale) => replyInstructions(locale).split('. ')[0]!.trim());

/** Header lines a mail program writes above a quoted mail ("From:", "Sent:", "Dari:", …), and blank lines. */
const QUOTE_HEADER_LINE = /^\s*(?:>\s*)*(?:(?:from|sent|date|to|cc|subject|dari|dikirim|tanggal|kepada|perihal|subjek)\s*:.*)?$/i;

/** `text` up to the quoted copy of Aduan's own mail, and the header lines just above it. */
function withoutOwnMail(text: string): string {
  const lines = text.split('\n');
  let at = lines.findIndex((line) => OWN_MAIL_OPENINGS.some((opening) => line.includes(opening)));
  if (at < 0) return text;
  while (at > 0 && QUOTE_HEADER_LINE.test(lines[at - 1]!)) at--;
  return lines.slice(0, at).join('\n');
}

export function ownWords(text: string, replyParser: Parsers['replyParser']): string {
  let own = replyParser.parseReply(withoutOwnMail(text.replace(/\r\n?/g, '\n')));
  for (const cut of INDONESIAN_CUTS) {
    const found = cut.exec(own);
    if (found) own = own.slice(0, found.index);
  }
  // Quoted lines the parser left (a quote without a header line above it).
  return own
    .split('\n')
    .filter((line) => !line.startsWith('>'))
    .join('\n')
    .trim();
}

/** Longer Message-IDs are kept by their hash (RFC 5322 lines stop at 998 characters; real ones are far shorter). */
const LONGEST_MESSAGE_ID = 250;

/**
 * The Message-ID as the database keeps it: as sent when it is printable and of a sane
 * length, else a name made from its hash (from the message's bytes when it has none). A
 * stranger's Message-ID with a NUL or 3 KB of text would otherwise be refused by the
 * database on every pass, and the message read again forever.
 */
export function storableMessageId(messageId: string | undefined, raw: Buffer): string {
  const id = messageId?.trim() ?? '';
  if (id && id.length <= LONGEST_MESSAGE_ID && /^[\x21-\x7e]+$/.test(id)) return id;
  const hash = createHash('sha256')
    .update(id || raw)
    .digest('hex');
  return `<${hash}@${id ? 'unusual-message-id' : 'no-message-id'}.invalid>`;
}

export async function readMessage(raw: Buffer): Promise<IncomingReply> {
  const { simpleParser, replyParser } = await loadParsers();
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const header = (name: string) => {
    const value = mail.headers.get(name);
    return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
  };
  const addresses = (field: AddressObject | AddressObject[] | undefined) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) => group.value.map((entry) => entry.address?.toLowerCase() ?? '')).filter(Boolean);
  const extra = ['delivered-to', 'x-original-to'].flatMap((name) => header(name).match(/[^\s<>,"]+@[^\s<>,"]+/g) ?? []).map((a) => a.toLowerCase());

  const autoSubmitted = header('auto-submitted').toLowerCase();
  const automatic =
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    /^(?:bulk|junk|list|auto_reply)$/i.test(header('precedence').trim()) ||
    header('x-autoreply') !== '' ||
    header('x-autorespond') !== '' ||
    header('list-id') !== '' ||
    /^(?:mailer-daemon|postmaster)@/i.test(addresses(mail.from)[0] ?? '');

  const text = mail.text?.trim() ? mail.text : '';
  return {
    messageId: storableMessageId(mail.messageId, raw),
    from: addresses(mail.from)[0] ?? null,
    recipients: [...new Set([...addresses(mail.to), ...addresses(mail.cc), ...extra])],
    automatic,
    text: text ? ownWords(text, replyParser) : '',
    photos: mail.attachments
      .filter((part) => part.contentType.startsWith('image/') && !part.related)
      .map((part) => ({ name: part.filename ?? 'photo', contentType: part.contentType, bytes: new Uint8Array(part.content) })),
  };
}
