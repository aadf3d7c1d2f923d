// A session App with fake panes and fake client terminals, as the server makes one per session:
// shared by the unit tests that look at several terminals on one session (painters,
// attached clients, window commands).
import { App, type AppConfig, type AppPorts } from '../../src/app/app.js';
import { defaultOptions, type Options } from '../../src/config/options.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX } from '../../src/keymap/default-bindings.js';
import type { PtyExit, PtyProcess, PtySpawnOptions } from '../../src/panes/pty.js';
import type { KeyShortcut, ScreenPort } from '../../src/ui/screen-port.js';
import { Emulator } from '../../src/emulator/emulator.js';

/** A pane's pty that prints only what a test emits, records what is typed, and ends when told. */
export class QuietPty implements PtyProcess {
  static nextPid = 4_100_000; // beyond pid_max: signals to it fail harmlessly
  readonly pid = QuietPty.nextPid++;
  private dataListeners: Array<(d: Buffer) => void> = [];
  private exitListeners: Array<(e: PtyExit) => void> = [];
  /** What was typed into the pane. */
  written = '';
  constructor(readonly options: PtySpawnOptions) {}
  write(data: string | Buffer): void {
    this.written += data.toString();
  }
  emit(text: string): void {
    for (const l of this.dataListeners) l(Buffer.from(text));
  }
  resize(): void {}
  pause(): void {}
  resume(): void {}
  onData(listener: (d: Buffer) => void) {
    this.dataListeners.push(listener);
    return { dispose: () => undefined };
  }
  onExit(listener: (e: PtyExit) => void) {
    this.exitListeners.push(listener);
    return { dispose: () => undefined };
  }
  /** The pane's program ends. */
  exit(): void {
    for (const l of this.exitListeners) l({ exitCode: 0 });
  }
  destroy(): void {}
  pendingWriteBytes(): number {
    return 0;
  }
}

/** Far beyond any frame, even on a loaded machine: then something never stops drawing. */
const DRAWN_TIMEOUT_MS = 10_000;

/** Until `app` has parsed and drawn everything so far (no fixed sleep: it lost races under load). */
export async function appDrawn(app: App): Promise<void> {
  const deadline = Date.now() + DRAWN_TIMEOUT_MS;
  for (;;) {
    await new Promise((r) => setImmediate(r)); // a frame asked for "after this callback" is drawn
    if (app.settled) return;
    if (Date.now() > deadline) throw new Error(`the App never finished drawing (${DRAWN_TIMEOUT_MS} ms)`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** A client's terminal: what it was sent, parsed by an emulator of its size. */
export class ClientTerminalView {
  readonly view: Emulator;
  readonly capabilities = { truecolor: true, styledUnderlines: false };
  /** The App drawing on this terminal, so that lines() waits for its frames. */
  app: App | undefined;
  constructor(
    readonly cols = 80,
    readonly rows = 24,
  ) {
    this.view = new Emulator({ cols, rows, scrollback: 0 });
  }
  /** Everything it was sent, as sent. */
  raw = '';
  /** Set by the session (ScreenSink.keyShortcut). */
  keyShortcut: KeyShortcut | undefined;
  send(data: string): boolean {
    this.raw += data;
    this.view.write(data);
    return true;
  }
  async lines(): Promise<string[]> {
    if (!this.app) throw new Error('ClientTerminalView.lines(): set .app to the App drawing here, so it waits for its frames');
    await appDrawn(this.app);
    await new Promise<void>((r) => this.view.write('', r));
    return this.view.screenText().split('\n').map((l) => l.trimEnd());
  }
}

/** An App on `screen` (started unless `started: false`: terminals to attach first) whose panes are made by `makePty` (QuietPtys unless given). */
export function sessionApp<P extends PtyProcess = QuietPty>(
  screen: ScreenPort,
  setup: {
    makePty?: (options: PtySpawnOptions) => P;
    ports?: Partial<AppPorts>;
    options?: Partial<Options>;
    /** Key bindings and prefix other than the defaults, rc-file problems to show at start. */
    config?: Partial<Pick<AppConfig, 'bindings' | 'prefix' | 'problems'>>;
    started?: boolean;
  } = {},
): { app: App; ptys: P[]; exits: number[] } {
  const ptys: P[] = [];
  const exits: number[] = [];
  const makePty = setup.makePty ?? ((options: PtySpawnOptions) => new QuietPty(options) as unknown as P);
  const app = new App(
    {
      screen,
      ptyFactory: (options) => {
        const pty = makePty(options);
        ptys.push(pty);
        return pty;
      },
      env: { SHELL: '/bin/sh', HOME: '/nonexistent' },
      cwd: '/',
      exit: (code) => exits.push(code),
      coprocessHistory: { load: () => [], add: () => [] },
      ...setup.ports,
    },
    { options: { ...defaultOptions(), ...setup.options }, bindings: DEFAULT_BINDINGS, prefix: DEFAULT_PREFIX, ...setup.config },
  );
  if (setup.started !== false) app.start();
  return { app, ptys, exits };
}
