// What is committed: no key material, no data directory, no generated secret. A server
// run from a test or an example must write its files elsewhere (a temporary folder);
// this test fails when one of them, or a key pasted into a file, reaches the repository.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

describe('the repository', () => {
  const files = git('ls-files', '-z').split('\0').filter(Boolean);

  it('is a git checkout with its files listed', () => {
    expect(files).toContain('package.json');
  });

  it('holds no contact keys, data directory, database or private key file', () => {
    const suspicious = files.filter((file) =>
      /(^|\/)(contact-keys|\.aduan|pglite|\.env(\.[\w-]+)?)(\/|$)|:\/|\.(pem|key|p12|pfx|sqlite|db)$|(^|\/)id_(rsa|ed25519|ecdsa)/.test(file),
    );
    expect(suspicious).toEqual([]);
  });

  it('holds no key material in any file', () => {
    // A contact key line as Aduan writes it (k1:<32 bytes in base64>), or a PEM private key.
    const found = (pattern: string) => {
      try {
        return git('grep', '-l', '-I', '-E', pattern).split('\n').filter(Boolean);
      } catch {
        return []; // git grep exits 1 when nothing matches
      }
    };
    expect(found('(^|[^A-Za-z0-9_])k[0-9]+:[A-Za-z0-9+/]{43}=')).toEqual([]);
    expect(found('BEGIN ([A-Z]+ )?PRIVATE KEY')).toEqual([]);
  });
});
