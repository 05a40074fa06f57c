// Reply-to-update's settings and addresses: ADUAN_REPLY_ADDRESS and ADUAN_REPLY_MAILBOX
// read together or refused in one sentence that never repeats the mailbox's password;
// each report's reply address names it, survives a mail system lowercasing it, fits
// RFC 5321's 64-octet local part, and cannot be forged or moved to another report.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../src/environment.js';
import { describeReplies } from '../src/mail-replies/index.js';
import { ReplyAddresses } from '../src/mail-replies/reply-address.js';
import { ServerSecret } from '../src/secrets/server-secret.js';

const mailbox = 'imap://aduan%40kupangkota.go.id:rah%2Fasia@mail.kupangkota.go.id/INBOX';

describe('reply-to-update settings', () => {
  it('is off unless both are set, and reads the mailbox URL', () => {
    expect(readEnvironment({}).replies).toBeNull();
    const env = readEnvironment({ ADUAN_REPLY_ADDRESS: 'Aduan@KupangKota.go.id', ADUAN_REPLY_MAILBOX: mailbox });
    expect(env.replies).toEqual({
      address: 'aduan@kupangkota.go.id',
      mailbox: { secure: false, host: 'mail.kupangkota.go.id', port: 143, user: 'aduan@kupangkota.go.id', password: 'rah/asia', path: 'INBOX' },
      pollMs: 60_000,
    });
    const tls = readEnvironment({ ADUAN_REPLY_ADDRESS: 'aduan@kupangkota.go.id', ADUAN_REPLY_MAILBOX: 'imaps://u:p@[::1]:9993', ADUAN_REPLY_POLL_MS: '5000' });
    expect(tls.replies).toMatchObject({ mailbox: { secure: true, host: '::1', port: 9993, path: 'INBOX' }, pollMs: 5_000 });
  });

  it('refuses settings that cannot work, never repeating the password', () => {
    const refused = (env: NodeJS.ProcessEnv) => () => readEnvironment(env);
    expect(refused({ ADUAN_REPLY_ADDRESS: 'aduan@kupangkota.go.id' })).toThrow(
      'ADUAN_REPLY_MAILBOX must be set with ADUAN_REPLY_ADDRESS (the mailbox its replies arrive in).',
    );
    expect(refused({ ADUAN_REPLY_MAILBOX: mailbox })).toThrow(
      'ADUAN_REPLY_ADDRESS must be set with ADUAN_REPLY_MAILBOX (the address mail to that mailbox is sent to).',
    );
    for (const address of ['aduan', 'Aduan <aduan@kupangkota.go.id>', 'aduan+x@kupangkota.go.id', 'aduan@localhost', 'a..b@kupangkota.go.id']) {
      expect(refused({ ADUAN_REPLY_ADDRESS: address, ADUAN_REPLY_MAILBOX: mailbox })).toThrow(
        `ADUAN_REPLY_ADDRESS must be a plain e-mail address such as aduan@kupangkota.go.id (no display name, no +), not "${address}".`,
      );
    }
    expect(refused({ ADUAN_REPLY_ADDRESS: `${'a'.repeat(22)}@kupangkota.go.id`, ADUAN_REPLY_MAILBOX: mailbox })).toThrow(
      /^ADUAN_REPLY_ADDRESS must have a local part \(before @\) of at most 21 characters/,
    );
    for (const [url, problem] of [
      [
        'pop3://u:rahasia@mail.kupangkota.go.id',
        /^ADUAN_REPLY_MAILBOX must be imap:\/\/user:password@host:port\/INBOX \(imaps:\/\/ for TLS; URL-encode special characters in the password\)\.$/,
      ],
      ['imap://mail.kupangkota.go.id/INBOX', /: give the user and the password\.$/],
      ['imap://u@mail.kupangkota.go.id', /: give the user and the password\.$/],
      ['imap://u:rah@sia@mail/x?y', /^ADUAN_REPLY_MAILBOX must be imap:\/\//],
      ['imap://u:rahasia%zz@mail.kupangkota.go.id', /: a part is not valid URL encoding\.$/],
    ] as const) {
      const attempt = refused({ ADUAN_REPLY_ADDRESS: 'aduan@kupangkota.go.id', ADUAN_REPLY_MAILBOX: url });
      expect(attempt).toThrow(problem);
      expect(attempt).not.toThrow(/rahasia|sia@/);
    }
    expect(refused({ ADUAN_REPLY_ADDRESS: 'aduan@kupangkota.go.id', ADUAN_REPLY_MAILBOX: mailbox, ADUAN_REPLY_POLL_MS: '0' })).toThrow(
      /^ADUAN_REPLY_POLL_MS must be a whole number of milliseconds/,
    );
  });
});

describe('what aduan serve says at start', () => {
  it('says whether replies are on, naming the mailbox without its password', () => {
    expect(describeReplies(readEnvironment({}).replies, true)).toMatch(/^Replies: off \(set ADUAN_REPLY_ADDRESS and ADUAN_REPLY_MAILBOX/);
    const on = readEnvironment({ ADUAN_REPLY_ADDRESS: 'aduan@kupangkota.go.id', ADUAN_REPLY_MAILBOX: mailbox }).replies;
    expect(describeReplies(on, true)).toBe(
      'Replies: on, reading imap://aduan@kupangkota.go.id@mail.kupangkota.go.id:143/INBOX for replies to aduan+<report>@kupangkota.go.id.',
    );
    expect(describeReplies(on, false)).toMatch(/; but with no ADUAN_SMTP_URL no mail carries the address\.$/);
    expect(describeReplies(on, true)).not.toContain('rah/asia');
  });
});

describe('reply addresses', () => {
  const secret = ServerSecret.random();
  const addresses = new ReplyAddresses('aduan@kupangkota.go.id', secret);

  it('names the report, in lower case, within 64 octets before @', () => {
    const reportId = randomUUID();
    const address = addresses.forReport(reportId);
    expect(address).toMatch(/^aduan\+[a-z2-7]{42}@kupangkota\.go\.id$/);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(addresses.reportOf(address)).toBe(reportId);
    expect(addresses.reportOf(address.toUpperCase())).toBe(reportId);
    expect(addresses.forReport(reportId)).toBe(address);
    // The longest base address still fits.
    const longest = new ReplyAddresses(`${'a'.repeat(21)}@kupangkota.go.id`, secret).forReport(reportId);
    expect(longest.split('@')[0]!.length).toBe(64);
  });

  it('cannot be guessed, moved to another report, or taken to another server or address', () => {
    const reportId = randomUUID();
    const address = addresses.forReport(reportId);
    const [local, domain] = address.split('@') as [string, string];
    const token = local.slice('aduan+'.length);
    const other = addresses.forReport(randomUUID()).split('@')[0]!.slice('aduan+'.length);
    // Another report's id with this report's MAC, and every single-letter change, are refused.
    expect(addresses.reportOf(`aduan+${other.slice(0, 26)}${token.slice(26)}@${domain}`)).toBeNull();
    for (let i = 0; i < token.length; i++) {
      const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      expect(addresses.reportOf(`aduan+${changed}@${domain}`)).toBeNull();
    }
    expect(new ReplyAddresses('aduan@kupangkota.go.id', ServerSecret.random()).reportOf(address)).toBeNull();
    expect(addresses.reportOf(address.replace('kupangkota', 'example'))).toBeNull();
    expect(addresses.reportOf(address.replace('aduan+', 'lapor+'))).toBeNull();
    expect(addresses.reportOf('aduan@kupangkota.go.id')).toBeNull();
    expect(addresses.reportOf(`aduan+${token}x@${domain}`)).toBeNull();
  });
});
