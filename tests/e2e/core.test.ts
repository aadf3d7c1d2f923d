// The core of tmx as a user meets it: start, type, split, move, zoom, resize, close, exit,
// with the terminal given back as it was found.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OuterTerminal, TMX_BIN, closeAllTerminals, processAlive, runInPane, startTmx } from './harness.js';

afterEach(closeAllTerminals);

const run = runInPane;

/** Waits until tmx has drawn a frame of the outer terminal's new size (tmux resizes lazily). */
/** tmx has drawn at this size (its tty has it first: an older frame, cut to the screen, can look alike). */
async function waitForSize(t: OuterTerminal, cols: number, rows: number): Promise<void> {
  await t.waitForTtySize(cols, rows);
  await t.waitFor((s) => {
    const lines = s.split('\n');
    return lines[0]!.length === cols && (lines[rows - 1] ?? '').startsWith('[0] ');
  });
}

describe('tmx command line', () => {
  it('prints its version and help without taking over the terminal', () => {
    expect(execFileSync('node', [TMX_BIN, '--version'], { encoding: 'utf8' })).toMatch(/^tmx \d+\.\d+\.\d+\n$/);
    const help = execFileSync('node', [TMX_BIN, '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: tmx');
    expect(help).toContain('-- COMMAND');
  });

  it('refuses an unknown argument with a message and status 2', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync('node', [TMX_BIN, '--frobnicate'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = (error as { stderr: string }).stderr;
    }
    expect(status).toBe(2);
    expect(stderr).toContain('unknown argument: --frobnicate');
  });
});

describe('tmx in a real terminal', () => {
  it('opens one pane with the shell, a titled border and a status line; keys reach the shell', async () => {
    const t = await startTmx();
    const lines = t.lines();
    expect(lines[0]).toMatch(/^─ 0: bash ─+$/);
    expect(lines[t.rows - 1]).toContain('[0] 0:bash*');
    await run(t, 'echo hello-$((6*7))', 'hello-42');
    // The pane is 80 wide and 24 - 1 (status) - 1 (border) = 22 rows.
    await run(t, 'stty size', '22 80');
  });

  it('splits left/right and top/bottom; the new pane takes the focus; arrows move it', async () => {
    const t = await startTmx();
    t.prefix('%');
    await t.waitFor(/─ 1: bash/);
    await t.waitForFocus(1);
    await run(t, 'stty size', '22 39');
    t.prefix('"');
    await t.waitForFocus(2);
    // The right column is now split in two: 22 rows become 11 + 11 (each with its border row).
    await run(t, 'stty size', '10 39');
    t.prefix('Left');
    await t.waitForFocus(0);
    // Computed, so only the output shows it (the typed line says left-pane-$((6*7))).
    await run(t, 'echo left-pane-$((6*7))', 'left-pane-42');
    const screen = t.lines();
    const row = screen.findIndex((l) => l.includes('left-pane-42'));
    expect(screen[row]!.indexOf('left-pane-42')).toBeLessThan(39);
    t.prefix('Right');
    await t.waitFor(() => [1, 2].includes(t.focusedPaneIndex() ?? 0));
    const right = t.focusedPaneIndex();
    t.prefix('o');
    await t.waitFor(() => t.focusedPaneIndex() !== right);
  });

  it('prefix [ scrolls back through the history (copy mode), the wheel too; q and the bottom go back', async () => {
    const t = await startTmx();
    await run(t, 'seq 1 200', /^200$/m);
    t.prefix('[');
    await t.waitFor(/─ 0: \[0\/\d+\]/);
    t.keys('PageUp');
    // A page is the pane's 22 rows less one.
    let screen = await t.waitFor(/─ 0: \[21\/\d+\]/);
    expect(t.lines()[t.rows - 2]).not.toContain('200');
    const numbers = t.lines().slice(1, t.rows - 1).map((l) => Number(l.trim())).filter((n) => n > 0);
    expect(numbers.length).toBe(22);
    expect(numbers[21]! - numbers[0]!).toBe(21);
    // Letters copy mode takes (or ignores); none of them leaves it (y, q or Enter would).
    t.type('echo-not-for-the-shell');
    t.keys('q');
    screen = await t.waitFor((s) => !/\[\d+\/\d+\]/.test(s));
    expect(screen).not.toContain('not-for-the-shell');
    // Nothing reached the shell's line: the next command runs as typed; the prompt after it
    // too (a line printed while scrolled back would move the count).
    await run(t, 'echo after-copy-$((1+1))', /^after-copy-2\n\$/m);
    // The wheel (SGR mouse report, as the outer terminal sends it) over the pane.
    t.type('\x1b[<64;10;5M');
    await t.waitFor(/─ 0: \[3\/\d+\]/);
    t.type('\x1b[<65;10;5M');
    await t.waitFor((s) => !/\[\d+\/\d+\]/.test(s));
  });

  it('copies a line of the history with prefix [, v, $, Enter, and pastes it with prefix ]', async () => {
    const t = await startTmx();
    await run(t, 'echo copy-me-$((6*7))', 'copy-me-42');
    t.prefix('[');
    await t.waitFor(/─ 0: \[0\/\d+\]/);
    t.type('k0v$');
    t.keys('Enter');
    await t.waitFor('Copied 10 characters');
    t.type('echo pasted-');
    t.prefix(']');
    t.keys('Enter');
    // The shell ran it: a line of output that is exactly the pasted word.
    await t.waitFor((screen) => screen.split('\n').some((line) => line.trim() === 'pasted-copy-me-42'));
  });

  it('a mouse drag selects text and the release copies it, to the outer clipboard too', async () => {
    const t = await startTmx();
    t.tmux('set-option', '-g', 'set-clipboard', 'on'); // the outer tmux keeps an OSC 52 as a buffer
    await run(t, 'clear; echo drag-me-$((6*7)) and-not-this', /^drag-me-42/m);
    const row = t.lines().findIndex((line) => line.startsWith('drag-me-42'));
    // SGR reports, as the outer terminal sends them: press on the first cell of the line, drag
    // to its tenth, release there (columns and rows count from 1).
    t.type(`\x1b[<0;1;${row + 1}M\x1b[<32;5;${row + 1}M\x1b[<32;10;${row + 1}M`);
    await t.waitFor(/─ 0: \[0\/\d+\]/);
    t.type(`\x1b[<0;10;${row + 1}m`);
    await t.waitFor('Copied 10 characters');
    expect(t.screen()).not.toMatch(/\[\d+\/\d+\]/);
    // The outer tmux took it from OSC 52 into its paste buffer.
    expect(t.tmux('show-buffer')).toBe('drag-me-42');
    t.type('echo pasted-');
    t.prefix(']');
    t.keys('Enter');
    await t.waitFor((screen) => screen.split('\n').some((line) => line.trim() === 'pasted-drag-me-42'));
    // A double click copies the word under the pointer.
    const click = `\x1b[<0;15;${row + 1}M\x1b[<0;15;${row + 1}m`; // in "and-not-this"
    t.type(click + click);
    await t.waitFor('Copied 12 characters');
    expect(t.tmux('show-buffer')).toBe('and-not-this');
  });

  it('a mouse drag on the separator resizes the panes beside it', async () => {
    const t = await startTmx();
    t.prefix('%');
    await t.waitForFocus(1);
    const separator = t.lines()[5]!.indexOf('│');
    expect(separator).toBe(40);
    // SGR reports, columns counting from 1: press on the separator, drag 12 columns left, release.
    t.type(`\x1b[<0;${separator + 1};6M\x1b[<32;${separator - 5};6M\x1b[<32;${separator - 11};6M\x1b[<0;${separator - 11};6m`);
    await t.waitFor((screen) => screen.split('\n')[5]!.indexOf('│') === 28);
    await run(t, 'stty size', '22 51');
    t.prefix('Left');
    await t.waitForFocus(0);
    await run(t, 'stty size', '22 28');
  });

  it('swaps panes with prefix { and }, and arranges them with prefix M-2, M-1 and M-3', async () => {
    const t = await startTmx();
    await run(t, 'clear; echo first-$((1+1))', /^first-2/m);
    t.prefix('%');
    await t.waitForFocus(1);
    await run(t, 'clear; echo second-$((1+2))', /second-3/);
    t.prefix('{');
    // The focused pane (second) went left and stays focused; the first went right.
    await t.waitFor((screen) => screen.split('\n')[1]!.startsWith('second-3'));
    expect(t.lines()[1]!.slice(41)).toMatch(/^first-2/);
    await run(t, 'stty size', '22 40');
    t.keys('C-b', 'M-2');
    await t.waitFor((screen) => screen.split('\n').some((line, y) => y > 1 && line.startsWith('─ 1: bash')));
    await run(t, 'stty size', /^11 80$/m);
    t.keys('C-b', 'M-1');
    await t.waitFor((screen) => screen.split('\n')[5]!.includes('│'));
    // main-horizontal: the first pane (the focused one) across the top, as tall as the other allows.
    t.keys('C-b', 'M-3');
    await t.waitFor((screen) => screen.split('\n')[21]!.startsWith('─ 1: bash'));
    await run(t, 'stty size', /^20 80$/m);
  });

  it('zooms and unzooms a pane with prefix z', async () => {
    const t = await startTmx();
    t.prefix('%');
    await t.waitForFocus(1);
    t.prefix('z');
    await t.waitFor((s) => !s.includes('─ 0: bash'));
    await run(t, 'stty size', '22 80');
    t.prefix('z');
    await t.waitFor('─ 0: bash');
    await run(t, 'stty size', '22 39');
  });

  it('resizes by one cell with prefix C-Right and by five with M-Right', async () => {
    const t = await startTmx();
    t.prefix('%');
    await t.waitForFocus(1);
    t.prefix('Left');
    await t.waitForFocus(0);
    t.prefix('C-Right');
    await run(t, 'stty size', '22 41');
    t.prefix('M-Right');
    await run(t, 'clear; stty size', '22 46');
  });

  it('prefix ? lists the bindings, prefix q numbers the panes (a digit selects one), Space cycles layouts', async () => {
    const t = await startTmx();
    t.prefix('"');
    await t.waitForFocus(1);
    t.prefix('?');
    const help = await t.waitFor('Key bindings');
    expect(help).toMatch(/C-b %\s+Split the pane left and right\s+split-window -h/);
    // Laid out for 80 columns: a long note wraps in its column, no command is cut at the edge.
    expect(help).toMatch(/C-b M-1\s+Arrange the panes side by side,\s+select-layout even-horizontal\n\s+evenly\n/);
    t.keys('q');
    await t.waitFor((s) => !s.includes('Key bindings'));
    t.prefix('q');
    await t.waitFor(/^ +0$/m);
    t.keys('0');
    await t.waitForFocus(0);
    t.prefix('Space');
    await t.waitFor('layout: even-horizontal');
    await run(t, 'stty size', '22 40');
  });

  it('kill-pane asks y/n; the last pane closing ends tmx with status 0 and restores the terminal', async () => {
    const t = await startTmx();
    t.prefix('%');
    await t.waitForFocus(1);
    t.prefix('x');
    await t.waitFor('kill-pane 1? (y/n)');
    t.keys('n');
    // The answer closes the prompt: the first frame without it shows what 'n' did.
    const answered = await t.waitFor((s) => !s.includes('kill-pane 1? (y/n)'));
    expect(answered).toContain('─ 1: bash');
    expect(t.tmxCommand('display-message', '-p', '#{window_panes}').stdout).toBe('2\n');
    t.prefix('x');
    await t.waitFor('kill-pane 1? (y/n)');
    t.keys('y');
    await t.waitFor((s) => !s.includes('─ 1: bash') && s.includes('0:bash*'));
    await run(t, 'exit', 'TMX-EXITED');
    expect(await t.waitForExit()).toBe(0);
    expect(t.sttyAfter()).toBe(t.sttyBefore());
  });

  it('re-lays out when the outer terminal resizes, and survives 1x1', async () => {
    const t = await startTmx();
    t.prefix('%');
    await t.waitForFocus(1);
    t.resize(100, 30);
    await waitForSize(t, 100, 30);
    await run(t, 'stty size', '28 49');
    for (const [cols, rows] of [[1, 1], [2, 2], [1, 40], [200, 1], [3, 3]] as const) {
      t.resize(cols, rows);
      // tmx has this size (its tty has it, and a command answered after its SIGWINCH is read).
      await t.waitForTtySize(cols, rows);
      await vi.waitFor(() => expect(t.tmxCommand('display-message', '-p', '#{session_width}x#{session_height}').stdout).toBe(`${cols}x${rows}\n`), { timeout: 10_000, interval: 50 });
    }
    t.resize(80, 24);
    await waitForSize(t, 80, 24);
    await run(t, 'clear; stty size', '22 39');
    expect(t.stderr()).toBe('');
  });

  it('runs commands from the command prompt and reports errors in the status line', async () => {
    const t = await startTmx();
    t.prefix(':');
    await t.waitFor(/^:/m);
    t.type('split-window -h');
    t.keys('Enter');
    await t.waitForFocus(1);
    t.prefix(':');
    t.type('frobnicate');
    t.keys('Enter');
    await t.waitFor('unknown command: frobnicate');
    t.prefix(':');
    t.type('display-message hello from the prompt');
    t.keys('Enter');
    // The message, not the prompt line that typed it.
    await t.waitFor((s) => s.includes('hello from the prompt') && !s.includes('display-message'));
  });

  it('sends a literal prefix with prefix prefix, and other keys as raw bytes', async () => {
    const t = OuterTerminal.start({ args: ['--', 'cat', '-v'] });
    await t.waitFor('─ 0: cat');
    t.keys('C-b', 'C-b');
    t.keys('M-x', 'F1', 'Up', 'Enter');
    await t.waitFor('^B^[x^[OP^[[A');
  });

  it('runs `tmx -- CMD ARGS` and exits with 0 when it ends', async () => {
    const t = OuterTerminal.start({ args: ['--', 'sh', '-c', 'echo "one two"; read x'] });
    await t.waitFor('one two');
    t.keys('Enter');
    expect(await t.waitForExit()).toBe(0);
    expect(t.sttyAfter()).toBe(t.sttyBefore());
  });

  it('says on stderr how the last pane failed, once the terminal is back', async () => {
    // The program fails once tmx shows its line, not while tmx starts.
    const t = OuterTerminal.start({ args: ['--', 'sh', '-c', 'echo "no such thing"; until [ -e "$HOME/fail-now" ]; do sleep 0.05; done; exit 3'] });
    await t.waitFor(/^no such thing$/m);
    writeFileSync(join(t.home, 'fail-now'), '');
    expect(await t.waitForExit()).toBe(0);
    expect(t.stderr()).toContain('exited with status 3: no such thing');
  });

  it('on SIGTERM restores the terminal and ends every pane process group', async () => {
    const t = await startTmx();
    await run(t, 'sleep 1000 & echo bg=$!', /bg=\d+/);
    const bg = Number(/bg=(\d+)/.exec(t.screen())![1]);
    t.prefix('%');
    await t.waitForFocus(1);
    await run(t, "trap '' HUP; echo pid=$$", /pid=\d+/);
    const stubborn = Number(/pid=(\d+)/.exec(t.screen())![1]);
    const tmx = t.tmxPid()!;
    process.kill(tmx, 'SIGTERM');
    expect(await t.waitForExit()).toBe(128 + 15);
    expect(t.sttyAfter()).toBe(t.sttyBefore());
    await vi.waitFor(() => expect([tmx, bg, stubborn].filter(processAlive)).toEqual([]), { timeout: 10_000, interval: 50 });
  });
});
