// One running coprocess, attached to one pane: its stdin gets a byte-exact copy of the
// pane's output from the moment it starts, its stdout is typed into the pane. Both
// directions are bounded: a coprocess that doesn't read pauses the pane's program (as a
// pipe would), one that floods is read only as fast as the pty takes input.
import { endProcessTree } from './process-tree.js';
import type { SilentGate } from '../panes/pane.js';
import type { ChildHandle, ProcessSpawner } from './spawner.js';
import { SilentTransfer, programName } from './transfer.js';
import { CANCEL_SEQUENCE } from './zmodem.js';

/** Pane output queued for a slow coprocess before the pane's program is paused. */
export const OUTPUT_QUEUE_LIMIT = 1024 * 1024;
/** Coprocess output waiting to enter the pty before we stop reading the coprocess. */
export const INPUT_QUEUE_LIMIT = 64 * 1024;
/**
 * Pane output is gathered before one pipe write: for FEED_BATCH_MS after a quiet moment (an
 * interactive line reaches the coprocess at once), for FEED_FLOOD_BATCH_MS while output keeps
 * coming (fewer writes and wake-ups of the coprocess under a flood), up to FEED_BATCH_MAX_BYTES.
 */
const FEED_BATCH_MS = 2;
const FEED_FLOOD_BATCH_MS = 16;
const FEED_BATCH_MAX_BYTES = 512 * 1024;
/** A write at least this big, FEED_FLOOD_BATCH_MS ago or less, means output is flooding. */
const FEED_FLOOD_BYTES = 16 * 1024;
/**
 * How often a paused coprocess stdout checks whether the pty has room again. The pty drains
 * 32 KiB in well under 5 ms, so a longer wait leaves it idle: a ZModem upload (sz as the
 * coprocess) ran at ~6 MiB/s with 5 ms, ~10 MiB/s with 1 ms.
 */
const INPUT_RESUME_POLL_MS = 1;
/** stderr kept for show-coprocess-log. */
export const STDERR_KEEP_BYTES = 64 * 1024;
/** Stopping: SIGTERM, then SIGKILL after this long. */
export const STOP_GRACE_MS = 2000;
/** How often a hidden pane's progress is redrawn and its program checked for having ended. */
export const PROGRESS_INTERVAL_MS = 250;
/**
 * A coprocess that closed its stdout gets this long to exit by itself before SIGTERM: most
 * programs close it on their way out, and a TERM landing first made a plain exit read
 * "ended by SIGTERM".
 */
export const STDOUT_CLOSED_GRACE_MS = 250;
/** A silent coprocess whose partner is done gets this long to exit by itself before SIGTERM. */
export const END_GRACE_MS = 3000;
/** After a cancel (or the coprocess's death mid-transfer) the pane is shown by this time at the latest. */
export const CANCEL_SHOW_MS = 3000;
const CTRL_C = 0x03;
/**
 * After the exit, how long stderr may take to deliver its last bytes (they may still be in
 * the pipe when the exit is learned) before the end is reported, so the message and the log
 * see all of it; a grandchild holding stderr open must not delay the end longer.
 */
const STDERR_DRAIN_MS = 250;

/** What a coprocess needs of its pane (a Pane implements it). */
export interface CoprocessPane {
  addOutputTap(tap: (data: Buffer) => void): () => void;
  write(data: Buffer): void;
  pendingInputBytes(): number;
  setPaused(reason: 'coprocess', paused: boolean): void;
  markDirty(): void;
  /** Set by a silent coprocess while it holds the pane; endSilence() lets go. */
  silentGate: SilentGate | undefined;
  endSilence(): void;
  foregroundGroup(): number | undefined;
  readonly pid: number;
}

export interface CoprocessCommand {
  /** What the user sees (border badge, messages). */
  display: string;
  file: string;
  args: string[];
}

export interface CoprocessEnd {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: string;
  stoppedByUser: boolean;
  stderr: Buffer;
  /** A silent coprocess's transfer: what was moved, or why it stopped. */
  summary?: string;
}

export class Coprocess {
  /** Undefined while a spawner that answers later is still starting it. */
  private child: ChildHandle | undefined;
  private readonly removeTap: () => void;
  private readonly stderrChunks: Buffer[] = [];
  private stderrBytes = 0;
  private exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private spawnError: string | undefined;
  private stdoutDone = false;
  private stdinBroken = false;
  private stoppedByUser = false;
  private finished = false;
  private resumePoll: ReturnType<typeof setInterval> | undefined;
  private stopping: Promise<void> | undefined;
  private feedBatch: Buffer[] = [];
  private feedBatchBytes = 0;
  private feedTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = -Infinity;
  private lastFlushBytes = 0;
  /** The pane's program is paused for this coprocess (queue over the limit). */
  private programPaused = false;
  /** ...and a 'drain' of the coprocess's stdin will let it go. */
  private waitingForDrain = false;
  /** Silent: the transfer between the pane's program and the coprocess (transfer.ts). */
  private readonly transfer: SilentTransfer | undefined;
  private progressTimer: ReturnType<typeof setInterval> | undefined;
  private endTimer: ReturnType<typeof setTimeout> | undefined;
  private stdoutGraceTimer: ReturnType<typeof setTimeout> | undefined;
  /** The pane's program is done with it: its stdin is closed, nothing more is fed. */
  private inputEnded = false;
  /** After a cancel: the pane is given back by then even if its program says nothing. */
  private showBy: number | undefined;
  /**
   * The ZModem cancel has been typed into the pane: never twice. A second one reaches the pty
   * after the program has acted on the first and given the terminal back to the shell, which
   * echoes it (`^X^X…^H^H…` before the shell's next line) or reads it as keys.
   */
  private cancelSent = false;

  constructor(
    readonly command: CoprocessCommand,
    readonly silent: boolean,
    private readonly pane: CoprocessPane,
    spawner: ProcessSpawner,
    options: { cwd: string; env: Record<string, string> },
    private readonly onEnd: (end: CoprocessEnd) => void,
    /** Its progress changed (a silent one's pane shows it): a frame with the new text. */
    private readonly onProgress: () => void = () => undefined,
  ) {
    // The tap (or gate) goes on before the spawn: output printed while it starts is kept for it.
    if (silent) {
      this.transfer = new SilentTransfer({ now: () => performance.now(), foreground: () => pane.foregroundGroup(), shellPid: pane.pid });
      pane.silentGate = { output: (data) => this.silentOutput(data), typed: (data) => this.silentTyped(data) };
      this.removeTap = () => undefined;
      this.progressTimer = setInterval(() => this.silentTick(), PROGRESS_INTERVAL_MS);
    } else this.removeTap = pane.addOutputTap((data) => this.feed(data));
    let started: ChildHandle | Promise<ChildHandle>;
    try {
      started = spawner({ file: command.file, args: command.args, cwd: options.cwd, env: options.env });
    } catch (error) {
      started = Promise.reject(error as Error);
    }
    if (started instanceof Promise) {
      started.then(
        (child) => this.attach(child),
        (error: Error) => this.failedToStart(error.message),
      );
    } else this.attach(started);
  }

  private attach(child: ChildHandle): void {
    this.child = child;
    if (this.finished) {
      // Detached while it was starting: it ends at once.
      void this.endGroup();
      child.stdin.destroy();
      child.stdout.destroy();
      child.stderr.destroy();
      return;
    }
    child.stdin.on('error', () => this.stdinClosed());
    child.stdout.on('data', (chunk: Buffer) => this.typeIntoPane(chunk));
    child.stdout.on('end', () => this.stdoutClosed());
    child.stdout.on('error', () => this.stdoutClosed());
    child.stderr.on('data', (chunk: Buffer) => this.keepStderr(chunk));
    child.stderr.on('error', () => undefined);
    child.onError((error) => this.failedToStart(error.message));
    child.onExit((code, signal) => {
      this.exit = { code, signal };
      // Grandchildren may hold stdout open: end the whole session, then finish regardless.
      void this.endGroup()
        .then(() => this.stderrDrained())
        .then(() => {
          this.stdoutDone = true;
          this.finish();
        });
      this.maybeFinish();
    });
    if (this.stoppedByUser) void this.endGroup();
    this.flushFeed();
    // Its partner was done before it started: end-of-file now, and it ends like any other.
    if (this.inputEnded) {
      child.stdin.end();
      if (this.endTimer) clearTimeout(this.endTimer);
      this.endTimer = setTimeout(() => void this.endGroup(), END_GRACE_MS);
    }
  }

  /** Resolves once stderr has ended (its last bytes kept), or after STDERR_DRAIN_MS. */
  private stderrDrained(): Promise<void> {
    const stderr = this.child?.stderr;
    if (!stderr || stderr.readableEnded || stderr.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, STDERR_DRAIN_MS);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      stderr.once('end', done);
      stderr.once('close', done);
    });
  }

  private failedToStart(message: string): void {
    this.spawnError = message;
    this.exit ??= { code: null, signal: null };
    this.stdoutDone = true;
    this.finish();
  }

  get running(): boolean {
    return !this.finished;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** The user (or the pane closing) stops it: TERM to its process group, KILL after a grace. */
  stop(): Promise<void> {
    this.stoppedByUser = true;
    if (this.transfer && this.pane.silentGate) this.cancelTransfer('prefix X');
    if (!this.child) {
      // Still starting: it ends now for the user; attach() ends the process if it arrives.
      this.exit ??= { code: null, signal: 'SIGTERM' };
      this.stdoutDone = true;
      this.finish();
      return Promise.resolve();
    }
    return this.endGroup();
  }

  private endGroup(): Promise<void> {
    const pid = this.child?.pid; // not started yet: attach() ends it when it arrives
    if (pid === undefined) return Promise.resolve();
    this.stopping ??= endProcessTree(pid, STOP_GRACE_MS, ['SIGTERM', 'SIGKILL']);
    return this.stopping;
  }

  stderrText(): string {
    return Buffer.concat(this.stderrChunks).toString('utf8');
  }

  private feed(data: Buffer): void {
    if (this.finished || this.stdinBroken || this.inputEnded) return;
    // Under a flood the pty hands over ~4 KB at a time; one pipe write (and one wake-up of the
    // coprocess) per chunk is what a coprocess costs. Chunks are gathered for a moment and
    // written together; an interactive line still goes out within FEED_BATCH_MS.
    this.feedBatch.push(data);
    this.feedBatchBytes += data.length;
    if (!this.child) {
      // Still starting: keep everything; past the queue limit, the program waits for it.
      if (this.feedBatchBytes > OUTPUT_QUEUE_LIMIT) this.pauseUntilDrained();
      return;
    }
    if (this.feedBatchBytes >= FEED_BATCH_MAX_BYTES) this.flushFeed();
    else if (!this.feedTimer) {
      const flooding = this.lastFlushBytes >= FEED_FLOOD_BYTES && performance.now() - this.lastFlushAt < FEED_FLOOD_BATCH_MS;
      this.feedTimer = setTimeout(() => this.flushFeed(), flooding ? FEED_FLOOD_BATCH_MS : FEED_BATCH_MS);
    }
  }

  private flushFeed(): void {
    if (this.feedTimer) clearTimeout(this.feedTimer);
    this.feedTimer = undefined;
    if (!this.child || this.feedBatch.length === 0 || this.finished || this.stdinBroken) return;
    this.lastFlushAt = performance.now();
    this.lastFlushBytes = this.feedBatchBytes;
    const batch = this.feedBatch;
    this.feedBatch = [];
    this.feedBatchBytes = 0;
    // Corked writes leave as one writev of the chunks as they are: no concatenated copy.
    const { stdin } = this.child;
    stdin.cork();
    for (const chunk of batch) stdin.write(chunk);
    stdin.uncork();
    if (stdin.writableLength > OUTPUT_QUEUE_LIMIT) this.pauseUntilDrained();
    else if (this.programPaused && !this.waitingForDrain) this.resumeProgram(); // paused while starting
  }

  /**
   * The pane's program waits (as on a full pipe) until the coprocess has taken its queue.
   * While it is still starting there is no pipe yet: attach() flushes, which asks again.
   */
  private pauseUntilDrained(): void {
    if (!this.programPaused) {
      this.programPaused = true;
      this.pane.setPaused('coprocess', true); // the pane redraws its border ("paused") itself
    }
    if (!this.child || this.waitingForDrain) return;
    this.waitingForDrain = true;
    this.child.stdin.once('drain', () => this.resumeProgram());
  }

  private resumeProgram(): void {
    this.waitingForDrain = false;
    this.programPaused = false;
    this.pane.setPaused('coprocess', false);
  }

  private typeIntoPane(chunk: Buffer): void {
    if (this.finished) return;
    const typed = this.transfer ? this.transfer.coprocessOutput(chunk) : chunk;
    if (typed.length > 0) this.pane.write(typed);
    if (this.pane.pendingInputBytes() > INPUT_QUEUE_LIMIT && !this.resumePoll) {
      this.child!.stdout.pause();
      this.resumePoll = setInterval(() => {
        if (this.pane.pendingInputBytes() > INPUT_QUEUE_LIMIT / 2) return;
        clearInterval(this.resumePoll);
        this.resumePoll = undefined;
        this.child?.stdout.resume();
      }, INPUT_RESUME_POLL_MS);
    }
  }

  private keepStderr(chunk: Buffer): void {
    this.stderrChunks.push(chunk);
    this.stderrBytes += chunk.length;
    while (this.stderrBytes > STDERR_KEEP_BYTES && this.stderrChunks.length > 1) {
      this.stderrBytes -= this.stderrChunks.shift()!.length;
    }
    if (this.stderrBytes > STDERR_KEEP_BYTES) {
      const only = this.stderrChunks[0]!;
      this.stderrChunks[0] = only.subarray(only.length - STDERR_KEEP_BYTES);
      this.stderrBytes = STDERR_KEEP_BYTES;
    }
  }

  private stdinClosed(): void {
    // The coprocess stopped reading for good; the pane must not stay paused on it.
    this.stdinBroken = true;
    this.pane.setPaused('coprocess', false);
  }

  private stdoutClosed(): void {
    if (this.stdoutDone) return;
    this.stdoutDone = true;
    // A coprocess whose stdout closed can no longer type: it has ended (iTerm2 does the same),
    // once it has had a moment to exit by itself.
    if (!this.exit) {
      this.stdoutGraceTimer = setTimeout(() => {
        if (!this.exit) void this.endGroup();
      }, STDOUT_CLOSED_GRACE_MS);
    }
    this.maybeFinish();
  }

  private maybeFinish(): void {
    if (this.exit && this.stdoutDone) void this.stderrDrained().then(() => this.finish());
  }

  /** Detaches from the pane at once (pane closing); the process is still ended in the background. */
  detach(): Promise<void> {
    this.stopTimers();
    const ending = this.stop();
    this.stdoutDone = true;
    this.exit ??= { code: null, signal: 'SIGTERM' };
    this.finish();
    return ending;
  }

  private finish(): void {
    if (this.finished) return;
    this.flushFeed();
    this.finished = true;
    if (this.endTimer) clearTimeout(this.endTimer);
    if (this.stdoutGraceTimer) clearTimeout(this.stdoutGraceTimer);
    this.removeTap();
    if (this.resumePoll) clearInterval(this.resumePoll);
    this.pane.setPaused('coprocess', false);
    if (this.transfer) this.silentCoprocessEnded();
    this.pane.markDirty();
    try {
      this.child?.stdin.destroy();
    } catch {
      // Already closed.
    }
    this.onEnd({
      command: this.command.display,
      code: this.exit?.code ?? null,
      signal: this.exit?.signal ?? null,
      error: this.spawnError,
      stoppedByUser: this.stoppedByUser,
      stderr: Buffer.concat(this.stderrChunks),
      summary: this.transfer?.summary(),
    });
  }

  // ---- silent coprocesses: the pane held, the transfer's end, progress ----------------------

  /** What a hidden pane shows instead of its frozen screen; undefined once it is given back. */
  progressLines(): string[] | undefined {
    return this.transfer && this.pane.silentGate ? this.transfer.progressLines(this.command.display) : undefined;
  }

  private silentOutput(data: Buffer): number {
    const transfer = this.transfer!;
    let hidden: number;
    try {
      hidden = transfer.paneOutput(data);
    } catch {
      // A stream tmx can't follow must never take the pane (or tmx) down: it is shown again.
      this.givePaneBack();
      return 0;
    }
    if (hidden > 0) this.feed(hidden === data.length ? data : data.subarray(0, hidden));
    if (transfer.paneEnded) this.givePaneBack();
    return hidden;
  }

  /** Keys typed into the hidden pane: Ctrl-C cancels a ZModem transfer, other keys would corrupt it. */
  private silentTyped(data: string | Buffer): boolean {
    const transfer = this.transfer!;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    if (!transfer.zmodem) return false; // any other program gets its keys, Ctrl-C included
    if (bytes.includes(CTRL_C)) {
      this.stoppedByUser = true;
      this.cancelTransfer('Ctrl-C');
      void this.endGroup();
    }
    return true;
  }

  private silentTick(): void {
    const transfer = this.transfer!;
    if (!this.pane.silentGate) return this.stopProgress();
    transfer.poll();
    if (transfer.paneEnded || (this.showBy !== undefined && performance.now() >= this.showBy)) this.givePaneBack();
    this.onProgress();
  }

  /**
   * Ends a transfer from tmx's side: the ZModem cancel goes to the pane's program once (so it
   * does not wait for a partner that has gone), nothing more of the coprocess is typed in, and
   * the pane is shown once its program has answered, or after CANCEL_SHOW_MS. Called again
   * (a second Ctrl-C, prefix X, or the coprocess ending after the Ctrl-C stopped it, before the
   * pane's program has answered), it sends nothing more.
   */
  private cancelTransfer(by: string | undefined): void {
    const transfer = this.transfer!;
    if (by) transfer.cancel(by);
    if (transfer.zmodem && !transfer.sessionOver && !this.cancelSent) {
      this.cancelSent = true;
      this.pane.write(CANCEL_SEQUENCE);
    }
    this.showBy ??= performance.now() + CANCEL_SHOW_MS;
    if (!transfer.zmodem) this.givePaneBack();
  }

  /** The coprocess has ended while its pane may still be held. */
  private silentCoprocessEnded(): void {
    this.transfer!.finished();
    if (!this.pane.silentGate) return;
    const transfer = this.transfer!;
    if (transfer.zmodem && !transfer.sessionOver && !transfer.paneEnded) this.cancelTransfer(undefined);
    else this.givePaneBack();
  }

  /**
   * The pane's program is done with the transfer: its output is shown again, the coprocess
   * gets end-of-file and END_GRACE_MS to exit before it is stopped.
   */
  private givePaneBack(): void {
    if (!this.pane.silentGate) return;
    this.pane.endSilence();
    this.stopProgress();
    this.onProgress();
    if (this.finished) return;
    this.flushFeed();
    this.inputEnded = true;
    if (this.programPaused) this.resumeProgram();
    try {
      this.child?.stdin.end();
    } catch {
      // Already closed.
    }
    this.endTimer = setTimeout(() => void this.endGroup(), END_GRACE_MS);
  }

  private stopProgress(): void {
    if (this.progressTimer) clearInterval(this.progressTimer);
    this.progressTimer = undefined;
  }

  private stopTimers(): void {
    this.stopProgress();
    if (this.endTimer) clearTimeout(this.endTimer);
    this.endTimer = undefined;
    if (this.stdoutGraceTimer) clearTimeout(this.stdoutGraceTimer);
    this.stdoutGraceTimer = undefined;
  }
}

/** The status-line sentence for how a coprocess ended. */
export function describeEnd(end: CoprocessEnd): string {
  // After a transfer's summary the program's name is enough (the status line is one row).
  const name = end.summary ? programName(end.command) : `Coprocess "${end.command}"`;
  let how: string;
  if (end.error) how = `could not start: ${end.error}`;
  else if (end.signal) how = `${end.stoppedByUser ? 'stopped' : 'ended'} by ${end.signal}`;
  else if (end.code === null) how = 'ended'; // its exit status could not be learned
  else how = `exited with status ${end.code}`;
  const log = end.stderr.length > 0 ? ' (stderr kept: show-coprocess-log)' : '';
  return `${end.summary ? `${end.summary}; ` : ''}${name} ${how}${log}`;
}

