// The only blessed import. blessed's Program owns the outer terminal: raw mode, terminfo,
// the alternate screen, the cursor, SIGWINCH. Cells are drawn by our own serializer
// (see serialize.ts for why) and written straight to the output stream.
import { createRequire } from 'node:module';
import { writeWhatFits } from '../io/write-now.js';
import { detectStyledUnderlines, detectTruecolor } from './terminal-caps.js';
import type blessed from 'blessed';
import type { TerminalCapabilities } from './serialize.js';
import { ESC, AUTOWRAP_OFF, AUTOWRAP_ON, BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, MOUSE_OFF, MOUSE_ON, NORMAL_KEYS, type ScreenPort } from './screen-port.js';

// Only blessed's Program (the terminal itself), not its widget library: loading every widget
// would cost start-up time for code tmx never runs. require, not import: no ESM wrapper to lex.
const BlessedProgram = createRequire(import.meta.url)('blessed/lib/program') as (
  options: blessed.Widgets.IScreenOptions,
) => blessed.BlessedProgram;

export type { ScreenPort } from './screen-port.js';
export { detectTruecolor, detectStyledUnderlines } from './terminal-caps.js';

/**
 * Inside tmux, blessed's Program runs `tmux -V` synchronously to tune passthrough for features
 * tmx never uses (cursor colour, window title); hiding $TMUX for the constructor saves that
 * child process at every start.
 */
function withoutTmuxProbe<T>(make: () => T): T {
  const tmux = process.env.TMUX;
  delete process.env.TMUX;
  try {
    return make();
  } finally {
    if (tmux !== undefined) process.env.TMUX = tmux;
  }
}

export class BlessedScreen implements ScreenPort {
  private readonly program: blessed.BlessedProgram;
  private started = false;
  private mouse = false;
  readonly capabilities: TerminalCapabilities;

  constructor(
    private readonly input: NodeJS.ReadStream = process.stdin,
    private readonly output: NodeJS.WriteStream = process.stdout,
  ) {
    // @types/blessed mistypes program()'s options; these are the ones Program reads.
    const programOptions = { input, output, tput: true, extended: true } as unknown as blessed.Widgets.IScreenOptions;
    this.program = withoutTmuxProbe(() => BlessedProgram(programOptions));
    // tmx reads keys with its own tokenizer (keymap/input.ts). Blessed's keypress parser would
    // decode every input byte a second time, on the way of each echo; without a 'keypress'
    // listener on the input it takes itself off at the next read.
    const handlers = input as unknown as { _keypressHandler?: (...args: unknown[]) => void; _dataHandler?: (...args: unknown[]) => void };
    if (handlers._keypressHandler) input.removeListener('keypress', handlers._keypressHandler);
    // Nor does it need blessed's copy of each read as a 'data' event of its own: onInput
    // listens on the input itself, one hop less on the way of each echo.
    if (handlers._dataHandler) input.removeListener('data', handlers._dataHandler);
    const tput = (this.program as unknown as { tput?: { has(cap: string): boolean } }).tput;
    // Errors on a terminal that has gone away are expected at hang-up; never a crash.
    input.on('error', () => (this.lost = true));
    output.on('error', () => (this.lost = true));
    this.capabilities = {
      truecolor: detectTruecolor(process.env, (cap) => Boolean(tput?.has(cap))),
      styledUnderlines: detectStyledUnderlines(process.env),
    };
  }

  get cols(): number {
    return this.output.columns || this.program.cols || 80;
  }

  get rows(): number {
    return this.output.rows || this.program.rows || 24;
  }

  /** `read: false`: the terminal is set up but its input left unread (another process reads it). */
  start(options: { mouse: boolean; read?: boolean }): void {
    if (this.started) return;
    this.started = true;
    if (this.input.isTTY) this.input.setRawMode(true);
    if (options.read === false) this.input.pause();
    else this.input.resume();
    this.program.alternateBuffer();
    this.program.hideCursor();
    this.output.write(`${ESC}[H${ESC}[2J` + BRACKETED_PASTE_ON + NORMAL_KEYS + AUTOWRAP_OFF);
    this.setMouse(options.mouse);
  }

  setMouse(enabled: boolean): void {
    if (!this.started || enabled === this.mouse) return;
    this.mouse = enabled;
    this.output.write(enabled ? MOUSE_ON : MOUSE_OFF);
  }

  write(data: string): void {
    if (!this.started) return;
    // Node writes a terminal synchronously anyway; a direct write skips the stream's layers on
    // the way of every echo. Only with nothing queued in the stream, so the order holds;
    // whatever the kernel doesn't take, and any error (EAGAIN, EIO), goes to the stream as before.
    const fd = (this.output as { fd?: number }).fd;
    if (fd === undefined || this.output.writableLength > 0) {
      this.output.write(data);
      return;
    }
    const rest = writeWhatFits(fd, Buffer.from(data, 'utf8'));
    if (rest.length > 0) this.output.write(rest);
  }

  /** Bytes as they are (frames from the server arrive in pieces that may split a character). */
  writeBytes(data: Buffer): void {
    if (!this.started) return;
    const fd = (this.output as { fd?: number }).fd;
    if (fd === undefined || this.output.writableLength > 0) {
      this.output.write(data);
      return;
    }
    const rest = writeWhatFits(fd, data);
    if (rest.length > 0) this.output.write(rest);
  }

  /** Starts reading input (after start with read: false). */
  readInput(): void {
    this.input.resume();
  }

  onInput(listener: (data: Buffer) => void): void {
    this.input.on('data', (data: Buffer | string) => listener(Buffer.isBuffer(data) ? data : Buffer.from(data)));
  }

  onResize(listener: () => void): void {
    this.program.on('resize', listener);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    // Each step on its own: a hung-up terminal (EIO) must not stop the others from running.
    const steps = [
      () => this.output.write(`${ESC}[0m` + MOUSE_OFF + BRACKETED_PASTE_OFF + AUTOWRAP_ON),
      () => this.program.showCursor(),
      () => this.program.normalBuffer(),
      () => this.program.flush(),
      () => this.input.isTTY && this.input.setRawMode(false),
      () => this.input.pause(),
      () => this.program.destroy(),
    ];
    for (const step of steps) {
      try {
        step();
      } catch {
        this.lost = true;
      }
    }
  }

  /** The terminal went away (hang-up, EIO): nothing more can be written or restored. */
  lost = false;
}
