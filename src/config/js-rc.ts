// Evaluates a JavaScript rc file in a separate node process (js-rc-child.ts) with a time limit
// and a memory cap, and takes back only the plain data it exported, as JSON. tmx never imports
// a user's JavaScript itself: a throw, a hang, process.exit, runaway memory or a non-data value
// each become one problem naming the file, and tmx starts on its defaults.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { killSessionNow } from '../panes/process-group.js';
import { JS_RC_CHILD_SOURCE, RESULT_FD, UNSETTLED_TOP_LEVEL_AWAIT } from './js-rc-child.js';
import { fileProblem, keyProblem, type Problem } from './problems.js';

/** Node starts in ~40 ms; the rest is for the file. A hung file costs this much start-up. */
export const JS_RC_TIME_LIMIT_MS = 2000;
/** V8 heap cap for the evaluating process: a config is kilobytes; a runaway loop stops here. */
export const JS_RC_HEAP_MB = 64;
/** No rc file needs more; a larger answer is a runaway, not a configuration. */
export const JS_RC_MAX_ANSWER_BYTES = 1024 * 1024;
/** Enough of the child's stderr to explain a crash (node's OOM and fatal messages). */
const STDERR_KEPT_BYTES = 4096;

export type JsRcResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

export interface JsRcRequest {
  env: Record<string, string | undefined>;
  /** The directory tmx was started in; the file sees it as process.cwd(). */
  cwd: string;
  /** Defaults to JS_RC_TIME_LIMIT_MS. */
  timeLimitMs?: number;
}

interface ChildError {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** Never rejects. */
export function evaluateJsRcFile(file: string, request: JsRcRequest): Promise<JsRcResult> {
  const timeLimitMs = request.timeLimitMs ?? JS_RC_TIME_LIMIT_MS;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${JS_RC_HEAP_MB}`, '--input-type=module', '-e', JS_RC_CHILD_SOURCE, file],
      {
        cwd: existsSync(request.cwd) ? request.cwd : path.dirname(file),
        env: definedOnly(request.env),
        stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
        // A session of its own: no controlling terminal to scribble on while tmx draws, and one
        // process group, so whatever the file started ends with it.
        detached: true,
      },
    );
    const answer: Buffer[] = [];
    let answerBytes = 0;
    let stderr = '';
    let settled = false;
    const finish = (result: JsRcResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // The evaluating process and anything it started in its session, whether or not it exited.
      if (child.pid !== undefined) killSessionNow(child.pid);
      resolve(result);
    };
    const problem = (message: string): void => finish({ ok: false, problem: fileProblem(file, message) });
    const timer = setTimeout(() => {
      problem(`did not finish within ${timeLimitMs / 1000} s (an endless loop, or a promise that never settles?)`);
    }, timeLimitMs);

    const answerStream = child.stdio[RESULT_FD] as NodeJS.ReadableStream;
    answerStream.on('data', (chunk: Buffer) => {
      answer.push(chunk);
      answerBytes += chunk.length;
      if (answerBytes > JS_RC_MAX_ANSWER_BYTES) problem(`exported more than ${JS_RC_MAX_ANSWER_BYTES / 1024} KiB of configuration`);
      else if (chunk.includes(0x0a)) finish(parseAnswer(file, Buffer.concat(answer)));
    });
    answerStream.on('error', () => {}); // the child's death closes it; 'exit' explains
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEPT_BYTES) stderr += chunk.toString('utf8').slice(0, STDERR_KEPT_BYTES - stderr.length);
    });
    child.on('error', (error) => problem(`could not start node to evaluate it: ${error.message}`));
    child.on('close', (code, signal) => problem(describeExit(code, signal, stderr)));
  });
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

function parseAnswer(file: string, bytes: Buffer): JsRcResult {
  let message: unknown;
  try {
    message = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, problem: fileProblem(file, 'the process evaluating it sent an answer that is not JSON') };
  }
  if (typeof message === 'object' && message !== null && Object.hasOwn(message, 'ok')) return { ok: true, value: (message as { ok: unknown }).ok };
  const error = (message as { error?: Partial<ChildError> } | null)?.error;
  if (typeof error?.path === 'string' && typeof error.message === 'string') return { ok: false, problem: childProblem(file, error as ChildError) };
  return { ok: false, problem: fileProblem(file, 'the process evaluating it sent an answer of the wrong shape') };
}

function childProblem(file: string, error: ChildError): Problem {
  if (error.path !== '') return keyProblem(file, error.path, error.message);
  const place = error.line === undefined ? file : `${file}:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
  return { severity: 'error', text: `${place}: error: ${error.message}` };
}

/** Why the child ended without answering. */
function describeExit(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (/heap out of memory|Allocation failed/i.test(stderr)) return `ran out of memory (over ${JS_RC_HEAP_MB} MB) while loading`;
  if (code === UNSETTLED_TOP_LEVEL_AWAIT) return 'its export is a promise that never settles';
  const how = signal !== null ? `was killed by ${signal}` : `exited with status ${code}`;
  const firstLine = stderr.split('\n').find((line) => line.trim() !== '');
  return `the process evaluating it ${how} without an answer${firstLine ? `: ${firstLine.trim().slice(0, 200)}` : ''}`;
}
