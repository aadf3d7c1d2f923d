// Fidelity: a pane looks exactly as it would in tmux. The same bytes (or program) run in a tmx
// pane of W x H and in a plain tmux pane of W x H (a second private server, the reference);
// the outer terminal's view of tmx's pane (rows 1..H: row 0 is the border, the last row the
// status line) must equal the reference pane cell for cell, with SGR attributes, and the
// cursor must be at the same place with the same visibility. Both sides are read with the
// same `capture-pane -p -e -N`, so tmux's own encoding of cells is compared with itself.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OuterTerminal, shq, sleep } from './harness.js';

const COLS = 40;
const ROWS = 12;
/** How long tmx may take to show what the reference already shows (a frame plus the outer tmux). */
const SETTLE_MS = 4_000;
/** What tmx gives its panes; the reference pane gets the same, so programs emit the same bytes. */
const PANE_TERM = 'xterm-256color';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** A plain tmux pane of cols x rows running `command`: what tmx must look like. */
class ReferencePane {
  readonly socket = `tmx-fidelity-ref-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(cols: number, rows: number, command: string, env: Record<string, string>) {
    const conf = join(env.HOME!, 'reference.conf');
    writeFileSync(conf, 'set -g status off\nset -g remain-on-exit on\n');
    this.tmux('-f', conf, 'new-session', '-d', '-x', String(cols), '-y', String(rows), command);
    cleanups.push(() => this.close());
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  capture(): string {
    return this.tmux('capture-pane', '-p', '-e', '-N');
  }

  text(): string {
    return this.tmux('capture-pane', '-p');
  }

  cursor(): string {
    return this.tmux('display-message', '-p', '#{cursor_x} #{cursor_y} #{cursor_flag}').trim();
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}

/** tmx in an outer terminal two rows taller than the reference, so its one pane is cols x rows. */
class TmxPane {
  readonly outer: OuterTerminal;

  constructor(
    readonly cols: number,
    readonly rows: number,
    command: string,
    env: Record<string, string>,
  ) {
    this.outer = OuterTerminal.start({ cols, rows: rows + 2, args: ['--', command], env: { COLORTERM: 'truecolor', ...env } });
    cleanups.push(() => this.outer.close());
  }

  capture(): string {
    return this.outer.tmux('capture-pane', '-p', '-e', '-N', '-t', 'outer', '-S', '1', '-E', String(this.rows));
  }

  text(): string {
    return this.outer.tmux('capture-pane', '-p', '-t', 'outer', '-S', '1', '-E', String(this.rows));
  }

  cursor(): string {
    const [x, y, flag] = this.outer.tmux('display-message', '-p', '-t', 'outer', '#{cursor_x} #{cursor_y} #{cursor_flag}').trim().split(' ');
    return `${x} ${Number(y) - 1} ${flag}`;
  }
}

interface View {
  cells: string;
  cursor: string;
}

/**
 * The reference's cursor as an application sees it. In the pending-wrap state (a character
 * was just written in the last column) tmux reports cursor_x = W, one past the margin, while
 * a terminal can only show its cursor in the last column, which is where tmx puts it.
 */
function clampCursor(cursor: string, cols: number): string {
  const [x, y, flag] = cursor.split(' ');
  return `${Math.min(Number(x), cols - 1)} ${y} ${flag}`;
}

/** Makes capture output readable in a diff: ESC shown as \e. */
function visible(text: string): string {
  return text.replaceAll('\x1b', '\\e');
}

interface Side {
  capture(): string;
  cursor(): string;
}

function view(side: Side, cols: number): View {
  return { cells: visible(side.capture()), cursor: clampCursor(side.cursor(), cols) };
}

async function until(test: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (test()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what()}`);
}

/** Waits for tmx to show what the reference shows, then compares (a diff on failure). */
async function expectSameView(reference: ReferencePane, tmx: TmxPane, cols: number): Promise<void> {
  let want = view(reference, cols);
  let got = view(tmx, cols);
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline && (got.cells !== want.cells || got.cursor !== want.cursor)) {
    await sleep(60);
    want = view(reference, cols);
    got = view(tmx, cols);
  }
  expect(got.cells).toBe(want.cells);
  expect(got.cursor).toBe(want.cursor);
}

interface Workspace {
  dir: string;
  env: Record<string, string>;
}

function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'tmx-fidelity-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const home = join(dir, 'home');
  mkdirSync(home);
  return { dir, env: { HOME: home, LANG: 'C.UTF-8', TERM: PANE_TERM } };
}

/** The reference's command: its environment made the same as a tmx pane's. */
function referenceCommand(ws: Workspace, command: string): string {
  const exports = Object.entries({ ...ws.env, COLORTERM: 'truecolor' }).map(([k, v]) => `${k}=${shq(v)}`).join(' ');
  return `env ${exports} sh -c ${shq(`cd ${shq(ws.dir)}; ${command}`)}`;
}

/** Starts `command` in both; `ready` tells when a side has drawn what is to be compared. */
async function startBoth(
  ws: Workspace,
  command: string,
  ready: (text: string) => boolean,
  size: { cols: number; rows: number } = { cols: COLS, rows: ROWS },
): Promise<{ reference: ReferencePane; tmx: TmxPane }> {
  const reference = new ReferencePane(size.cols, size.rows, referenceCommand(ws, command), ws.env);
  const tmx = new TmxPane(size.cols, size.rows, `cd ${shq(ws.dir)}; ${command}`, {});
  await until(() => ready(reference.text()), 10_000, () => `the reference:\n${reference.text()}`);
  await until(() => ready(tmx.text()), 10_000, () => `tmx:\n${tmx.outer.screen()}\n${tmx.outer.stderr()}`);
  return { reference, tmx };
}

/**
 * Writes `bytes` in both panes (cat of a file, then each side touches its own done file and
 * sleeps so the screen stays) and compares what they show.
 */
async function compareBytes(bytes: string, size = { cols: COLS, rows: ROWS }): Promise<void> {
  const ws = workspace();
  writeFileSync(join(ws.dir, 'fixture'), bytes);
  const command = (side: string) => `cat fixture; touch done-${side}; exec sleep 100`;
  const reference = new ReferencePane(size.cols, size.rows, referenceCommand(ws, command('reference')), ws.env);
  const tmx = new TmxPane(size.cols, size.rows, `cd ${shq(ws.dir)}; ${command('tmx')}`, {});
  const done = (side: string) => existsSync(join(ws.dir, `done-${side}`));
  await until(() => done('reference') && done('tmx'), 10_000, () => `both sides to print the fixture; tmx:\n${tmx.outer.screen()}\n${tmx.outer.stderr()}`);
  await expectSameView(reference, tmx, size.cols);
}

const ESC = '\x1b';
const CSI = `${ESC}[`;
const sgr = (params: string) => `${CSI}${params}m`;
const at = (row: number, col: number) => `${CSI}${row};${col}H`;
const NL = '\r\n';

describe('fidelity: tmx draws a pane as tmux does', () => {
  it('16 colours, foreground and background, normal and bright, and their resets', async () => {
    let bytes = '';
    for (let i = 0; i < 8; i++) bytes += `${sgr(String(30 + i))}f${i}${sgr(String(40 + i))}b${i}${sgr('0')} `;
    bytes += NL;
    for (let i = 0; i < 8; i++) bytes += `${sgr(String(90 + i))}F${i}${sgr(String(100 + i))}B${i}${sgr('0')} `;
    bytes += NL + `${sgr('31;44')}red-on-blue${sgr('39')}default-fg${sgr('49')}plain${NL}`;
    bytes += `${sgr('1;31')}bold-red${sgr('0')} ${sgr('1;91')}bold-bright${sgr('0')}${NL}`;
    await compareBytes(bytes);
  });

  it('256 colours, kept apart from the same index written as a 16-colour SGR', async () => {
    let bytes = '';
    for (const i of [0, 1, 7, 8, 9, 15, 16, 21, 46, 124, 196, 226, 231, 232, 244, 255]) {
      bytes += `${sgr(`38;5;${i}`)}x${sgr(`48;5;${i}`)}y${sgr('0')}`;
    }
    bytes += NL + `${sgr('31')}a${sgr('38;5;1')}b${sgr('41')}c${sgr('48;5;1')}d${sgr('0')}${NL}`;
    bytes += `${sgr('38:5:208')}colon-form${sgr('0')}${NL}`;
    await compareBytes(bytes);
  });

  it('24-bit colours (COLORTERM=truecolor), foreground and background', async () => {
    let bytes = '';
    for (let i = 0; i < 16; i++) {
      const v = i * 17;
      bytes += `${sgr(`38;2;${v};${255 - v};${(v * 3) % 256}`)}#${sgr(`48;2;${255 - v};${v};128`)}@${sgr('0')}`;
    }
    bytes += NL + `${sgr('38;2;255;128;0;48;2;0;0;128')}orange-on-navy${sgr('0')}${NL}`;
    bytes += `${sgr('38:2::10:20:30')}colon-form${sgr('0')}${NL}`;
    await compareBytes(bytes);
  });

  it('bold, dim, italic, underline, blink, inverse, invisible, strikethrough, combined and reset', async () => {
    const names: Array<[string, string]> = [
      ['1', 'bold'], ['2', 'dim'], ['3', 'italic'], ['4', 'underline'], ['5', 'blink'],
      ['7', 'inverse'], ['8', 'invisible'], ['9', 'strike'],
    ];
    let bytes = names.map(([code, name]) => `${sgr(code)}${name}${sgr('0')}`).join(' ') + NL;
    bytes += `${sgr('1;3;4;31;47')}all-at-once${sgr('22')}-no-bold${sgr('23')}-no-italic${sgr('24')}-no-ul${sgr('0')}${NL}`;
    bytes += `${sgr('2;5;7;9')}dim-blink-inv-strike${sgr('25')}-b${sgr('27')}-i${sgr('29')}-s${sgr('22')}-d${NL}`;
    bytes += `${sgr('8;32')}hidden${sgr('28')}-shown${sgr('0')}${NL}`;
    bytes += `${sgr('1;2')}bold-and-dim${sgr('0')} ${sgr('7;41')}inverse-red-bg${sgr('0')} ${sgr('4;38;2;1;2;3')}ul-rgb${sgr('0')}${NL}`;
    await compareBytes(bytes);
  });

  it('wide characters (CJK, emoji) and combining characters', async () => {
    let bytes = `日本語テキスト|${NL}`;
    bytes += `emoji 😀🎉👍 end|${NL}`;
    bytes += `e\u0301 a\u0308 n\u0303 o\u0302\u0323 |${NL}`;
    bytes += `${sgr('1;35')}色${sgr('0;44')}彩${sgr('0')}|${NL}`;
    // Overwriting half of a wide character blanks the other half.
    bytes += `漢字漢字${CSI}3Gx${CSI}7GY${NL}`;
    await compareBytes(bytes);
  });

  it('wraps long lines at the right margin, a wide character that does not fit moves to the next row', async () => {
    let bytes = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ' + NL;
    bytes += `${'.'.repeat(COLS - 1)}日本${NL}`;
    bytes += `${'-'.repeat(COLS - 2)}日x${NL}`;
    // Writing exactly to the margin leaves the cursor pending there.
    bytes += `${sgr('42')}${'='.repeat(COLS)}${sgr('0')}`;
    await compareBytes(bytes);
  });

  it('the cursor in the pending-wrap state at the last column of the last row', async () => {
    await compareBytes(`${at(ROWS, 1)}${'z'.repeat(COLS)}`);
  });

  it('scroll regions (DECSTBM): scrolling inside, reverse index, SU/SD, origin mode', async () => {
    let bytes = '';
    for (let row = 1; row <= ROWS; row++) bytes += `${at(row, 1)}line ${row}`;
    bytes += `${CSI}3;8r${at(8, 1)}`;
    for (let i = 0; i < 3; i++) bytes += `\nscrolled ${i}`;
    bytes += `${at(3, 1)}${ESC}Mreverse${CSI}2S${CSI}1T`;
    bytes += `${CSI}?6h${at(1, 1)}origin-top${CSI}?6l${CSI}r${at(ROWS, 1)}${sgr('43')}\nbottom${sgr('0')}`;
    await compareBytes(bytes);
  });

  it('insert and delete characters and lines, erase characters', async () => {
    let bytes = '';
    for (let row = 1; row <= 8; row++) bytes += `${at(row, 1)}${row}: 0123456789abcdefghij`;
    bytes += `${at(1, 5)}${CSI}3@INS`;
    bytes += `${at(2, 5)}${CSI}4P`;
    bytes += `${at(3, 5)}${CSI}5X`;
    bytes += `${at(4, 1)}${CSI}2L${at(7, 1)}${CSI}1M`;
    bytes += `${at(10, 1)}${sgr('41')}${CSI}2L${sgr('0')}after-coloured-insert`;
    await compareBytes(bytes);
  });

  it('erase in line and display with a coloured background (BCE)', async () => {
    let bytes = '';
    for (let row = 1; row <= ROWS; row++) bytes += `${at(row, 1)}${'#'.repeat(COLS)}`;
    bytes += `${at(2, 10)}${sgr('44')}${CSI}K`;
    bytes += `${at(3, 10)}${sgr('45')}${CSI}1K`;
    bytes += `${at(4, 10)}${sgr('46')}${CSI}2K`;
    bytes += `${at(9, 20)}${sgr('48;5;208')}${CSI}J`;
    bytes += `${at(6, 5)}${sgr('48;2;10;100;10')}${CSI}1J`;
    bytes += `${sgr('0')}${at(7, 1)}plain`;
    await compareBytes(bytes);
  });

  it('a full clear with a coloured background, then scrolling brings up coloured lines', async () => {
    const bytes = `${sgr('44')}${CSI}2J${at(ROWS, 1)}blue\nnew\n${sgr('0')}plain\n`;
    await compareBytes(bytes);
  });

  it('the alternate screen: enter, draw, exit restores the main screen and cursor', async () => {
    let bytes = `main screen text${NL}${sgr('32')}second${sgr('0')} line`;
    bytes += `${CSI}?1049h${CSI}H${CSI}2Jalternate${at(5, 5)}${sgr('7')}drawn${sgr('0')}${CSI}?1049l`;
    bytes += ` continued`;
    await compareBytes(bytes);
  });

  it('a program that stays on the alternate screen', async () => {
    await compareBytes(`before${CSI}?1049h${CSI}H${CSI}2J${at(3, 3)}${sgr('1;33')}alternate only${sgr('0')}${at(6, 10)}`);
  });

  it('a hidden cursor (ESC[?25l) stays hidden', async () => {
    await compareBytes(`${CSI}?25lno cursor here${at(4, 7)}`);
  });

  it('tabs: default stops, cleared and set stops, forward and back tab', async () => {
    let bytes = `a\tb\tc\td\te${NL}`;
    bytes += `${'x'.repeat(COLS - 3)}\t\t|${NL}`;
    bytes += `${CSI}3g${at(4, 4)}${ESC}H${at(4, 15)}${ESC}H${at(4, 1)}1\t2\t3${NL}`;
    bytes += `${CSI}0g${at(5, 20)}${CSI}2Z<${CSI}I>`;
    await compareBytes(bytes);
  });

  it('a colour table printed by a shell loop', async () => {
    const ws = workspace();
    const table =
      'for bg in 40 41 42 43 44 45 46 47; do for fg in 30 31 32 33 34 35 36 37; do ' +
      'printf "\\033[%s;%sm%s%s\\033[0m" $fg $bg $fg $bg; done; printf "\\n"; done; echo TABLE-DONE';
    const { reference, tmx } = await startBoth(ws, `${table}; exec sleep 100`, (s) => s.includes('TABLE-DONE'), { cols: 70, rows: ROWS });
    await expectSameView(reference, tmx, 70);
  });

  it('ls --color=always', async () => {
    const ws = workspace();
    mkdirSync(join(ws.dir, 'a-directory'));
    writeFileSync(join(ws.dir, 'plain.txt'), '');
    writeFileSync(join(ws.dir, 'script.sh'), '#!/bin/sh\n', { mode: 0o755 });
    execFileSync('ln', ['-s', 'plain.txt', join(ws.dir, 'a-link')]);
    execFileSync('ln', ['-s', 'missing', join(ws.dir, 'broken-link')]);
    const { reference, tmx } = await startBoth(ws, 'ls --color=always -1 a-directory a-link broken-link plain.txt script.sh; echo LS-DONE; exec sleep 100', (s) => s.includes('LS-DONE'));
    await expectSameView(reference, tmx, COLS);
  });
});

const haveVim = hasProgram('vim');
const haveLess = hasProgram('less');

function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('fidelity: full-screen programs', () => {
  const text = Array.from({ length: 40 }, (_, i) => `${i + 1}: the quick brown fox jumps over the lazy dog ${'日本'.repeat(i % 3)}`).join('\n') + '\n';

  it.skipIf(!haveVim)('vim -u NONE with syntax, a split and a visual selection', async () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'file.sh'), `#!/bin/sh\n# a comment\necho "string" $HOME\n${text}`);
    const vim = `vim -u NONE -i NONE -N -c 'syntax on' -c 'set number laststatus=2' file.sh`;
    const { reference, tmx } = await startBoth(ws, vim, (s) => s.includes('a comment'));
    await expectSameView(reference, tmx, COLS);
    for (const side of [reference, tmx]) {
      const send = side === reference ? (...k: string[]) => reference.tmux('send-keys', ...k) : (...k: string[]) => tmx.outer.keys(...k);
      send('j', 'j', 'V', 'j', 'j');
    }
    await expectSameView(reference, tmx, COLS);
  });

  it.skipIf(!haveLess)('less, scrolled and searching', async () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'file.txt'), text);
    const { reference, tmx } = await startBoth(ws, 'less file.txt', (s) => s.includes('1: the quick'));
    await expectSameView(reference, tmx, COLS);
    reference.tmux('send-keys', '/', 'l', 'a', 'z', 'y', 'Enter');
    tmx.outer.keys('/', 'l', 'a', 'z', 'y', 'Enter');
    await expectSameView(reference, tmx, COLS);
  });
});
