// The rc files in project folders that the user has trusted with `tmx trust FILE`, as direnv's
// `allow` remembers .envrc files: each file's real path and the sha256 of its content, in
// $XDG_STATE_HOME/tmx/trusted-rc-files.json (default ~/.local/state/tmx/, mode 0600). A file
// whose content has changed since is no longer trusted; trusting it again records the new hash.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { xdgStateDirectory } from './places.js';
import { checkTrust } from './trust.js';

type Env = Record<string, string | undefined>;

const STORE_NAME = 'trusted-rc-files.json';
const STORE_VERSION = 1;
/** Only the user reads or writes the store: another user who could would choose what tmx runs. */
const STORE_FILE_MODE = 0o600;
const STORE_DIR_MODE = 0o700;

interface TrustEntry {
  sha256: string;
  /** ISO time, shown when the file has changed since. */
  trustedAt: string;
}

interface StoreFile {
  version: number;
  files: Record<string, TrustEntry>;
}

export type StoreVerdict =
  | { kind: 'trusted' }
  | { kind: 'unknown'; storeProblem?: string }
  | { kind: 'changed'; trustedAt: string };

export function trustStorePath(env: Env): string {
  return path.join(xdgStateDirectory(env), STORE_NAME);
}

/** sha256 of the text as read (UTF-8), the same text the loaders parse or the child runs. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The key a file is remembered by: its real path, so a symlink is trusted as its target. */
export function storeKey(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Whether `file`, whose content is `text`, is trusted now. */
export function checkStore(file: string, text: string, env: Env): StoreVerdict {
  const store = readStore(env);
  if (store.problem !== undefined) return { kind: 'unknown', storeProblem: store.problem };
  const entry = store.files[storeKey(file)];
  if (entry === undefined) return { kind: 'unknown' };
  return entry.sha256 === contentHash(text) ? { kind: 'trusted' } : { kind: 'changed', trustedAt: entry.trustedAt };
}

/** Records the file's current content as trusted; throws with a message on I/O errors. */
export function trustFile(file: string, env: Env, now: Date = new Date()): { key: string; sha256: string } {
  const key = storeKey(file);
  const sha256 = contentHash(readFileSync(key, 'utf8'));
  const store = readStore(env);
  writeStore(env, { ...store.files, [key]: { sha256, trustedAt: now.toISOString() } });
  return { key, sha256 };
}

/** Forgets the file; returns whether it was trusted. */
export function revokeFile(file: string, env: Env): boolean {
  const key = storeKey(file);
  const store = readStore(env);
  if (!(key in store.files)) return false;
  const { [key]: _removed, ...rest } = store.files;
  writeStore(env, rest);
  return true;
}

/** Every trusted file, by real path. */
export function listTrusted(env: Env): Array<{ file: string } & TrustEntry> {
  return Object.entries(readStore(env).files).map(([file, entry]) => ({ file, ...entry }));
}

/** The store's entries; none (with a problem) when it is unreadable or others could write it. */
function readStore(env: Env): { files: Record<string, TrustEntry>; problem?: string } {
  const file = trustStorePath(env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { files: {} };
    return { files: {}, problem: `the trust store ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? e})` };
  }
  const verdict = checkTrust(file);
  if (!verdict.trusted) return { files: {}, problem: `the trust store ${file} is ignored: ${verdict.reason}; fix: ${verdict.fix}` };
  try {
    const parsed = JSON.parse(text) as Partial<StoreFile>;
    if (parsed.version !== STORE_VERSION || typeof parsed.files !== 'object' || parsed.files === null) throw new Error('unknown layout');
    const files: Record<string, TrustEntry> = {};
    for (const [key, entry] of Object.entries(parsed.files)) {
      if (typeof entry?.sha256 === 'string') files[key] = { sha256: entry.sha256, trustedAt: String(entry.trustedAt ?? '') };
    }
    return { files };
  } catch (e) {
    return { files: {}, problem: `the trust store ${file} is damaged (${(e as Error).message}); tmx trust rewrites it` };
  }
}

/** Written to a temporary file and renamed over the store, so a crash never leaves half a store. */
function writeStore(env: Env, files: Record<string, TrustEntry>): void {
  const file = trustStorePath(env);
  mkdirSync(path.dirname(file), { recursive: true, mode: STORE_DIR_MODE });
  const temporary = `${file}.${process.pid}.tmp`;
  const store: StoreFile = { version: STORE_VERSION, files };
  writeFileSync(temporary, `${JSON.stringify(store, null, 2)}\n`, { mode: STORE_FILE_MODE });
  chmodSync(temporary, STORE_FILE_MODE);
  renameSync(temporary, file);
}
