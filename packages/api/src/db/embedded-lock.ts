// PGlite is one process's database: a second process that opens the same directory —
// `aduan staff add` while `aduan serve` runs — works on its own copy in memory, and one
// of the two loses its writes (an account that seems made, then is gone). So the first
// process to open a directory claims it with a lock file beside it naming its pid, and
// any other is refused while that process lives. A lock left by a process that died is
// taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { AduanError } from '../errors.js';

/** Openings of a directory in this process, so a second one (tests) does not drop the lock under the first. */
const held = new Map<string, number>();

export class DatabaseInUseError extends AduanError {
  constructor(location: string, pid: number) {
    super(
      `The embedded database in ${location} is in use by another Aduan process (pid ${pid}). Stop it first (Ctrl-C where it runs), ` +
        'or make the change while it runs: city settings, staff and tokens from the console (Pengaturan), or run Aduan on PostgreSQL (DATABASE_URL).',
      'DATABASE_IN_USE',
    );
  }
}

/** Claims `location` for this process; returns how to let it go. Throws DatabaseInUseError while another process has it. */
export function claimEmbeddedDirectory(location: string): () => void {
  const lockFile = `${location}.lock`;
  const count = held.get(lockFile) ?? 0;
  if (count === 0) takeLock(lockFile, location);
  held.set(lockFile, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(lockFile) ?? 1) - 1;
    if (left > 0) return void held.set(lockFile, left);
    held.delete(lockFile);
    try {
      if (ownerOf(lockFile) === process.pid) unlinkSync(lockFile);
    } catch {
      // Already gone: nothing to let go.
    }
  };
}

function takeLock(lockFile: string, location: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = ownerOf(lockFile);
    if (owner !== null && owner !== process.pid && isAlive(owner)) throw new DatabaseInUseError(location, owner);
    // Left by a process that is gone (or unreadable): take it over.
    try {
      unlinkSync(lockFile);
    } catch {
      // Another process took it over first; the next attempt finds out whose it is.
    }
  }
  throw new DatabaseInUseError(location, ownerOf(lockFile) ?? 0);
}

function ownerOf(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
