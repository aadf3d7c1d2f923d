// `tmx trust [--revoke | --list] [FILE]` and what `--check-config` says about project rc files.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseArgs } from '../../src/cli-args.js';
import { checkConfig, trustCommand } from '../../src/cli-tools.js';
import { contentHash } from '../../src/config/trust-store.js';

let home: string;
let project: string;
let env: Record<string, string>;

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'tmx-trust-'));
  project = path.join(home, 'src', 'clone');
  mkdirSync(project, { recursive: true });
  env = { HOME: home };
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

function put(file: string, text: string): string {
  writeFileSync(file, text);
  chmodSync(file, 0o644);
  return file;
}

async function run(args: string[], cwd = project) {
  const parsed = parseArgs(['trust', ...args]);
  if (parsed.kind !== 'trust') throw new Error(`not a trust command: ${JSON.stringify(parsed)}`);
  const output: string[] = [];
  const status = await trustCommand(parsed.action, parsed.file, env, cwd, (s) => output.push(s));
  return { status, output: output.join('') };
}

async function check(cwd = project) {
  const output: string[] = [];
  const status = await checkConfig(undefined, env, cwd, (s) => output.push(s));
  return { status, output: output.join('') };
}

const storeFile = () => path.join(home, '.local/state/tmx/trusted-rc-files.json');

describe('tmx trust', () => {
  test('parses its forms', () => {
    expect(parseArgs(['trust'])).toEqual({ kind: 'trust', action: 'trust', file: undefined });
    expect(parseArgs(['trust', 'x.yaml'])).toEqual({ kind: 'trust', action: 'trust', file: 'x.yaml' });
    expect(parseArgs(['trust', '--revoke', 'x.yaml'])).toEqual({ kind: 'trust', action: 'revoke', file: 'x.yaml' });
    expect(parseArgs(['trust', '--list'])).toEqual({ kind: 'trust', action: 'list', file: undefined });
    expect(parseArgs(['trust', '--bogus'])).toEqual({ kind: 'error', message: 'tmx trust: unknown option --bogus (known: --revoke, --list)' });
    expect(parseArgs(['trust', 'a', 'b'])).toEqual({ kind: 'error', message: 'tmx trust takes one file' });
    expect(parseArgs(['trust', '--list', 'a'])).toEqual({ kind: 'error', message: 'tmx trust --list takes no file' });
  });

  test('with no FILE, trusts the project rc file found from the current folder; check-config follows', async () => {
    const rc = put(path.join(project, '.tmxrc.yaml'), 'prefix: C-a\n');
    const own = put(path.join(home, '.tmxrc.yaml'), 'prefix: C-x\n');
    let checked = await check(path.join(project));
    expect(checked.status).toBe(0);
    expect(checked.output).toBe(
      `${rc}: warning: not loaded: an rc file in a project folder loads only once you trust it; after reading it: tmx trust ${rc}\n` +
        `${own}: ok (0 triggers, 1 warning)\n`,
    );
    mkdirSync(path.join(project, 'deeper'));
    const trusted = await run([], path.join(project, 'deeper'));
    expect(trusted).toEqual({
      status: 0,
      output: `${rc}: trusted as it is now (sha256 ${contentHash('prefix: C-a\n').slice(0, 12)}); once it changes, tmx asks again\n`,
    });
    expect(statSync(storeFile()).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(storeFile())).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(storeFile(), 'utf8')).files[rc].sha256).toBe(contentHash('prefix: C-a\n'));
    checked = await check();
    expect(checked).toEqual({ status: 0, output: `${rc}: ok (0 triggers)\n` });

    expect(await run(['--list'])).toEqual({ status: 0, output: expect.stringMatching(new RegExp(`^${rc}: trusted \\(trusted \\d{4}-`)) });
    put(rc, 'prefix: C-q\n');
    expect((await run(['--list'])).output).toContain(`${rc}: changed since: tmx refuses it`);
    expect((await check()).output).toContain(`${rc}: warning: not loaded: it has changed since you trusted it`);

    expect(await run(['--revoke'])).toEqual({ status: 0, output: `${rc}: no longer trusted\n` });
    expect(await run(['--revoke'])).toEqual({ status: 0, output: `${rc}: was not trusted\n` });
    expect(await run(['--list'])).toEqual({ status: 0, output: `no rc files trusted (${storeFile()})\n` });
  });

  test('a named FILE, relative to the current folder', async () => {
    const rc = put(path.join(project, 'package.json'), '{"tmx": {"prefix": "C-a"}}');
    expect((await run(['package.json'])).output).toMatch(new RegExp(`^${rc}: trusted as it is now`));
    expect((await check()).output).toBe(`${rc}: ok (0 triggers)\n`);
  });

  test('nothing to trust: says why and exits 1', async () => {
    expect(await run([])).toEqual({
      status: 1,
      output: `no project rc file to trust: none in ${project} or its parents below your home; name it: tmx trust FILE\n`,
    });
    expect(await run([], home)).toEqual({
      status: 1,
      output: `no project rc file to trust: ${home} is not a folder below your home (${home}); name it: tmx trust FILE\n`,
    });
    expect(await run(['missing.yaml'])).toEqual({ status: 1, output: `${path.join(project, 'missing.yaml')}: no such file\n` });
    expect(await run(['.'])).toEqual({ status: 1, output: `${project}: not a file\n` });
  });

  test("the user's own rc file needs no trust; a link to it from a project folder does", async () => {
    const own = put(path.join(home, '.tmxrc.yaml'), '{}');
    expect(await run([own])).toEqual({ status: 0, output: `${own}: in your home or XDG config folder, tmx loads it without trusting\n` });
    symlinkSync(own, path.join(project, '.tmxrc.yaml'));
    expect(await run([])).toMatchObject({ status: 0, output: expect.stringMatching(new RegExp(`^${own}: trusted as it is now`)) });
    expect((await check()).output).toBe(`${path.join(project, '.tmxrc.yaml')}: ok (0 triggers)\n`);
  });

  test('a file others can write is trusted, with a warning that it stays refused for programs', async () => {
    const rc = put(path.join(project, '.tmxrc.yaml'), '{}');
    chmodSync(rc, 0o666);
    const { status, output } = await run([]);
    expect(status).toBe(0);
    expect(output).toContain(`warning: it is writable by group and others (mode 0666)`);
    expect(output).toContain(`fix: chmod go-w ${rc}`);
  });

  test('a damaged trust store trusts nothing, says so, and tmx trust rewrites it', async () => {
    const rc = put(path.join(project, '.tmxrc.yaml'), 'prefix: C-a\n');
    mkdirSync(path.dirname(storeFile()), { recursive: true });
    writeFileSync(storeFile(), '{"version": 1, "files": ', { mode: 0o600 });
    expect((await check()).output).toContain(`(the trust store ${storeFile()} is damaged (`);
    expect((await run([])).status).toBe(0);
    expect(await check()).toEqual({ status: 0, output: `${rc}: ok (0 triggers)\n` });
  });
});
