import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { checkConfig } from '../../src/cli-tools.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'tmx-check-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(file: string | undefined) {
  const output: string[] = [];
  const status = await checkConfig(file, { HOME: dir }, dir, (s) => output.push(s));
  return { status, output: output.join('') };
}

function put(name: string, text: string, mode = 0o600): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

test('a good file: exit 0 and a summary', async () => {
  const file = put('good.yaml', 'triggers:\n  - {regex: x, action: bell}\n');
  expect(await run(file)).toEqual({ status: 0, output: `${file}: ok (1 trigger)\n` });
});

test('warnings alone still exit 0', async () => {
  const file = put('warn.yaml', 'triggers:\n  - {regex: x, action: bell}\n', 0o664);
  const { status, output } = await run(file);
  expect(status).toBe(0);
  expect(output).toContain(`${file}: warning: triggers: all 1 ignored`);
  expect(output).toContain(`${file}: ok (0 triggers, 1 warning)\n`);
});

test('errors: exit 1 with every message', async () => {
  const file = put('bad.json', '{"options": {"mouse": "yes"}, "bogus": 1}');
  expect(await run(file)).toEqual({
    status: 1,
    output: [
      `${file}: error: bogus: unknown key (known: $schema, prefix, keys, options, triggers)`,
      `${file}: error: options.mouse: must be true or false, not "yes" (using the default, true)`,
      '',
    ].join('\n'),
  });
});

test('a syntax error or a missing file: exit 1', async () => {
  const file = put('broken.yaml', 'a: [\n');
  expect((await run(file)).status).toBe(1);
  const missing = await run('missing.yaml');
  expect(missing).toEqual({ status: 1, output: `${path.join(dir, 'missing.yaml')}: error: no such file (check the path given on the command line)\n` });
});

test('no rc file anywhere: exit 0', async () => {
  expect(await run(undefined)).toEqual({ status: 0, output: 'no rc file found: tmx starts on its defaults\n' });
});
