// The only cosmiconfig import: reads the rc file with loaders that check trust and turn syntax
// errors into line-and-column problems, and hands the content to validate.ts. Which file is read
// is decided in places.ts: the user's own files load; a project folder's only once trusted.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CosmiconfigResult, Loader, Loaders, defaultLoaders as DefaultLoaders } from 'cosmiconfig';
import { shellQuote } from '../cli-args.js';
import { evaluateJsRcFile } from './js-rc.js';
import { findJsonSyntaxError } from './json-position.js';
import {
  MODULE_NAME, SEARCH_PLACES, XDG_PLACES, findRcFile, homeDirectory, nonEmpty, projectDirectories, xdgConfigDirectory,
} from './places.js';
import { fileProblem, syntaxProblem, type Problem } from './problems.js';
import { checkStore } from './trust-store.js';
import { checkTrust, type Untrusted } from './trust.js';
import { validateConfig, type LoadedConfig } from './validate.js';

export type { LoadedConfig } from './validate.js';
export { projectDirectories } from './places.js';

export interface ConfigRequest {
  /** `--config FILE`, relative to cwd. */
  explicitPath?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}

/**
 * cosmiconfig's own factory reads a "meta config" from process.cwd() (package.json's
 * `cosmiconfig` key, .config/config.*): it imports JavaScript ones into the calling process, and
 * any of them can add search places or make every search return the cwd's own `tmx` key. So the
 * Explorer class behind the factory is built directly, with every option given here. An internal
 * may move in any release: package.json pins cosmiconfig exactly, and
 * tests/unit/cosmiconfig-pin.test.ts says what broke when an upgrade moves it.
 */
interface Explorer {
  load(filepath: string): Promise<CosmiconfigResult>;
}
interface Cosmiconfig {
  Explorer: new (options: Record<string, unknown>) => Explorer;
  defaultLoaders: typeof DefaultLoaders;
}
let cosmiconfig: Cosmiconfig | undefined;

/**
 * Loaded on the first rc file read, not at import: a server started without an rc file (the
 * common first start) saves cosmiconfig's ~10 modules from its start-up (bench/README.md).
 */
function loadCosmiconfig(): Cosmiconfig {
  if (cosmiconfig) return cosmiconfig;
  const require = createRequire(import.meta.url);
  const { Explorer } = require('cosmiconfig/dist/Explorer.js') as Pick<Cosmiconfig, 'Explorer'>;
  const { defaultLoaders } = require('cosmiconfig') as Pick<Cosmiconfig, 'defaultLoaders'>;
  cosmiconfig = { Explorer, defaultLoaders };
  return cosmiconfig;
}

/** A problem found while reading a file, thrown out of a loader and through cosmiconfig. */
class RcFileError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.text);
  }
}

/** Thrown by a loader for a project file the user has not trusted (or that changed since). */
class NotTrustedError extends RcFileError {}

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

/**
 * `--config FILE`, else $TMX_CONFIG, else the nearest project folder's rc file if the user
 * trusts it, else home's, else XDG's. An untrusted project file is skipped with a warning that
 * says how to trust it, and the user's own file is used instead.
 */
export async function readRcFile(request: ConfigRequest): Promise<RcFileContents> {
  const explicit = request.explicitPath ?? nonEmpty(request.env.TMX_CONFIG);
  if (explicit !== undefined) {
    const origin = request.explicitPath !== undefined ? 'the path given on the command line' : '$TMX_CONFIG';
    return readFile(path.resolve(request.cwd, explicit), request, { project: false, origin });
  }
  const skipped: Problem[] = [];
  for (const dir of projectDirectories(request.cwd, homeDirectory(request.env))) {
    const file = await findRcFile(dir, SEARCH_PLACES);
    if (file === undefined) continue;
    const found = await readFile(file, request, { project: true, origin: 'the project folder' });
    if (!found.refused) return found;
    skipped.push(...found.problems);
    break; // only the nearest project file is a candidate; the user's own comes next
  }
  const own: Array<[string, readonly string[]]> = [
    [homeDirectory(request.env), SEARCH_PLACES],
    [xdgConfigDirectory(request.env), XDG_PLACES],
  ];
  for (const [dir, places] of own) {
    const file = await findRcFile(dir, places);
    if (file === undefined) continue;
    const found = await readFile(file, request, { project: false, origin: 'your home directory' });
    return { ...found, problems: [...skipped, ...found.problems] };
  }
  return { untrusted: [], problems: skipped };
}

interface ReadMode {
  /** Every file read must be in the trust store with its current content. */
  project: boolean;
  /** Where the path came from, for a "no such file" message. */
  origin: string;
}

async function readFile(file: string, request: ConfigRequest, mode: ReadMode): Promise<RcFileContents & { refused?: boolean }> {
  const untrusted: Untrusted[] = [];
  const { Explorer } = loadCosmiconfig();
  const explorer = new Explorer({
    moduleName: MODULE_NAME,
    searchPlaces: [...SEARCH_PLACES],
    ignoreEmptySearchPlaces: true,
    cache: false,
    transform: (result: CosmiconfigResult) => result,
    loaders: checkingLoaders(untrusted, request, mode, file),
    metaConfigFilePath: null,
    mergeImportArrays: true,
    mergeSearchPlaces: true,
    searchStrategy: 'none',
  });
  try {
    const result = await explorer.load(file);
    return { file, content: result?.config, untrusted, problems: [] };
  } catch (e) {
    const failed = (e as { filepath?: string }).filepath ?? file;
    return { file, untrusted, problems: [describeReadError(e, failed, mode.origin)], refused: e instanceof NotTrustedError };
  }
}

/** Every file read (the rc file, and files it `$import`s) goes through one of these. */
function checkingLoaders(untrusted: Untrusted[], request: ConfigRequest, mode: ReadMode, rcFile: string): Loaders {
  const checked = (loader: Loader): Loader => (filepath, content) => {
    if (mode.project) refuseUnlessInStore(filepath, content, rcFile, request);
    const verdict = checkTrust(filepath);
    if (!verdict.trusted) untrusted.push({ file: filepath, reason: verdict.reason, fix: verdict.fix });
    return loader(filepath, content);
  };
  const yaml = checked(loadYaml);
  const script: Loader = async (filepath, content) => {
    if (mode.project) refuseUnlessInStore(filepath, content, rcFile, request);
    return loadScript(filepath, request);
  };
  return { '.json': checked(loadJson), '.yaml': yaml, '.yml': yaml, noExt: yaml, default: yaml, '.js': script, '.cjs': script, '.mjs': script };
}

/** A project file is read only when `tmx trust` recorded exactly this content. */
function refuseUnlessInStore(filepath: string, content: string, rcFile: string, request: ConfigRequest): void {
  const verdict = checkStore(filepath, content, request.env);
  if (verdict.kind === 'trusted') return;
  const command = `tmx trust ${shellQuote(filepath)}`;
  const why =
    verdict.kind === 'changed'
      ? `it has changed since you trusted it (${verdict.trustedAt}); after reading it again: ${command}`
      : `an rc file in a project folder loads only once you trust it; after reading it: ${command}`;
  const what = filepath === rcFile ? 'not loaded' : `not loaded, nor ${rcFile}, which imports it`;
  const store = verdict.kind === 'unknown' && verdict.storeProblem !== undefined ? ` (${verdict.storeProblem})` : '';
  throw new NotTrustedError(fileProblem(filepath, `${what}: ${why}${store}`, 'warning'));
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
    return loadCosmiconfig().defaultLoaders['.yaml'](filepath, content);
  } catch (e) {
    const { mark, reason } = e as { mark?: { line: number; column: number }; reason?: string };
    if (mark) throw new RcFileError(syntaxProblem(filepath, mark.line + 1, mark.column + 1, `YAML: ${reason ?? 'syntax error'}`));
    throw e;
  }
}

/** A JS rc file runs code, so it is refused outright when others could change it, else run apart. */
async function loadScript(filepath: string, request: ConfigRequest): Promise<unknown> {
  const verdict = checkTrust(filepath);
  if (!verdict.trusted) {
    throw new RcFileError(fileProblem(filepath, `not loaded: a JavaScript rc file runs code when loaded, and ${verdict.reason}; fix: ${verdict.fix}`));
  }
  const result = await evaluateJsRcFile(filepath, { env: request.env, cwd: request.cwd });
  if (!result.ok) throw new RcFileError(result.problem);
  return result.value;
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
