// The rc file and triggers as a user meets them: found in HOME, applied, broken files
// explained on screen, triggers that run coprocesses safely.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { OuterTerminal, type StartOptions, TMX_BIN, closeAllTerminals, runInPane, startTmx } from './harness.js';

afterEach(closeAllTerminals);

const PROBLEMS = 'Problems in the rc file';
const run = runInPane;

async function start(rc: Record<string, string>, options: StartOptions = {}, ready: string | RegExp = /^\$/m): Promise<OuterTerminal> {
  return startTmx({ cols: 100, rows: 30, homeFiles: rc, ...options }, ready);
}

describe('rc file', () => {
  it('applies the prefix, bindings and options from ~/.tmxrc.yaml', async () => {
    const t = await start({
      '.tmxrc.yaml':
        'prefix: C-a\nkeys:\n  prefix:\n    "|": split-window -h\noptions:\n  status-left: "<<#{panes}>>"\n  border-style: double\n',
    });
    await t.waitFor('<<0:bash*>>');
    expect(t.lines()[0]).toMatch(/^═ 0: bash ═+$/);
    t.keys('C-a');
    t.keys('|');
    await t.waitFor('<<0:bash 1:bash*>>');
    // C-b is no longer the prefix: it reaches the program.
    await run(t, 'cat -v');
    t.keys('C-b', 'Enter');
    // cat's output (the typed line, "$ cat -v", has no ^B).
    await t.waitFor('^B');
  });

  it('shows what is wrong with a broken rc file, naming file, key and line, and starts on defaults', async () => {
    const t = await start({ '.tmxrc.json': '{\n  "options": { "mouse": "yes", "scrolback-lines": 5 },\n  "prefix": "C-b",\n}\n' }, {}, PROBLEMS);
    const screen = t.screen();
    expect(screen).toMatch(/\.tmxrc\.json:3:\d+: error: trailing comma/); // with line and column
    t.keys('q');
    await t.waitFor((s) => !s.includes('Problems in the rc file') && s.includes('[0] 0:bash*'));
    // Defaults are in force: C-b % splits.
    t.prefix('%');
    await t.waitForFocus(1);
  });

  it('typing while the problems are shown closes them and reaches the shell', async () => {
    const t = await start({ '.tmxrc.yaml': 'options:\n  mouse: "yes"\n' }, {}, PROBLEMS);
    expect(t.screen()).toContain('other keys close it and go on to the pane');
    await run(t, 'echo typed-$((2+3))', /^typed-5$/m);
    expect(t.screen()).not.toContain(PROBLEMS);
  });

  it('explains wrong types and unknown names, and keeps the good parts', async () => {
    const t = await start(
      { '.tmxrc.yaml': 'options:\n  mouse: "yes"\n  scrolback-lines: 5\n  status-left: "GOOD-PART #{panes}"\n' },
      {},
      PROBLEMS,
    );
    const screen = t.screen();
    expect(screen).toContain('options.mouse');
    expect(screen).toContain('scrollback-lines'); // the suggestion for the misspelt name
    t.keys('q');
    await t.waitFor('GOOD-PART 0:bash*');
  });

  it('names the file and the problem for an invalid regex and a foreign-owned file, and still starts', async () => {
    const t = await start(
      {
        '.tmxrc.yaml': "triggers:\n  - regex: '(a)\\1'\n    action: bell\n  - regex: '('\n    action: bell\n",
      },
      { beforeStart: (home) => chownSync(join(home, '.tmxrc.yaml'), 65534, 65534) },
      PROBLEMS,
    );
    const screen = t.screen();
    expect(screen).toContain('.tmxrc.yaml');
    expect(screen).toContain('triggers[0].regex');
    expect(screen).toContain('triggers[1].regex');
    expect(screen).toMatch(/owned by/i);
    t.keys('q');
    await t.waitFor('[0] 0:bash*');
    await run(t, 'echo still-works', /^still-works/m);
  });

  it('`tmx --check-config` validates without starting', () => {
    const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    writeFileSync(join(dir, 'good.yaml'), 'options:\n  mouse: false\n');
    writeFileSync(join(dir, 'bad.yaml'), 'options:\n  mouse: [\n');
    expect(execFileSync('node', [TMX_BIN, '--check-config', join(dir, 'good.yaml')], { encoding: 'utf8' })).not.toMatch(/error/);
    let status = 0;
    let output = '';
    try {
      execFileSync('node', [TMX_BIN, '--check-config', join(dir, 'bad.yaml')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
      output = (error as { stdout: string }).stdout;
    }
    expect(status).not.toBe(0);
    expect(output).toContain('bad.yaml');
  });

  it('reload-config picks up an edited rc file live', async () => {
    const t = await start({ '.tmxrc.yaml': 'options:\n  status-left: "BEFORE #{panes}"\n' });
    await t.waitFor('BEFORE 0:bash*');
    writeFileSync(join(t.home, '.tmxrc.yaml'), 'options:\n  status-left: "AFTER #{panes}"\n');
    t.prefix(':');
    t.type('reload-config');
    t.keys('Enter');
    await t.waitFor('AFTER 0:bash*');
  });
});

describe('triggers', () => {
  it('a trigger in the home rc file runs a coprocess whose answer reaches the pane', async () => {
    const t = await start({
      '.tmxrc.yaml': [
        'triggers:',
        '  - name: password',
        "    regex: '^Password for (\\w+):'",
        '    instant: true',
        '    action: run-coprocess',
        "    command: sh -c 'echo \"secret-for-$TMX_MATCH_1\"'",
      ].join('\n'),
    });
    await run(t, 'read -r -p "Password for alice: " pw; echo "got=[$pw]"', 'got=[secret-for-alice]');
  });

  it('hostile output runs nothing: captures are literal arguments, never shell code', async () => {
    const t = await start({
      '.tmxrc.yaml': [
        'options:',
        '  display-time: 60000 # the coprocess\'s end message stays until the test has seen it',
        'triggers:',
        "  - regex: '^deploy (.*)$'",
        '    action: run-coprocess',
        "    command: touch 'created-\\1'",
      ].join('\n'),
    }, { cols: 200 }); // wide enough for the coprocess's end message
    mkdirSync(join(t.home, 'x'));
    // The capture becomes ONE argument "a; touch pwned $(touch pwned2) `touch pwned3`" for touch.
    await run(t, "cd x; printf 'deploy %s\\n' 'a; touch pwned $(touch pwned2) `touch pwned3`'", /deploy a; touch/);
    const created = join(t.home, 'x', 'created-a; touch pwned $(touch pwned2) `touch pwned3`');
    await vi.waitFor(() => expect(existsSync(created)).toBe(true), { timeout: 10_000, interval: 50 });
    // Once the coprocess has ended (its message says so), anything the capture could have
    // started would have run: a shell would have run it before exiting. (touch closes its
    // stdout just before it exits: it has STDOUT_CLOSED_GRACE_MS to exit before a TERM.)
    await t.waitFor(/^Coprocess "touch created-.*" exited with status 0$/m);
    expect(existsSync(join(t.home, 'x/pwned'))).toBe(false);
    expect(existsSync(join(t.home, 'x/pwned2'))).toBe(false);
    expect(existsSync(join(t.home, 'x/pwned3'))).toBe(false);
  });

  it('a pathological regex against a long line leaves keys echoing', async () => {
    const t = await start({ '.tmxrc.yaml': "triggers:\n  - regex: '^(a*)*b$'\n    action: bell\n" });
    await run(t, "printf 'a%.0s' $(seq 1 100000); echo");
    await run(t, 'echo still-echoing', /^still-echoing/m);
  });

  it('highlight, notify and set-title act on the matching line', async () => {
    const t = await start({
      '.tmxrc.yaml': [
        'triggers:',
        "  - regex: 'ERROR'",
        '    action: highlight',
        '    style: { fg: 1, bold: true }',
        "  - regex: 'deploy of (\\w+) done'",
        '    action: notify',
        "    message: 'deployed \\1'",
        "  - regex: 'building (\\w+)'",
        '    action: set-title',
        "    title: 'build: \\1'",
      ].join('\n'),
    });
    await run(t, 'echo "ERROR here"; echo "deploy of web done"; echo "building api"', 'deployed web');
    await t.waitFor('─ 0: build: api');
    const colored = t.screenWithEscapes().split('\n').find((l) => l.includes('ERROR') && !l.includes('echo'));
    expect(colored).toMatch(/\x1b\[[0-9;]*1[;m][^]*ERROR/);
  });

  it('starts a ZModem download with a trigger, as iTerm2 users set it up (lrzsz)', async () => {
    const t = await start({
      '.tmxrc.yaml': [
        'triggers:',
        '  - name: zmodem download',
        "    regex: '\\*\\*B00000000000000'",
        '    instant: true # sz announces itself without a newline',
        '    action: run-silent-coprocess',
        "    command: sh -c 'cd \"$HOME/incoming\" && exec rz --binary --escape'",
      ].join('\n'),
    });
    mkdirSync(join(t.home, 'incoming'));
    mkdirSync(join(t.home, 'remote'));
    const data = randomBytes(100_000);
    writeFileSync(join(t.home, 'remote/file.bin'), data);
    await run(t, 'cd remote; sz --binary --escape file.bin');
    // rz has written and closed the file before it exits, which the message reports.
    await t.waitFor('exited with status 0', 30_000);
    expect(readFileSync(join(t.home, 'incoming/file.bin')).equals(data)).toBe(true);
  }, 45_000);

  it('a group-writable rc file is refused for triggers, with a warning saying why', async () => {
    const t = await start(
      { '.tmxrc.yaml': "triggers:\n  - regex: 'fire-now'\n    action: run-coprocess\n    command: touch owned\n" },
      { beforeStart: (home) => chmodSync(join(home, '.tmxrc.yaml'), 0o666) },
      PROBLEMS,
    );
    const screen = t.screen();
    expect(screen).toMatch(/writable/i);
    expect(screen).toContain('chmod go-w');
    t.keys('q');
    await run(t, 'echo fire-now', /^fire-now/m);
    // The line is drawn, so a trigger on it has fired, taking the pane's one coprocess slot
    // until its `touch owned` has ended. A coprocess started after it runs only once that slot
    // is free: when its file is there, a fired trigger's would be too.
    t.tmxCommand('run-coprocess', 'touch barrier');
    await vi.waitFor(() => expect(existsSync(join(t.home, 'barrier'))).toBe(true), { timeout: 10_000, interval: 50 });
    expect(existsSync(join(t.home, 'owned'))).toBe(false);
  });
});
