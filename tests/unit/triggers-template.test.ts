import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileTrigger } from '../../src/triggers/compile.js';
import { choiceFree, compileLinearRegExp } from '../../src/triggers/linear-regexp.js';
import { TriggerMatcher } from '../../src/triggers/matcher.js';
import {
  MAX_CAPTURE_BYTES,
  expandTemplate,
  parseArgvTemplate,
  parseTextTemplate,
  sanitizeCapture,
} from '../../src/triggers/template.js';
import type { CompiledTrigger, TriggerIssue } from '../../src/triggers/types.js';

function trigger(raw: Record<string, unknown>): CompiledTrigger {
  const issues: TriggerIssue[] = [];
  const compiled = compileTrigger(raw, issues);
  expect(issues.filter((i) => !i.warning)).toEqual([]);
  return compiled!;
}

/** Fires `raw` on one complete line and returns the single firing. */
function fire(raw: Record<string, unknown>, text: string) {
  const firings = new TriggerMatcher([trigger(raw)], () => 0).match({ id: 0, text, complete: true, altScreen: false });
  expect(firings).toHaveLength(1);
  return firings[0];
}

const HOSTILE = ['$(touch pwned)', '`touch pwned`', 'a; touch pwned', 'a && touch pwned', '"; touch pwned; "', "'; touch pwned; '", '| touch pwned', '> pwned', '\\1 \\n \\x41'];

describe('splitting a command once, at load', () => {
  test('words, quotes and escapes', () => {
    const parsed = parseArgvTemplate(`prog 'single \\1' "double \\"q\\" \\2" bare\\ word \\e[1m \\x41 \\\\ a"b"'c'`);
    expect(parsed).not.toHaveProperty('error');
    const argv = (parsed as { argv: Parameters<typeof expandTemplate>[0][] }).argv.map((w) => expandTemplate(w, ['M', 'one', 'two']));
    expect(argv).toEqual(['prog', 'single one', 'double "q" two', 'bare word', '\x1b[1m', 'A', '\\', 'abc']);
  });

  test('an empty quoted word stays an argument', () => {
    const parsed = parseArgvTemplate(`prog "" '' x`) as { argv: unknown[] };
    expect(parsed.argv).toHaveLength(4);
  });

  test('text templates decode escapes but never re-read captures', () => {
    const text = parseTextTemplate('got \\1\\n') as Parameters<typeof expandTemplate>[0];
    expect(expandTemplate(text, ['', '\\n \\x41 \\2'])).toBe('got \\n \\x41 \\2\n');
  });
});

describe('hostile captures', () => {
  test.each(HOSTILE)('%s becomes exactly one literal argument', (evil) => {
    const firing = fire(
      { regex: 'file: (.*)$', action: 'run-coprocess', command: 'printf "[%s]" -- "name=\\1" \\1 plain' },
      `file: ${evil}`,
    );
    expect(firing.argv).toEqual(['printf', '[%s]', '--', `name=${evil}`, evil, 'plain']);
    expect(firing.env?.TMX_MATCH_1).toBe(evil);
  });

  test('newlines and escapes are removed from captures, template escapes are kept', () => {
    const firing = fire(
      { regex: 'x(.*)y', action: 'send-text', text: '\\e[1m\\1\\r' },
      'x\x1b]0;title\x07a\tb\u009bc\x7fy',
    );
    expect(firing.text).toBe('\x1b[1m]0;titleabc\r');
    expect(sanitizeCapture('a\nb\r\nc\x00d\x1be')).toBe('abcde');
  });

  test('a capture of 1 MB is cut to 1 KiB (whole characters)', () => {
    expect(Buffer.byteLength(sanitizeCapture('x'.repeat(1 << 20)))).toBe(MAX_CAPTURE_BYTES);
    const euros = sanitizeCapture('€'.repeat(1000));
    expect(Buffer.byteLength(euros)).toBe(1023);
    expect(euros).toBe('€'.repeat(341));
  });

  test('a long line is cut before matching, captures are capped', () => {
    const matcher = new TriggerMatcher([trigger({ regex: 'a(a+)', action: 'run-coprocess', command: 'echo \\1' })], () => 0);
    const [firing] = matcher.match({ id: 0, text: 'a'.repeat(1 << 20), complete: true, altScreen: false });
    expect(firing.argv).toEqual(['echo', 'a'.repeat(MAX_CAPTURE_BYTES)]);
    expect(firing.end).toBe(4096);
  });

  test('spawned without a shell, nothing in a capture runs', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tmx-argv-'));
    try {
      for (const evil of HOSTILE) {
        const firing = fire({ regex: 'got (.*)', action: 'run-coprocess', command: 'printf %s| "\\1" x\\1' }, `got ${evil}`);
        const result = spawnSync(firing.argv![0], firing.argv!.slice(1), { cwd: dir, encoding: 'utf8' });
        expect(result.stdout).toBe(`${evil}|x${evil}|`);
      }
      expect(readdirSync(dir)).toEqual([]);
      expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the linear-time regex guard', () => {
  test('^(a*)*b$ against 100k a\'s returns at once', () => {
    const matcher = new TriggerMatcher([trigger({ regex: '^(a*)*b$', action: 'bell' })], () => 0);
    const started = performance.now();
    for (let id = 0; id < 5; id++) expect(matcher.match({ id, text: 'a'.repeat(100_000), complete: true, altScreen: false })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('backreferences and lookaround are config errors that say why and what to do', () => {
    for (const regex of ['(["\'])x\\1', '(?<q>a)\\k<q>', 'a(?!b)', '(?<=a)b']) {
      const issues: TriggerIssue[] = [];
      expect(compileTrigger({ regex, action: 'bell' }, issues)).toBeUndefined();
      expect(issues[0].path).toBe('regex');
      expect(issues[0].message).toMatch(/^tmx runs trigger regexes in linear time so pane output cannot freeze it, and this one cannot run that way: it uses (a backreference|lookahead or lookbehind)/);
    }
  });
});

describe('choice-free patterns run on the usual engine', () => {
  test('no quantifier and no alternation: nothing to backtrack over', () => {
    for (const source of ['x7', 'error: (\\d)x', '(?:ab)c', '(?<n>ab)', 'a\\?b', '\\bERR\\b', '[a-z]\\.']) expect([source, choiceFree(source)]).toEqual([source, true]);
    for (const source of ['a+', 'error: (.*)', 'a|b', '\\(?', 'a{2}', 'colou?r', '[?]', 'a\\\\?']) expect([source, choiceFree(source)]).toEqual([source, false]);
  });

  test('such a regex compiles without the linear flag, any other with it, and matches the same', () => {
    const plain = compileLinearRegExp('x7') as RegExp;
    const linear = compileLinearRegExp('x7+') as RegExp;
    expect(plain.flags).toBe('');
    expect(linear.flags).toBe('l');
    expect(plain.exec('0x7f3a')?.index).toBe(1);
  });
});
