// The model runs without a terminal: the App with a fake pty factory and a fake screen whose
// output is replayed through an emulator, so tests read what a user would see.
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.js';
import { defaultOptions } from '../../src/config/options.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX } from '../../src/keymap/default-bindings.js';
import type { PtyExit, PtyProcess, PtySpawnOptions } from '../../src/panes/pty.js';
import type { ScreenPort } from '../../src/ui/terminal.js';
import { Emulator } from '../../src/emulator/emulator.js';

/** A pty whose "program" echoes input back and remembers its size. */
class FakePty implements PtyProcess {
  static nextPid = 4_000_000; // beyond pid_max: signals to it fail harmlessly
  readonly pid = FakePty.nextPid++;
  size: [number, number];
  written = '';
  private dataListeners: Array<(d: Buffer) => void> = [];
  private exitListeners: Array<(e: PtyExit) => void> = [];
  constructor(readonly options: PtySpawnOptions) {
    this.size = [options.cols, options.rows];
  }
  write(data: string | Buffer): void {
    this.written += data.toString();
    this.emit(data.toString());
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
  write(data: string): void {
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
  async text(): Promise<string> {
    await new Promise((r) => setTimeout(r, 30)); // a frame, then the emulator's parse
    await new Promise<void>((r) => this.view.write('', r));
    return this.view.screenText();
  }
}

function startApp(): { app: App; screen: FakeScreen; ptys: FakePty[]; exits: number[] } {
  const ptys: FakePty[] = [];
  const exits: number[] = [];
  const screen = new FakeScreen();
  const app = new App(
    {
      screen,
      ptyFactory: (options) => {
        const pty = new FakePty(options);
        ptys.push(pty);
        return pty;
      },
      env: { SHELL: '/bin/sh', HOME: '/nonexistent' },
      cwd: '/',
      exit: (code) => exits.push(code),
      coprocessHistory: { load: () => [], add: () => [] },
    },
    { options: defaultOptions(), bindings: DEFAULT_BINDINGS, prefix: DEFAULT_PREFIX },
  );
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
    expect(text.split('\n')[23]).toContain('[tmx] 0:sh*');
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
    expect(text).toContain('1:sh*');
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
    await new Promise((r) => setTimeout(r, 50));
    expect(exits).toEqual([0]);
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

  it('rings the outer bell at most once per 100 ms, however many BELs a program prints', async () => {
    const { screen, ptys } = startApp();
    ptys[0]!.emit('\x07'.repeat(10_000));
    await screen.text();
    expect(screen.bells).toBe(1);
    await new Promise((r) => setTimeout(r, 120));
    ptys[0]!.emit('\x07\x07');
    await screen.text();
    expect(screen.bells).toBe(2);
  });
});
