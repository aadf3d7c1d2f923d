// Where rc files are looked for, and which are the user's own. The user's own: `--config FILE`,
// $TMX_CONFIG, the home directory itself, and $XDG_CONFIG_HOME/tmx/. A project folder is any
// folder below home (a cloned repository, say); its rc file is only a candidate, loaded once
// the user trusts it (trust-store.ts). Nothing above a folder outside home is ever looked at.
import { readFile, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Env = Record<string, string | undefined>;

export const MODULE_NAME = 'tmx';

const RC_EXTENSIONS = ['', '.json', '.yaml', '.yml', '.js', '.cjs', '.mjs'];

/** In a project folder and in home, in this order (no .ts loader). */
export const SEARCH_PLACES: readonly string[] = [
  'package.json',
  ...RC_EXTENSIONS.map((ext) => `.${MODULE_NAME}rc${ext}`),
  ...RC_EXTENSIONS.map((ext) => `.config/${MODULE_NAME}rc${ext}`),
  ...['js', 'cjs', 'mjs'].map((ext) => `${MODULE_NAME}.config.${ext}`),
];

/** In $XDG_CONFIG_HOME/tmx/ (default ~/.config/tmx/) when home had none. */
export const XDG_PLACES: readonly string[] = ['json', 'yaml', 'yml', 'js', 'cjs', 'mjs'].map((ext) => `config.${ext}`);

export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function homeDirectory(env: Env): string {
  return path.resolve(nonEmpty(env.HOME) ?? os.homedir());
}

export function xdgConfigDirectory(env: Env): string {
  return xdgDirectory(env, 'XDG_CONFIG_HOME', '.config');
}

/** tmx's state ($XDG_STATE_HOME/tmx/, default ~/.local/state/tmx/): trusted rc files, prompt history. */
export function xdgStateDirectory(env: Env): string {
  return xdgDirectory(env, 'XDG_STATE_HOME', path.join('.local', 'state'));
}

/** $VARIABLE/tmx, or ~/FALLBACK/tmx when it is unset or relative (the XDG spec ignores relative ones). */
function xdgDirectory(env: Env, variable: 'XDG_CONFIG_HOME' | 'XDG_STATE_HOME', fallback: string): string {
  const base = nonEmpty(env[variable]);
  return path.join(base !== undefined && path.isAbsolute(base) ? base : path.join(homeDirectory(env), fallback), MODULE_NAME);
}

/**
 * The project folders searched from cwd: cwd and its parents strictly below home, nearest
 * first. None when cwd is home itself or outside it (then tmx climbs nowhere).
 */
export function projectDirectories(cwd: string, home: string): string[] {
  const realCwd = real(path.resolve(cwd));
  const realHome = real(path.resolve(home));
  const relative = path.relative(realHome, realCwd);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return [];
  const dirs: string[] = [];
  for (let dir = realCwd; dir !== realHome; dir = path.dirname(dir)) dirs.push(dir);
  return dirs;
}

function real(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

/**
 * The first of `places` in `dir` that holds a configuration, without loading it: an existing,
 * non-empty file; a package.json only when it has a `tmx` key (read as JSON, which runs nothing).
 */
export async function findRcFile(dir: string, places: readonly string[]): Promise<string | undefined> {
  for (const place of places) {
    const file = path.join(dir, place);
    try {
      if (!(await stat(file)).isFile()) continue;
      const text = await readFile(file, 'utf8');
      if (text.trim() === '') continue;
      if (path.basename(place) === 'package.json' && !hasModuleKey(text)) continue;
      return file;
    } catch {
      // Missing or unreadable: as cosmiconfig's search, try the next place.
    }
  }
  return undefined;
}

/** npm's file: only its `tmx` key is tmx's (a broken one is reported only if it mentions tmx). */
function hasModuleKey(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, MODULE_NAME);
  } catch {
    return text.includes(`"${MODULE_NAME}"`);
  }
}

/** The nearest project rc file from cwd (what `tmx trust` trusts by default), if any. */
export async function findProjectRcFile(cwd: string, env: Env): Promise<string | undefined> {
  for (const dir of projectDirectories(cwd, homeDirectory(env))) {
    const file = await findRcFile(dir, SEARCH_PLACES);
    if (file !== undefined) return file;
  }
  return undefined;
}
