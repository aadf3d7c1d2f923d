// `tmx --check-config` on what triggers will cost: the ones with no literal to look for first
// are named, a very long list is pointed out; neither is an error.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { checkConfig } from '../../src/cli-tools.js';
import { MANY_TRIGGERS } from '../../src/triggers/prefilter.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'tmx-cost-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function check(triggers: object[]) {
  const file = path.join(dir, 'rc.json');
  writeFileSync(file, JSON.stringify({ triggers }), { mode: 0o600 });
  const output: string[] = [];
  const status = await checkConfig(file, { HOME: dir }, dir, (s) => output.push(s));
  return { status, lines: output.join('').trimEnd().split('\n'), file };
}

test('triggers with text to look for: no warning', async () => {
  const { status, lines, file } = await check([{ regex: 'error: (.*)', action: 'bell' }, { regex: '[Ww]arn(ing)?', action: 'bell' }]);
  expect(status).toBe(0);
  expect(lines).toEqual([`${file}: ok (2 triggers)`]);
});

test('triggers with no literal are named (the first five, then a count); disabled ones are not', async () => {
  const bare = ['^\\d+$', '(\\w+)\\s(\\d+)', '\\w+\\s\\w+', '[a-z]{3}\\s', '\\d\\s\\d', '\\s+$'].map((regex, i) => ({ name: `bare${i}`, regex, action: 'bell' }));
  const { status, lines, file } = await check([
    { regex: 'error', action: 'bell' },
    ...bare,
    { regex: '^\\d', action: 'bell', enabled: false },
  ]);
  expect(status).toBe(0);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: warning: triggers: 6 triggers have no fixed text`));
  expect(lines[0]).toContain('"bare0", "bare1", "bare2", "bare3", "bare4" and 1 more;');
  expect(lines[1]).toBe(`${file}: ok (8 triggers, 1 warning)`);
});

test('very many triggers are pointed out', async () => {
  const many = Array.from({ length: MANY_TRIGGERS }, (_, i) => ({ regex: `x${i}`, action: 'bell' }));
  const { status, lines } = await check(many);
  expect(status).toBe(0);
  expect(lines[0]).toContain(`warning: triggers: ${MANY_TRIGGERS} is very many`);
  expect(lines[1]).toContain(`ok (${MANY_TRIGGERS} triggers, 1 warning)`);
});
