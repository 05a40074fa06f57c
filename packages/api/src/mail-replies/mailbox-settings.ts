// ADUAN_REPLY_ADDRESS and ADUAN_REPLY_MAILBOX, checked: the address replies are sent to
// (its local part leaves room for `+<token>`), and the IMAP mailbox they arrive in.
// Problems finish the sentence "VARIABLE …"; none repeats the mailbox's password.
import { MAX_BASE_LOCAL_PART } from './reply-address.js';

export interface MailboxSettings {
  /** imaps:// (TLS from the first byte); imap:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  host: string;
  port: number;
  user: string;
  password: string;
  /** The folder read, INBOX unless the URL's path names another. */
  path: string;
}

export const MAILBOX_FORM = 'must be imap://user:password@host:port/INBOX (imaps:// for TLS; URL-encode special characters in the password)';

export function parseMailboxUrl(text: string): MailboxSettings | { problem: string } {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: MAILBOX_FORM };
  }
  if ((url.protocol !== 'imap:' && url.protocol !== 'imaps:') || !url.hostname || url.search || url.hash) return { problem: MAILBOX_FORM };
  if (!url.username || !url.password) return { problem: `${MAILBOX_FORM}: give the user and the password` };
  const secure = url.protocol === 'imaps:';
  let path: string;
  let user: string;
  let password: string;
  try {
    path = decodeURIComponent(url.pathname.replace(/^\/+/, '')) || 'INBOX';
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    return { problem: `${MAILBOX_FORM}: a part is not valid URL encoding` };
  }
  return { secure, host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port ? Number(url.port) : secure ? 993 : 143, user, password, path };
}

const ADDRESS = /^[A-Za-z0-9!#$%&'*/=?^_`{|}~.-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

/** The reply address in lower case, or a problem finishing "ADUAN_REPLY_ADDRESS …". */
export function parseReplyAddress(text: string): string | { problem: string } {
  const address = text.trim().toLowerCase();
  if (!ADDRESS.test(address) || address.startsWith('.') || address.includes('..')) {
    return { problem: 'must be a plain e-mail address such as aduan@kupangkota.go.id (no display name, no +)' };
  }
  const local = address.slice(0, address.lastIndexOf('@'));
  if (local.length > MAX_BASE_LOCAL_PART) {
    return { problem: `must have a local part (before @) of at most ${MAX_BASE_LOCAL_PART} characters, so that "+" and a report's token still fit in 64` };
  }
  return address;
}

/** How the mailbox is named in logs: never the password. */
export function describeMailbox(settings: MailboxSettings): string {
  return `${settings.secure ? 'imaps' : 'imap'}://${settings.user}@${settings.host}:${settings.port}/${settings.path}`;
}
