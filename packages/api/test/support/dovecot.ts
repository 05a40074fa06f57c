// A real IMAP server for tests: Debian's Dovecot (`apt-get install -y dovecot-imapd`),
// run from a config of its own in a temporary folder — its sockets, state, log and
// maildirs there, one passwd-file user, plaintext login allowed on 127.0.0.1, on a
// free port — started by a test's setup and stopped by its pid file.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestImapServer {
  port: number;
  user: string;
  password: string;
  /** `imap://user:password@127.0.0.1:port/INBOX`, as ADUAN_REPLY_MAILBOX takes it. */
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startDovecot(): Promise<TestImapServer> {
  if (!existsSync('/usr/sbin/dovecot')) throw new Error('Dovecot is not installed: apt-get install -y dovecot-imapd');
  const dir = mkdtempSync(join(tmpdir(), 'aduan-dovecot-'));
  const mail = join(dir, 'mail');
  mkdirSync(mail);
  chmodSync(dir, 0o755);
  chmodSync(mail, 0o777);
  const port = await freePort();
  const user = 'aduan';
  const password = 'rahasia-imap';
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    [
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `log_path = ${dir}/dovecot.log`,
      'protocols = imap',
      'ssl = no',
      'disable_plaintext_auth = no',
      'auth_mechanisms = plain login',
      'first_valid_uid = 0',
      'default_login_user = nobody',
      'default_internal_user = nobody',
      `mail_location = maildir:${mail}/%u`,
      `passdb {\n  driver = passwd-file\n  args = ${dir}/passwd\n}`,
      'userdb {\n  driver = static\n  args = uid=nobody gid=nogroup\n}',
      `service imap-login {\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}`,
      'service anvil {\n  chroot =\n}',
      'service imap-login {\n  chroot =\n}',
      '',
    ].join('\n'),
  );
  // Dovecot goes to the background; its output is not waited for (the daemon would keep the pipe open).
  execFileSync('/usr/sbin/dovecot', ['-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  // Ready once it accepts connections.
  const { connect } = await import('node:net');
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) break;
    if (i > 100) throw new Error(`Dovecot did not start: ${readFileSync(join(dir, 'dovecot.log'), 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    async stop() {
      const pid = Number(readFileSync(join(dir, 'run', 'master.pid'), 'utf8').trim());
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
