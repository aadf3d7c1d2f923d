import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig, projectDirectories } from '../../src/config/load.js';
import { trustFile } from '../../src/config/trust-store.js';
import { checkTrust } from '../../src/config/trust.js';

let root: string;
let home: string;
let cwd: string;

/** Writes `text` at `rel` under root with a private mode (the trust check wants go-w). */
function put(rel: string, text: string, mode = 0o600): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

function load(env: Record<string, string> = {}, explicitPath?: string) {
  return loadConfig({ explicitPath, env: { HOME: home, ...env }, cwd });
}

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tmx-config-'));
  home = path.join(root, 'home');
  cwd = path.join(home, 'proj', 'sub');
  mkdirSync(cwd, { recursive: true });
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('formats', () => {
  test('YAML, JSON, extensionless (YAML), package.json key, CommonJS and ES modules', async () => {
    const cases: Array<[string, string]> = [
      ['home/.tmxrc.yaml', 'prefix: C-a\n'],
      ['home/.tmxrc.yml', 'prefix: C-a\n'],
      ['home/.tmxrc.json', '{"prefix": "C-a"}'],
      ['home/.tmxrc', 'prefix: C-a\n'],
      ['home/package.json', '{"name": "x", "tmx": {"prefix": "C-a"}}'],
      ['home/.tmxrc.cjs', 'module.exports = { prefix: "C-a" };'],
      ['home/.tmxrc.mjs', 'export default { prefix: "C-a" };'],
      ['home/tmx.config.mjs', 'export default { prefix: "C-a" };'],
    ];
    for (const [rel, text] of cases) {
      const file = put(rel, text);
      const config = await load();
      expect(config.problems, rel).toEqual([]);
      expect(config.file, rel).toBe(file);
      expect(config.prefix, rel).toBe('C-a');
      rmSync(file);
    }
  });

  test('no rc file: defaults, no problems', async () => {
    const config = await load();
    expect(config.file).toBeUndefined();
    expect(config.prefix).toBe('C-b');
    expect(config.problems).toEqual([]);
    expect(config.errorCount).toBe(0);
  });

  test('an empty file gives the defaults', async () => {
    const file = put('empty.yaml', '');
    const config = await load({}, file);
    expect(config.problems).toEqual([]);
    expect(config.prefix).toBe('C-b');
  });

  test('a JS rc file is read afresh on reload', async () => {
    const file = put('home/.tmxrc.mjs', 'export default { prefix: "C-a" };');
    expect((await load()).prefix).toBe('C-a');
    put('home/.tmxrc.mjs', 'export default { prefix: "C-x" };');
    expect((await load()).prefix).toBe('C-x');
    const cjs = put('home/.tmxrc.cjs', 'module.exports = { prefix: "C-a" };');
    rmSync(file);
    expect((await load()).prefix).toBe('C-a');
    put('home/.tmxrc.cjs', 'module.exports = { prefix: "C-q" };');
    expect((await load()).prefix).toBe('C-q');
    rmSync(cjs);
  });
});

describe('syntax errors name the file, line and column', () => {
  test('JSON: a missing value', async () => {
    const file = put('home/.tmxrc.json', '{\n  "prefix": "C-a",\n  "options": }\n');
    const config = await load();
    expect(config.problems).toEqual([`${file}:3:14: error: unexpected "}" where a value should be`]);
    expect(config.errorCount).toBe(1);
    expect(config.prefix).toBe('C-b');
  });

  test('JSON: a trailing comma and a comment', async () => {
    let file = put('home/.tmxrc.json', '{\n  "prefix": "C-a",\n}\n');
    expect((await load()).problems[0]).toMatch(new RegExp(`^${file}:2:18: error: trailing comma`));
    file = put('home/.tmxrc.json', '{\n  // mine\n  "prefix": "C-a"\n}\n');
    expect((await load()).problems[0]).toMatch(/:2:3: error: JSON has no comments/);
  });

  test('YAML: a broken flow sequence', async () => {
    const file = put('home/.tmxrc.yaml', 'prefix: C-a\ntriggers: [\n  {regex: a, action: bell\n');
    const config = await load();
    expect(config.problems).toHaveLength(1);
    expect(config.problems[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: error: YAML: `));
    expect(config.prefix).toBe('C-b');
  });

  test('YAML: a tab and a duplicated key', async () => {
    const file = put('home/.tmxrc.yaml', 'prefix: C-a\nprefix: C-b\n');
    expect((await load()).problems[0]).toBe(`${file}:2:1: error: YAML: duplicated mapping key`);
  });

  test('a JS file that throws is a problem naming the line, not a crash', async () => {
    const file = put('home/.tmxrc.cjs', 'const a = 1;\nthrow new Error("boom");');
    expect((await load()).problems).toEqual([`${file}:2:7: error: threw an error while loading: boom`]);
  });
});

describe('search order', () => {
  test('project folders: cwd and its parents strictly below HOME; none outside HOME', () => {
    expect(projectDirectories('/h/u/a/b', '/h/u')).toEqual(['/h/u/a/b', '/h/u/a']);
    expect(projectDirectories('/h/u', '/h/u')).toEqual([]);
    expect(projectDirectories('/tmp/x', '/h/u')).toEqual([]);
    expect(projectDirectories('/h/uu/x', '/h/u')).toEqual([]);
    expect(projectDirectories('/h', '/h/u')).toEqual([]);
  });

  test('--config, then $TMX_CONFIG, then a trusted project file, then HOME, then XDG', async () => {
    const xdg = put('home/.config/tmx/config.yaml', 'prefix: C-x\n');
    expect((await load()).file).toBe(xdg);
    const custom = put('xdg/tmx/config.json', '{"prefix": "C-y"}');
    expect((await load({ XDG_CONFIG_HOME: path.join(root, 'xdg') })).file).toBe(custom);
    const inHome = put('home/.tmxrc.json', '{}');
    expect((await load()).file).toBe(inHome);
    const inProject = put('home/proj/.config/tmxrc.yaml', '{}');
    trustFile(inProject, { HOME: home });
    expect((await load()).file).toBe(inProject);
    const inCwd = put('home/proj/sub/.tmxrc', '{}');
    trustFile(inCwd, { HOME: home });
    expect((await load()).file).toBe(inCwd);
    const fromEnv = put('env.yaml', '{}');
    expect((await load({ TMX_CONFIG: fromEnv })).file).toBe(fromEnv);
    const explicit = put('explicit.yaml', '{}');
    expect((await load({ TMX_CONFIG: fromEnv }, explicit)).file).toBe(explicit);
  });

  test('the search places of one directory are tried in order', async () => {
    const rc = put('home/.tmxrc.yaml', '{}');
    put('home/.config/tmxrc.json', '{}');
    put('home/tmx.config.cjs', 'module.exports = {};');
    expect((await load()).file).toBe(rc);
  });

  test('HOME is searched even when cwd is outside it, and nothing above cwd is', async () => {
    cwd = path.join(root, 'elsewhere', 'deep');
    mkdirSync(cwd, { recursive: true });
    put('elsewhere/deep/.tmxrc.yaml', 'prefix: C-q\n');
    put('elsewhere/.tmxrc.yaml', 'prefix: C-q\n');
    put('.tmxrc.yaml', 'prefix: C-q\n');
    const rc = put('home/.tmxrc.yaml', 'prefix: C-a\n');
    const config = await load();
    expect(config.file).toBe(rc);
    expect(config.prefix).toBe('C-a');
    expect(config.problems).toEqual([]);
  });

  test('a missing --config file is an error naming it', async () => {
    const config = await load({}, 'nope.yaml');
    expect(config.problems).toEqual([`${path.join(cwd, 'nope.yaml')}: error: no such file (check the path given on the command line)`]);
    expect(config.prefix).toBe('C-b');
  });

  test("cosmiconfig's meta config in the current directory is never run or read", async () => {
    // Before: cosmiconfig imported .config/config.js into tmx, and a package.json `cosmiconfig`
    // key made every search return that package.json's own `tmx` key.
    const meta = path.join(root, 'meta');
    const marker = path.join(root, 'meta-ran');
    put('home/evil.yaml', 'prefix: C-z\n');
    put('home/.tmxrc.yaml', 'prefix: C-a\n');
    const before = process.cwd();
    try {
      put('meta/.config/config.js', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`);
      process.chdir(meta);
      expect((await load()).prefix).toBe('C-a');
      expect(existsSync(marker)).toBe(false);
      put('meta/package.json', JSON.stringify({ cosmiconfig: { searchPlaces: ['evil.yaml'] }, tmx: { prefix: 'C-z' } }));
      expect((await load()).prefix).toBe('C-a');
      expect(existsSync(marker)).toBe(false);
    } finally {
      process.chdir(before);
    }
  });
});

describe('project folders', () => {
  const trustHint = (file: string) =>
    `${file}: warning: not loaded: an rc file in a project folder loads only once you trust it; after reading it: tmx trust ${file}`;

  test('an untrusted project rc file is skipped with how to trust it; the home rc is used', async () => {
    const own = put('home/.tmxrc.yaml', 'prefix: C-x\n');
    const project = put('home/proj/.tmxrc.yaml', 'prefix: C-a\ntriggers:\n  - {regex: x, action: run-coprocess, command: ./evil}\n');
    let config = await load();
    expect(config.file).toBe(own);
    expect(config.prefix).toBe('C-x');
    expect(config.triggers).toEqual([]);
    expect(config.problems).toEqual([trustHint(project)]);
    expect(config.errorCount).toBe(0);

    trustFile(project, { HOME: home });
    config = await load();
    expect(config.file).toBe(project);
    expect(config.prefix).toBe('C-a');
    expect(config.triggers).toHaveLength(1);
    expect(config.problems).toEqual([]);

    writeFileSync(project, 'prefix: C-q\n');
    config = await load();
    expect(config.file).toBe(own);
    expect(config.prefix).toBe('C-x');
    expect(config.problems).toHaveLength(1);
    expect(config.problems[0]).toMatch(new RegExp(`^${project}: warning: not loaded: it has changed since you trusted it \\(\\d{4}-.*\\); after reading it again: tmx trust ${project}$`));
  });

  test('with no rc file of the user\'s own, an untrusted project file leaves the defaults', async () => {
    const project = put('home/proj/sub/.tmxrc.json', '{"prefix": "C-a"}');
    const config = await load();
    expect(config.file).toBeUndefined();
    expect(config.prefix).toBe('C-b');
    expect(config.problems).toEqual([trustHint(project)]);
  });

  test('an untrusted project JS rc file never runs; trusted, it runs; changed, it is refused again', async () => {
    const marker = path.join(root, 'executed');
    const code = `require('fs').appendFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { prefix: 'C-a' };`;
    const project = put('home/proj/.tmxrc.cjs', code);
    expect((await load()).problems).toEqual([trustHint(project)]);
    expect(existsSync(marker)).toBe(false);
    trustFile(project, { HOME: home });
    expect((await load()).prefix).toBe('C-a');
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    put('home/proj/.tmxrc.cjs', `${code}\n// one more line`);
    expect((await load()).prefix).toBe('C-b');
    expect(existsSync(marker)).toBe(false);
  });

  test("package.json counts only with a tmx key; the project's bindings wait for trust", async () => {
    put('home/proj/package.json', JSON.stringify({ name: 'clone', scripts: { test: 'x' } }));
    expect((await load()).problems).toEqual([]);
    const pkg = put('home/proj/package.json', JSON.stringify({ name: 'clone', tmx: { keys: { root: { Enter: "run-coprocess 'touch pwned'" } } } }));
    let config = await load();
    expect(config.problems).toEqual([trustHint(pkg)]);
    expect(config.bindings.root.Enter).toBeUndefined();
    trustFile(pkg, { HOME: home });
    config = await load();
    expect(config.bindings.root.Enter?.command).toBe("run-coprocess 'touch pwned'");
  });

  test('only the nearest project rc file is a candidate', async () => {
    const outer = put('home/proj/.tmxrc.yaml', 'prefix: C-a\n');
    trustFile(outer, { HOME: home });
    const inner = put('home/proj/sub/.tmxrc.yaml', 'prefix: C-q\n');
    const config = await load();
    expect(config.prefix).toBe('C-b');
    expect(config.problems).toEqual([trustHint(inner)]);
  });

  test('a trusted project file that imports an untrusted one is refused, naming both', async () => {
    const shared = put('home/proj/shared.yaml', 'prefix: C-q\n');
    const project = put('home/proj/.tmxrc.yaml', '$import: shared.yaml\noptions: {mouse: false}\n');
    trustFile(project, { HOME: home });
    let config = await load();
    expect(config.prefix).toBe('C-b');
    expect(config.problems).toHaveLength(1);
    expect(config.problems[0]).toContain(`${shared}: warning: not loaded, nor ${project}, which imports it:`);
    expect(config.problems[0]).toContain(`tmx trust ${shared}`);
    trustFile(shared, { HOME: home });
    config = await load();
    expect(config.problems).toEqual([]);
    expect(config.prefix).toBe('C-q');
    expect(config.options.mouse).toBe(false);
  });

  test('a trust store others can write is ignored, and the warning says so', async () => {
    const project = put('home/proj/.tmxrc.yaml', 'prefix: C-a\n');
    trustFile(project, { HOME: home });
    const store = path.join(home, '.local/state/tmx/trusted-rc-files.json');
    expect(existsSync(store)).toBe(true);
    chmodSync(store, 0o666);
    const config = await load();
    expect(config.prefix).toBe('C-b');
    expect(config.problems[0]).toContain(`the trust store ${store} is ignored: it is writable by group and others`);
  });

  test('$XDG_STATE_HOME holds the trust store when set', async () => {
    const state = path.join(root, 'state');
    const project = put('home/proj/.tmxrc.yaml', 'prefix: C-a\n');
    trustFile(project, { HOME: home, XDG_STATE_HOME: state });
    expect(existsSync(path.join(state, 'tmx/trusted-rc-files.json'))).toBe(true);
    expect((await load({ XDG_STATE_HOME: state })).prefix).toBe('C-a');
    expect((await load()).prefix).toBe('C-b');
  });
});

describe('trust', () => {
  const rcText = [
    'keys:',
    '  prefix:',
    '    "|": split-window -h',
    '    C: run-coprocess ./evil',
    '    S: split-window -h ./evil',
    '    K: send-keys "rm -rf ~" Enter',
    'triggers:',
    '  - {regex: "x", action: run-coprocess, command: "./evil"}',
  ].join('\n');

  test('a group/world-writable file: triggers and program-running bindings refused, the rest kept', async () => {
    const file = put('home/.tmxrc.yaml', rcText, 0o666);
    const config = await load();
    expect(config.triggers).toEqual([]);
    expect(config.bindings.prefix['|']?.command).toBe('split-window -h');
    for (const key of ['C', 'S', 'K']) expect(config.bindings.prefix[key]).toBeUndefined();
    expect(config.errorCount).toBe(0);
    expect(config.problems).toHaveLength(4);
    for (const problem of config.problems) {
      expect(problem).toMatch(new RegExp(`^${file}: warning: `));
      expect(problem).toContain('writable by group and others (mode 0666)');
      expect(problem).toContain(`fix: chmod go-w ${file}`);
    }
    expect(config.problems.at(-1)).toContain('triggers: all 1 ignored');
  });

  test('the same file made private is trusted', async () => {
    put('home/.tmxrc.yaml', rcText, 0o644);
    const config = await load();
    expect(config.problems).toEqual([]);
    expect(config.triggers).toHaveLength(1);
    expect(config.bindings.prefix.C?.command).toBe('run-coprocess ./evil');
  });

  test('a file owned by another user is refused', async () => {
    const file = put('home/.tmxrc.yaml', rcText, 0o644);
    if (process.getuid?.() === 0) {
      chownSync(file, 12345, 12345);
      const config = await load();
      expect(config.triggers).toEqual([]);
      expect(config.problems.at(-1)).toContain('owned by another user (uid 12345');
    } else {
      const verdict = checkTrust(file, (process.getuid?.() ?? 0) + 1);
      expect(verdict.trusted).toBe(false);
    }
  });

  test('a JS rc file others can write is never executed', async () => {
    const marker = path.join(root, 'executed');
    const code = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = { prefix: 'C-a' };`;
    const file = put('home/.tmxrc.cjs', code, 0o666);
    const config = await load();
    expect(existsSync(marker)).toBe(false);
    expect(config.prefix).toBe('C-b');
    expect(config.errorCount).toBe(1);
    expect(config.problems[0]).toBe(
      `${file}: error: not loaded: a JavaScript rc file runs code when loaded, and it is writable by group and others (mode 0666), so they could make tmx run programs as you; fix: chmod go-w ${file}`,
    );
    const esmCode = `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};`;
    const esm = put('env.mjs', esmCode, 0o646);
    expect((await load({ TMX_CONFIG: esm })).problems[0]).toMatch(new RegExp(`^${esm}: error: not loaded: .*writable by others`));
    expect(existsSync(marker)).toBe(false);
    chmodSync(file, 0o600);
    expect((await load()).prefix).toBe('C-a');
    expect(existsSync(marker)).toBe(true);
  });

  test('an untrusted file that is only imported still refuses triggers', async () => {
    put('home/shared.yaml', 'triggers:\n  - {regex: x, action: bell}\n', 0o666);
    put('home/.tmxrc.yaml', '$import: shared.yaml\nprefix: C-a\n');
    const config = await load();
    expect(config.prefix).toBe('C-a');
    expect(config.triggers).toEqual([]);
    expect(config.problems[0]).toContain(path.join(home, 'shared.yaml'));
  });
});
