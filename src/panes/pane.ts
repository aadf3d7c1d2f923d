// A Pane is one program on a pty, its emulator and its listeners. It owns them all and
// disposes them in one place (dispose). Output flows: pty -> output taps (coprocess tee)
// -> emulator (unless a silent coprocess hides it) -> dirty -> the app's batched render.
import { CopyMode } from './copy-mode.js';
import { Emulator, type EmulatorModes, type MouseInput } from '../emulator/emulator.js';
import { cutTitle } from '../emulator/output-guards.js';
import type { PtyExit, PtyFactory, PtyProcess } from './pty.js';
import { endSession, killSessionNow, readStat } from './process-group.js';
import { readFileSync, readlinkSync, statSync } from 'node:fs';

/**
 * Flow control between the pty and the emulator (the numbers VS Code's terminal uses):
 * pause the pty once this many bytes wait to be parsed, so a flood never outruns xterm's
 * parser (whose own write buffer would otherwise grow without bound) ...
 */
export const FLOW_HIGH_WATERMARK = 100_000;
/** ... and resume once the backlog has drained below this. */
export const FLOW_LOW_WATERMARK = 5_000;

/** How often the running command's name is re-read from /proc for the title. */
const COMMAND_NAME_REFRESH_MS = 500;

/** A program's title is cut here: no border or status line shows more, and each frame draws it. */
export const MAX_TITLE_LENGTH = 256;

export interface PaneSpawn {
  command?: string; // run through /bin/sh -c; absent: the user's shell
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
  scrollback: number;
}

export interface PaneListeners {
  /** New contents to draw (output parsed, a resize). */
  dirty(pane: Pane): void;
  /** What the pane's border shows may have changed: its title, or that it is paused. */
  chromeChanged(pane: Pane): void;
  exited(pane: Pane, exit: PtyExit): void;
  bell(pane: Pane): void;
  /** A chunk of output has been parsed into the screen (triggers look at it here). */
  parsed(pane: Pane): void;
  /**
   * The first output after the user typed has been parsed: most likely the echo. Called
   * instead of dirty(), with the pane already marked dirty: the listener asks for a frame at once.
   */
  echoed?(pane: Pane): void;
  /**
   * Output after the user typed, before it is parsed, with every earlier output drawn: most
   * likely the echo, which the listener may draw at once (App.drawEchoAhead): true when it did.
   */
  echoArriving?(pane: Pane, data: Buffer): boolean;
}

export type OutputTap = (data: Buffer) => void;

/**
 * A silent coprocess's hold on its pane (coprocess/coprocess.ts): it sees the pane's output
 * first and says how much of it belongs to the transfer (hidden, never parsed), and it sees
 * keys typed into the pane. It lets go with endSilence().
 */
export interface SilentGate {
  /** How many bytes at the start of `data` are hidden; the gate ends itself before hiding less than all. */
  output(data: Buffer): number;
  /** Keys typed into the hidden pane: true when it took them (they don't reach the program). */
  typed(data: string | Buffer): boolean;
}
type PauseReason = 'emulator' | 'coprocess';

export class Pane {
  readonly emulator: Emulator;
  private readonly pty: PtyProcess;
  private readonly disposables: Array<{ dispose(): void }> = [];
  private readonly outputTaps = new Set<OutputTap>();
  private readonly pauseReasons = new Set<PauseReason>();
  private bytesAwaitingParse = 0;
  private exitInfo: PtyExit | undefined;
  private disposed = false;
  /** The program's own title (OSC 0/2), once it set one. */
  private oscTitle: string | undefined;
  /** Set by a set-title trigger; wins over the program's own title. */
  titleOverride: string | undefined;
  private commandName: string;
  /** What the pane was started to run (the command's first word, or the shell), for messages. */
  readonly launchedAs: string;
  private commandNameReadAt = 0;
  /** While a silent coprocess holds the pane, output it takes bypasses the emulator (not drawn, not in scrollback). */
  silentGate: SilentGate | undefined;
  /**
   * A frame was asked for since the last one was painted. Not render state (each painter knows
   * which rows it drew: Emulator.rowGenerations): it asks for one frame per burst of output, and
   * tells the echo drawn ahead that everything before it is on every screen.
   */
  awaitingFrame = true;
  /** The size last given to the pty (the emulator may differ: see resize). */
  private ptySize: { cols: number; rows: number };

  constructor(
    readonly id: number,
    spawn: PaneSpawn,
    ptyFactory: PtyFactory,
    private readonly listeners: PaneListeners,
  ) {
    this.emulator = new Emulator({ cols: spawn.cols, rows: spawn.rows, scrollback: spawn.scrollback });
    const shell = spawn.env.SHELL || '/bin/sh';
    const file = spawn.command === undefined ? shell : '/bin/sh';
    const args = spawn.command === undefined ? [] : ['-c', spawn.command];
    const firstWord = spawn.command?.replace(/^\s*exec\s+/, '').split(/\s+/)[0]?.replace(/^'|'$/g, '');
    this.commandName = basename(spawn.command === undefined ? shell : firstWord || 'sh');
    this.launchedAs = this.commandName;
    // A directory that has gone (deleted, unmounted) would fail the spawn: start at home instead.
    const cwd = existingDirectory(spawn.cwd) ?? existingDirectory(spawn.env.HOME) ?? '/';
    this.pty = ptyFactory({ file, args, cwd, env: spawn.env, cols: spawn.cols, rows: spawn.rows });
    this.ptySize = { cols: Math.max(1, spawn.cols), rows: Math.max(1, spawn.rows) };
    this.disposables.push(
      this.pty.onData((data) => this.handleOutput(data)),
      this.pty.onExit((exit) => this.handleExit(exit)),
      this.emulator.onReply((data, binary) => this.pty.write(binary ? Buffer.from(data, 'latin1') : data)),
      this.emulator.onTitle((title) => {
        this.oscTitle = cutTitle(title, MAX_TITLE_LENGTH);
        this.listeners.chromeChanged(this);
      }),
      this.emulator.onBell(() => this.listeners.bell(this)),
    );
  }

  get pid(): number {
    return this.pty.pid;
  }

  get silent(): boolean {
    return this.silentGate !== undefined;
  }

  /**
   * The silent coprocess lets go: output is parsed and drawn again. It starts on a line of its
   * own, so the shell's next lines don't land on what was there when the transfer began (the
   * cursor is usually left at the start of sz's "**B0000..." line).
   */
  endSilence(): void {
    if (!this.silentGate || this.disposed) return;
    this.silentGate = undefined;
    this.freshLine();
    this.markDirty();
    this.listeners.chromeChanged(this);
  }

  /** What the pane's program prints next starts on a line of its own (drawn only; the program is not told). */
  freshLine(): void {
    if (this.disposed) return;
    const cursor = this.emulator.cursorState();
    if (cursor.x > 0 || this.emulator.rowText(cursor.y).trim() !== '') this.emulator.write('\r\n', () => this.markDirty());
  }

  /** The pane's foreground process group (its shell's pid when no job runs); undefined if unknown. */
  foregroundGroup(): number | undefined {
    const stat = this.disposed ? undefined : readStat(this.pty.pid);
    return stat && stat.tpgid > 0 ? stat.tpgid : undefined;
  }

  get exited(): boolean {
    return this.exitInfo !== undefined;
  }

  /** What the border shows: the program's own title (OSC 0/2), else the running command. */
  title(): string {
    if (this.titleOverride !== undefined) return this.titleOverride;
    return this.oscTitle || this.commandName;
  }

  /**
   * The title a set-title trigger or the program (OSC 0/2) gave, even an empty one; undefined
   * while none did (tmux's #{pane_title} is then the host name).
   */
  ownTitle(): string | undefined {
    return this.titleOverride ?? this.oscTitle;
  }

  /** The program in the foreground (tmux's pane_current_command), as last read from /proc. */
  get currentCommand(): string {
    return this.commandName;
  }

  /** Re-reads the running command's name from /proc (on a timer, never while drawing). */
  refreshCommandName(now: number): void {
    if (now - this.commandNameReadAt < COMMAND_NAME_REFRESH_MS || this.disposed) return;
    this.commandNameReadAt = now;
    this.commandName = foregroundCommand(this.pty.pid) ?? this.commandName;
  }

  /** The working directory of the pane's foreground program (for new panes and coprocesses). */
  cwd(): string | undefined {
    try {
      // A removed directory reads as "PATH (deleted)": not a place to start anything.
      return existingDirectory(readlinkSync(`/proc/${this.pty.pid}/cwd`));
    } catch {
      return undefined;
    }
  }

  /** The last non-blank row on the screen: what a program that failed at once had to say. */
  lastOutputLine(): string {
    for (let y = this.emulator.rows - 1; y >= 0; y--) {
      const text = this.emulator.rowText(y).trim();
      if (text) return text;
    }
    return '';
  }

  modes(): EmulatorModes {
    return this.emulator.modes();
  }

  /**
   * Keys typed by the user, straight to the pty. The emulator is told first, so it parses the
   * program's echo at once instead of on a timer.
   */
  typeUserInput(text: string | Buffer): void {
    if (this.exited || this.disposed) return;
    if (this.silentGate?.typed(text)) return;
    this.awaitingEcho = true;
    this.emulator.userTyped();
    this.pty.write(text);
  }

  /** Set by typing, cleared by the next parsed output: that frame is drawn at once. */
  private awaitingEcho = false;

  /** Raw input for the program (a coprocess's bytes, trigger text), exactly as given. */
  write(data: string | Buffer): void {
    if (!this.exited && !this.disposed) this.pty.write(data);
  }

  /** Input bytes written but not yet taken by the pty (a flooding coprocess waits on this). */
  pendingInputBytes(): number {
    return this.disposed ? 0 : this.pty.pendingWriteBytes();
  }

  sendMouse(ev: MouseInput): void {
    this.emulator.sendMouse(ev);
  }

  resize(cols: number, rows: number): void {
    cols = Math.max(1, cols);
    rows = Math.max(1, rows);
    // Compared with the pty's own last size, not the emulator's: xterm keeps at least 2
    // columns, so after a 1-column size a 2-column one would otherwise never reach the program.
    if (cols === this.ptySize.cols && rows === this.ptySize.rows) return;
    this.ptySize = { cols, rows };
    this.emulator.resize(cols, rows);
    if (!this.exited) this.pty.resize(cols, rows);
    this.markDirty();
  }

  /** Raw output bytes are offered to taps before parsing (coprocess tee). */
  addOutputTap(tap: OutputTap): () => void {
    this.outputTaps.add(tap);
    return () => this.outputTaps.delete(tap);
  }

  /** Pause/resume reading the pty for one reason; it reads only while no reason holds. */
  setPaused(reason: PauseReason, paused: boolean): void {
    const wasPaused = this.pauseReasons.size > 0;
    const changed = paused ? !this.pauseReasons.has(reason) : this.pauseReasons.has(reason);
    if (paused) this.pauseReasons.add(reason);
    else this.pauseReasons.delete(reason);
    // The border says when a coprocess isn't keeping up.
    if (changed && reason === 'coprocess' && !this.disposed) this.listeners.chromeChanged(this);
    const isPaused = this.pauseReasons.size > 0;
    if (isPaused === wasPaused || this.disposed) return;
    if (isPaused) this.pty.pause();
    else this.pty.resume();
  }

  /**
   * Copy mode (copy-mode.ts): the pane shows its history with a cursor and a selection, and
   * keys move them instead of reaching the program. Undefined outside it.
   */
  get copyMode(): CopyMode | undefined {
    return this.copy;
  }

  private copy: CopyMode | undefined;

  get inCopyMode(): boolean {
    return this.copy !== undefined;
  }

  /** `leaveAtBottom`: scrolling back down to the live screen ends it (as tmux's copy-mode -e). */
  enterCopyMode(leaveAtBottom: boolean): CopyMode {
    if (!this.copy) this.copy = new CopyMode(this.emulator, leaveAtBottom);
    else if (!leaveAtBottom) this.copy.leaveAtBottom = false; // a key entered it for good
    this.markDirty();
    return this.copy;
  }

  /** Scrolls the view in copy mode (negative: back into the history). */
  scrollCopyMode(lines: number): void {
    if (!this.copy) return;
    this.copy.scroll(lines);
    if (this.copy.leaveAtBottom && this.copy.atBottom) this.leaveCopyMode();
    this.markDirty();
  }

  leaveCopyMode(): void {
    if (!this.copy) return;
    this.copy.end();
    this.copy = undefined;
    this.markDirty();
  }

  /** The cursor the pane shows: copy mode's, else the program's (hidden while a silent coprocess runs). */
  shownCursor(): { x: number; y: number; visible: boolean } {
    if (this.copy) return this.copy.screenCursor();
    const cursor = this.emulator.cursorState();
    return { x: cursor.x, y: cursor.y, visible: cursor.visible && !this.silent };
  }

  /** Shown in the border in copy mode: how far back the view is, of how much history, as tmux's [N/M]. */
  copyModeNotice(): string | undefined {
    return this.copy?.notice();
  }

  isPausedFor(reason: PauseReason): boolean {
    return this.pauseReasons.has(reason);
  }

  /** Whether output is still on its way through the emulator's parser. */
  get parsing(): boolean {
    return this.bytesAwaitingParse > 0;
  }

  markDirty(): void {
    if (this.awaitingFrame || this.disposed) return;
    this.awaitingFrame = true;
    this.listeners.dirty(this);
  }

  private handleOutput(data: Buffer): void {
    if (this.disposed) return;
    if (this.outputTaps.size > 0) for (const tap of this.outputTaps) tap(data);
    if (this.silentGate) {
      const hidden = this.silentGate.output(data);
      if (this.silentGate || hidden >= data.length) return;
      data = data.subarray(hidden);
    }
    // The one way output reaches the screen before the emulator has it, and out of a frame: at
    // most once per typed key (the flag is cleared by the parse just below), only when all
    // earlier output is drawn, and only what that parse's frame would draw (App.drawEchoAhead).
    // Floods never come here; their frames stay batched.
    if (this.awaitingEcho && !this.awaitingFrame && !this.copy && this.bytesAwaitingParse === 0 && this.listeners.echoArriving?.(this, data)) {
      // On screen already: its parse and frame wait for xterm's own timer, so tmx sleeps right
      // after the write and leaves the CPU to the terminal that must read it (on 2 busy vCPUs,
      // ~0.2 ms of parse and frame right after the write delayed the terminal's read).
      this.emulator.parseLater();
    }
    this.bytesAwaitingParse += data.length;
    if (this.bytesAwaitingParse > FLOW_HIGH_WATERMARK) this.setPaused('emulator', true);
    this.emulator.write(data, () => {
      this.bytesAwaitingParse -= data.length;
      if (this.bytesAwaitingParse < FLOW_LOW_WATERMARK) this.setPaused('emulator', false);
      if (!this.disposed) this.listeners.parsed(this);
      if (this.copy && !this.disposed) {
        // Its positions belong to the screen it was entered on; tmux too leaves when that goes.
        if (this.copy.screenSwitched) this.leaveCopyMode();
        // Copy mode's [lines back/history] moves with new output.
        this.listeners.chromeChanged(this);
      }
      if (this.awaitingEcho && this.listeners.echoed && !this.disposed) {
        // Most likely the echo of a key: its frame is asked for at once, not at the frame interval.
        this.awaitingEcho = false;
        this.awaitingFrame = true;
        this.listeners.echoed(this);
      } else {
        this.markDirty();
      }
      this.maybeReportExit();
    });
  }

  private handleExit(exit: PtyExit): void {
    this.exitInfo = exit;
    this.maybeReportExit();
  }

  /** The pane closes only after its last output has been parsed, so nothing printed is lost. */
  private maybeReportExit(): void {
    if (!this.exitInfo || this.bytesAwaitingParse > 0 || this.disposed) return;
    const exit = this.exitInfo;
    queueMicrotask(() => {
      if (!this.disposed) this.listeners.exited(this, exit);
    });
  }

  /** Ends the pane's programs (HUP, TERM, KILL) and releases everything it holds. */
  async close(): Promise<void> {
    const pid = this.pty.pid;
    this.dispose();
    await endSession(pid);
  }

  /** Synchronous teardown for process exit: no timers will run, so KILL what HUP didn't end. */
  closeNow(): void {
    const pid = this.pty.pid;
    this.dispose();
    killSessionNow(pid);
  }

  private dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    this.outputTaps.clear();
    try {
      this.pty.destroy();
    } catch {
      // Already closed.
    }
    this.emulator.dispose();
  }
}

function existingDirectory(path: string | undefined): string | undefined {
  try {
    return path && statSync(path).isDirectory() ? path : undefined;
  } catch {
    return undefined;
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

/** Name of the pane's foreground process (what tmux shows as #{pane_current_command}). */
function foregroundCommand(shellPid: number): string | undefined {
  const stat = readStat(shellPid);
  const pid = stat && stat.tpgid > 0 ? stat.tpgid : shellPid;
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
