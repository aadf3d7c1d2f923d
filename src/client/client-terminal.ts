// The client's terminal: raw mode, the alternate screen, the cursor, size changes, and giving
// it all back. The server draws every frame with its own xterm sequences (ui/serialize.ts), so
// the client needs no terminfo and no blessed: loading blessed's Program cost each attach
// 30-110 ms and the client ~8.5 MB (bench/README.md, "Attach and the client"). The sequences
// are those blessed's Program writes for xterm, screen and tmux alike (smcup/rmcup 1049,
// civis, cnorm).
import { writeWhatFits } from '../io/write-now.js';
import type { TerminalCapabilities } from '../ui/serialize.js';
import { ESC, AUTOWRAP_OFF, AUTOWRAP_ON, BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, MOUSE_OFF, NORMAL_KEYS } from '../ui/screen-port.js';
import { detectStyledUnderlines, detectTruecolor } from '../ui/terminal-caps.js';

const ALTERNATE_SCREEN_ON = `${ESC}[?1049h`;
const ALTERNATE_SCREEN_OFF = `${ESC}[?1049l`;
const CURSOR_HIDDEN = `${ESC}[?25l`;
/** terminfo's cnorm for xterm: a steady cursor (12l), shown. */
const CURSOR_NORMAL = `${ESC}[?12l${ESC}[?25h`;
/** Without a size from the terminal (not a tty), the size every terminal starts at. */
const DEFAULT_COLS = 80;
const DEFAULT_ROWS = 24;

export class ClientTerminal {
  private started = false;
  readonly capabilities: TerminalCapabilities;
  /** The terminal went away (hang-up, EIO): nothing more can be written or restored. */
  lost = false;

  constructor(
    private readonly input: NodeJS.ReadStream = process.stdin,
    private readonly output: NodeJS.WriteStream = process.stdout,
  ) {
    // Errors on a terminal that has gone away are expected at hang-up; never a crash.
    input.on('error', () => (this.lost = true));
    output.on('error', () => (this.lost = true));
    // Terminfo is not read: 24-bit colour comes from COLORTERM. (blessed's RGB/Tc lookup found
    // neither in entries of ncurses 6's file format, e.g. a `tic -x` entry with both.)
    this.capabilities = {
      truecolor: detectTruecolor(process.env, () => false),
      styledUnderlines: detectStyledUnderlines(process.env),
    };
  }

  get cols(): number {
    return this.output.columns || DEFAULT_COLS;
  }

  get rows(): number {
    return this.output.rows || DEFAULT_ROWS;
  }

  /** `read: false`: the terminal is set up but its input left unread (the server reads it). */
  start(options: { read?: boolean }): void {
    if (this.started) return;
    this.started = true;
    if (this.input.isTTY) this.input.setRawMode(true);
    if (options.read === false) this.input.pause();
    else this.input.resume();
    this.output.write(ALTERNATE_SCREEN_ON + CURSOR_HIDDEN + `${ESC}[H${ESC}[2J` + BRACKETED_PASTE_ON + NORMAL_KEYS + AUTOWRAP_OFF);
  }

  /** Bytes as they are (frames from the server arrive in pieces that may split a character). */
  writeBytes(data: Buffer): void {
    if (!this.started) return;
    // A direct write when nothing is queued (the order holds); the rest to the stream.
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

  /** Node emits 'resize' on a tty's stream at SIGWINCH. */
  onResize(listener: () => void): void {
    this.output.on('resize', listener);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    // Each step on its own: a hung-up terminal (EIO) must not stop the others from running.
    const steps = [
      () => this.output.write(`${ESC}[0m` + MOUSE_OFF + BRACKETED_PASTE_OFF + AUTOWRAP_ON + CURSOR_NORMAL + ALTERNATE_SCREEN_OFF),
      () => this.input.isTTY && this.input.setRawMode(false),
      () => this.input.pause(),
    ];
    for (const step of steps) {
      try {
        step();
      } catch {
        this.lost = true;
      }
    }
  }
}
