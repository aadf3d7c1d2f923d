// ZModem file transfers as a user meets them: sz or rz in the pane, the other side a silent
// coprocess (started by the README's trigger or by hand). After each transfer the pane shows
// what its shell printed next, nothing of the transfer is typed into the shell, neither side
// is left running, and a cancel (prefix X, Ctrl-C) leaves a working prompt.
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OuterTerminal, closeAllTerminals, runInPane, startTmx } from './harness.js';

afterEach(closeAllTerminals);

const MB = 1024 * 1024;
/** Big enough to take a while through a pty, as a user's real files do. */
const BIG = 20 * MB;

const DOWNLOAD_TRIGGER = [
  'triggers:',
  '  - name: zmodem download',
  "    regex: '\\*\\*B00000000000000'",
  '    instant: true',
  '    action: run-silent-coprocess',
  '    command: rz --escape --binary',
  '',
].join('\n');

/** rz and sz processes working under this test's HOME (other tests may run their own). */
function transferProcesses(home: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if ((name === 'rz' || name === 'sz') && readlinkSync(`/proc/${entry}/cwd`).startsWith(home)) found.push(`${name} ${entry}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

async function waitForNoTransferProcesses(t: OuterTerminal): Promise<void> {
  const deadline = Date.now() + 8000;
  while (transferProcesses(t.home).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  expect(transferProcesses(t.home)).toEqual([]);
}

function makeFile(t: OuterTerminal, path: string, size: number): Buffer {
  const data = randomBytes(size);
  writeFileSync(join(t.home, path), data);
  return data;
}

/** The shell's line `marker` followed by a fresh prompt: the pane was given back whole. */
const lineThenPrompt = (marker: string): RegExp => new RegExp(`^${marker}\\s*\\n\\$ *$`, 'm');

function expectNothingTyped(t: OuterTerminal): void {
  const screen = t.screen();
  expect(screen).not.toContain('command not found');
  // A ZModem header on a prompt line would have been typed into the shell.
  expect(screen).not.toMatch(/^\$ .*\*\*.?B0/m);
}

async function runCoprocess(t: OuterTerminal, command: string): Promise<void> {
  t.prefix(':');
  await t.waitFor(/^:/m);
  t.type(`run-coprocess -s '${command}'`);
  t.keys('Enter');
}

describe('ZModem over a silent coprocess', () => {
  it('three 20 MB downloads in a row by the trigger, each followed by the shell\'s next line and prompt', async () => {
    const t = await startTmx({ cols: 100, rows: 30, homeFiles: { '.tmxrc.yaml': DOWNLOAD_TRIGGER } });
    mkdirSync(join(t.home, 'src'));
    mkdirSync(join(t.home, 'dl'));
    const files = [1, 2, 3].map((i) => makeFile(t, `src/f${i}.bin`, BIG));
    await runInPane(t, 'cd dl');
    for (const i of [1, 2, 3]) {
      await runInPane(t, `clear; sz --escape --binary ../src/f${i}.bin; echo after-$((${i} * 100))`);
      // Progress instead of a frozen pane: the file, its size and how far it has got.
      if (i === 1) await t.waitFor(/ZModem download: f1\.bin[\s\S]*\d+%\s+[\d.]+ MiB of 20\.0 MiB/, 20_000);
      await t.waitFor(lineThenPrompt(`after-${i}00`), 60_000);
      // The summary on the status line, then the pane's program works as before.
      await t.waitFor(new RegExp(`ZModem received f${i}\\.bin \\(20\\.0 MiB\\) in [\\d.]+ s`));
      expect(readFileSync(join(t.home, `dl/f${i}.bin`)).equals(files[i - 1]!)).toBe(true);
      expectNothingTyped(t);
      await waitForNoTransferProcesses(t);
      await t.waitFor((s) => !s.includes('⚙'));
    }
    await runInPane(t, 'echo still-$((6 * 7))', /^still-42$/m);
    expect(t.screen()).not.toContain('command not found');
  }, 240_000);

  it('by hand in one pane: a 20 MB upload (rz in the pane, sz as a silent coprocess), then a 20 MB download', async () => {
    const t = await startTmx({ cols: 100, rows: 30 });
    mkdirSync(join(t.home, 'src'));
    mkdirSync(join(t.home, 'up'));
    const file = makeFile(t, 'src/up.bin', BIG);
    await runInPane(t, 'cd up; rz --escape --binary; echo after-$((5 * 100))', /\*\*.?B0100/);
    await runCoprocess(t, 'exec sz --escape --binary ../src/up.bin');
    await t.waitFor(/ZModem upload: up\.bin/, 20_000);
    await t.waitFor(lineThenPrompt('after-500'), 60_000);
    await t.waitFor(/ZModem sent up\.bin \(20\.0 MiB\)/);
    expect(readFileSync(join(t.home, 'up/up.bin')).equals(file)).toBe(true);
    expectNothingTyped(t);
    await waitForNoTransferProcesses(t);
    await t.waitFor((s) => !s.includes('⚙'));
    // Then a download in the same pane, started by hand once sz has announced itself.
    mkdirSync(join(t.home, 'dl'));
    await runInPane(t, 'clear; sz --escape --binary ../src/up.bin; echo after-$((6 * 100))', /\*\*.?B0{14}/);
    await runCoprocess(t, 'cd ../dl && exec rz --escape --binary');
    await t.waitFor(lineThenPrompt('after-600'), 60_000);
    await t.waitFor(/ZModem received up\.bin \(20\.0 MiB\)/);
    expect(readFileSync(join(t.home, 'dl/up.bin')).equals(file)).toBe(true);
    expectNothingTyped(t);
    await waitForNoTransferProcesses(t);
    await runInPane(t, 'echo works-$((2 + 2))', /^works-4$/m);
  }, 120_000);

  it('prefix X mid-download stops both sides and leaves a working prompt', async () => {
    const t = await startTmx({ cols: 100, rows: 30, homeFiles: { '.tmxrc.yaml': DOWNLOAD_TRIGGER } });
    mkdirSync(join(t.home, 'dl'));
    makeFile(t, 'big.bin', 200 * MB);
    await runInPane(t, 'cd dl; sz --escape --binary ../big.bin; echo after-$((7 * 100))');
    await t.waitFor(/ZModem download: big\.bin[\s\S]*\d+%/, 20_000);
    t.prefix('X');
    await t.waitFor(/ZModem: big\.bin stopped by prefix X at [\d.]+ [KM]iB of 200\.0 MiB \(\d+%\); rz (stopped by SIGTERM|exited)/);
    // A prompt comes back (the shell's first line after the cancel may be hidden with the
    // data sz left behind when it stopped: docs/coprocesses.md).
    await t.waitFor(/^\$ *\n(.*\n)*\[0\] /m, 15_000);
    await waitForNoTransferProcesses(t);
    await runInPane(t, 'echo works-$((3 + 3))', /^works-6$/m);
    expect(t.screen()).not.toContain('command not found');
  }, 120_000);

  it('sz killed mid-download (kill -9): rz is ended within seconds, the prompt comes back clean', async () => {
    const t = await startTmx({ cols: 100, rows: 30, homeFiles: { '.tmxrc.yaml': DOWNLOAD_TRIGGER } });
    mkdirSync(join(t.home, 'dl'));
    makeFile(t, 'big.bin', 200 * MB);
    await runInPane(t, 'cd dl; sz --escape --binary ../big.bin; echo after-$((9 * 100))');
    await t.waitFor(/ZModem download: big\.bin[\s\S]*\d+%/, 20_000);
    const sz = transferProcesses(t.home).find((p) => p.startsWith('sz '));
    process.kill(Number(sz!.split(' ')[1]), 'SIGKILL');
    // bash reports the killed job, then runs the echo; no data of sz's is drawn.
    await t.waitFor(/^after-900\s*\n\$ *$/m, 15_000);
    await waitForNoTransferProcesses(t);
    expect(t.screen()).not.toMatch(/[^\x20-\x7e\n─│⚙…]/);
    await runInPane(t, 'echo works-$((5 + 5))', /^works-10$/m);
  }, 60_000);

  it('Ctrl-C mid-upload cancels it and leaves a working prompt', async () => {
    const t = await startTmx({ cols: 100, rows: 30 });
    mkdirSync(join(t.home, 'up'));
    makeFile(t, 'big.bin', 200 * MB);
    await runInPane(t, 'cd up; rz --escape --binary; echo after-$((8 * 100))', /\*\*.?B0100/);
    await runCoprocess(t, 'exec sz --escape --binary ../big.bin');
    await t.waitFor(/ZModem upload: big\.bin[\s\S]*\d+%/, 20_000);
    t.keys('C-c');
    await t.waitFor(/ZModem: big\.bin stopped by Ctrl-C at [\d.]+ [KM]iB of 200\.0 MiB \(\d+%\); sz stopped by SIGTERM/);
    await t.waitFor(lineThenPrompt('after-800'), 15_000);
    await waitForNoTransferProcesses(t);
    await runInPane(t, 'echo works-$((4 + 4))', /^works-8$/m);
    expect(t.screen()).not.toContain('command not found');
  }, 120_000);

  it('the asking triggers: where to save a download (offering zmodem-download-dir), which file to upload; Escape cancels', async () => {
    const rc = [
      'options:',
      "  zmodem-download-dir: '~/inbox'",
      'triggers:',
      "  - regex: '\\*\\*B00000000000000'",
      '    instant: true',
      '    action: zmodem-receive',
      "  - regex: '\\*\\*B0100'",
      '    instant: true',
      '    action: zmodem-send',
      '',
    ].join('\n');
    const t = await startTmx({ cols: 100, rows: 30, homeFiles: { '.tmxrc.yaml': rc } });
    for (const dir of ['src', 'inbox', 'other', 'up']) mkdirSync(join(t.home, dir));
    const down = makeFile(t, 'src/down.bin', 2 * MB);
    const up = makeFile(t, 'src/up.bin', 2 * MB);
    // Download: the folder offered is the option's; Enter takes it.
    await runInPane(t, 'sz --escape --binary src/down.bin; echo after-$((1 + 1))');
    await t.waitFor('Save ZModem download in: ~/inbox');
    t.keys('Enter');
    await t.waitFor(lineThenPrompt('after-2'), 30_000);
    expect(readFileSync(join(t.home, 'inbox/down.bin')).equals(down)).toBe(true);
    // Another folder, typed over the offer.
    await runInPane(t, 'clear; sz --escape --binary src/down.bin; echo after-$((2 + 2))');
    await t.waitFor('Save ZModem download in: ~/inbox');
    t.keys('C-u');
    t.type('other');
    t.keys('Enter');
    await t.waitFor(lineThenPrompt('after-4'), 30_000);
    expect(readFileSync(join(t.home, 'other/down.bin')).equals(down)).toBe(true);
    // Escape: sz is cancelled at once, the prompt comes back.
    await runInPane(t, 'clear; sz --escape --binary src/down.bin; echo after-$((3 + 3))');
    await t.waitFor('Save ZModem download in:');
    t.keys('Escape');
    await t.waitFor('ZModem download cancelled');
    await t.waitFor(lineThenPrompt('after-6'), 10_000);
    // Upload: rz waits in the pane; the file is asked for, relative to the pane's directory.
    await runInPane(t, 'clear; cd up; rz --escape --binary; echo after-$((4 + 4))');
    await t.waitFor(`Send with ZModem: ${join(t.home, 'up')}/`);
    t.type('../src/up.bin');
    t.keys('Enter');
    await t.waitFor(lineThenPrompt('after-8'), 30_000);
    expect(readFileSync(join(t.home, 'up/up.bin')).equals(up)).toBe(true);
    expectNothingTyped(t);
    await waitForNoTransferProcesses(t);
  }, 120_000);
});
