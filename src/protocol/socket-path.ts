// Where a server's socket lives, as tmux's: `-S PATH`, or `-L NAME` (default `default`) in a
// per-user directory `tmx-UID` under $TMX_TMPDIR (else /tmp). The directory is the lock on the
// door: created 0700, and refused when it is another user's or open to others.
import { lstatSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_SOCKET_NAME = 'default';

export interface SocketChoice {
  /** `-L NAME` */
  name?: string;
  /** `-S PATH` */
  path?: string;
}

export function socketDirectory(env: NodeJS.ProcessEnv, uid: number): string {
  const base = env.TMX_TMPDIR && env.TMX_TMPDIR !== '' ? env.TMX_TMPDIR : '/tmp';
  return join(base, `tmx-${uid}`);
}

export function socketPath(choice: SocketChoice, env: NodeJS.ProcessEnv, uid: number): string {
  if (choice.path !== undefined) return choice.path;
  return join(socketDirectory(env, uid), choice.name ?? DEFAULT_SOCKET_NAME);
}

/** Named by $TMX inside a pane: `socket,serverpid,sessionid`. */
export function socketFromTmxVariable(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const comma = value.lastIndexOf(',', value.lastIndexOf(',') - 1);
  return comma > 0 ? value.slice(0, comma) : undefined;
}

/**
 * Makes the socket's directory (0700) if missing and checks it: a directory, owned by `uid`,
 * with no access for group or others. Returns a message saying what is wrong and the fix.
 */
export function prepareSocketDirectory(dir: string, uid: number): string | undefined {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    return `tmx: cannot create socket directory ${dir}: ${(error as Error).message}`;
  }
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    return `tmx: cannot use socket directory ${dir}: ${(error as Error).message}`;
  }
  if (!stat.isDirectory()) return `tmx: socket directory ${dir} is not a directory: remove it or set TMX_TMPDIR`;
  if (stat.uid !== uid) return `tmx: socket directory ${dir} belongs to uid ${stat.uid}, not you (${uid}): refusing to use it; set TMX_TMPDIR to a directory of your own`;
  if ((stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8);
    return `tmx: socket directory ${dir} has unsafe permissions (mode ${mode}, others may connect): fix with chmod 700 ${dir}`;
  }
  return undefined;
}
