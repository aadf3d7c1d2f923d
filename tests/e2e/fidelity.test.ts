// Fidelity: a pane looks exactly as it would in tmux. The same bytes (or program) run in a tmx
// pane of W x H and in a plain tmux pane of W x H (a second private server, the reference);
// the outer terminal's view of tmx's pane (rows 1..H: row 0 is the border, the last row the
// status line) must equal the reference pane cell for cell, with SGR attributes, and the
// cursor must be at the same place with the same visibility. Both sides are read with the
// same `capture-pane -p -e -N`, so tmux's own encoding of cells is compared with itself, after
// `cellsOf` turns it into canonical styled runs (see there for the one normalisation).
// Where capture-pane does not show what tmux draws, the reference is instead a tmux client
// drawing into a second outer terminal (DrawnReference says when and why).
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OuterTerminal, shq, sleep } from './harness.js';

const COLS = 40;
const ROWS = 12;
/** How long tmx may take to show what the reference already shows (a frame plus the outer tmux). */
const SETTLE_MS = 4_000;
/** How long a side may take to start and print its fixture. */
const START_MS = 10_000;
/** What tmx gives its panes; the reference pane gets the same, so programs emit the same bytes. */
const PANE_TERM = 'xterm-256color';
const REFERENCE_CONF = 'set -g status off\nset -g remain-on-exit on\n';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** One of the two things compared: its cells (capture -p -e -N), text, cursor, and keys to type. */
interface Side {
  capture(): string;
  text(): string;
  /** "x y flag", the app-visible cursor relative to the pane. */
  cursor(): string;
  keys(...keys: string[]): void;
  /** Resizes the pane to cols x rows. */
  resize(cols: number, rows: number): void;
  /** Whether the pane shows at cols x rows yet (resizes are applied and drawn lazily). */
  hasSize(cols: number, rows: number): boolean;
  describe(): string;
}

function tmuxOn(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function uniqueSocket(): string {
  return `tmx-fidelity-ref-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

function killServer(socket: string): void {
  try {
    tmuxOn(socket, 'kill-server');
  } catch {
    // Already gone.
  }
}

/** A plain tmux pane of cols x rows running `command`, read straight from its grid. */
class ReferencePane implements Side {
  private readonly socket = uniqueSocket();

  constructor(cols: number, rows: number, command: string, home: string) {
    const conf = join(home, 'reference.conf');
    writeFileSync(conf, REFERENCE_CONF);
    tmuxOn(this.socket, '-f', conf, 'new-session', '-d', '-x', String(cols), '-y', String(rows), command);
    cleanups.push(() => killServer(this.socket));
  }

  capture(): string {
    return tmuxOn(this.socket, 'capture-pane', '-p', '-e', '-N');
  }

  text(): string {
    return tmuxOn(this.socket, 'capture-pane', '-p');
  }

  cursor(): string {
    return tmuxOn(this.socket, 'display-message', '-p', '#{cursor_x} #{cursor_y} #{cursor_flag}').trim();
  }

  keys(...keys: string[]): void {
    tmuxOn(this.socket, 'send-keys', ...keys);
  }

  resize(cols: number, rows: number): void {
    tmuxOn(this.socket, 'resize-window', '-x', String(cols), '-y', String(rows));
  }

  hasSize(cols: number, rows: number): boolean {
    return tmuxOn(this.socket, 'display-message', '-p', '#{pane_width} #{pane_height}').trim() === `${cols} ${rows}`;
  }

  /** pid of the process called `name` in the pane (its session: tmux makes the pane's first process a session leader). */
  programPid(name: string): number {
    const session = tmuxOn(this.socket, 'display-message', '-p', '#{pane_pid}').trim();
    return Number(execFileSync('pgrep', ['-s', session, '-x', name], { encoding: 'utf8' }).trim().split('\n')[0]);
  }

  describe(): string {
    return `the reference:\n${this.text()}`;
  }
}

/**
 * The same plain tmux pane, but as tmux *draws* it: a tmux client attached inside an outer
 * terminal of cols x rows, read from that outer terminal as tmx is. Needed where capture-pane
 * does not show what tmux draws: a line cleared as a whole with a background colour (ED, IL, a
 * line scrolled in; "back colour erase") keeps the colour in tmux's grid but not in its list of
 * used cells, which is all capture-pane prints, so the reference capture shows those lines
 * blank while tmux paints them. The outer TERM is `screen` (no bce, 8 colours, no italics), so
 * the cases using this keep to 8 background colours.
 */
class DrawnReference implements Side {
  private readonly socket = uniqueSocket();
  private readonly outer: OuterTerminal;

  constructor(
    cols: number,
    private rows: number,
    command: string,
    home: string,
    outerEnv: Record<string, string> = {},
  ) {
    const conf = join(home, 'reference.conf');
    // The tmux client asks its terminal what it is (XTVERSION); the outer tmux answers "tmux",
    // and tmux then assumes 24-bit colour whatever TERM says. Without COLORTERM=truecolor the
    // outer terminal is to be taken as terminfo describes it, so that guess is undone.
    const noRgb = outerEnv.COLORTERM === 'truecolor' ? '' : "set -as terminal-overrides ',*:setrgbf@:setrgbb@'\n";
    writeFileSync(conf, REFERENCE_CONF + noRgb);
    const client = ['tmux', '-L', this.socket, '-f', conf, 'new-session', command].map(shq).join(' ');
    this.outer = OuterTerminal.start({ cols, rows, rawCommand: client, env: outerEnv });
    cleanups.push(() => this.outer.close(), () => killServer(this.socket));
  }

  capture(): string {
    return this.outer.tmux('capture-pane', '-p', '-e', '-N', '-t', 'outer', '-S', '0', '-E', String(this.rows - 1));
  }

  text(): string {
    return this.outer.tmux('capture-pane', '-p', '-t', 'outer', '-S', '0', '-E', String(this.rows - 1));
  }

  cursor(): string {
    return this.outer.tmux('display-message', '-p', '-t', 'outer', '#{cursor_x} #{cursor_y} #{cursor_flag}').trim();
  }

  keys(...keys: string[]): void {
    this.outer.keys(...keys);
  }

  resize(cols: number, rows: number): void {
    this.rows = rows;
    this.outer.resize(cols, rows);
  }

  hasSize(cols: number, rows: number): boolean {
    return this.outer.tmux('display-message', '-p', '-t', 'outer', '#{pane_width} #{pane_height}').trim() === `${cols} ${rows}`;
  }

  describe(): string {
    return `the drawn reference:\n${this.outer.screen()}\n${this.outer.stderr()}`;
  }
}

/** tmx in an outer terminal two rows taller than the reference, so its one pane is cols x rows. */
class TmxPane implements Side {
  readonly outer: OuterTerminal;

  constructor(
    readonly cols: number,
    private rows: number,
    command: string,
    outerEnv: Record<string, string> = { COLORTERM: 'truecolor' },
  ) {
    this.outer = OuterTerminal.start({ cols, rows: rows + 2, args: ['--', 'sh', '-c', command], env: outerEnv });
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

  keys(...keys: string[]): void {
    this.outer.keys(...keys);
  }

  resize(cols: number, rows: number): void {
    this.rows = rows;
    this.outer.resize(cols, rows + 2);
  }

  /** The border (row 0) and the status line (the last row) drawn at the new size, which tmx's tty has (see OuterTerminal.resize). */
  hasSize(cols: number, rows: number): boolean {
    const tty = this.outer.ttySize();
    if (tty.cols !== cols || tty.rows !== rows + 2) return false;
    const lines = this.outer.lines();
    return lines.length >= rows + 2 && [...lines[0]!].length === cols && (lines[rows + 1] ?? '').startsWith('[0] ');
  }

  describe(): string {
    return `tmx:\n${this.outer.screen()}\n${this.outer.stderr()}`;
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

/**
 * The cells of a `capture-pane -p -e -N` text as one readable line per row: runs of cells that
 * share a style, each written `{style}text` (the style is canonical, so `ESC[0;1m` and
 * `ESC[1m` after a reset compare equal, while `ESC[31m` and `ESC[38;5;1m` stay distinct).
 *
 * One difference is not visible and is removed: a cell the program never wrote is absent from
 * tmux's grid, whereas tmx, drawing a whole screen, writes a default-style space there. So
 * trailing spaces of default style are dropped on both sides; every other cell is compared.
 */
/** Cells left out of a comparison (row, column from 0): a blank on both sides. */
type CellMask = (row: number, col: number) => boolean;

function cellsOf(capture: string, mask?: CellMask): string {
  const style = new SgrState();
  const rows: string[] = [];
  for (const [y, line] of capture.replace(/\n$/, '').split('\n').entries()) {
    const cells: Array<{ text: string; style: string }> = [];
    const pattern = /\x1b\[([0-9;:]*)m|\x1b|([\x0e\x0f])|([\s\S])/gu;
    for (const match of line.matchAll(pattern)) {
      const char = match[3];
      if (match[1] !== undefined) style.apply(match[1]);
      else if (match[0] === '\x1b') throw new Error(`unexpected escape in capture: ${JSON.stringify(line)}`);
      else if (match[2] !== undefined) style.lineDrawing = match[2] === '\x0e';
      else if (/^[\p{M}\u200d\ufe0f]$/u.test(char!) && cells.length > 0) cells[cells.length - 1]!.text += char;
      else cells.push({ text: (style.lineDrawing && LINE_DRAWING[char!]) || char!, style: style.key() });
    }
    if (mask) for (const x of cells.keys()) if (mask(y, x)) cells[x] = { text: ' ', style: '' };
    while (cells.length > 0 && cells[cells.length - 1]!.text === ' ' && cells[cells.length - 1]!.style === '') cells.pop();
    let row = '';
    let last: string | undefined;
    for (const cell of cells) {
      if (cell.style !== last) row += `{${cell.style}}`;
      last = cell.style;
      row += cell.text;
    }
    rows.push(row);
  }
  return rows.join('\n');
}

/**
 * tmux keeps a character drawn with the DEC line-drawing set (ESC ( 0, SO) as its ASCII letter
 * with a charset attribute; capture-pane writes the attribute as SO ... SI around the letters,
 * and tmux draws them on a UTF-8 terminal as these (tmux's tty-acs.c table; xterm and xterm.js
 * draw the same glyphs except for the five arrows and block marked). tmx draws the glyphs
 * themselves, so both read the same.
 */
const LINE_DRAWING: Record<string, string> = {
  // tty-acs.c also has the VT100's terminfo arrows and block, which xterm draws as ASCII.
  '+': '→', ',': '←', '-': '↑', '.': '↓', '0': '▮',
  '`': '◆', a: '▒', b: '␉', c: '␌', d: '␍', e: '␊', f: '°', g: '±', h: '␤', i: '␋', j: '┘', k: '┐', l: '┌',
  m: '└', n: '┼', o: '⎺', p: '⎻', q: '─', r: '⎼', s: '⎽', t: '├', u: '┤', v: '┴', w: '┬', x: '│', y: '≤',
  z: '≥', '{': 'π', '|': '≠', '}': '£', '~': '·',
};

/** The SGR state tmux's capture output sets, as a canonical string (empty: the default). */
class SgrState {
  /** Between SO and SI in a capture: the letters are line-drawing characters. */
  lineDrawing = false;
  private attrs = new Set<string>();
  private colours: Record<'fg' | 'bg' | 'ul', string | undefined> = { fg: undefined, bg: undefined, ul: undefined };

  key(): string {
    const colours = (['fg', 'bg', 'ul'] as const).filter((k) => this.colours[k] !== undefined).map((k) => `${k}=${this.colours[k]}`);
    return [...[...this.attrs].sort(), ...colours].join(' ');
  }

  apply(paramText: string): void {
    const params = paramText === '' ? ['0'] : paramText.split(';');
    const ATTRS: Record<string, string> = { 1: 'bold', 2: 'dim', 3: 'italic', 4: 'underline', 5: 'blink', 7: 'inverse', 8: 'invisible', 9: 'strike', 21: 'underline:2', 53: 'overline' };
    const RESETS: Record<string, string[]> = {
      22: ['bold', 'dim'], 23: ['italic'], 24: ['underline'], 25: ['blink'], 27: ['inverse'], 28: ['invisible'], 29: ['strike'], 55: ['overline'],
    };
    for (let i = 0; i < params.length; i++) {
      const [head, ...sub] = params[i]!.split(':');
      const n = Number(head);
      if (n === 5 && sub[0] === '3') {
        // tmux 3.3 writes overline (SGR 53) as "5:3" in captures (it splits two-digit codes
        // the way it writes underline styles, 42 -> "4:2"); both sides go through it alike.
        this.attrs.add('overline');
      } else if (n === 0) {
        this.attrs.clear();
        this.colours = { fg: undefined, bg: undefined, ul: undefined };
      } else if (n === 4 && sub.length > 0) {
        for (const a of [...this.attrs]) if (a.startsWith('underline')) this.attrs.delete(a);
        if (sub[0] !== '0') this.attrs.add(sub[0] === '1' ? 'underline' : `underline:${sub[0]}`);
      } else if (ATTRS[n] !== undefined) {
        this.attrs.add(ATTRS[n]!);
      } else if (RESETS[n] !== undefined) {
        for (const name of RESETS[n]!) for (const a of [...this.attrs]) if (a === name || a.startsWith(`${name}:`)) this.attrs.delete(a);
      } else if ((n >= 30 && n <= 37) || (n >= 40 && n <= 47)) {
        this.colours[n < 40 ? 'fg' : 'bg'] = `p16:${n % 10}`;
      } else if ((n >= 90 && n <= 97) || (n >= 100 && n <= 107)) {
        this.colours[n < 100 ? 'fg' : 'bg'] = `p16:${(n % 10) + 8}`;
      } else if (n === 39 || n === 49 || n === 59) {
        this.colours[n === 39 ? 'fg' : n === 49 ? 'bg' : 'ul'] = undefined;
      } else if (n === 38 || n === 48 || n === 58) {
        const which = n === 38 ? 'fg' : n === 48 ? 'bg' : 'ul';
        // Either colon sub-parameters (38:5:n, 38:2::r:g:b) or the following parameters.
        const rest = sub.length > 0 ? sub : params.slice(i + 1);
        if (rest[0] === '5') {
          this.colours[which] = `p256:${rest[1]}`;
          if (sub.length === 0) i += 2;
        } else if (rest[0] === '2') {
          const rgb = sub.length > 0 ? rest.slice(rest.length - 3) : rest.slice(1, 4);
          this.colours[which] = `rgb:${rgb.join(',')}`;
          if (sub.length === 0) i += 4;
        } else {
          throw new Error(`unknown colour in capture: ${paramText}`);
        }
      } else {
        // Never silently ignored: an attribute this parser does not know is part of the style.
        this.attrs.add(`sgr${params[i]}`);
      }
    }
  }
}

function view(side: Side, cols: number, mask?: CellMask): View {
  return { cells: cellsOf(side.capture(), mask), cursor: clampCursor(side.cursor(), cols) };
}

async function until(test: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (test()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what()}`);
}

interface Pair {
  reference: Side;
  tmx: TmxPane;
  cols: number;
}

/** Waits for tmx to show what the reference shows, then compares (a diff on failure). */
async function expectSameView({ reference, tmx, cols }: Pair, label?: string, departure?: Departure): Promise<void> {
  const mask = departure?.cells;
  let want = view(reference, cols, mask);
  let got = view(tmx, cols, mask);
  const deadline = Date.now() + SETTLE_MS;
  while (Date.now() < deadline && (got.cells !== want.cells || got.cursor !== want.cursor)) {
    await sleep(60);
    want = view(reference, cols, mask);
    got = view(tmx, cols, mask);
  }
  expect(got.cells, label).toBe(want.cells);
  expect(got.cursor, label).toBe(want.cursor);
  if (departure) departure.expect(tmx.text().replace(/\n$/, '').split('\n'), `${label}: ${departure.why}`);
}

/**
 * Where tmux itself departs from xterm (and from the VT100 a test describes), tmx keeps to
 * xterm: the cells concerned are left out of the comparison with tmux, and `expect` checks
 * what tmx shows there instead (`rows`: tmx's text, one string a row).
 */
interface Departure {
  why: string;
  cells: CellMask;
  expect(rows: string[], label: string): void;
}

/** The same keys typed into both sides. */
function keysBoth({ reference, tmx }: Pair, ...keys: string[]): void {
  reference.keys(...keys);
  tmx.keys(...keys);
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
  return { dir, env: { HOME: home, LANG: 'C.UTF-8', TERM: PANE_TERM, COLORTERM: 'truecolor' } };
}

/** The reference's command: its environment made the same as a tmx pane's. */
function referenceCommand(ws: Workspace, command: string): string {
  const exports = Object.entries(ws.env).map(([k, v]) => `${k}=${shq(v)}`).join(' ');
  return `env ${exports} sh -c ${shq(`cd ${shq(ws.dir)}; ${command}`)}`;
}

interface CaseOptions {
  cols?: number;
  rows?: number;
  /** 'pane' (default): the reference pane's grid; 'drawn': what a tmux client draws of it. */
  reference?: 'pane' | 'drawn';
  /** Environment of the outer terminals (tmx's, and the drawn reference's): TERM, COLORTERM. */
  outerEnv?: Record<string, string>;
}

/** Starts `command(side)` in the reference and in tmx, in the same directory. */
function startBoth(ws: Workspace, command: (side: string) => string, options: CaseOptions): Pair {
  const cols = options.cols ?? COLS;
  const rows = options.rows ?? ROWS;
  const Reference = options.reference === 'drawn' ? DrawnReference : ReferencePane;
  const reference = new Reference(cols, rows, referenceCommand(ws, command('reference')), ws.env.HOME!, options.outerEnv);
  const tmx = new TmxPane(cols, rows, `cd ${shq(ws.dir)}; ${command('tmx')}`, options.outerEnv);
  return { reference, tmx, cols };
}

/** Starts a program in both; `ready` tells when a side has drawn what is to be compared. */
async function startProgram(ws: Workspace, command: string, ready: (text: string) => boolean, options: CaseOptions = {}): Promise<Pair> {
  const pair = startBoth(ws, () => command, options);
  for (const side of [pair.reference, pair.tmx]) await until(() => ready(side.text()), START_MS, () => side.describe());
  return pair;
}

/**
 * Writes `bytes` in both panes (cat of a file, then each side touches its own done file and
 * sleeps so the screen stays) and compares what they show.
 */
/** `referenceBytes`: what the reference is given instead, to show what tmx should draw of `bytes`. */
async function compareBytes(bytes: string, options: CaseOptions = {}, referenceBytes = bytes): Promise<void> {
  const ws = workspace();
  writeFileSync(join(ws.dir, 'fixture-tmx'), bytes);
  writeFileSync(join(ws.dir, 'fixture-reference'), referenceBytes);
  const pair = startBoth(ws, (side) => `cat fixture-${side}; touch done-${side}; exec sleep 100`, options);
  const done = (side: string) => existsSync(join(ws.dir, `done-${side}`));
  for (const [name, side] of [['reference', pair.reference], ['tmx', pair.tmx]] as const) {
    await until(() => done(name), START_MS, () => side.describe());
  }
  await expectSameView(pair);
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

  it('24-bit colours on a 256-colour terminal become the nearest of 256, the one tmux picks', async () => {
    // Both drawn on an outer terminal that has 256 colours and no RGB (screen-256color, no
    // COLORTERM): tmux converts with its colour_find_rgb, tmx with nearest256.
    let bytes = '';
    const levels = [0, 1, 47, 48, 95, 114, 115, 135, 200, 238, 239, 255];
    for (const r of levels) {
      for (const g of [0, 114, 128, 255]) bytes += `${sgr(`38;2;${r};${g};${(r + g) % 256}`)}x${sgr(`48;2;${g};${r};${r}`)}y`;
      bytes += `${sgr('0')}${NL}`;
    }
    const outerEnv = { TERM: 'screen-256color', COLORTERM: '' };
    await compareBytes(bytes, { reference: 'drawn', outerEnv });
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
    bytes += `${sgr('7')}inverse spaces:   ${sgr('0')}|${sgr('4')}   ${sgr('0')}|${NL}`;
    bytes += `${sgr('53')}overline${sgr('55')}-no-overline${NL}`;
    await compareBytes(bytes);
  });

  // Underline styles (SGR 21, 4:2 double, 4:3 curly, 4:4 dotted, 4:5 dashed) and colours (SGR 58).
  // `plain`: the same with every underline single and in the text's colour.
  const underlines = (plain: boolean) => {
    const style = (n: number) => (plain ? '4' : `4:${n}`);
    const colour = (params: string) => (plain ? '' : `;${params}`);
    let bytes = `${sgr(style(2))}double${sgr('24')} ${sgr(style(3))}curly${sgr(plain ? '24' : '4:0')} ${sgr(style(4))}dotted${sgr('0')} `;
    bytes += `${sgr(style(5))}dashed${sgr('0')} ${sgr(plain ? '4' : '21')}sgr21${sgr('0')} ${sgr('4')}single${sgr('0')}${NL}`;
    bytes += `${sgr(style(3) + colour('58:5:196'))}red-curl${plain ? '' : sgr('59')}-own-colour${sgr('0')} `;
    bytes += `${sgr('4' + colour('58:2::1:2:3'))}rgb-ul${sgr('0')}${NL}`;
    bytes += `${sgr('1;31;' + style(3) + colour('58:5:46'))}bold-red-green-curl${sgr('0')}${NL}`;
    return bytes;
  };

  it('underline styles and colours, as tmux keeps them, on a terminal known to draw them (TERM=tmux-256color)', async () => {
    await compareBytes(underlines(false), { outerEnv: { TERM: 'tmux-256color', COLORTERM: 'truecolor' } });
  });

  it('underline styles and colours as single underlines in the text colour on a terminal not known to draw them', async () => {
    // TERM=screen outside tmux: a terminal that may read `4:3` as underline and italic.
    await compareBytes(underlines(false), { outerEnv: { TERM: 'screen', COLORTERM: 'truecolor' } }, underlines(true));
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
    bytes += `${CSI}?6h${at(1, 1)}origin-top${CSI}?6l${CSI}r${at(ROWS, 1)}\nbottom`;
    await compareBytes(bytes);
  });

  it('insert and delete characters and lines, erase characters', async () => {
    let bytes = '';
    for (let row = 1; row <= 8; row++) bytes += `${at(row, 1)}${row}: 0123456789abcdefghij`;
    bytes += `${at(1, 5)}${CSI}3@INS`;
    bytes += `${at(2, 5)}${CSI}4P`;
    bytes += `${at(3, 5)}${sgr('45')}${CSI}5X${sgr('0')}`;
    bytes += `${at(4, 1)}${CSI}2L${at(7, 1)}${CSI}1M`;
    await compareBytes(bytes);
  });

  it('erase to and from the end of line with a coloured background (BCE), 16, 256 and 24-bit', async () => {
    let bytes = '';
    for (let row = 1; row <= 6; row++) bytes += `${at(row, 1)}${'#'.repeat(COLS)}`;
    bytes += `${at(2, 10)}${sgr('44')}${CSI}K`;
    bytes += `${at(3, 10)}${sgr('45')}${CSI}1K`;
    bytes += `${at(4, 10)}${sgr('48;5;208')}${CSI}K`;
    bytes += `${at(5, 20)}${sgr('48;2;10;100;10')}${CSI}1K`;
    bytes += `${sgr('0')}${at(7, 1)}plain`;
    await compareBytes(bytes);
  });

  it('whole lines erased with a coloured background (BCE): ED, EL 2, IL, DL and scrolling', async () => {
    let bytes = `${sgr('44')}${CSI}2J${at(1, 1)}blue screen${at(2, 9)}${sgr('45')}${CSI}2K`;
    bytes += `${at(3, 5)}${sgr('41')}${CSI}1J${at(9, 20)}${sgr('42')}${CSI}J`;
    bytes += `${at(5, 1)}${sgr('43')}${CSI}2L${sgr('0')}after-insert${sgr('46')}${at(6, 1)}${CSI}1M`;
    bytes += `${at(ROWS, 1)}${sgr('45')}\nscrolled in${CSI}4;6r${at(6, 1)}\n${sgr('0')}${CSI}r`;
    await compareBytes(bytes, { reference: 'drawn' });
  });

  it('line-drawing charset, insert mode, no-wrap mode, REP, save/restore cursor', async () => {
    let bytes = `${ESC}(0lqqwqqk${NL}x  x  x${NL}mqqvqqj${ESC}(B after${NL}`;
    bytes += `${ESC})0a\x0eqqq\x0fb${NL}`;
    bytes += `insert-me${CSI}1G${CSI}4h>>${CSI}4l${NL}`;
    bytes += `${CSI}?7l${'w'.repeat(COLS + 5)}END${CSI}?7h${NL}`;
    bytes += `R${CSI}5b.${NL}`;
    bytes += `${ESC}7${at(10, 10)}saved-elsewhere${ESC}8restored`;
    await compareBytes(bytes);
  });

  it('DECCOLM (CSI ? 3 h / l) clears the screen and homes the cursor, keeping margins and size', async () => {
    let bytes = '';
    for (let row = 1; row <= ROWS; row++) bytes += `${at(row, 1)}line ${row}`;
    bytes += `${CSI}3;8r${CSI}?6h${at(2, 5)}${CSI}?3hA${at(20, 1)}B${NL}${NL}C${CSI}?6l`;
    bytes += `${at(ROWS, 1)}bottom${CSI}?3lx${CSI}?6;3hy${at(ROWS, 1)}${NL}z`;
    await compareBytes(bytes);
  });

  it('DECCOLM clears in the background colour, as tmux draws it', async () => {
    await compareBytes(`${at(3, 3)}text${sgr('44')}${CSI}?3h${sgr('0')}after`, { reference: 'drawn' });
  });

  it('DEC special graphics: every character of the set, in G0 and shifted into G1', async () => {
    let printable = '';
    for (let code = 0x21; code < 0x7f; code++) printable += String.fromCharCode(code);
    const bytes = `${ESC}(0${printable.slice(0, 40)}${NL}${printable.slice(40)}${ESC}(B${NL}${ESC})0\x0e+,-.0\x0f+,-.0${NL}`;
    await compareBytes(bytes);
  });

  it('DEC special graphics as tmux draws them on a terminal: arrows and the block included', async () => {
    await compareBytes(`${ESC}(0+,-.0 lqk x${ESC}(B +,-.0${NL}`, { reference: 'drawn', outerEnv: { TERM: 'screen', LANG: 'C.UTF-8' } });
  });

  it('combining marks beyond the 21 bytes tmux keeps in a cell are dropped', async () => {
    await compareBytes(`e${'\u0301'.repeat(30)}|${NL}a${'\u20dd'.repeat(30)}|${NL}o\u0302\u0323${'\u0308'.repeat(12)}x${NL}`);
  });

  it('emoji sequences: variation selector, flags, skin tone as tmux draws them; a ZWJ sequence as its parts', async () => {
    const bytes = `a\u2764\ufe0fb|${NL}c\u{1f468}\u200d\u{1f469}\u200d\u{1f467}d|${NL}e\u{1f1eb}\u{1f1f7}f|${NL}g\u{1f44d}\u{1f3fd}h|${NL}`;
    // tmux 3.3a joins 👨‍👩‍👧 into one cell of 2 columns, though the program counted 6 (glibc's
    // wcwidth: bash, vim), so its cursor and tmux's part there. tmx's emulator lays it out as
    // its parts, as the program does, and draws them so: what tmux shows without the joiners.
    await compareBytes(bytes, {}, bytes.replaceAll('\u200d', ''));
  });

  it('resizing reflows wrapped lines as tmux does, narrower then wider', async () => {
    const ws = workspace();
    let bytes = '';
    for (let i = 1; i <= 6; i++) bytes += `${i}:${'abcdefghij'.repeat(i % 3 + 2)}${sgr('4')}end${sgr('0')}${NL}`;
    bytes += `漢字${'x'.repeat(30)}漢字${NL}prompt$ `;
    writeFileSync(join(ws.dir, 'fixture'), bytes);
    const pair = startBoth(ws, (side) => `cat fixture; touch done-${side}; exec sleep 100`, {});
    for (const name of ['reference', 'tmx']) await until(() => existsSync(join(ws.dir, `done-${name}`)), START_MS, () => name);
    await expectSameView(pair);
    for (const [cols, rows] of [[25, 10], [50, 12]] as const) {
      for (const side of [pair.reference, pair.tmx]) {
        side.resize(cols, rows);
        await until(() => side.hasSize(cols, rows), START_MS, () => `${cols}x${rows} on ${side.describe()}`);
      }
      await expectSameView({ ...pair, cols });
    }
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

  it('a hidden cursor (ESC[?25l) stays hidden, and is still placed where the program left it', async () => {
    await compareBytes(`${CSI}?25lno cursor here${at(4, 7)}`);
  });

  it('tabs: default stops, cleared and set stops, back tab', async () => {
    let bytes = `a\tb\tc\td\te${NL}`;
    bytes += `${'x'.repeat(COLS - 3)}\t\t|${NL}`;
    bytes += `${CSI}3g${at(4, 4)}${ESC}H${at(4, 15)}${ESC}H${at(4, 1)}1\t2\t3${NL}`;
    // tmux 3.3 ignores CHT (CSI n I: a printf of ESC[I leaves its cursor where it was), while
    // xterm and tmx move to the next stop; so forward tabs here are HT, back tabs CBT (CSI n Z).
    bytes += `${CSI}0g${at(5, 20)}${CSI}2Z<\t>`;
    await compareBytes(bytes);
  });

  it('a colour table printed by a shell loop', async () => {
    const table =
      'for bg in 40 41 42 43 44 45 46 47; do for fg in 30 31 32 33 34 35 36 37; do ' +
      'printf "\\033[%s;%sm%s%s\\033[0m" $fg $bg $fg $bg; done; printf "\\n"; done; echo TABLE-DONE';
    const pair = await startProgram(workspace(), `${table}; exec sleep 100`, (s) => s.includes('TABLE-DONE'), { cols: 70 });
    await expectSameView(pair);
  });

  it('ls --color=always', async () => {
    const ws = workspace();
    mkdirSync(join(ws.dir, 'a-directory'));
    writeFileSync(join(ws.dir, 'plain.txt'), '');
    writeFileSync(join(ws.dir, 'script.sh'), '#!/bin/sh\n', { mode: 0o755 });
    execFileSync('ln', ['-s', 'plain.txt', join(ws.dir, 'a-link')]);
    execFileSync('ln', ['-s', 'missing', join(ws.dir, 'broken-link')]);
    const ls = 'ls --color=always -1 a-directory a-link broken-link plain.txt script.sh; echo LS-DONE; exec sleep 100';
    const pair = await startProgram(ws, ls, (s) => s.includes('LS-DONE'));
    await expectSameView(pair);
  });
});

function hasProgram(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// .ci/run installs vim-tiny and less when absent; on a machine without them these cases skip.
const VIM = ['vim', 'vim.tiny'].find(hasProgram);
const haveVim = VIM !== undefined;
const haveLess = hasProgram('less');
// .ci/run installs vttest when absent, as it does vim and less.
const haveVttest = hasProgram('vttest');

// Echoes landing in a program's state: a colour, insert mode, over a wide character, DEC line
// drawing, at the right edge; `cat` with the terminal's echo off echoes each key as it comes.
// tmx draws a plain echo before parsing it (App.drawEchoAhead) and leaves these to the frame
// after the parse; that frame would also repaint a cell drawn ahead wrongly, so what is drawn
// ahead, and each refusal, is checked before any frame in the unit tests (plain-print, app).
// Here: the screen after every key, as tmux shows it.
describe("fidelity: typed keys echoed into a program's state", () => {
  // stty first: the setup's text on screen (what the tests wait for) then means the terminal's
  // echo is off. After it, a key could reach the line discipline's echo (ESC as ^[) in one
  // multiplexer and cat in the other (CI once saw it: docs/e2e-flakes.md).
  const echoing = (setup: string) => `stty -echo -icanon; printf ${shq(setup)}; exec cat`;

  it('in a colour, in insert mode', async () => {
    const ws = workspace();
    const pair = await startProgram(ws, echoing(`${sgr('1;33')}yellow ${sgr('0')}tail${CSI}5D${CSI}4h${sgr('31')}`), (s) => s.includes('tail'));
    for (const key of ['a', 'b', 'c']) {
      keysBoth(pair, key);
      await expectSameView(pair);
    }
  });

  it('over a wide character, in DEC line drawing, up to the right edge', async () => {
    const ws = workspace();
    const pair = await startProgram(ws, echoing(`ab中文${CSI}3G`), (s) => s.includes('中文'));
    keysBoth(pair, 'x');
    await expectSameView(pair);
    keysBoth(pair, 'Escape', '(', '0', 'q', 'q', 'Escape', '(', 'B', 'y');
    await expectSameView(pair);
    keysBoth(pair, '-l', `${'z'.repeat(COLS - 8)}`);
    await expectSameView(pair);
    for (const key of ['1', '2', '3']) {
      keysBoth(pair, key);
      await expectSameView(pair);
    }
  });
});

describe('fidelity: full-screen programs', () => {
  const text = Array.from({ length: 40 }, (_, i) => `${i + 1}: the quick brown fox jumps over the lazy dog ${'日本'.repeat(i % 3)}`).join('\n') + '\n';

  it.skipIf(!haveVim)('vim -u NONE: numbers, a visual selection, a split', async () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'file.txt'), text);
    // -n: no swap file (both vims edit the same file); -i NONE: no viminfo.
    const vim = `${VIM} -u NONE -i NONE -n -N -c 'set number laststatus=2 ruler' file.txt`;
    const pair = await startProgram(ws, vim, (s) => s.includes('1: the quick'));
    await expectSameView(pair);
    keysBoth(pair, 'j', 'j', 'V', 'j', 'j');
    await expectSameView(pair);
    keysBoth(pair, 'Escape', ':split', 'Enter');
    await expectSameView(pair);
  });

  it.skipIf(!haveLess)('less, scrolled and searching', async () => {
    const ws = workspace();
    writeFileSync(join(ws.dir, 'file.txt'), text);
    const pair = await startProgram(ws, 'less file.txt', (s) => s.includes('1: the quick'));
    await expectSameView(pair);
    keysBoth(pair, 'Space');
    await expectSameView(pair);
    keysBoth(pair, '/', 'lazy', 'Enter');
    await expectSameView(pair);
  });
});

/** The letters vttest's autowrap screens (1.3, 1.4) want down the left and right margins. */
function lettersInOrder(rows: string[], label: string): void {
  for (let i = 0; i < 18; i++) {
    const letter = String.fromCharCode(0x49 + i); // I to Z
    expect(rows[2 + i], label).toBe(`${letter}${' '.repeat(78)}${letter.toLowerCase()}`);
  }
}

/**
 * Cursor after a character written in the last column: xterm (like a VT100) keeps it in that
 * column with a wrap pending, so a backspace or CUB 1 goes to the column before; tmux keeps it
 * one past the margin, so it lands in the last column again.
 */
const PENDING_WRAP = 'a backspace or CUB after a character in the last column goes to the column before it in xterm, to the last column in tmux';

const VTTEST_DEPARTURES: Record<string, Departure> = {
  // The 132-column frame drawn in 80 columns: its right edge, cut to the last two columns.
  '1.2': {
    why: PENDING_WRAP,
    cells: (_row, col) => col >= 78,
    expect: (rows, label) => {
      // The frame's rows (those vttest's text does not cover) close on the right as on the left.
      const framed = rows.filter((row) => row.startsWith('*+ ') && row.length === 80);
      expect(framed.length, label).toBeGreaterThanOrEqual(10);
      for (const row of framed) expect(row.slice(78), label).toBe('+*');
    },
  },
  '1.3': { why: PENDING_WRAP, cells: (row) => row >= 2 && row <= 21, expect: lettersInOrder },
  '1.4': { why: PENDING_WRAP, cells: (row) => row >= 2 && row <= 21, expect: lettersInOrder },
  '2.11': {
    why: 'DECSTBM homes the cursor to the top margin under origin mode in xterm, to the top left corner in tmux',
    cells: () => true,
    expect: (rows, label) => {
      expect(rows.slice(0, 22).filter((row) => row.trim() !== ''), label).toEqual([]);
      expect(rows[22], label).toMatch(/^This line should be the one above the bottom of the screen\./);
      expect(rows[23], label).toMatch(/^Origin mode test\. This line should be at the bottom of the screen\./);
    },
  },
  '3.1': {
    why: "the British character set (ESC ( A) draws # as £ in xterm; tmux has no British set",
    cells: (row) => row === 7,
    expect: (rows, label) => expect(rows[7], label).toBe(rows[3]!.replaceAll('#', '£')),
  },
};

/** How many read calls process `pid` has made. */
function readCalls(pid: number): number {
  return Number(/^syscr: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))![1]);
}

/** The number of the read system call, as /proc/PID/syscall shows it. */
const READ_SYSCALL = ({ x64: 0, arm64: 63 } as Record<string, number>)[process.arch];

/** Whether process `pid` is blocked reading its stdin (read on fd 0): it waits for a key. */
function waitsForKey(pid: number): boolean {
  if (READ_SYSCALL === undefined) throw new Error(`the read system call's number on ${process.arch} is not known here`);
  return readFileSync(`/proc/${pid}/syscall`, 'utf8').startsWith(`${READ_SYSCALL} 0x0 `);
}

/**
 * Waits until the program `pid` in `side` has read the keys sent after it made `readsBefore`
 * reads and waits for the next one (it has drawn the whole screen then), and `side` shows that
 * screen: `ready`, and the same on two captures in a row (tmux may still be parsing the last
 * bytes the program wrote). Returns its text.
 */
async function waitingForKey(side: Side, pid: number, readsBefore: number, ready: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + START_MS;
  let last = '';
  while (Date.now() < deadline) {
    const now = side.text();
    if (readCalls(pid) > readsBefore && waitsForKey(pid) && ready(now) && now === last) return now;
    last = now;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${side.describe()}`);
}

// vttest (Thomas Dickey's VT100 test program), its menus 1-3 screen by screen: cursor
// movements; screen features (wrap, tabs, 80/132 columns, scrolling, origin mode, attributes);
// character sets. Each screen ends with "Push <RETURN>"; the menu comes back at the end.
describe('fidelity: vttest', () => {
  const MENU = 'Enter choice number';
  const PUSH = 'Push <RETURN>';
  const shown = (text: string) => text.includes(PUSH) || text.includes(MENU);

  for (const [menu, title] of [[1, 'cursor movements'], [2, 'screen features'], [3, 'character sets']] as const) {
    it.skipIf(!haveVttest)(`menu ${menu}, ${title}: every screen as tmux shows it`, async () => {
      const ws = workspace();
      const pair = await startProgram(ws, 'vttest', (s) => s.includes(MENU), { cols: 80, rows: 24 });
      await expectSameView(pair);
      if (!(pair.reference instanceof ReferencePane)) throw new Error('vttest runs in a plain reference pane');
      const vttest = pair.reference.programPid('vttest');
      let reads = readCalls(vttest);
      keysBoth(pair, String(menu), 'Enter');
      for (let screen = 1; screen < 40; screen++) {
        const text = await waitingForKey(pair.reference, vttest, reads, shown);
        await expectSameView(pair, `vttest ${menu}, screen ${screen}`, VTTEST_DEPARTURES[`${menu}.${screen}`]);
        if (text.includes(MENU)) return;
        reads = readCalls(vttest);
        keysBoth(pair, 'Enter');
      }
      throw new Error(`vttest ${menu} never came back to its menu`);
    }, 240_000);
  }
});
