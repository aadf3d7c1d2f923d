// JavaScript rc files are evaluated in a separate node process: every fault a file can have
// becomes one problem naming the file (and the key where there is one), and tmx gets defaults.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { JS_RC_HEAP_MB, JS_RC_MAX_ANSWER_BYTES, JS_RC_TIME_LIMIT_MS, evaluateJsRcFile } from '../../src/config/js-rc.js';
import { loadConfig } from '../../src/config/load.js';

let home: string;

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'tmx-js-rc-'));
  mkdirSync(path.join(home, 'work'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function rc(name: string, code: string): string {
  const file = path.join(home, name);
  writeFileSync(file, code, { mode: 0o600 });
  return file;
}

async function load() {
  return loadConfig({ env: { HOME: home }, cwd: path.join(home, 'work') });
}

/** Loads `code` as ~/NAME and expects exactly one error, `FILE<suffix>`, and the defaults. */
async function expectFault(name: string, code: string, suffix: string): Promise<void> {
  const file = rc(name, code);
  const config = await load();
  expect(config.problems).toEqual([`${file}${suffix}`]);
  expect(config.errorCount).toBe(1);
  expect(config.prefix).toBe('C-b');
  expect(config.file).toBe(file);
}

describe('plain data comes back', () => {
  test('CommonJS, an ES module, and an awaited promise', async () => {
    rc('.tmxrc.cjs', 'module.exports = { prefix: "C-a", options: { mouse: false }, keys: { prefix: { "|": "split-window -h" } } };');
    let config = await load();
    expect(config.problems).toEqual([]);
    expect(config.prefix).toBe('C-a');
    expect(config.options.mouse).toBe(false);
    expect(config.bindings.prefix['|']?.command).toBe('split-window -h');
    rmSync(path.join(home, '.tmxrc.cjs'));
    rc('.tmxrc.mjs', 'export default new Promise((resolve) => setTimeout(() => resolve({ prefix: "C-q" }), 20));');
    config = await load();
    expect(config.problems).toEqual([]);
    expect(config.prefix).toBe('C-q');
  });

  test('what the file prints does not disturb the answer; undefined keys are left out', async () => {
    rc('.tmxrc.cjs', 'console.log("{not json"); process.stdout.write("x"); console.error("e"); module.exports = { prefix: "C-a", options: undefined };');
    const config = await load();
    expect(config.problems).toEqual([]);
    expect(config.prefix).toBe('C-a');
  });

  test('the file sees the environment tmx was given, and the directory tmx started in', async () => {
    rc('.tmxrc.cjs', 'module.exports = { options: { "status-left": process.env.HOME + "|" + process.cwd() } };');
    const config = await load();
    expect(config.options['status-left']).toBe(`${home}|${path.join(home, 'work')}`);
  });

  test('the value is validated like JSON and YAML', async () => {
    const file = rc('.tmxrc.cjs', 'module.exports = { options: { mouse: "yes" } };');
    expect((await load()).problems).toEqual([`${file}: error: options.mouse: must be true or false, not "yes" (using the default, true)`]);
  });
});

describe('each fault is one clear problem, and tmx gets its defaults', () => {
  test('a getter that throws names the key', async () => {
    await expectFault('.tmxrc.cjs', 'module.exports = { get prefix() { throw new Error("boom"); } };', ': error: prefix: a getter threw: boom');
  });

  test('a throw while loading names the line', async () => {
    await expectFault('.tmxrc.cjs', 'const a = 1;\nthrow new Error("boom");\n', ':2:7: error: threw an error while loading: boom');
  });

  test('a syntax error', async () => {
    await expectFault('.tmxrc.cjs', 'module.exports = {\n  a: 1,\n  b: }\n', ":3: error: JavaScript syntax error: Unexpected token '}'");
    rmSync(path.join(home, '.tmxrc.cjs'));
    const file = path.join(home, '.tmxrc.mjs');
    await expectFault('.tmxrc.mjs', 'export default {\n  b: }\n', `: error: JavaScript syntax error: Unexpected token '}' ("node --check ${file}" shows where)`);
  });

  test('a promise that never settles', async () => {
    await expectFault('.tmxrc.mjs', 'export default new Promise(() => {});', ': error: its export is a promise that never settles');
  });

  test('a promise that is rejected', async () => {
    await expectFault('.tmxrc.mjs', 'export default Promise.reject(new Error("nope"));', ':1:31: error: its export is a promise that was rejected: nope');
  });

  test('an endless loop is stopped at the time limit', async () => {
    const started = Date.now();
    await expectFault('.tmxrc.cjs', 'for (;;) {}', `: error: did not finish within ${JS_RC_TIME_LIMIT_MS / 1000} s (an endless loop, or a promise that never settles?)`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(JS_RC_TIME_LIMIT_MS);
  });

  test('a promise kept pending by a timer is stopped at the time limit', async () => {
    await expectFault('.tmxrc.mjs', 'setInterval(() => {}, 1000); export default new Promise(() => {});', `: error: did not finish within ${JS_RC_TIME_LIMIT_MS / 1000} s (an endless loop, or a promise that never settles?)`);
  });

  test('process.exit inside the file', async () => {
    await expectFault('.tmxrc.cjs', 'process.exit(3);', ': error: called process.exit(3) while loading');
  });

  test('a throw from a timer after loading', async () => {
    await expectFault(
      '.tmxrc.cjs',
      'setTimeout(() => { throw new Error("later"); }, 10);\nmodule.exports = new Promise((r) => setTimeout(() => r({}), 500));',
      ':1:26: error: threw an error: later',
    );
  });

  test('runaway memory is stopped at the heap cap', async () => {
    await expectFault('.tmxrc.cjs', 'const a = []; for (;;) a.push(new Array(1e6).fill(1));', `: error: ran out of memory (over ${JS_RC_HEAP_MB} MB) while loading`);
  });

  test('the process killed by a signal', async () => {
    await expectFault('.tmxrc.cjs', 'process.kill(process.pid, "SIGKILL");', ': error: the process evaluating it was killed by SIGKILL without an answer');
  });

  const DATA_ONLY = '; an rc file can only hold data: strings, numbers, true/false, null, lists and mappings';
  const nonData: Array<[string, string, string]> = [
    ['a function', 'module.exports = { options: { mouse: () => true } };', `options.mouse: is a function${DATA_ONLY}`],
    ['a function as the whole export', 'module.exports = () => ({});', `is a function${DATA_ONLY}`],
    ['a cycle', 'const c = { options: {} }; c.options.self = c; module.exports = c;', 'options.self: refers back to the whole configuration (a cycle)'],
    ['a symbol', 'module.exports = { prefix: Symbol("x") };', `prefix: is a symbol${DATA_ONLY}`],
    ['a RegExp', 'module.exports = { triggers: [{ regex: /x/, action: "bell" }] };', `triggers[0].regex: is a RegExp (write the pattern as a string)${DATA_ONLY}`],
    ['a Date', 'module.exports = { options: { x: new Date(0) } };', `options.x: is a Date${DATA_ONLY}`],
    ['a class instance', 'class Config {}; module.exports = new Config();', `is a Config${DATA_ONLY}`],
    ['a nested promise', 'module.exports = { prefix: Promise.resolve("C-a") };', `prefix: is a Promise (await it before exporting)${DATA_ONLY}`],
    ['Infinity', 'module.exports = { options: { "scrollback-lines": Infinity } };', 'options.scrollback-lines: is Infinity, not a finite number'],
    ['a hole in a list', 'module.exports = { triggers: [, 1] };', 'triggers[0]: is undefined (a hole in the list?)'],
    ['a proxy whose trap throws', 'module.exports = new Proxy({}, { ownKeys() { throw new Error("trap"); } });', 'its keys could not be listed: trap'],
    ['deep nesting', 'let v = {}; for (let i = 0; i < 1000; i++) v = { v }; module.exports = { options: v };', ''],
  ];
  test.each(nonData)('%s', async (_name, code, message) => {
    const file = rc('.tmxrc.cjs', code);
    const config = await load();
    if (message === '') expect(config.problems[0]).toMatch(new RegExp(`^${file}: error: options(\\.v)+: is nested deeper than 64 levels$`));
    else expect(config.problems).toEqual([`${file}: error: ${message}`]);
    expect(config.prefix).toBe('C-b');
  });

  test('an ES module with no default export', async () => {
    await expectFault(
      '.tmxrc.mjs',
      'export const prefix = "C-a";',
      ': error: exports no configuration: end it with "export default { ... }" (ES module) or "module.exports = { ... }" (CommonJS)',
    );
  });
});

test('evaluateJsRcFile takes a shorter time limit', async () => {
  const file = rc('slow.cjs', 'for (;;) {}');
  const started = Date.now();
  const result = await evaluateJsRcFile(file, { env: {}, cwd: home, timeLimitMs: 300 });
  expect(result).toEqual({ ok: false, problem: { severity: 'error', text: `${file}: error: did not finish within 0.3 s (an endless loop, or a promise that never settles?)` } });
  expect(Date.now() - started).toBeLessThan(JS_RC_TIME_LIMIT_MS);
});

test('nothing the file started outlives the evaluation', async () => {
  const pidFile = path.join(home, 'sleeper.pid');
  rc(
    '.tmxrc.cjs',
    [
      'const { spawn } = require("child_process"); const fs = require("fs");',
      `const sleeper = spawn("sleep", ["30"], { stdio: "ignore" }); fs.writeFileSync(${JSON.stringify(pidFile)}, String(sleeper.pid));`,
      'module.exports = { prefix: "C-a" };',
    ].join('\n'),
  );
  expect((await load()).prefix).toBe('C-a');
  const pid = Number(readFileSync(pidFile, 'utf8'));
  const deadline = Date.now() + 5000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  expect(alive(pid)).toBe(false);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('a file that tampers with built-ins still gets its data copied out exactly', async () => {
  rc(
    '.tmxrc.cjs',
    [
      'Array.prototype.includes = () => true; Array.prototype.push = () => { throw new Error("no push"); };',
      'Object.prototype.toJSON = function () { return "hijacked"; };',
      'Object.defineProperty = () => { throw new Error("no defineProperty"); };',
      'module.exports = { prefix: "C-a", options: { "status-left": "X" }, keys: { prefix: { "|": "split-window -h" } } };',
    ].join('\n'),
  );
  const config = await load();
  expect(config.problems).toEqual([]);
  expect(config.prefix).toBe('C-a');
  expect(config.options['status-left']).toBe('X');
  expect(config.bindings.prefix['|']?.command).toBe('split-window -h');
});

test('an answer over the size cap is refused', async () => {
  const file = rc('.tmxrc.cjs', 'module.exports = { options: { "status-left": "x".repeat(2 * 1024 * 1024) } };');
  const config = await load();
  expect(config.problems).toEqual([`${file}: error: exported more than ${JS_RC_MAX_ANSWER_BYTES / 1024} KiB of configuration`]);
});
