// Input reaching a pane: keys (Alt/Meta, function keys, application cursor mode) arrive as the
// bytes tmux would send for the same keys, bracketed paste only for programs that asked for it,
// and mouse clicks focus a pane and reach a program that asked for mouse reports, with
// coordinates translated to the pane. A small reader in the pane logs every byte it receives
// to a file (raw mode, no echo), so the bytes are compared exactly, not as drawn.
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OuterTerminal, shq, sleep } from './harness.js';

/** The distribution's python starts in ~0.1 s; a pyenv shim takes a second. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
/** How long to wait for bytes to arrive, or to be sure none will. */
const ARRIVAL_MS = 5_000;
/**
 * Typed after the input under test: tmx hands a pane its input in order, so once the marker is
 * in the log, whatever the earlier input made the pane receive is there before it. Proves that
 * nothing extra came, without waiting a fixed time for it.
 */
const MARKER = '#';

/** Puts the tty in raw mode, writes the mode-setting bytes (hex), says READY, logs all input. */
const READER = `import os, sys, tty
tty.setraw(0)
log = open(sys.argv[1], 'ab', buffering=0)
os.write(1, bytes.fromhex(sys.argv[2]) + b'READY\\r\\n')
while True:
    data = os.read(0, 1024)
    if not data:
        break
    log.write(data)
`;

const CSI = '\x1b[';
const hex = (text: string) => Buffer.from(text, 'latin1').toString('hex');

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

interface Workspace {
  dir: string;
  reader: string;
}

function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'tmx-input-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const reader = join(dir, 'reader.py');
  writeFileSync(reader, READER);
  return { dir, reader };
}

/** The shell command that runs the reader, logging to `log`, after writing `modes`. */
function readerCommand(ws: Workspace, log: string, modes = ''): string {
  return [PYTHON, ws.reader, join(ws.dir, log), hex(modes) || '""'].map((w) => (w === '""' ? w : shq(w))).join(' ');
}

function logOf(ws: Workspace, log: string): string {
  const file = join(ws.dir, log);
  return existsSync(file) ? readFileSync(file, 'latin1') : '';
}

async function until(test: () => boolean, what: () => string, timeoutMs = ARRIVAL_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (test()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what()}`);
}

/**
 * Types MARKER into `t`'s focused pane; resolves once it ends `log` past `expected`'s length:
 * everything typed before it is there too. (The marker may also be one of the input's own
 * bytes, as the release in an X10 mouse report, `ESC [ M #..`: only the last byte counts.)
 */
async function typeMarker(t: OuterTerminal, ws: Workspace, log: string, expected: string): Promise<void> {
  t.type(MARKER);
  const arrived = (): boolean => {
    const text = logOf(ws, log);
    return text.length >= expected.length + MARKER.length && text.endsWith(MARKER);
  };
  await until(arrived, () => `the marker ${MARKER} in ${log}, got ${JSON.stringify(logOf(ws, log))}`);
}

/** Checks that `log` holds exactly `expected` (then the marker): nothing missing, nothing extra. */
async function expectLog(t: OuterTerminal, ws: Workspace, log: string, expected: string): Promise<void> {
  await typeMarker(t, ws, log, expected);
  expect(logOf(ws, log)).toBe(expected + MARKER);
}

/** tmx running the reader in its one pane. */
async function tmxWithReader(ws: Workspace, modes = '', cols = 80, rows = 24): Promise<OuterTerminal> {
  const t = OuterTerminal.start({ cols, rows, args: ['--', 'sh', '-c', readerCommand(ws, 'tmx.log', modes)] });
  cleanups.push(() => t.close());
  await t.waitFor('READY');
  return t;
}

/** A plain tmux pane running the reader: the bytes tmux sends for keys. */
class ReferenceReader {
  readonly socket = `tmx-input-ref-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(ws: Workspace, modes = '') {
    const env = `env TERM=xterm-256color LANG=C.UTF-8 ${readerCommand(ws, 'reference.log', modes)}`;
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-x', '80', '-y', '22', env);
    cleanups.push(() => {
      try {
        this.tmux('kill-server');
      } catch {
        // Already gone.
      }
    });
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async ready(): Promise<void> {
    await until(() => this.tmux('capture-pane', '-p').includes('READY'), () => 'the reference reader');
  }
}

/** Both running the reader with `modes`; `send` types the same keys into each. */
async function compareKeys(modes: string, keys: string[]): Promise<{ tmx: string; reference: string }> {
  const ws = workspace();
  const reference = new ReferenceReader(ws, modes);
  const t = await tmxWithReader(ws, modes);
  await reference.ready();
  // One key per send-keys, so escape-time never joins two keys into one.
  for (const key of keys) {
    reference.tmux('send-keys', key);
    t.keys(key);
  }
  await until(() => logOf(ws, 'reference.log').length > 0, () => 'the reference to receive keys');
  await until(
    () => logOf(ws, 'tmx.log') === logOf(ws, 'reference.log'),
    () => `tmx to receive what tmux sends: ${JSON.stringify(logOf(ws, 'reference.log'))}, got ${JSON.stringify(logOf(ws, 'tmx.log'))}`,
  ).catch(() => {});
  return { tmx: logOf(ws, 'tmx.log'), reference: logOf(ws, 'reference.log') };
}

describe('keys reach the pane as the bytes tmux sends', () => {
  const keys = [
    'a', 'Z', 'C-a', 'C-z', 'Tab', 'BTab', 'Enter', 'BSpace', 'Space',
    'M-x', 'M-X', 'M-1', 'M-Enter', 'M-Tab', 'M-BSpace', 'C-M-a',
    'Up', 'Down', 'Right', 'Left', 'C-Up', 'S-Down', 'M-Right', 'C-M-Left',
    'IC', 'DC', 'PPage', 'NPage', 'C-PPage', 'S-DC',
    'F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12', 'S-F1', 'C-F5', 'M-F12',
    'é', '日',
  ];

  it('in normal cursor mode: Alt/Meta, Ctrl, function and editing keys', async () => {
    const { tmx, reference } = await compareKeys('', keys);
    expect(tmx).toBe(reference);
    expect(tmx).toContain(`${CSI}A`); // Up, as in normal cursor mode
    expect(tmx).toContain('\x1bx'); // M-x
    expect(tmx).toContain('\x1bOP'); // F1
    expect(tmx).toContain(`${CSI}15~`); // F5
  });

  it('in application cursor mode (ESC[?1h) cursor keys are ESC O A, as tmux sends', async () => {
    const { tmx, reference } = await compareKeys(`${CSI}?1h`, ['Up', 'Down', 'Right', 'Left', 'C-Up', 'F1']);
    expect(tmx).toBe(reference);
    expect(tmx.startsWith('\x1bOA\x1bOB\x1bOC\x1bOD')).toBe(true);
  });

  it('Home and End as the pane terminal (xterm-256color) describes them', async () => {
    // tmux sends Home/End as ESC[1~ and ESC[4~ in normal cursor mode (its own terminal's keys),
    // while tmx's panes have TERM=xterm-256color, whose khome/kend are ESC O H / ESC O F in
    // application mode and ESC[H / ESC[F otherwise (what xterm sends); tmx sends those.
    const ws = workspace();
    const t = await tmxWithReader(ws);
    t.keys('Home');
    t.keys('End');
    await expectLog(t, ws, 'tmx.log', `${CSI}H${CSI}F`);
    const app = workspace();
    const t2 = await tmxWithReader(app, `${CSI}?1h`);
    t2.keys('Home');
    t2.keys('End');
    await expectLog(t2, app, 'tmx.log', '\x1bOH\x1bOF');
  });
});

describe('bracketed paste', () => {
  const TEXT = 'pasted text\nsecond line';

  /** Pastes TEXT through the outer terminal as a terminal does (bracketed when tmx asked). */
  function paste(t: OuterTerminal): void {
    t.tmux('set-buffer', '-b', 'fidelity', TEXT);
    t.tmux('paste-buffer', '-p', '-b', 'fidelity', '-t', 'outer');
  }

  it('reaches a program that enabled ESC[?2004h wrapped in paste markers', async () => {
    const ws = workspace();
    const t = await tmxWithReader(ws, `${CSI}?2004h`);
    paste(t);
    // paste-buffer turns line feeds into carriage returns, as typed Enter would be.
    await expectLog(t, ws, 'tmx.log', `${CSI}200~pasted text\rsecond line${CSI}201~`);
  });

  it('reaches a program that did not as plain text', async () => {
    const ws = workspace();
    const t = await tmxWithReader(ws);
    paste(t);
    await expectLog(t, ws, 'tmx.log', 'pasted text\rsecond line');
  });
});

describe('mouse', () => {
  /** SGR mouse report as the outer terminal sends it; x, y 0-based screen cells. */
  const sgrMouse = (button: number, x: number, y: number, release = false) => `${CSI}<${button};${x + 1};${y + 1}${release ? 'm' : 'M'}`;

  /** Raw bytes from the outer terminal to tmx, as a real terminal would write them. */
  function sendRaw(t: OuterTerminal, bytes: string): void {
    t.tmux('send-keys', '-t', 'outer', '-H', ...[...Buffer.from(bytes, 'latin1')].map((b) => b.toString(16)));
  }

  /**
   * tmx with a shell in pane 0 (left) and the reader in pane 1 (right, focused). The right pane
   * starts at column 41 (40 + the separator); its content starts at row 1 (row 0 is its border).
   */
  async function splitWithReader(ws: Workspace, modes: string): Promise<OuterTerminal> {
    const t = OuterTerminal.start({ cols: 80, rows: 24 });
    cleanups.push(() => t.close());
    await t.waitFor(/^\$/m);
    t.prefix(':');
    await t.waitFor(/^:/m);
    t.type(`split-window -h ${readerCommand(ws, 'tmx.log', modes)}`);
    t.keys('Enter');
    await t.waitFor('READY');
    await t.waitForFocus(1);
    return t;
  }
  const PANE_X = 41;
  const PANE_Y = 1;

  it('a click focuses the pane under it', async () => {
    const ws = workspace();
    const t = await splitWithReader(ws, '');
    sendRaw(t, sgrMouse(0, 10, 5) + sgrMouse(0, 10, 5, true));
    await t.waitForFocus(0);
    sendRaw(t, sgrMouse(0, 60, 8) + sgrMouse(0, 60, 8, true));
    await t.waitForFocus(1);
    // The reader did not ask for mouse reports: the clicks must not reach it as input.
    await expectLog(t, ws, 'tmx.log', '');
  });

  it('reaches a program that asked for SGR reports (1000 + 1006), translated to the pane', async () => {
    const ws = workspace();
    const t = await splitWithReader(ws, `${CSI}?1000h${CSI}?1006h`);
    sendRaw(t, sgrMouse(0, 50, 5) + sgrMouse(0, 50, 5, true) + sgrMouse(64, 45, 3));
    // Pane-relative and 1-based: x 50 - 41 + 1 = 10, y 5 - 1 + 1 = 5.
    const x = 50 - PANE_X + 1;
    const y = 5 - PANE_Y + 1;
    await expectLog(t, ws, 'tmx.log', `${CSI}<0;${x};${y}M${CSI}<0;${x};${y}m${CSI}<64;${45 - PANE_X + 1};${3 - PANE_Y + 1}M`);
  });

  it('reaches a program that asked for X10-encoded reports (1000 only)', async () => {
    const ws = workspace();
    const t = await splitWithReader(ws, `${CSI}?1000h`);
    sendRaw(t, sgrMouse(2, 50, 5) + sgrMouse(2, 50, 5, true));
    const x = 50 - PANE_X + 1;
    const y = 5 - PANE_Y + 1;
    const x10 = (button: number) => `${CSI}M${String.fromCharCode(32 + button, 32 + x, 32 + y)}`;
    // X10 has no button number for a release: 3 means "released".
    await expectLog(t, ws, 'tmx.log', x10(2) + x10(3));
  });

  it('a click on a pane border focuses without reaching the program', async () => {
    const ws = workspace();
    const t = await splitWithReader(ws, `${CSI}?1000h${CSI}?1006h`);
    t.prefix('Left');
    await t.waitForFocus(0);
    sendRaw(t, sgrMouse(0, 60, 0) + sgrMouse(0, 60, 0, true));
    await t.waitForFocus(1);
    await expectLog(t, ws, 'tmx.log', '');
  });
});
