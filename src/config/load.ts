// The only cosmiconfig import: finds the rc file, reads it with loaders that check trust and
// turn syntax errors into line-and-column problems, and hands the content to validate.ts.
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cosmiconfig, defaultLoaders, type CosmiconfigResult, type Loader, type Loaders } from 'cosmiconfig';
import { findJsonSyntaxError } from './json-position.js';
import { fileProblem, syntaxProblem, type Problem } from './problems.js';
import { checkTrust, type Untrusted } from './trust.js';
import { validateConfig, type LoadedConfig } from './validate.js';

export type { LoadedConfig } from './validate.js';

export interface ConfigRequest {
  /** `--config FILE`, relative to cwd. */
  explicitPath?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

const MODULE_NAME = 'tmx';

/** In each directory from cwd up to HOME, in this order (the list; no .ts loader). */
export const SEARCH_PLACES: readonly string[] = [
  'package.json',
  ...['', '.json', '.yaml', '.yml', '.js', '.cjs', '.mjs'].map((ext) => `.${MODULE_NAME}rc${ext}`),
  ...['', '.json', '.yaml', '.yml', '.js', '.cjs', '.mjs'].map((ext) => `.config/${MODULE_NAME}rc${ext}`),
  ...['js', 'cjs', 'mjs'].map((ext) => `${MODULE_NAME}.config.${ext}`),
];

/** In $XDG_CONFIG_HOME/tmx/ (default ~/.config/tmx/) when no directory had one. */
export const XDG_PLACES: readonly string[] = ['json', 'yaml', 'yml', 'js', 'cjs', 'mjs'].map((ext) => `config.${ext}`);

/** cosmiconfig reads this "meta config" from process.cwd() on every construction, executing JS ones. */
const COSMICONFIG_META_SCRIPTS = ['js', 'ts', 'cjs', 'mjs'].map((ext) => `.config/config.${ext}`);

/** A problem found while reading a file, thrown out of a loader and through cosmiconfig. */
class RcFileError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.text);
  }
}

/** What reading found, before validation. */
export interface RcFileContents {
  file?: string;
  /** undefined when there is no file, or it could not be read (then `problems` says why). */
  content?: unknown;
  untrusted: Untrusted[];
  problems: Problem[];
}

/** Finds, reads and validates the rc file; never throws for anything a user can cause. */
export async function loadConfig(request: ConfigRequest): Promise<LoadedConfig> {
  const found = await readRcFile(request);
  const validated = validateConfig(found.content, found.file, found.untrusted);
  const problems = [...found.problems, ...validated.problems];
  return {
    ...validated,
    problems: problems.map((p) => p.text),
    errorCount: problems.filter((p) => p.severity === 'error').length,
  };
}

export async function readRcFile(request: ConfigRequest): Promise<RcFileContents> {
  const untrusted: Untrusted[] = [];
  const explicit = request.explicitPath ?? nonEmpty(request.env.TMX_CONFIG);
  const explicitFile = explicit === undefined ? undefined : path.resolve(request.cwd, explicit);
  const metaRefusal = refuseUntrustedMetaConfig();
  if (metaRefusal) return { untrusted, problems: [metaRefusal] };
  try {
    const loaders = trustCheckingLoaders(untrusted);
    const result = explicitFile !== undefined ? await explorer(SEARCH_PLACES, loaders).load(explicitFile) : await search(request, loaders);
    return { file: result?.filepath, content: result?.config, untrusted, problems: [] };
  } catch (e) {
    const file = (e as { filepath?: string }).filepath ?? explicitFile ?? '(rc file)';
    const origin = request.explicitPath !== undefined ? 'the path given on the command line' : '$TMX_CONFIG';
    return { file, untrusted, problems: [describeReadError(e, file, origin)] };
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function explorer(searchPlaces: readonly string[], loaders: Loaders) {
  // 'none' searches only the directory given; search() walks the directories itself, so the
  // order is exactly the documented one and HOME comes from the request, not process.env.
  return cosmiconfig(MODULE_NAME, { searchPlaces: [...searchPlaces], searchStrategy: 'none', cache: false, loaders });
}

async function search(request: ConfigRequest, loaders: Loaders): Promise<CosmiconfigResult> {
  const home = nonEmpty(request.env.HOME) ?? os.homedir();
  const local = explorer(SEARCH_PLACES, loaders);
  for (const dir of directoriesToSearch(path.resolve(request.cwd), path.resolve(home))) {
    const result = await local.search(dir);
    if (result !== null) return result;
  }
  const xdgBase = nonEmpty(request.env.XDG_CONFIG_HOME);
  const xdg = path.join(xdgBase !== undefined && path.isAbsolute(xdgBase) ? xdgBase : path.join(home, '.config'), MODULE_NAME);
  return explorer(XDG_PLACES, loaders).search(xdg);
}

/** cwd, its parents up to HOME (or the root when cwd is outside HOME), then HOME itself. */
export function directoriesToSearch(cwd: string, home: string): string[] {
  const dirs: string[] = [];
  let dir = cwd;
  for (;;) {
    dirs.push(dir);
    const parent = path.dirname(dir);
    if (dir === home || parent === dir) break;
    dir = parent;
  }
  if (!dirs.includes(home)) dirs.push(home);
  return dirs;
}

function refuseUntrustedMetaConfig(): Problem | undefined {
  for (const place of COSMICONFIG_META_SCRIPTS) {
    const file = path.join(process.cwd(), place);
    if (!existsSync(file)) continue;
    const verdict = checkTrust(file);
    if (!verdict.trusted) {
      return fileProblem(file, `not running it, and not reading any rc file: cosmiconfig would execute this script, but ${verdict.reason}; fix: ${verdict.fix}`);
    }
  }
  return undefined;
}

/** Every file read (the rc file, and files it `$import`s) goes through one of these. */
function trustCheckingLoaders(untrusted: Untrusted[]): Loaders {
  const noteTrust = (loader: Loader): Loader => (filepath, content) => {
    const verdict = checkTrust(filepath);
    if (!verdict.trusted) untrusted.push({ file: filepath, reason: verdict.reason, fix: verdict.fix });
    return loader(filepath, content);
  };
  const yaml = noteTrust(loadYaml);
  return {
    '.json': noteTrust(loadJson),
    '.yaml': yaml,
    '.yml': yaml,
    noExt: yaml,
    default: yaml,
    '.js': loadTrustedScript,
    '.cjs': loadTrustedScript,
    '.mjs': loadTrustedScript,
  };
}

function loadJson(filepath: string, content: string): unknown {
  const text = content.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    const at = findJsonSyntaxError(text);
    if (at) throw new RcFileError(syntaxProblem(filepath, at.line, at.column, at.message));
    throw new RcFileError(fileProblem(filepath, `invalid JSON: ${(e as Error).message}`));
  }
}

function loadYaml(filepath: string, content: string): unknown {
  try {
    return defaultLoaders['.yaml'](filepath, content);
  } catch (e) {
    const { mark, reason } = e as { mark?: { line: number; column: number }; reason?: string };
    if (mark) throw new RcFileError(syntaxProblem(filepath, mark.line + 1, mark.column + 1, `YAML: ${reason ?? 'syntax error'}`));
    throw e;
  }
}

/** Counts loads so a reload imports the file afresh instead of Node's cached module. */
let scriptLoads = 0;

/** A JS rc file runs when imported, so trust is checked before, and an untrusted one never runs. */
async function loadTrustedScript(filepath: string): Promise<unknown> {
  const verdict = checkTrust(filepath);
  if (!verdict.trusted) {
    throw new RcFileError(fileProblem(filepath, `not loaded: a JavaScript rc file runs code when loaded, and ${verdict.reason}; fix: ${verdict.fix}`));
  }
  const real = await realpath(filepath);
  delete createRequire(import.meta.url).cache[real];
  const module = (await import(`${pathToFileURL(real).href}?load=${++scriptLoads}`)) as { default?: unknown };
  return module.default;
}

function describeReadError(e: unknown, file: string, origin: string): Problem {
  if (e instanceof RcFileError) return e.problem;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return fileProblem(file, `no such file (check ${origin})`);
  if (code === 'EISDIR') return fileProblem(file, 'is a directory; name the rc file itself');
  if (code === 'EACCES') return fileProblem(file, 'cannot be read: permission denied');
  const message = e instanceof Error ? e.message : String(e);
  return fileProblem(file, `could not load it: ${message.split('\n')[0]}`);
}
