// The model runs without a terminal: the App with a fake pty factory and a fake screen whose
// output is replayed through an emulator, so tests read what a user would see.
import { describe, expect, it, vi } from 'vitest';
import { sessionApp } from '../support/fake-session.js';
import { App, utf8BytesMissing } from '../../src/app/app.js';
import { realTimers, type TimerPort } from '../../src/app/frame-scheduler.js';
import { StringDecoder } from 'node:string_decoder';
import { hostname } from 'node:os';
import { PassThrough, Writable } from 'node:stream';
import type { ProcessSpawner } from '../../src/coprocess/spawner.js';
import { defaultOptions } from '../../src/config/options.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX } from '../../src/keymap/default-bindings.js';
import type { PtyExit, PtyProcess, PtySpawnOptions } from '../../src/panes/pty.js';
import type { ScreenPort } from '../../src/ui/screen-port.js';
import { detectStyledUnderlines } from '../../src/ui/terminal-caps.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { Attr, CellGrid, COLOR_DEFAULT, palette16, palette256, underlineAttrs, UnderlineStyle } from '../../src/emulator/cells.js';
import { seededRandom } from '../support/random.js';

/** A pty whose "program" echoes input back and remembers its size. */
class FakePty implements PtyProcess {
  static nextPid = 4_000_000; // beyond pid_max: signals to it fail harmlessly
  readonly pid = FakePty.nextPid++;
  size: [number, number];
  written = '';
  /** Whether the "program" echoes what it is given (a test may hold the echo back). */
  echo = true;
  private dataListeners: Array<(d: Buffer) => void> = [];
  private exitListeners: Array<(e: PtyExit) => void> = [];
  constructor(readonly options: PtySpawnOptions) {
    this.size = [options.cols, options.rows];
  }
  write(data: string | Buffer): void {
    this.written += data.toString();
    if (this.echo) this.emit(data.toString());
  }
  emit(text: string): void {
    for (const l of this.dataListeners) l(Buffer.from(text));
  }
  exit(code = 0): void {
    for (const l of this.exitListeners) l({ exitCode: code });
  }
  resize(cols: number, rows: number): void {
    this.size = [cols, rows];
  }
  pause(): void {}
  resume(): void {}
  onData(listener: (d: Buffer) => void) {
    this.dataListeners.push(listener);
    return { dispose: () => (this.dataListeners = this.dataListeners.filter((l) => l !== listener)) };
  }
  onExit(listener: (e: PtyExit) => void) {
    this.exitListeners.push(listener);
    return { dispose: () => (this.exitListeners = this.exitListeners.filter((l) => l !== listener)) };
  }
  destroy(): void {}
  pendingWriteBytes(): number {
    return 0;
  }
}

class FakeScreen implements ScreenPort {
  readonly capabilities = { truecolor: true };
  /** The App drawing here (set by startApp): text() waits for its frames. */
  app: App | undefined;
  readonly lost = false;
  readonly view: Emulator;
  private input: (d: Buffer) => void = () => undefined;
  constructor(
    public cols = 80,
    public rows = 24,
  ) {
    this.view = new Emulator({ cols, rows, scrollback: 0 });
  }
  start(): void {}
  stop(): void {}
  setMouse(): void {}
  bells = 0;
  /** Everything written, escape sequences included. */
  raw = '';
  write(data: string): void {
    this.raw += data;
    if (data === '\x07') this.bells++;
    else this.view.write(data);
  }
  onInput(listener: (d: Buffer) => void): void {
    this.input = listener;
  }
  onResize(): void {}
  type(text: string): void {
    this.input(Buffer.from(text));
  }
  typeBytes(...bytes: number[]): void {
    this.input(Buffer.from(bytes));
  }
  async text(): Promise<string> {
    await this.drawn();
    return this.view.screenText();
  }

  /**
   * Until the App has drawn everything so far (every pane's output parsed, no frame waiting),
   * and this terminal has parsed it. A fixed sleep here (30 ms, once) lost the race under load:
   * the pane's parse and the frame timer ran after it, and the screen was read a frame early.
   */
  async drawn(): Promise<void> {
    // Not by writing '' to the panes' emulators: a parse, even of nothing, marks the cursor's
    // row changed, and the next echo would wait for a frame instead of being drawn ahead.
    const deadline = Date.now() + DRAWN_TIMEOUT_MS;
    for (;;) {
      await new Promise((r) => setImmediate(r)); // a frame asked for "after this callback" is drawn
      if (!this.app || this.app.settled) break;
      if (Date.now() > deadline) throw new Error(`the App never finished drawing (${DRAWN_TIMEOUT_MS} ms)`);
      await new Promise((r) => setTimeout(r, 1));
    }
    await new Promise<void>((r) => this.view.write('', r));
  }
}

/** Far beyond any frame, even on a loaded machine: then something never stops drawing. */
const DRAWN_TIMEOUT_MS = 10_000;

function startApp(
  keys: { bindings: typeof DEFAULT_BINDINGS; prefix: string } = { bindings: DEFAULT_BINDINGS, prefix: DEFAULT_PREFIX },
  spawner?: ProcessSpawner,
  options = defaultOptions(),
  problems?: string[],
  timers?: TimerPort,
): { app: App; screen: FakeScreen; ptys: FakePty[]; exits: number[] } {
  const screen = new FakeScreen();
  const { app, ptys, exits } = sessionApp(screen, {
    makePty: (o) => new FakePty(o),
    ports: { ...(spawner ? { spawner } : {}), ...(timers ? { timers } : {}) },
    options,
    config: { bindings: keys.bindings, prefix: keys.prefix, problems },
    started: false,
  });
  screen.app = app;
  app.start();
  return { app, screen, ptys, exits };
}

describe('App without a terminal', () => {
  it('starts one pane sized to the window minus border and status rows', async () => {
    const { screen, ptys } = startApp();
    expect(ptys).toHaveLength(1);
    expect(ptys[0]!.size).toEqual([80, 22]);
    ptys[0]!.emit('hello from the program');
    const text = await screen.text();
    expect(text.split('\n')[1]!.trimEnd()).toBe('hello from the program');
    // tmux's default status line: [session] and the window list, the pane's title (the host name
    // until the program sets one, as tmux's) and the clock.
    const host = escapeRegExp(hostname().slice(0, 21));
    expect(text.split('\n')[23]).toMatch(new RegExp(`^\\[\\] 0:sh\\* +"${host}" \\d\\d:\\d\\d \\d\\d-[A-Z][a-z]{2}-\\d\\d$`));
  });

  it('routes prefix keys to commands and other keys to the focused pane', async () => {
    const { screen, ptys } = startApp();
    screen.type('abc');
    expect(ptys[0]!.written).toBe('abc');
    screen.type('\x02%'); // C-b %
    expect(ptys).toHaveLength(2);
    expect(ptys[0]!.size).toEqual([40, 22]);
    expect(ptys[1]!.size).toEqual([39, 22]);
    screen.type('xyz');
    expect(ptys[1]!.written).toBe('xyz');
    screen.type('\x02\x02'); // C-b C-b sends a literal C-b
    expect(ptys[1]!.written).toBe('xyz\x02');
    const text = await screen.text();
    // A split is no new window: the status line still lists one.
    expect(text.split('\n')[23]).toMatch(/^\[\] 0:sh\* /);
  });

  it('treats a character typed on its own (which skips the tokenizer) as the key it is', async () => {
    // A printable prefix, a root binding on a printable key, ESC + char (Meta), pane numbers.
    const bindings = {
      prefix: DEFAULT_BINDINGS.prefix,
      root: { ...DEFAULT_BINDINGS.root, '!': { command: 'split-window -h', note: '' } },
    };
    const { screen, ptys } = startApp({ bindings, prefix: '`' });
    screen.type('a');
    expect(ptys[0]!.written).toBe('a');
    screen.type('!'); // bound in the root table: runs, is not typed
    expect(ptys).toHaveLength(2);
    expect(ptys[1]!.written).toBe('');
    screen.type('`'); // the prefix
    screen.type('o'); // prefix o: the next pane
    screen.type('b');
    expect(ptys[0]!.written).toBe('ab');
    screen.type('\x1b');
    screen.type('x'); // completes ESC x: Meta-x, sent as ESC x
    expect(ptys[0]!.written).toBe('ab\x1bx');
    screen.type('`q'); // display-panes: a digit now picks a pane instead of being typed
    screen.type('1');
    screen.type('c');
    expect(ptys[0]!.written).toBe('ab\x1bx');
    expect(ptys[1]!.written).toBe('c');
    expect(await screen.text()).toContain('c');
  });

  it('decodes a character split across reads, also when a plain one follows its start', () => {
    const { screen, ptys } = startApp();
    screen.typeBytes(0xe4);
    screen.typeBytes(0xb8);
    screen.typeBytes(0xad);
    expect(ptys[0]!.written).toBe('中');
    screen.typeBytes(0xe4); // a broken start: the plain byte after it ends it, as a replacement
    screen.typeBytes(0x61);
    expect(ptys[0]!.written).toBe('中\ufffda');
  });

  it("reads how many bytes Node's UTF-8 decoder still waits for (the typed-character quick way needs it)", () => {
    const decoder = new StringDecoder('utf8');
    expect(utf8BytesMissing(decoder)).toBe(0);
    decoder.write(Buffer.from([0xe4]));
    expect(utf8BytesMissing(decoder)).toBe(2);
    decoder.write(Buffer.from([0xb8, 0xad]));
    expect(utf8BytesMissing(decoder)).toBe(0);
  });

  it("says on the pane's border while a coprocess is not reading, and no longer once it is", async () => {
    // A coprocess whose stdin takes nothing until told: past the queue limit the pane waits.
    const waiting: Array<() => void> = [];
    const stdin = new Writable({ write: (_chunk, _encoding, done) => void waiting.push(done) });
    const spawner: ProcessSpawner = () => ({
      pid: undefined, stdin, stdout: new PassThrough(), stderr: new PassThrough(),
      onExit: () => undefined, onError: () => undefined,
    });
    const { screen, ptys } = startApp(undefined, spawner);
    screen.type('\x02:run-coprocess slow-reader\r');
    const border = async (): Promise<string> => (await screen.text()).split('\n')[0]!;
    expect(await border()).not.toContain('[paused]');
    for (let i = 0; i < 24; i++) ptys[0]!.emit('x'.repeat(64 * 1024)); // 1.5 MiB, over the 1 MiB queue
    // Once the tee's batch has gone out the pane waits, and says so.
    await vi.waitFor(async () => expect(await border()).toContain('[paused]'), { timeout: 10_000 });
    ptys[0]!.emit('\r\nmore'); // frames of new contents only must keep the notice
    expect(await border()).toContain('[paused]');
    while (stdin.writableLength > 0) {
      waiting.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await border()).not.toContain('[paused]');
  });

  it('runs the command prompt and shows errors as messages', async () => {
    const { screen, ptys } = startApp();
    screen.type('\x02:split-window -h\r');
    expect(ptys).toHaveLength(2);
    screen.type('\x02:no-such-thing\r');
    expect(await screen.text()).toContain('unknown command: no-such-thing');
  });

  it('zooms, kills panes after confirmation, and exits 0 when the last pane ends', async () => {
    const { screen, ptys, exits } = startApp();
    screen.type('\x02%');
    screen.type('\x02z');
    expect(ptys[1]!.size).toEqual([80, 22]);
    screen.type('\x02z');
    expect(ptys[1]!.size).toEqual([39, 22]);
    screen.type('\x02x');
    expect(await screen.text()).toContain('kill-pane 1? (y/n)');
    screen.type('y');
    await screen.text();
    expect(ptys[0]!.size).toEqual([80, 22]);
    ptys[0]!.exit(0);
    // The exit is handled once the pane's last output is parsed: a few turns, more under load.
    for (let i = 0; i < 500 && exits.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(exits).toEqual([0]);
  });

  it('the rc-problems overlay (shown unasked) passes on the keys it does not use, after closing', async () => {
    const { screen, ptys } = startApp(undefined, undefined, undefined, ['~/.tmxrc.yaml: options.mouse: expected a boolean']);
    expect(await screen.text()).toContain('Problems in the rc file');
    screen.type('\x1b[B'); // Down scrolls it: nothing typed
    screen.type('j'); // a letter is typing here, not scrolling: it closes the overlay and goes on
    screen.type('obs\r');
    expect(ptys[0]!.written).toBe('jobs\r');
    expect(await screen.text()).not.toContain('Problems in the rc file');
    // The prefix too: C-b % splits at once.
    const next = startApp(undefined, undefined, undefined, ['a problem']);
    next.screen.type('\x02');
    next.screen.type('%');
    expect(next.ptys).toHaveLength(2);
    // q (or Escape) only closes it.
    const third = startApp(undefined, undefined, undefined, ['a problem']);
    third.screen.type('q');
    expect(await third.screen.text()).not.toContain('Problems in the rc file');
    third.screen.type('x');
    expect(third.ptys[0]!.written).toBe('x');
  });

  it('an overlay asked for (prefix ?) keeps its keys: letters scroll or are ignored, never typed', async () => {
    const { screen, ptys } = startApp();
    screen.type('\x02?');
    expect(await screen.text()).toContain('Key bindings');
    screen.type('j');
    screen.type('x');
    expect(ptys[0]!.written).toBe('');
    expect(await screen.text()).toContain('Key bindings');
  });

  it('cuts a program title to 256 characters and strips it of control characters', async () => {
    const { screen, ptys, app } = startApp();
    ptys[0]!.emit(`\x1b]2;${'T'.repeat(5000)}\x07`);
    await screen.text();
    expect(app.focusedPane()!.title()).toBe('T'.repeat(256));
    // Whatever sets a title, no control character reaches the outer terminal from the border.
    app.focusedPane()!.titleOverride = 'ev\x01il\x1b[31m\u0085title\x07';
    app.requestRender();
    const text = await screen.text();
    expect(text.split('\n')[0]).toMatch(/^─ 0: evil\[31mtitle ─+/);
  });

  it('keeps a message on the status line while output redraws the panes, and drops it once its time is up', async () => {
    // The App's clock stands still unless moved; the message's own timer (display-time, 2 s)
    // runs when the test says, the frame timers as usual.
    let now = 1_000;
    const due: Array<() => void> = [];
    const timers: TimerPort = {
      ...realTimers,
      now: () => now,
      setTimeout: (fn, ms) => (ms >= 1_000 ? void due.push(fn) : realTimers.setTimeout(fn, ms)),
    };
    const { app, screen, ptys } = startApp(undefined, undefined, undefined, undefined, timers);
    await screen.text();
    app.showMessage('hello');
    const shown = async () => (await screen.text()).split('\n').map((line) => line.trimEnd());
    for (let i = 0; i < 4; i++) {
      ptys[0]!.emit(`line ${i}\r\n`);
      const lines = await shown();
      expect(lines[1 + i]).toBe(`line ${i}`);
      expect(lines[23]).toBe('hello');
    }
    // Its timer, run a little before its time (a timer's clock can lag the App's): still up.
    now += 1_990;
    for (const fn of due.splice(0)) fn();
    ptys[0]!.emit('line 4\r\n');
    expect((await shown())[23]).toBe('hello');
    // Its time is up: a frame of output alone (nothing else changed) shows the status line.
    now += 20;
    ptys[0]!.emit('line 5\r\n');
    const lines = await shown();
    expect(lines[6]).toBe('line 5');
    expect(lines[23]).toMatch(/^\[\] 0:sh\*/);
  });

  it('rings the outer bell at most once per 100 ms, however many BELs a program prints', async () => {
    // The App's clock stands still unless moved: on a loaded machine parsing 10,000 BELs could
    // itself take over 100 ms of real time and rightly ring twice.
    let now = 1_000;
    const { screen, ptys } = startApp(undefined, undefined, undefined, undefined, { ...realTimers, now: () => now });
    ptys[0]!.emit('\x07'.repeat(10_000));
    await screen.text();
    expect(screen.bells).toBe(1);
    now += 99;
    ptys[0]!.emit('\x07');
    await screen.text();
    expect(screen.bells).toBe(1);
    now += 21;
    ptys[0]!.emit('\x07\x07');
    await screen.text();
    expect(screen.bells).toBe(2);
  });
});

describe('App: copy mode (a pane\'s history)', () => {
  /** 100 numbered lines: 22 on the screen (line 78 to line 99), 78 in the history. */
  async function paneWithHistory() {
    const app = startApp();
    app.ptys[0]!.emit(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\r\n'));
    await app.screen.text();
    return app;
  }
  const rows = async (screen: FakeScreen) => (await screen.text()).split('\n');
  /** How many cells of the pane (rows 1-22) are drawn reversed: a selection's. */
  const reversedCells = async (screen: FakeScreen): Promise<number> => {
    await screen.text();
    const grid = new CellGrid(screen.cols, screen.rows);
    screen.view.copyViewport(grid, 0, 0, screen.cols, screen.rows);
    let count = 0;
    for (let y = 1; y <= 22; y++) for (let x = 0; x < screen.cols; x++) if (grid.attrs[grid.index(x, y)]! & Attr.INVERSE) count++;
    return count;
  };

  it('C-b [ shows the history with a cursor the view follows; keys never reach the program; q goes back', async () => {
    const { screen, ptys } = await paneWithHistory();
    screen.type('\x02[');
    let shown = await rows(screen);
    expect(shown[0]).toContain('[0/78]');
    expect(shown[1]!.trim()).toBe('line 78');
    screen.type('k'.repeat(21)); // from line 99 to line 78, the view's first row: the view stays
    expect((await rows(screen))[1]!.trim()).toBe('line 78');
    expect(screen.view.cursorState()).toMatchObject({ y: 1, visible: true });
    screen.type('k'); // one more: the view follows
    shown = await rows(screen);
    expect(shown[1]!.trim()).toBe('line 77');
    expect(shown[0]).toContain('[1/78]');
    screen.type('\x1b[5~'); // PageUp: the pane's rows less one
    shown = await rows(screen);
    expect(shown[1]!.trim()).toBe('line 56');
    expect(shown[22]!.trim()).toBe('line 77');
    screen.type('g');
    expect((await rows(screen))[1]!.trim()).toBe('line 0');
    screen.type('x');
    screen.type('G');
    expect((await rows(screen))[0]).toContain('[0/78]'); // at the bottom, still in copy mode
    expect(ptys[0]!.written).toBe('');
    screen.type('q');
    shown = await rows(screen);
    expect(shown[0]).not.toContain('/78]');
    expect(shown[22]!.trim()).toBe('line 99');
    screen.type('x');
    await screen.text();
    expect(ptys[0]!.written).toBe('x');
  });

  it('v starts a selection, drawn reversed; Enter copies it and leaves; C-b ] pastes it, Enter as CR', async () => {
    const { screen, ptys } = await paneWithHistory();
    screen.type('\x02]');
    expect((await rows(screen))[23]).toContain('nothing copied yet');
    screen.type('\x02[');
    screen.type('k0vj$'); // from the start of line 98 to the end of line 99
    await screen.text();
    const grid = new CellGrid(screen.cols, screen.rows);
    screen.view.copyViewport(grid, 0, 0, screen.cols, screen.rows);
    const reversed = (y: number, x: number) => (grid.attrs[grid.index(x, y)]! & Attr.INVERSE) !== 0;
    expect([reversed(21, 0), reversed(21, 20), reversed(22, 6), reversed(22, 7), reversed(20, 0)]).toEqual([true, true, true, false, false]);
    screen.type('\r');
    const shown = await rows(screen);
    expect(shown[23]).toContain('Copied 15 characters on 2 lines');
    expect(shown[0]).not.toContain('/78]');
    // The outer terminal's clipboard too (OSC 52), as tmux's set-clipboard.
    expect(screen.raw).toContain(`\x1b]52;c;${Buffer.from('line 98\nline 99').toString('base64')}\x07`);
    screen.type('\x02]');
    await screen.text();
    expect(ptys[0]!.written).toBe('line 98\rline 99');
    // Escape drops a selection first, then leaves.
    screen.type('\x02[');
    screen.type('v');
    expect(await reversedCells(screen)).toBeGreaterThan(0);
    screen.type('\x1b'); // a lone ESC: Escape once escape-time has passed
    await vi.waitFor(async () => expect(await reversedCells(screen)).toBe(0), { timeout: 10_000 });
    expect((await rows(screen))[0]).toContain('[0/');
    screen.type('\x1b');
    await vi.waitFor(async () => expect((await rows(screen))[0]).not.toMatch(/\[\d+\/\d+\]/), { timeout: 10_000 });
  });

  it('copies stay inside tmx with copy-to-clipboard off, and when longer than clipboard-max-bytes', async () => {
    for (const options of [{ 'copy-to-clipboard': false }, { 'clipboard-max-bytes': 5 }]) {
      const { screen, ptys } = startApp(undefined, undefined, { ...defaultOptions(), ...options });
      ptys[0]!.emit('copy this line');
      await screen.text();
      screen.type('\x02[');
      screen.type('0v$\r');
      expect((await rows(screen))[23]).toContain('Copied 14 characters');
      expect(screen.raw).not.toContain('\x1b]52');
      screen.type('\x02]');
      await screen.text();
      expect(ptys[0]!.written).toBe('copy this line');
    }
  });

  it('the cursor and the selection keep their text while full history drops its oldest lines', async () => {
    const { screen, ptys } = startApp(undefined, undefined, { ...defaultOptions(), 'scrollback-lines': 50 });
    ptys[0]!.emit(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\r\n'));
    await screen.text();
    screen.type('\x02[');
    screen.type('kkkkk0v$'); // line 94, selected
    await screen.text();
    ptys[0]!.emit(Array.from({ length: 30 }, (_, i) => `\r\nmore ${i}`).join(''));
    await screen.text();
    screen.type('\r');
    await screen.text();
    screen.type('\x02]');
    await screen.text();
    expect(ptys[0]!.written).toBe('line 94');
  });

  it('search finds a match that runs over a wrap, and lands on its column after wide characters', async () => {
    const { screen, ptys } = startApp();
    // 75 dots then "wrapped" (columns 75 to 81 of 80: it wraps after "wrapp"); then wide text.
    ptys[0]!.emit(`${'.'.repeat(75)}wrapped\r\n\u6f22\u5b57\u6f22 mark\r\n$ `);
    await screen.text();
    screen.type('\x02[');
    screen.type('?wrapped\r');
    await screen.text();
    expect(screen.view.cursorState()).toMatchObject({ x: 75, y: 1 });
    screen.type('/mark\r');
    await screen.text();
    // Three wide characters take six columns, then a space: "mark" starts at column 7.
    expect(screen.view.cursorState()).toMatchObject({ x: 7, y: 3 });
  });

  it('/ and ? search down and up (around the ends), n and N again; a miss says so', async () => {
    const { screen } = await paneWithHistory();
    const cursorText = async () => {
      await screen.text();
      const { y } = screen.view.cursorState();
      return (await rows(screen))[y]!.trim();
    };
    screen.type('\x02[');
    screen.type('/line 5\r'); // down from line 99: round to the top
    expect(await cursorText()).toBe('line 5');
    expect((await rows(screen))[0]).toContain('[73/78]');
    screen.type('n');
    expect(await cursorText()).toBe('line 50');
    screen.type('N');
    expect(await cursorText()).toBe('line 5');
    screen.type('n'); // N did not turn the search round
    expect(await cursorText()).toBe('line 50');
    screen.type('N');
    screen.type('?line 9\r'); // up from line 5: round to the bottom
    expect(await cursorText()).toBe('line 99');
    screen.type('n');
    expect(await cursorText()).toBe('line 98');
    screen.type('/LINE 9\r'); // case-sensitive, as tmux's
    expect((await rows(screen))[23]).toContain('not found: LINE 9');
    screen.type('/nowhere\r');
    expect((await rows(screen))[23]).toContain('not found: nowhere');
    expect(await cursorText()).toBe('line 98');
  });

  /** Where the fake terminal's cursor is, as "row,column", once the frame is drawn. */
  const cursorAt = async (screen: FakeScreen) => {
    await screen.text();
    const { x, y } = screen.view.cursorState();
    return `${y},${x}`;
  };

  it('w, b and e move by words, on across line ends', async () => {
    const { screen, ptys } = startApp();
    ptys[0]!.emit('alpha beta  gamma\r\ndelta-1 epsilon\r\n$ ');
    await screen.text();
    screen.type('\x02[');
    screen.type('kk0'); // "alpha" on the pane's first row
    const at = () => cursorAt(screen);
    expect(await at()).toBe('1,0');
    screen.type('w');
    expect(await at()).toBe('1,6'); // beta
    screen.type('w');
    expect(await at()).toBe('1,12'); // gamma, past two blanks
    screen.type('e');
    expect(await at()).toBe('1,16');
    screen.type('w');
    expect(await at()).toBe('2,0'); // delta-1 on the next line
    screen.type('e');
    expect(await at()).toBe('2,6');
    screen.type('b');
    expect(await at()).toBe('2,0');
    screen.type('b');
    expect(await at()).toBe('1,12'); // back to gamma on the line above
  });

  it('word motions count columns after wide characters, and a wrapped line is one line', async () => {
    const { screen, ptys } = startApp();
    // Row 1: wide text then words; rows 2 and 3: one line wrapped inside "wrapped-word".
    ptys[0]!.emit(`\u6f22\u5b57 alpha beta\r\n${'.'.repeat(74)} wrapped-word tail\r\n$ `);
    await screen.text();
    screen.type('\x02[');
    screen.type('kkk0');
    const at = () => cursorAt(screen);
    expect(await at()).toBe('1,0');
    screen.type('$');
    expect(await at()).toBe('1,14'); // the last character of "beta", counted in columns
    screen.type('0w');
    expect(await at()).toBe('1,5'); // alpha: two wide characters and a blank before it
    screen.type('e');
    expect(await at()).toBe('1,9');
    screen.type('ww');
    expect(await at()).toBe('2,0'); // the dots on the next line
    screen.type('w');
    expect(await at()).toBe('2,75'); // wrapped-word, which runs onto the next row
    screen.type('e');
    expect(await at()).toBe('3,6');
    screen.type('w');
    expect(await at()).toBe('3,8'); // tail
  });

  it('ends when the program switches screens (a full-screen program starts)', async () => {
    const { screen, ptys } = await paneWithHistory();
    screen.type('\x02[');
    screen.type('k'.repeat(30));
    expect((await rows(screen))[0]).toContain('[9/78]');
    ptys[0]!.emit('\x1b[?1049h\x1b[Hfull-screen');
    const shown = await rows(screen);
    expect(shown[0]).not.toMatch(/\[\d+\/\d+\]/);
    expect(shown[1]!.trim()).toBe('full-screen');
    screen.type('x');
    await screen.text();
    expect(ptys[0]!.written).toBe('x');
  });

  it('C-b PageUp starts a page back; the prefix keys still work in copy mode', async () => {
    const { screen } = await paneWithHistory();
    screen.type('\x02\x1b[5~');
    expect((await rows(screen))[1]!.trim()).toBe('line 57');
    screen.type('\x02:');
    expect((await rows(screen))[23]).toMatch(/^:/);
  });

  it('new output leaves the view where it is, and the place in the border follows', async () => {
    const { screen, ptys } = await paneWithHistory();
    screen.type('\x02[');
    screen.type('k'.repeat(26)); // line 99 to line 73: the view follows 5 lines back
    expect((await rows(screen))[1]!.trim()).toBe('line 73');
    ptys[0]!.emit(Array.from({ length: 10 }, (_, i) => `\r\nmore ${i}`).join(''));
    const shown = await rows(screen);
    expect(shown[1]!.trim()).toBe('line 73');
    expect(shown[0]).toContain('[15/88]');
  });

  it('the wheel over a program that takes no mouse scrolls the history, and leaves it back at the bottom', async () => {
    const { screen, ptys } = await paneWithHistory();
    screen.type('\x1b[<64;10;5M'); // wheel up, SGR report
    let shown = await rows(screen);
    expect(shown[0]).toContain('[3/78]');
    expect(shown[1]!.trim()).toBe('line 75');
    screen.type('\x1b[<65;10;5M\x1b[<65;10;5M'); // down twice: past the bottom
    shown = await rows(screen);
    expect(shown[0]).not.toContain('/78]');
    expect(shown[22]!.trim()).toBe('line 99');
    // A program that asked for the mouse gets the wheel instead.
    ptys[0]!.emit('\x1b[?1000h\x1b[?1006h');
    await screen.text();
    screen.type('\x1b[<64;10;5M');
    expect((await rows(screen))[0]).not.toContain('/78]');
    expect(ptys[0]!.written).toContain('\x1b[<64;');
  });

  it('C-v (or R) makes the selection a rectangle: the same columns of every line', async () => {
    const { screen } = await paneWithHistory();
    screen.type('\x02[');
    screen.type('0kkv' + 'l'.repeat(5) + 'jj'); // line 97 column 0 to line 99 column 5
    screen.type('\x16'); // C-v
    await screen.text();
    const grid = new CellGrid(screen.cols, screen.rows);
    screen.view.copyViewport(grid, 0, 0, screen.cols, screen.rows);
    const reversed = (y: number, x: number) => (grid.attrs[grid.index(x, y)]! & Attr.INVERSE) !== 0;
    // Rows 20 to 22 show lines 97 to 99: columns 0 to 5 of each, nothing past them.
    expect([reversed(20, 0), reversed(20, 5), reversed(20, 6), reversed(21, 0), reversed(22, 5), reversed(22, 6)])
      .toEqual([true, true, false, true, true, false]);
    screen.type('\r');
    await screen.text();
    expect(screen.raw).toContain(`\x1b]52;c;${Buffer.from('line 9\nline 9\nline 9').toString('base64')}\x07`);
  });

  it('a drag over a program that takes no mouse selects, and the release copies it, as tmux\'s', async () => {
    const { screen, ptys } = await paneWithHistory();
    // A click alone is only a click.
    screen.type('\x1b[<0;3;21M\x1b[<0;3;21m');
    expect((await rows(screen))[0]).not.toMatch(/\[\d+\/\d+\]/);
    // From the start of line 97 (row 21, the pane's 20th) to the 7th cell of line 98.
    screen.type('\x1b[<0;1;21M\x1b[<32;4;21M\x1b[<32;7;22M');
    await screen.text();
    const grid = new CellGrid(screen.cols, screen.rows);
    screen.view.copyViewport(grid, 0, 0, screen.cols, screen.rows);
    const reversed = (y: number, x: number) => (grid.attrs[grid.index(x, y)]! & Attr.INVERSE) !== 0;
    expect([reversed(20, 0), reversed(21, 6), reversed(21, 7), reversed(19, 0)]).toEqual([true, true, false, false]);
    screen.type('\x1b[<0;7;22m');
    const shown = await rows(screen);
    expect(shown[23]).toContain('Copied 15 characters on 2 lines');
    expect(shown[0]).not.toMatch(/\[\d+\/\d+\]/);
    expect(screen.raw).toContain(`\x1b]52;c;${Buffer.from('line 97\nline 98').toString('base64')}\x07`);
    expect(ptys[0]!.written).toBe('');
  });

  it('a selection from a wide character\'s right half copies all of it', async () => {
    const { screen, ptys } = startApp();
    ptys[0]!.emit('\u6f22\u5b57 test');
    await screen.text();
    screen.type('\x1b[<0;2;2M\x1b[<32;3;2M\x1b[<0;3;2m'); // the pane's first row, cells 1 to 2
    await screen.text();
    expect(screen.raw).toContain(`\x1b]52;c;${Buffer.from('\u6f22\u5b57').toString('base64')}\x07`);
  });

  it('a double click copies the word under the pointer, a triple click the line, as tmux\'s', async () => {
    // The App's clock moves only when the test moves it: clicks typed together are at one time.
    let now = 1_000;
    const { screen, ptys } = startApp(undefined, undefined, undefined, undefined, { ...realTimers, now: () => now });
    ptys[0]!.emit('first line\r\nsome words: alpha-beta gamma\r\n$ ');
    await screen.text();
    const click = '\x1b[<0;16;3M\x1b[<0;16;3m'; // the pane's second row, column 15: in "alpha-beta"
    screen.type(click + click);
    await screen.text();
    expect(screen.raw).toContain(`\x1b]52;c;${Buffer.from('alpha-beta').toString('base64')}\x07`);
    expect((await screen.text()).split('\n')[0]).not.toMatch(/\[\d+\/\d+\]/);
    now += 350; // past the double-click time (300 ms): the next click starts afresh
    const beforeTriple = screen.raw.length;
    screen.type(click + click + click);
    await screen.text();
    expect(screen.raw.slice(beforeTriple)).toContain(`\x1b]52;c;${Buffer.from('some words: alpha-beta gamma').toString('base64')}\x07`);
    // A fourth click starts again: a click, which copies nothing.
    const beforeFourth = screen.raw.length;
    screen.type(click);
    await screen.text();
    expect(screen.raw.slice(beforeFourth)).not.toContain('\x1b]52');
    // On a blank nothing is copied; far apart in time, two clicks are two clicks.
    const before = screen.raw.length;
    screen.type('\x1b[<0;40;3M\x1b[<0;40;3m\x1b[<0;40;3M\x1b[<0;40;3m');
    await screen.text();
    expect(screen.raw.slice(before)).not.toContain('\x1b]52');
    screen.type(click);
    now += 350;
    screen.type(click);
    await screen.text();
    expect(screen.raw.slice(before)).not.toContain('\x1b]52');
    expect(ptys[0]!.written).toBe('');
  });

  it('a drag past the top of its pane scrolls the history a line at a time', async () => {
    const { screen } = await paneWithHistory();
    screen.type('\x1b[<0;5;3M'); // line 79
    for (let i = 0; i < 4; i++) screen.type('\x1b[<32;5;1M'); // over the border row, four times
    const shown = await rows(screen);
    expect(shown[0]).toContain('[4/78]');
    expect(shown[1]!.trim()).toBe('line 74');
    screen.type('\x1b[<0;5;1m');
    expect((await rows(screen))[23]).toContain('Copied');
  });

  it('a program that asked for the mouse gets the drag instead', async () => {
    const { screen, ptys } = await paneWithHistory();
    ptys[0]!.emit('\x1b[?1002h\x1b[?1006h');
    await screen.text();
    screen.type('\x1b[<0;1;21M\x1b[<32;7;22M\x1b[<0;7;22m');
    expect((await rows(screen))[0]).not.toMatch(/\[\d+\/\d+\]/);
    expect(ptys[0]!.written).toContain('\x1b[<32;7;21M');
    // In copy mode the mouse is copy mode's, as in tmux: the drag selects and copies.
    ptys[0]!.written = '';
    screen.type('\x02[');
    screen.type('\x1b[<0;1;21M\x1b[<32;7;22M\x1b[<0;7;22m');
    expect((await rows(screen))[23]).toContain('Copied 15 characters on 2 lines');
    expect(ptys[0]!.written).toBe('');
  });
});

describe('App: styled underlines (option styled-underlines)', () => {
  /** The attributes and underline colour the fake terminal shows for a curly, red underline. */
  async function curlyRedUnderline(choice: string): Promise<[number, number]> {
    const { screen, ptys } = startApp(undefined, undefined, { ...defaultOptions(), 'styled-underlines': choice });
    ptys[0]!.emit('\x1b[4:3;58:5:196mcurly\x1b[0m');
    await shownCells(screen);
    const grid = new CellGrid(screen.cols, screen.rows);
    screen.view.copyViewport(grid, 0, 0, screen.cols, screen.rows);
    const i = grid.index(0, 1); // the pane's first row, under its border
    expect(grid.chars[i]).toBe('c');
    return [grid.attrs[i]!, grid.ul[i]!];
  }

  it('are drawn when turned on, on a terminal not known to draw them', async () => {
    expect(await curlyRedUnderline('on')).toEqual([underlineAttrs(UnderlineStyle.CURLY), palette256(196)]);
  });

  it('are known to be drawn inside tmux and by kitty, foot, WezTerm and Ghostty, and nowhere else', () => {
    const known = [{ TMUX: '/tmp/tmux-0/default,1,0', TERM: 'screen' }, { TERM: 'tmux-256color' }, { TERM: 'xterm-kitty' },
      { TERM: 'foot' }, { TERM: 'wezterm' }, { TERM: 'xterm-ghostty' }, { TERM: 'xterm-256color', TERM_PROGRAM: 'WezTerm' }];
    for (const env of known) expect(detectStyledUnderlines(env), JSON.stringify(env)).toBe(true);
    for (const env of [{ TERM: 'xterm-256color' }, { TERM: 'screen-256color' }, { TERM: 'linux' }, {}]) {
      expect(detectStyledUnderlines(env), JSON.stringify(env)).toBe(false);
    }
  });

  it('are plain underlines by default on such a terminal, and when turned off', async () => {
    expect(await curlyRedUnderline('auto')).toEqual([Attr.UNDERLINE, COLOR_DEFAULT]);
    expect(await curlyRedUnderline('off')).toEqual([Attr.UNDERLINE, COLOR_DEFAULT]);
  });
});

/** Every cell of what the fake terminal shows (character, colours, attributes), once parsed. */
async function shownCells(screen: FakeScreen): Promise<string[]> {
  await screen.drawn();
  const grid = new CellGrid(screen.cols, screen.rows);
  screen.view.copyViewport(grid, 0, 0, screen.cols, screen.rows);
  const cursor = screen.view.cursorState();
  const rows = [`cursor ${cursor.x},${cursor.y} ${cursor.visible}`];
  for (let y = 0; y < grid.height; y++) {
    let row = '';
    for (let i = y * grid.width; i < (y + 1) * grid.width; i++) row += `${grid.chars[i]}:${grid.fg[i]}:${grid.bg[i]}:${grid.attrs[i]} `;
    rows.push(row);
  }
  return rows;
}

/** Output a program might print: text, colours, cursor moves, erases, scrolls, wide characters. */
function randomOutput(rand: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!;
  let out = '';
  for (let i = 0, n = 1 + Math.floor(rand() * 6); i < n; i++) {
    out += pick([
      () => 'word '.repeat(1 + Math.floor(rand() * 12)),
      () => '\r\n',
      () => `\x1b[${30 + Math.floor(rand() * 8)};${rand() < 0.5 ? 1 : 4}m`,
      () => `\x1b[38;2;${Math.floor(rand() * 256)};9;200mtrue\x1b[0m`,
      () => `\x1b[${1 + Math.floor(rand() * 24)};${1 + Math.floor(rand() * 40)}H`,
      () => pick(['\x1b[K', '\x1b[1K', '\x1b[J', '\x1b[2J']),
      () => pick(['\x1b[2L', '\x1b[M', '\x1b[3S', '\x1b[T']),
      () => '漢字😀',
      () => pick(['\x1b[?1049h', '\x1b[?1049l']),
      () => '\n'.repeat(Math.floor(rand() * 30)),
      // The border's title and the cursor change with output too.
      () => `\x1b]2;title ${Math.floor(rand() * 5)}\x07`,
      () => pick(['\x1b[?25l', '\x1b[?25h']),
    ])();
  }
  return out;
}

describe("App: a typed key's echo", () => {
  /** Character and foreground colour of the fake terminal's cell (x, y), once parsed. */
  async function shownCell(screen: FakeScreen, x: number, y: number): Promise<string> {
    await new Promise<void>((r) => screen.view.write('', r));
    const grid = new CellGrid(screen.cols, screen.rows);
    screen.view.copyViewport(grid, 0, 0, screen.cols, screen.rows);
    return `${grid.chars[y * screen.cols + x]}:${grid.fg[y * screen.cols + x]}`;
  }

  it('is written as the character alone as soon as it arrives, and the frame after its parse adds nothing', async () => {
    const { screen, ptys } = startApp();
    ptys[0]!.emit('$ ');
    await screen.text();
    const before = screen.raw.length;
    screen.type('x'); // the fake program echoes it within the write, before any frame can run
    expect(screen.raw.slice(before)).toBe('x');
    expect((await screen.text()).split('\n')[1]!.trimEnd()).toBe('$ x');
    expect(screen.raw.slice(before)).toBe('x');
    expect(screen.view.cursorState()).toMatchObject({ x: 3, y: 1 });
    // Key after key, each frame in between.
    screen.type('y');
    await screen.text();
    screen.type('z');
    expect((await screen.text()).split('\n')[1]!.trimEnd()).toBe('$ xyz');
    expect(screen.raw.slice(before)).toBe('xyz');
  });

  it('drawn ahead, leaves its parse to the emulator\'s timer: the read that brought it returns at once', async () => {
    const { app, screen, ptys } = startApp();
    ptys[0]!.emit('$ ');
    await screen.text();
    const before = screen.raw.length;
    screen.type('x');
    expect(screen.raw.slice(before)).toBe('x');
    // Not parsed yet: the echo's read callback ended with the write, so tmx sleeps and the
    // terminal that must show it gets the CPU (bench/README.md, "Idle echo through the server").
    expect(app.focusedPane()!.emulator.rowText(0).trimEnd()).toBe('$');
    await vi.waitFor(() => expect(app.focusedPane()!.emulator.rowText(0).trimEnd()).toBe('$ x'));
    // Not drawn ahead (a coloured pen): parsed at once, as any first output after a key.
    ptys[0]!.emit('\x1b[31m');
    await screen.text();
    screen.type('y');
    expect(app.focusedPane()!.emulator.rowText(0).trimEnd()).toBe('$ xy');
  });

  it('waits for its frame when the program set a colour, or a message is up', async () => {
    const { app, screen, ptys } = startApp();
    ptys[0]!.emit('$ \x1b[31m');
    await screen.text();
    let before = screen.raw.length;
    screen.type('x');
    expect(screen.raw.slice(before)).toBe('');
    await screen.text();
    expect(await shownCell(screen, 2, 1)).toBe(`x:${palette16(1)}`);

    ptys[0]!.emit('\x1b[0m');
    await screen.text();
    app.showMessage('hello');
    await screen.text();
    before = screen.raw.length;
    screen.type('y');
    expect(screen.raw.slice(before)).toBe('');
    expect((await screen.text()).split('\n')[1]!.trimEnd()).toBe('$ xy');
  });

  it("waits for its frame when it comes after the focus moved to another pane", async () => {
    const { screen, ptys } = startApp();
    screen.type('\x02%');
    await screen.text();
    ptys[1]!.echo = false;
    screen.type('x');
    screen.type('\x02o');
    await screen.text();
    const before = screen.raw.length;
    ptys[1]!.emit('x'); // the echo, late: the terminal's cursor is in the left pane now
    expect(screen.raw.slice(before)).toBe('');
    const row = (await screen.text()).split('\n')[1]!;
    expect(row.slice(0, 40).trim()).toBe('');
    expect(row.slice(41).trimEnd()).toBe('x');
  });
});

describe('frames that redraw only changed pane rows', () => {
  it('leave the terminal exactly as a whole redraw would, with two panes printing, retitling and typing at random', async () => {
    const rand = seededRandom(20261123);
    const { app, screen, ptys } = startApp();
    screen.type('\x02%');
    for (let round = 0; round < 25; round++) {
      for (let k = 0; k < 1 + Math.floor(rand() * 3); k++) {
        const pty = ptys[Math.floor(rand() * ptys.length)]!;
        pty.emit(randomOutput(rand));
        if (rand() < 0.5) await screen.drawn(); // several frames per round
      }
      if (rand() < 0.3) screen.type('typed'); // the fake program echoes it
      // Keys one at a time, frames between: echoes drawn ahead of their parse where they can be.
      for (let k = 0; rand() < 0.5 && k < 4; k++) {
        screen.type(String.fromCharCode(0x20 + Math.floor(rand() * 95)));
        await screen.drawn();
      }
      if (rand() < 0.2) screen.type('\x02o'); // the focus moves: borders and status change
      const patched = await shownCells(screen);
      app.layoutChanged(); // forgets the frame on screen: the next one is drawn whole
      const whole = await shownCells(screen);
      expect(patched, `round ${round}`).toEqual(whole);
    }
  });
});

describe("App: tmux's keys for what tmx lacks", () => {
  it('say so on the status line instead of doing nothing; other unbound keys stay silent', async () => {
    const { screen, ptys } = startApp();
    screen.type('\x02=');
    expect((await screen.text()).split('\n')[23]).toContain("C-b =: tmux's choose-buffer; tmx keeps one buffer: ] pastes it");
    screen.type('\x02\x1a');
    expect((await screen.text()).split('\n')[23]).toContain("C-b C-z: tmux's suspend-client; tmx cannot suspend a client: d detaches");
    expect(ptys).toHaveLength(1);
    expect(ptys[0]!.written).toBe('');
  });

  it('stay quiet for an unbound key tmux has no default for', async () => {
    const { screen } = startApp();
    const before = (await screen.text()).split('\n')[23];
    screen.type('\x02j');
    expect((await screen.text()).split('\n')[23]).toBe(before);
  });
});

describe('App: the outer terminal resized', () => {
  it('gives each pane\'s program the last size, even right after a 1-column one (xterm keeps 2)', () => {
    const { app, screen, ptys } = startApp();
    for (const [cols, rows] of [[1, 5], [2, 5], [1, 3], [80, 24], [1, 1], [2, 1]] as const) {
      screen.cols = cols;
      screen.rows = rows;
      app.handleResize();
      expect(ptys[0]!.size, `after ${cols}x${rows}`).toEqual([cols, Math.max(1, rows - 2)]);
    }
  });
});

describe('App: main-pane-height and main-pane-width', () => {
  it('size the first pane of main-horizontal and main-vertical, in rows and columns of its own', async () => {
    const options = { ...defaultOptions(), 'main-pane-height': 6, 'main-pane-width': 30 };
    const { screen, ptys } = startApp(undefined, undefined, options);
    screen.type('\x02%');
    screen.type('\x02%');
    await screen.text();
    screen.type('\x02\x1b3'); // M-3: main-horizontal
    await screen.text();
    expect(ptys[0]!.size).toEqual([80, 6]);
    screen.type('\x02\x1b4'); // M-4: main-vertical
    await screen.text();
    expect(ptys[0]!.size).toEqual([30, 22]);
  });
});

describe('App: dragging a border with the mouse', () => {
  it('moves the separator between side-by-side panes with the pointer, as far as the panes allow', async () => {
    const { screen, ptys } = startApp();
    screen.type('\x02%');
    await screen.text();
    expect([ptys[0]!.size[0], ptys[1]!.size[0]]).toEqual([40, 39]);
    // SGR reports count from 1: the separator is column 41. Press, drag left in two steps, release.
    screen.type('\x1b[<0;41;5M\x1b[<32;35;5M\x1b[<32;31;6M\x1b[<0;31;6m');
    await screen.text();
    expect([ptys[0]!.size[0], ptys[1]!.size[0]]).toEqual([30, 49]);
    expect((await screen.text()).split('\n')[5]![30]).toBe('│');
    // Past the far edge it stops at the right pane's minimum, and the pointer coming back takes it back.
    screen.type('\x1b[<0;31;5M\x1b[<32;90;5M\x1b[<32;61;5M\x1b[<0;61;5m');
    await screen.text();
    expect([ptys[0]!.size[0], ptys[1]!.size[0]]).toEqual([60, 19]);
    // The panes' programs saw none of it, and no copy mode began.
    expect(ptys[0]!.written + ptys[1]!.written).toBe('');
    expect(await screen.text()).not.toMatch(/\[\d+\/\d+\]/);
    // Zoomed, a pane has no borders to drag: there the same drag selects in the pane.
    screen.type('\x02z');
    await screen.text();
    screen.type('\x1b[<0;61;5M\x1b[<32;40;5M\x1b[<0;40;5m');
    expect((await screen.text()).split('\n')[23]).toContain('Copied');
    screen.type('\x02z');
    await screen.text();
    expect([ptys[0]!.size[0], ptys[1]!.size[0]]).toEqual([60, 19]);
  });

  it('moves the title row of a pane with one above it up and down', async () => {
    const { screen, ptys } = startApp();
    screen.type('\x02"');
    await screen.text();
    const row = (await screen.text()).split('\n').findIndex((line, y) => y > 0 && line.startsWith('─ 1:'));
    expect(row).toBe(12);
    screen.type(`\x1b[<0;20;${row + 1}M\x1b[<32;20;${row - 4}M\x1b[<0;20;${row - 4}m`);
    await screen.text();
    expect([ptys[0]!.size[1], ptys[1]!.size[1]]).toEqual([6, 15]);
    expect((await screen.text()).split('\n')[row - 5]).toMatch(/^─ 1:/);
  });
});

describe('App: swapping panes', () => {
  it('C-b { and C-b } swap the focused pane with the one before and after it; it stays focused', async () => {
    const { screen, ptys } = startApp();
    ptys[0]!.emit('left pane');
    screen.type('\x02%');
    ptys[1]!.emit('right pane');
    let rows = (await screen.text()).split('\n');
    expect([rows[1]!.slice(0, 9), rows[1]!.slice(41, 51)]).toEqual(['left pane', 'right pane']);
    screen.type('\x02{'); // the focused right pane before the left one: round the start
    rows = (await screen.text()).split('\n');
    expect([rows[1]!.slice(0, 10), rows[1]!.slice(41, 50)]).toEqual(['right pane', 'left pane']);
    expect(rows[0]).toMatch(/^─ 0: sh/);
    screen.type('typed');
    expect(ptys[1]!.written).toBe('typed');
    // Each program has the size of the place it went to.
    expect([ptys[0]!.size[0], ptys[1]!.size[0]]).toEqual([39, 40]);
    screen.type('\x02}');
    rows = (await screen.text()).split('\n');
    expect([rows[1]!.slice(0, 9), rows[1]!.slice(41, 56)]).toEqual(['left pane', 'right panetyped']);
  });
});

describe('App: rotating and spreading panes', () => {
  it('C-b C-o moves every pane one place up, C-b M-o down; C-b E shares the space out again', async () => {
    const { screen, ptys } = startApp();
    ptys[0]!.emit('pane-a');
    screen.type('\x02%');
    ptys[1]!.emit('pane-b');
    screen.type('\x02\x0f'); // C-b C-o
    let rows = (await screen.text()).split('\n');
    expect([rows[1]!.slice(0, 6), rows[1]!.slice(41, 47)]).toEqual(['pane-b', 'pane-a']);
    screen.type('\x02\x1bo'); // C-b M-o
    rows = (await screen.text()).split('\n');
    expect([rows[1]!.slice(0, 6), rows[1]!.slice(41, 47)]).toEqual(['pane-a', 'pane-b']);
    screen.type('\x02\x1b[1;5C'.repeat(1)); // C-b C-Right: the left pane a cell wider
    screen.type('\x1b[1;5C'.repeat(9)); // repeated without the prefix: ten in all
    await screen.text();
    expect(ptys[0]!.size[0]).toBe(50);
    screen.type('\x02E');
    await screen.text();
    expect([ptys[0]!.size[0], ptys[1]!.size[0]]).toEqual([40, 39]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
