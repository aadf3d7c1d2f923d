import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { rcFileSchemaText } from '../../src/config/schema.js';
import { optionValueProblem, validateConfig } from '../../src/config/validate.js';

const FILE = '/home/u/.tmxrc.yaml';

function check(content: unknown) {
  const result = validateConfig(content, FILE, []);
  return { ...result, texts: result.problems.map((p) => p.text) };
}

/** The single problem `content` causes. */
function problem(content: unknown): string {
  const { texts } = check(content);
  expect(texts).toHaveLength(1);
  return texts[0];
}

describe('top level', () => {
  test('unknown key, with the nearest name', () => {
    expect(problem({ trigers: [] })).toBe(`${FILE}: error: trigers: unknown key (did you mean "triggers"?)`);
  });

  test('not a mapping', () => {
    expect(problem(['a'])).toBe(`${FILE}: error: the rc file must be a mapping with the keys prefix, keys, options and triggers`);
  });

  test('$schema is allowed', () => {
    expect(check({ $schema: './tmx.schema.json' }).texts).toEqual([]);
  });
});

describe('prefix', () => {
  test('a bad key name falls back to C-b', () => {
    const result = check({ prefix: 'C-Hyper' });
    expect(result.prefix).toBe('C-b');
    expect(result.texts[0]).toMatch(/^\/home\/u\/.tmxrc.yaml: error: prefix: unknown key "C-Hyper" .*\(using C-b\)$/);
    expect(problem({ prefix: 1 })).toContain('prefix: must be a key name like "C-a", not 1');
  });

  test('a new prefix is normalized and takes send-prefix along', () => {
    const result = check({ prefix: '^A' });
    expect(result.prefix).toBe('C-a');
    expect(result.bindings.prefix['C-a']?.command).toBe('send-prefix');
    expect(result.bindings.prefix['C-b']).toBeUndefined();
  });
});

describe('keys', () => {
  test('bindings are added and unbound; defaults stay', () => {
    const result = check({ keys: { prefix: { '|': 'split-window -h', '"': null }, root: { 'm-left': 'select-pane -L' } } });
    expect(result.texts).toEqual([]);
    expect(result.bindings.prefix['|']?.command).toBe('split-window -h');
    expect(result.bindings.prefix['"']).toBeUndefined();
    expect(result.bindings.prefix['%']?.command).toBe('split-window -h');
    expect(result.bindings.root['M-Left']?.command).toBe('select-pane -L');
  });

  test('each broken binding is named and dropped, the others kept', () => {
    const result = check({
      keys: { prefix: { 'C-Hyper': 'split-window', x: 'frobnicate', y: 3, z: '', '|': 'split-window -h' }, rot: {} },
    });
    expect(result.texts).toEqual([
      `${FILE}: error: keys.prefix.C-Hyper: unknown key "C-Hyper" (write keys like C-b, M-Left, S-Up, F5, Enter, Space, PageUp, %)`,
      `${FILE}: error: keys.prefix.x: unknown command: frobnicate`,
      `${FILE}: error: keys.prefix.y: must be a command string like "split-window -h", or null to unbind, not 3`,
      `${FILE}: error: keys.prefix.z: empty command (use null to unbind the key)`,
      `${FILE}: error: keys.rot: unknown key table (did you mean "root"?)`,
    ]);
    expect(result.bindings.prefix['|']?.command).toBe('split-window -h');
    expect(result.bindings.prefix.x?.command).toMatch(/^confirm-before .*kill-pane$/);
  });

  test('wrong shapes', () => {
    expect(problem({ keys: [] })).toContain('keys: must be a mapping of tables to bindings');
    expect(problem({ keys: { root: 'x' } })).toContain('keys.root: must be a mapping of key names to command strings');
  });
});

describe('options', () => {
  test('good values are kept next to bad ones', () => {
    const result = check({ options: { mouse: false, 'escape-time': 99_999, scrollbak: 5, status: 'yes', 'status-left': 7 } });
    expect(result.options.mouse).toBe(false);
    expect(result.options['escape-time']).toBe(10);
    expect(result.texts).toEqual([
      `${FILE}: error: options.escape-time: must be at most 2000, not 99999 (using the default, 10)`,
      `${FILE}: error: options.scrollbak: unknown option (did you mean "scrollback-lines"?)`,
      `${FILE}: error: options.status: must be true or false, not "yes" (using the default, true)`,
      `${FILE}: error: options.status-left: must be a string, not 7 (using the default, "[#{session_name}] ")`,
    ]);
  });

  test('nearest names for typical typos, and ranges', () => {
    expect(problem({ options: { 'scrollback-line': 5 } })).toContain('(did you mean "scrollback-lines"?)');
    expect(problem({ options: { 'display-time': 1 } })).toContain('must be at least 100, not 1');
    expect(problem({ options: { 'repeat-time': '5' } })).toContain('must be a number, not "5"');
    expect(problem({ options: 3 })).toContain('options: must be a mapping of option names to values');
  });

  test('enum options accept only their values', () => {
    const spec = { type: 'enum', default: 'single', values: ['single', 'double'], help: '' } as const;
    expect(optionValueProblem(spec, 'double')).toBeUndefined();
    expect(optionValueProblem(spec, 'heavy')).toBe('must be one of single, double, not "heavy"');
  });
});

describe('triggers', () => {
  const at = (index: number, path: string) => `${FILE}: error: triggers[${index}].${path}: `;
  const one = (trigger: unknown) => problem({ triggers: [trigger] });

  test('a valid trigger compiles; broken ones are named and dropped', () => {
    const result = check({
      triggers: [
        { regex: 'ok', action: 'bell' },
        { action: 'bell' },
        { regex: 'x' },
        'bell',
      ],
    });
    expect(result.triggers.map((t) => t.label)).toEqual(['ok']);
    expect(result.texts).toEqual([
      `${at(1, 'regex')}is required`,
      `${at(2, 'action')}is required (one of run-coprocess, run-silent-coprocess, zmodem-receive, zmodem-send, send-text, highlight, bell, notify, set-title, stop)`,
      `${FILE}: error: triggers[3]: must be an object like {"regex": "error: (.*)", "action": "bell"}`,
    ]);
  });

  test('regex errors: syntax, backreference, lookaround', () => {
    expect(one({ regex: '(unclosed', action: 'bell' })).toBe(`${at(0, 'regex')}invalid regular expression: /(unclosed/: Unterminated group`);
    expect(one({ regex: '(a)\\1', action: 'bell' })).toMatch(/regex: tmx runs trigger regexes in linear time .*backreference .*repeat the group's pattern/);
    expect(one({ regex: 'foo(?=bar)', action: 'bell' })).toMatch(/regex: .*lookahead or lookbehind/);
  });

  test('actions and their parameters', () => {
    expect(one({ regex: 'x', action: 'notfy', message: 'm' })).toBe(`${at(0, 'action')}unknown action "notfy" (did you mean "notify"?)`);
    expect(one({ regex: 'x', action: 'run-coprocess' })).toBe(`${at(0, 'command')}is required by action run-coprocess`);
    expect(one({ regex: 'x', action: 'send-text', text: 5 })).toBe(`${at(0, 'text')}must be a string, not 5`);
    const unused = check({ triggers: [{ regex: 'x', action: 'bell', command: 'ls' }] });
    expect(unused.texts).toEqual([`${at(0, 'command')}is not used by action bell`]);
    expect(unused.triggers).toHaveLength(1);
    expect(one({ regex: 'x', action: 'bell', instnat: true })).toBe(`${at(0, 'instnat')}unknown trigger field (did you mean "instant"?)`);
  });

  test('command templates', () => {
    const run = (command: string) => one({ regex: '(a)', action: 'run-coprocess', command });
    expect(run('echo "open')).toBe(`${at(0, 'command')}unterminated " quote at column 6 (add the closing ")`);
    expect(run('\\1 --flag')).toContain('the program (first word) must not contain a capture');
    expect(run('echo \\2')).toBe(`${at(0, 'command')}uses \\2 but the regex has 1 capture group`);
    expect(run('grep \\d')).toContain('unknown escape \\d at column 6');
    expect(run('echo \\x0')).toContain('\\x at column 6 needs two hex digits');
    expect(run('')).toContain('command: is empty: name the program to run');
  });

  test('warnings do not drop the trigger', () => {
    const result = check({ triggers: [{ regex: 'a*', action: 'run-coprocess', command: 'cat x | grep \\0' }] });
    expect(result.triggers).toHaveLength(1);
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(result.texts).toEqual([
      `${FILE}: warning: triggers[0].regex: matches an empty line, so it fires on every line; anchor it or require some text`,
      expect.stringContaining('triggers[0].command: "|" is passed to the program as an argument'),
      expect.stringContaining('argument 4 starts with capture \\0'),
    ]);
  });

  test('style, booleans, cooldown, name', () => {
    expect(one({ regex: 'x', action: 'highlight', style: { fg: 300 } })).toBe(`${at(0, 'style.fg')}palette colours are whole numbers 0-255, not 300`);
    expect(one({ regex: 'x', action: 'highlight', style: { bg: 'red' } })).toContain('style.bg: a colour is a palette number 0-255 or "#rrggbb", not "red"');
    expect(one({ regex: 'x', action: 'highlight', style: {} })).toContain('style: is empty');
    expect(one({ regex: 'x', action: 'highlight', style: { blink: true } })).toContain('style.blink: unknown style key');
    expect(one({ regex: 'x', action: 'bell', instant: 'yes' })).toBe(`${at(0, 'instant')}must be true or false, not "yes" (using false)`);
    expect(one({ regex: 'x', action: 'bell', cooldownMs: -1 })).toContain('cooldownMs: must be milliseconds from 0 to 86400000');
    expect(one({ regex: 'x', action: 'bell', name: '' })).toContain('name: must be a non-empty string');
    expect(problem({ triggers: {} })).toContain('triggers: must be a list of triggers');
  });
});

describe('shipped files', () => {
  test('config/tmx.schema.json is generated from the option table and trigger spec', () => {
    const committed = readFileSync(new URL('../../config/tmx.schema.json', import.meta.url), 'utf8');
    expect(committed, 'regenerate: npm run build && node scripts/generate-schema.mjs').toBe(rcFileSchemaText());
  });

  test.each(['tmxrc.example.yaml', 'tmxrc.example.json'])('%s passes validation without warnings', async (name) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tmx-example-'));
    try {
      const file = path.join(dir, name);
      copyFileSync(new URL(`../../config/${name}`, import.meta.url), file);
      chmodSync(file, 0o600);
      const config = await loadConfig({ explicitPath: file, env: { HOME: dir }, cwd: dir });
      expect(config.problems).toEqual([]);
      expect(config.triggers.length).toBeGreaterThan(4);
      expect(config.prefix).toBe('C-a');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
