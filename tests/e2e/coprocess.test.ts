// Coprocesses as a user meets them: started from prefix R or the command prompt, answering
// the pane, shown on the border, stopped with prefix X, bounded both ways, silent for ZModem.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OuterTerminal, type StartOptions, closeAllTerminals, runInPane, sleep, startTmx } from './harness.js';

afterEach(closeAllTerminals);

const start = (options: StartOptions = {}): Promise<OuterTerminal> => startTmx({ cols: 100, rows: 30, ...options });
const run = runInPane;

/** Starts a coprocess in the focused pane through the command prompt. */
async function runCoprocess(t: OuterTerminal, command: string, silent = false): Promise<void> {
  t.prefix(':');
  await t.waitFor(/^:/m);
  t.type(`run-coprocess ${silent ? '-s ' : ''}${command.includes(' ') ? `'${command}'` : command}`);
  t.keys('Enter');
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

describe('coprocesses', () => {
  it('answers "Are you there?" with "Yes" (the classic example), started from prefix R', async () => {
    const t = await start({
      homeFiles: {
        'answer.py':
          'import sys\nfor l in sys.stdin:\n  if l.strip()=="Are you there?": print("Yes", flush=True)\n',
      },
    });
    t.prefix('R');
    await t.waitFor('Run coprocess:');
    t.type('python3 -u answer.py');
    t.keys('Enter');
    await t.waitFor('⚙ python3 -u answer.py');
    // A program that greets, then asks (bash >= 5.1 puts ESC[?2004l\r before a command's first
    // output line, so the question is not the first line it prints).
    await run(t, 'printf "Checking...\\nAre you there?\\n"; read -r reply; echo "reply=[$reply]"', 'reply=[Yes]');
    // The prompt remembers it, most recent first, across runs.
    const history = readFileSync(join(t.home, '.local/state/tmx/coprocess-history'), 'utf8');
    expect(history.split('\n')[0]).toBe('python3 -u answer.py');
  });

  it('shows the icon on the border while it runs, prefix X stops it and the icon goes', async () => {
    const t = await start();
    t.prefix('%');
    await t.waitForFocus(1);
    await runCoprocess(t, 'cat >/dev/null');
    await t.waitFor(/─ 1: bash ─+ ⚙ cat >\/dev\/null ─/);
    // Another pane gets the focus: the icon stays on pane 1's border.
    t.prefix('Left');
    await t.waitForFocus(0);
    expect(t.screen()).toContain('⚙ cat >/dev/null');
    await runCoprocess(t, 'sleep 100');
    await t.waitFor('⚙ sleep 100');
    t.prefix('X');
    await t.waitFor('Coprocess "sleep 100" stopped by SIGTERM');
    expect(t.screen()).not.toContain('⚙ sleep');
    expect(t.screen()).toContain('⚙ cat >/dev/null');
    t.prefix('Right');
    await t.waitForFocus(1);
    t.prefix('X');
    await t.waitFor((s) => !s.includes('⚙'));
  });

  it('prefix X always says how the coprocess ended, also when it has children (silent or not)', async () => {
    const t = await start();
    for (const silent of [false, true]) {
      await runCoprocess(t, 'sleep 100 | cat; sh -c "sleep 200" & wait', silent);
      await t.waitFor('⚙ sleep 100');
      t.prefix('X');
      // The silent one's message leads with what it moved, then names its program (the last one in the command line).
      await t.waitFor(silent
        ? /Silent coprocess read \S+ B, typed \S+ B in [\d.]+ s; sh (stopped by SIGTERM|exited with status \d+)/
        : /Coprocess "sleep 100 \| cat; sh -c "sleep 200" & wait" (stopped by SIGTERM|exited with status \d+)/);
      await t.waitFor((s) => !s.includes('⚙'));
    }
  });

  it('refuses a second coprocess in the same pane', async () => {
    const t = await start();
    await runCoprocess(t, 'sleep 100');
    await t.waitFor('⚙ sleep 100');
    await runCoprocess(t, 'sleep 200');
    await t.waitFor('already runs coprocess "sleep 100"');
    expect(t.screen()).not.toContain('sleep 200 ');
  });

  it('receives a byte-for-byte copy of what the pane prints (random bytes, raw tty)', async () => {
    const t = await start();
    const original = Buffer.from(randomBytes(200_000).filter((b) => b !== 0x1b));
    writeFileSync(join(t.home, 'orig.bin'), original);
    await runCoprocess(t, 'cat > copy.bin');
    await t.waitFor('⚙ cat > copy.bin');
    await run(t, "stty raw -echo; cat orig.bin; stty sane; clear; echo 'PRINTED'", /^PRINTED/m);
    t.prefix('X');
    await t.waitFor('Coprocess "cat > copy.bin"');
    const copy = readFileSync(join(t.home, 'copy.bin'));
    expect(copy.indexOf(original)).toBeGreaterThanOrEqual(0);
  });

  it('a coprocess that does not read pauses the pane (bounded memory), keys still work, nothing is lost', async () => {
    const t = await start();
    t.prefix('%');
    await t.waitForFocus(1);
    // Reads nothing until the test says so (a file), then everything.
    await runCoprocess(t, 'until [ -e go ]; do sleep 0.05; done; cat > slow-copy.txt');
    await t.waitFor('⚙ until');
    await run(t, 'seq 1 400000; echo FLOOD-DONE');
    await t.waitFor('[paused]');
    // Other panes and keys keep working while this one waits.
    t.prefix('Left');
    await t.waitForFocus(0);
    await run(t, 'echo still-responsive', /^still-responsive/m);
    const tmx = t.tmxPid()!;
    expect(rssKiB(tmx)).toBeLessThan(300 * 1024);
    writeFileSync(join(t.home, 'go'), '');
    await t.waitFor(/│FLOOD-DONE$/m, 20_000);
    t.prefix('Right');
    t.prefix('X');
    await t.waitFor('Coprocess "until [ -e go ]');
    const copy = readFileSync(join(t.home, 'slow-copy.txt'), 'utf8').replaceAll('\r', '');
    const expected = Array.from({ length: 400000 }, (_, i) => `${i + 1}\n`).join('') + 'FLOOD-DONE\n';
    expect(copy.includes(expected)).toBe(true);
  }, 60_000);

  it('a coprocess that floods its stdout is read only as fast as the pane takes input', async () => {
    const t = await start();
    await run(t, 'stty raw -echo; head -c 3000000 > in.bin; stty sane; echo; echo GOT-ALL');
    await runCoprocess(t, "head -c 3000000 /dev/zero | tr '\\\\0' y; sleep 100");
    await t.waitFor(/^GOT-ALL/m, 30_000);
    expect(statSync(join(t.home, 'in.bin')).size).toBe(3_000_000);
    const tmx = t.tmxPid()!;
    expect(rssKiB(tmx)).toBeLessThan(300 * 1024);
    t.prefix('X');
    await t.waitFor('stopped by SIGTERM');
  }, 60_000);

  it('reports the exit status and keeps stderr for show-coprocess-log; stderr never reaches the pane', async () => {
    const t = await start();
    await runCoprocess(t, 'echo oops-on-stderr >&2; exit 3');
    await t.waitFor('exited with status 3 (stderr kept: show-coprocess-log)');
    expect(t.screen()).not.toContain('oops-on-stderr\n$');
    t.prefix(':');
    t.type('show-coprocess-log');
    t.keys('Enter');
    await t.waitFor('oops-on-stderr');
    t.keys('q');
    await t.waitFor((s) => !s.includes('oops-on-stderr'));
  });

  it('gets the pane cwd and environment, TMX_PANE and TMX (the server, as in the pane), and no inherited descriptors', async () => {
    const t = await start();
    mkdirSync(join(t.home, 'work'));
    await run(t, 'cd work');
    await runCoprocess(t, 'echo "$PWD $TMX $TMX_PANE" > env.txt; ls /proc/self/fd > fds.txt');
    await t.waitFor('exited with status 0');
    expect(readFileSync(join(t.home, 'work/env.txt'), 'utf8').trim()).toBe(`${join(t.home, 'work')} ${join(t.tmxTmpdir, `tmx-${process.getuid!()}`, 'e2e')},${t.serverPid()},0 %0`);
    // ls itself opens one descriptor for the directory it lists.
    const fds = readFileSync(join(t.home, 'work/fds.txt'), 'utf8').trim().split('\n').map(Number).sort();
    expect(fds.filter((fd) => fd > 3)).toEqual([]);
  });

  it('a silent coprocess (not ZModem) gives the pane back when its program ends; what it types later is dropped', async () => {
    const t = await start();
    // The pane's program says it reads, reads one line, answers it (hidden), and ends; the
    // shell goes on. The coprocess starts once the program is the pane's: it talks to that one.
    await run(t, "sh -c 'echo reading-$((6 * 7)); read -r line; echo hidden-$line'; echo after-$((6 * 7))", /^reading-42$/m);
    // It answers at once; its later line waits until the test has seen the pane given back.
    await runCoprocess(t, 'echo x; until [ -e late ]; do sleep 0.05; done; echo echo TYPED-LATE; : > late-sent; sleep 100', true);
    // What the shell printed after the program is shown, on a fresh line, with its prompt.
    // (The program's own last line may show too: it can reach tmx after the program has ended.)
    await t.waitFor(/^after-42\n\$ *$/m, 10_000);
    writeFileSync(join(t.home, 'late'), '');
    await vi.waitFor(() => expect(existsSync(join(t.home, 'late-sent'))).toBe(true), { timeout: 10_000, interval: 50 });
    // The coprocess's later line never reaches the shell. It is ended a few seconds later, and
    // its end is reported once tmx has read all it wrote: the late line included.
    await t.waitFor(/sleep ended by SIGTERM|sleep stopped by SIGTERM/, 10_000);
    expect(t.screen()).not.toContain('TYPED-LATE');
    expect(t.screen()).not.toContain('⚙');
    await run(t, 'echo works-$((1 + 1))', /^works-2$/m);
    expect(t.screen()).not.toContain('TYPED-LATE');
  }, 30_000);
});
