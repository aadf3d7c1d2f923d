// `tmx --check-config [FILE]`, `tmx triggers test [--config FILE] [TRANSCRIPT]` and
// `tmx trust [--revoke | --list] [FILE]`: the rc file and its triggers checked, and project rc
// files trusted, without starting tmx. Output goes through `out`, one or more whole lines per
// call (each ending in "\n"), so tests capture it and cli.ts passes stdout.write.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TrustAction } from './cli-args.js';
import { loadConfig, type LoadedConfig } from './config/load.js';
import { findProjectRcFile, homeDirectory, projectDirectories, xdgConfigDirectory } from './config/places.js';
import { contentHash, listTrusted, revokeFile, storeKey, trustFile, trustStorePath } from './config/trust-store.js';
import { checkTrust } from './config/trust.js';
import { Emulator } from './emulator/emulator.js';
import { LineTracker } from './triggers/line-tracker.js';
import { TriggerMatcher } from './triggers/matcher.js';
import { triggerCostWarnings } from './triggers/prefilter.js';
import type { TrackedLine, TriggerFiring } from './triggers/types.js';

type Env = Record<string, string | undefined>;
type Out = (text: string) => void;

/** A transcript is replayed on a screen of this size, a common terminal default. */
export const REPLAY_COLS = 80;
export const REPLAY_ROWS = 24;

const LF = 0x0a;
const CR = 0x0d;

/** Prints every problem; exit status 0 when none is an error, 1 otherwise. */
export async function checkConfig(file: string | undefined, env: Env, cwd: string, out: Out): Promise<number> {
  const config = await loadConfig({ explicitPath: file, env, cwd });
  for (const problem of config.problems) out(`${problem}\n`);
  // What the triggers will cost (no literal to look for first; very many): advice, not errors.
  const costs = triggerCostWarnings(config.triggers).map((warning) => `${config.file}: warning: ${warning}`);
  for (const warning of costs) out(`${warning}\n`);
  if (config.file === undefined && config.errorCount === 0) {
    out(config.problems.length === 0 ? 'no rc file found: tmx starts on its defaults\n' : 'no rc file of yours found: tmx starts on its defaults\n');
  } else if (config.errorCount === 0) {
    out(`${config.file}: ok (${summary(config, costs.length)})\n`);
  }
  return config.errorCount > 0 ? 1 : 0;
}

function summary(config: LoadedConfig, moreWarnings: number): string {
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  const warnings = config.problems.length - config.errorCount + moreWarnings;
  return [count(config.triggers.length, 'trigger'), ...(warnings > 0 ? [count(warnings, 'warning')] : [])].join(', ');
}

/**
 * Replays a transcript (or stdin) through a headless screen, the line tracker and the triggers,
 * printing what each firing would do: the exact argv and environment, or text. Runs nothing.
 * Exit status 1 when the rc file has errors or the transcript cannot be read.
 */
export async function triggersTest(
  transcript: string | undefined,
  configFile: string | undefined,
  env: Env,
  cwd: string,
  stdin: NodeJS.ReadableStream,
  out: Out,
): Promise<number> {
  const config = await loadConfig({ explicitPath: configFile, env, cwd });
  for (const problem of config.problems) out(`${problem}\n`);
  if (config.triggers.length === 0) {
    out(`no triggers to test${config.file ? ` in ${config.file}` : ' (no rc file found)'}\n`);
    return config.errorCount > 0 ? 1 : 0;
  }
  let bytes: Uint8Array;
  try {
    bytes = transcript === undefined ? await readAll(stdin) : await readFile(path.resolve(cwd, transcript));
  } catch (e) {
    out(`${transcript}: cannot read the transcript: ${(e as Error).message}\n`);
    return 1;
  }
  if (!bytes.includes(CR)) {
    out('(the transcript has no carriage returns, so each newline is replayed as CR LF, as a terminal would show it)\n');
    bytes = Buffer.from(Buffer.from(bytes).toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
  }
  const firings = await replay(bytes, config, out);
  out(`${firings} firing${firings === 1 ? '' : 's'}; nothing was run (cooldowns and rate limits are not applied: a transcript has no timing)\n`);
  return config.errorCount > 0 ? 1 : 0;
}

async function replay(bytes: Uint8Array, config: LoadedConfig, out: Out): Promise<number> {
  const emulator = new Emulator({ cols: REPLAY_COLS, rows: REPLAY_ROWS, scrollback: config.options['scrollback-lines'] });
  const tracker = new LineTracker(emulator);
  const matcher = new TriggerMatcher(config.triggers, () => 0, { applyLimits: false });
  let count = 0;
  try {
    for (const chunk of chunksBeforeNewlines(bytes)) {
      await new Promise<void>((resolve) => emulator.write(chunk, resolve));
      for (const line of tracker.update(matcher.wantsPartialLines)) {
        const firings = matcher.match(line);
        if (firings.length > 0) out(describeLine(line, firings));
        count += firings.length;
      }
    }
  } finally {
    tracker.dispose();
    emulator.dispose();
  }
  return count;
}

/**
 * Splits before each LF so the screen is sampled once per line, with the line still partial,
 * the way output usually arrives from a pty: instant triggers see it before its newline.
 */
export function chunksBeforeNewlines(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (let i = 1; i < bytes.length; i++) {
    if (bytes[i] === LF) {
      chunks.push(bytes.subarray(start, i));
      start = i;
    }
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return chunks;
}

export function describeLine(line: TrackedLine, firings: readonly TriggerFiring[]): string {
  const state = line.complete ? '' : ' (partial)';
  const lines = [`line ${line.id + 1}${state}: ${JSON.stringify(line.text)}`];
  for (const firing of firings) lines.push(...describeFiring(firing));
  return `${lines.join('\n')}\n`;
}

function describeFiring(firing: TriggerFiring): string[] {
  const lines = [`  ${firing.action} from trigger ${JSON.stringify(firing.trigger)}, columns ${firing.start}-${firing.end}`];
  if (firing.argv) lines.push(`    argv: ${JSON.stringify(firing.argv)}`);
  if (firing.env) {
    const env = Object.entries(firing.env).map(([name, value]) => `${name}=${JSON.stringify(value)}`);
    lines.push(`    env: ${env.join(' ')}`);
  }
  if (firing.text !== undefined) lines.push(`    text: ${JSON.stringify(firing.text)}`);
  if (firing.style) lines.push(`    style: ${JSON.stringify(firing.style)}`);
  return lines;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Digits of the sha256 shown to the user: enough to tell two versions apart at a glance. */
const SHOWN_HASH_DIGITS = 12;

/**
 * `tmx trust [FILE]` records the project rc file (default: the nearest one from cwd) as it is
 * now; `--revoke` forgets it; `--list` shows every trusted file and whether it still matches.
 */
export async function trustCommand(action: TrustAction, file: string | undefined, env: Env, cwd: string, out: Out): Promise<number> {
  if (action === 'list') return listTrustedFiles(env, out);
  const target = file !== undefined ? path.resolve(cwd, file) : await findProjectRcFile(cwd, env);
  if (target === undefined) {
    const home = homeDirectory(env);
    const where = projectDirectories(cwd, home).length === 0 ? `${cwd} is not a folder below your home (${home})` : `none in ${cwd} or its parents below your home`;
    out(`no project rc file to ${action}: ${where}; name it: tmx trust ${action === 'revoke' ? '--revoke ' : ''}FILE\n`);
    return 1;
  }
  if (action === 'revoke') {
    out(revokeFile(target, env) ? `${storeKey(target)}: no longer trusted\n` : `${storeKey(target)}: was not trusted\n`);
    return 0;
  }
  try {
    if (!statSync(target).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    out(`${target}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'not a file' : `cannot be read (${code ?? e})`}\n`);
    return 1;
  }
  if (isOwnLocation(target, env)) {
    out(`${target}: in your home or XDG config folder, tmx loads it without trusting\n`);
    return 0;
  }
  try {
    const { key, sha256 } = trustFile(target, env);
    out(`${key}: trusted as it is now (sha256 ${sha256.slice(0, SHOWN_HASH_DIGITS)}); once it changes, tmx asks again\n`);
  } catch (e) {
    out(`${target}: could not record it in ${trustStorePath(env)}: ${(e as Error).message}\n`);
    return 1;
  }
  const verdict = checkTrust(target);
  if (!verdict.trusted) out(`warning: ${verdict.reason}; tmx still refuses it for triggers and programs; fix: ${verdict.fix}\n`);
  return 0;
}

/** Where the file is found, not where a symlink leads: a link in a project folder needs trust. */
function isOwnLocation(file: string, env: Env): boolean {
  const dir = path.dirname(path.resolve(file));
  return [homeDirectory(env), xdgConfigDirectory(env)].some((own) => path.resolve(own) === dir);
}

function listTrustedFiles(env: Env, out: Out): number {
  const entries = listTrusted(env);
  if (entries.length === 0) out(`no rc files trusted (${trustStorePath(env)})\n`);
  for (const entry of entries) {
    let state: string;
    try {
      state = contentHash(readFileSync(entry.file, 'utf8')) === entry.sha256 ? 'trusted' : 'changed since: tmx refuses it';
    } catch {
      state = 'missing';
    }
    out(`${entry.file}: ${state} (trusted ${entry.trustedAt})\n`);
  }
  return 0;
}
