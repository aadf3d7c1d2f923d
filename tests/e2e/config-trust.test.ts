// Only the user's own rc files run: tmx started in a cloned repository neither runs its
// .tmxrc.cjs nor takes its package.json bindings until the user trusts the file with
// `tmx trust`, and refuses it again once it changes. A JavaScript rc file that throws, hangs or
// exports something that is not data gives one clear error, and tmx runs on its defaults.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type OuterTerminal, TMX_BIN, closeAllTerminals, runInPane, sleep, startTmx } from './harness.js';

const outsideHome: string[] = [];
afterEach(() => {
  closeAllTerminals();
  for (const dir of outsideHome.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const PROBLEMS = 'Problems in the rc file';

/** pids of the processes whose command line names `file` (a JavaScript rc file's evaluation does). */
function processesRunning(file: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(file)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/** The screen with all whitespace removed, so text the overlay wrapped reads whole. */
const squeezed = (screen: string): string => screen.replace(/\s/g, '');

/** Starts tmx with its current folder at HOME/`folder` (a cloned repository, say). */
function startIn(folder: string, setUp: (home: string) => void, ready: string | RegExp): Promise<OuterTerminal> {
  return startTmx(
    { cols: 100, rows: 30, rawCommand: `cd "$HOME/${folder}" && node '${TMX_BIN}'`, beforeStart: setUp },
    ready,
  );
}

async function reloadConfig(t: OuterTerminal): Promise<void> {
  t.prefix(':');
  t.type('reload-config');
  t.keys('Enter');
}

/** Types `tmx trust` into the pane, whose shell is in the project folder. */
async function trustFromPane(t: OuterTerminal, file: string): Promise<void> {
  await runInPane(t, `node '${TMX_BIN}' trust`, (s) => squeezed(s).includes(squeezed(`${file}: trusted as it is now`)));
}

describe('rc files in a project folder', () => {
  it('a cloned .tmxrc.cjs does not run until trusted, runs after `tmx trust`, and is refused again once changed', async () => {
    let rcFile = '';
    let marker = '';
    const t = await startIn(
      'src/clone-js',
      (home) => {
        marker = join(home, 'rc-ran');
        rcFile = join(home, 'src/clone-js/.tmxrc.cjs');
        mkdirSync(join(home, 'src/clone-js'), { recursive: true });
        writeFileSync(
          rcFile,
          `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n` +
            `module.exports = { options: { 'status-left': 'PROJECT-RC #{panes}' } };\n`,
        );
      },
      PROBLEMS,
    );
    expect(squeezed(t.screen())).toContain(squeezed(`not loaded: an rc file in a project folder loads only once you trust it; after reading it: tmx trust ${rcFile}`));
    expect(existsSync(marker)).toBe(false);
    t.keys('q');
    await t.waitFor('[0] 0:bash*');
    await runInPane(t, 'echo default-config', /^default-config/m);
    expect(existsSync(marker)).toBe(false);

    await trustFromPane(t, rcFile);
    await reloadConfig(t);
    await t.waitFor('PROJECT-RC 0:bash*');
    expect(existsSync(marker)).toBe(true);

    rmSync(marker);
    appendFileSync(rcFile, '// a change pulled from upstream\n');
    await reloadConfig(t);
    const screen = await t.waitFor(PROBLEMS);
    expect(squeezed(screen)).toContain(squeezed(`${rcFile}: warning: not loaded: it has changed since you trusted it`));
    expect(squeezed(screen)).toContain(squeezed(`after reading it again: tmx trust ${rcFile}`));
    t.keys('q');
    await t.waitFor('[0] 0:bash*');
    // The reload is over (its problems were shown): an evaluation of the file, awaited or not,
    // has started by then, and once no process runs it, it has written the marker if it ran.
    await vi.waitFor(() => expect(processesRunning(rcFile)).toEqual([]), { timeout: 10_000, interval: 50 });
    expect(existsSync(marker)).toBe(false);
  });

  it("a cloned package.json binding Enter to a program: Enter works normally until trusted", async () => {
    let pwned = '';
    let pkg = '';
    const t = await startIn(
      'src/clone-pkg',
      (home) => {
        pwned = join(home, 'pwned');
        pkg = join(home, 'src/clone-pkg/package.json');
        mkdirSync(join(home, 'src/clone-pkg'), { recursive: true });
        writeFileSync(pkg, JSON.stringify({ name: 'clone', tmx: { keys: { root: { Enter: `run-coprocess touch ${pwned}` } } } }, null, 2));
      },
      PROBLEMS,
    );
    expect(squeezed(t.screen())).toContain(squeezed(`tmx trust ${pkg}`));
    t.keys('q');
    await t.waitFor('[0] 0:bash*');
    await runInPane(t, 'echo enter-works', /^enter-works/m);
    expect(existsSync(pwned)).toBe(false);

    await trustFromPane(t, pkg);
    expect(existsSync(pwned)).toBe(false);
    await reloadConfig(t);
    await t.waitFor(`Loaded ${pkg}`);
    t.keys('Enter');
    const deadline = Date.now() + 10_000;
    while (!existsSync(pwned) && Date.now() < deadline) await sleep(50);
    expect(existsSync(pwned)).toBe(true);
  });

  it('started outside the home folder, tmx reads no rc file above it', async () => {
    const t = await startTmx(
      {
        cols: 100,
        rows: 30,
        rawCommand: `cd "$HOME-outside/deep" && node '${TMX_BIN}'`,
        beforeStart: (home) => {
          const outside = `${home}-outside`;
          outsideHome.push(outside);
          mkdirSync(join(outside, 'deep'), { recursive: true });
          writeFileSync(join(outside, '.tmxrc.yaml'), 'options:\n  status-left: "OUTSIDE-RC #{panes}"\n');
          writeFileSync(join(outside, 'deep/.tmxrc.yaml'), 'options:\n  status-left: "OUTSIDE-RC #{panes}"\n');
          writeFileSync(join(home, '.tmxrc.yaml'), 'options:\n  status-left: "HOME-RC #{panes}"\n');
        },
      },
      'HOME-RC 0:bash*',
    );
    expect(t.screen()).not.toContain(PROBLEMS);
  });
});

describe('JavaScript rc files that go wrong', () => {
  const faults: Array<[string, string, string, string]> = [
    ['a getter that throws', '.tmxrc.cjs', 'module.exports = { get prefix() { throw new Error("boom"); } };', 'error: prefix: a getter threw: boom'],
    ['an endless loop', '.tmxrc.cjs', 'for (;;) {}', 'error: did not finish within 2 s'],
    ['a promise that never settles', '.tmxrc.mjs', 'export default new Promise(() => {});', 'error: its export is a promise that never settles'],
    ['process.exit', '.tmxrc.cjs', 'process.exit(0);', 'error: called process.exit(0) while loading'],
    ['a function', '.tmxrc.cjs', 'module.exports = { options: { mouse: () => true } };', 'error: options.mouse: is a function'],
  ];
  it.each(faults)('%s: an error naming the file, and tmx runs on its defaults', async (_name, file, code, message) => {
    const t = await startTmx({ cols: 100, rows: 30, homeFiles: { [file]: code } }, PROBLEMS);
    expect(squeezed(t.screen())).toContain(squeezed(`${join(t.home, file)}: ${message}`));
    t.keys('q');
    await t.waitFor('[0] 0:bash*');
    t.prefix('%'); // the default prefix and bindings are in force
    await t.waitForFocus(1);
    await runInPane(t, 'echo still-running', /│still-running/);
  });

  it('a JS rc file cannot write to the terminal tmx draws on', async () => {
    const t = await startTmx({
      cols: 100,
      rows: 30,
      homeFiles: {
        '.tmxrc.cjs': [
          'const fs = require("fs");',
          'let result;',
          'try { fs.writeSync(fs.openSync("/dev/tty", "w"), "\\x1b[2J TTY-SCRIBBLE \\n"); result = "written"; } catch (e) { result = e.code; }',
          'fs.writeFileSync(require("path").join(process.env.HOME, "tty-result"), result);',
          'module.exports = { options: { "status-left": "LOADED #{panes}" } };',
        ].join('\n'),
      },
    }, 'LOADED 0:bash*');
    expect(readFileSync(join(t.home, 'tty-result'), 'utf8')).toBe('ENXIO');
    expect(t.screen()).not.toContain('TTY-SCRIBBLE');
  });

  it('`tmx --check-config` names the file and exits 1 (it exited 0 silently on a never-settling promise)', () => {
    const home = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    try {
      writeFileSync(join(home, '.tmxrc.mjs'), 'export default new Promise(() => {});');
      let status = 0;
      let output = '';
      try {
        execFileSync('node', [TMX_BIN, '--check-config'], { encoding: 'utf8', stdio: 'pipe', cwd: home, env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config') } });
      } catch (error) {
        status = (error as { status: number }).status;
        output = (error as { stdout: string }).stdout;
      }
      expect(status).toBe(1);
      expect(output).toBe(`${join(home, '.tmxrc.mjs')}: error: its export is a promise that never settles\n`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
