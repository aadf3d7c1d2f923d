// Whether an rc file may make tmx run programs. Like ssh with authorized_keys: a file that
// someone else can write (group/world-writable, or owned by another user) could make tmx run
// their commands as you, so triggers and program-running bindings from it are refused, and a
// JavaScript rc file, which runs as soon as it is loaded, is not loaded at all.
import { statSync } from 'node:fs';

export type TrustVerdict = { trusted: true } | { trusted: false; reason: string; fix: string };

/** Group- and other-write bits. */
const FOREIGN_WRITE_BITS = 0o022;
/** root can change any file anyway, so a root-owned file (e.g. in /etc) is no extra risk. */
const ROOT_UID = 0;

export function checkTrust(file: string, uid: number | undefined = process.getuid?.()): TrustVerdict {
  let stats;
  try {
    stats = statSync(file);
  } catch (e) {
    return { trusted: false, reason: `its permissions cannot be checked (${(e as NodeJS.ErrnoException).code ?? e})`, fix: 'check the path' };
  }
  if (uid !== undefined && stats.uid !== uid && stats.uid !== ROOT_UID) {
    return {
      trusted: false,
      reason: `it is owned by another user (uid ${stats.uid}, you are ${uid}), who could make tmx run programs as you`,
      fix: `copy it to a file you own`,
    };
  }
  const writers = stats.mode & FOREIGN_WRITE_BITS;
  if (writers !== 0) {
    const who = writers === FOREIGN_WRITE_BITS ? 'group and others' : writers & 0o020 ? 'its group' : 'others';
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
    return {
      trusted: false,
      reason: `it is writable by ${who} (mode ${mode}), so they could make tmx run programs as you`,
      fix: `chmod go-w ${file}`,
    };
  }
  return { trusted: true };
}

/** A file that failed the trust check (the rc file, or one it imports), with why and the fix. */
export interface Untrusted {
  file: string;
  reason: string;
  fix: string;
}

/** Why triggers or program-running bindings are refused, and the fix. */
export function refusalReason(untrusted: Untrusted): string {
  return `triggers and bindings that run programs are only taken from files nobody else can change, and ${untrusted.file}: ${untrusted.reason}; fix: ${untrusted.fix}`;
}
