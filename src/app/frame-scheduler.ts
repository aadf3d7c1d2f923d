// One render per frame, at most: output only marks panes dirty and asks for a frame.
// An idle screen renders right after the callback that changed it (a typed key echoes at once);
// under a flood, frames come no closer than FRAME_INTERVAL_MS, and once the flood stops (no
// output for QUIET_GAP_MS) its last frame comes as soon as QUIET_FRAME_INTERVAL_MS allows rather
// than at the next interval.

/** ~60 frames a second: faster is invisible and costs parse time under floods. */
export const FRAME_INTERVAL_MS = 16;
/**
 * The frame after output stopped comes this soon after the one before: the end of a flood (a
 * build's last lines, the prompt after it) showed up to a whole interval late, ~8 ms on
 * average.
 */
export const QUIET_FRAME_INTERVAL_MS = 4;

/**
 * Output has stopped when no chunk was parsed (and none waits to be) for this long: a flood
 * brings a chunk every fraction of a millisecond, and an idle event loop turn alone (a pty read
 * by chance empty) drew extra frames in the middle of floods (~25% more bytes to the terminal).
 */
export const QUIET_GAP_MS = 1;

/** What the scheduler asks about the panes' output to tell when it has stopped (App provides it). */
export interface OutputWatch {
  /** Goes up with every chunk of output parsed. */
  parsedChunks(): number;
  /** Whether output was read and not parsed yet. */
  parsing(): boolean;
}

export interface TimerPort {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout?(handle: unknown): void;
}

export const realTimers: TimerPort = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class FrameScheduler {
  private scheduled = false;
  private waiting: unknown;
  private lastFrameAt = -Infinity;
  /** The quiet check's timer, while a frame waits for the interval. */
  private watch: unknown;

  constructor(
    private readonly render: () => void,
    private readonly timers: TimerPort = realTimers,
    /** Undefined: a frame that waits for the interval waits for it, output or not. */
    private readonly output?: OutputWatch,
  ) {}

  /** Whether a frame is asked for and not drawn yet (tests wait on it instead of sleeping). */
  get pending(): boolean {
    return this.scheduled;
  }

  /**
   * A frame soon. Idle: right after the current event handler, so an echo is drawn without
   * waiting behind other ready I/O. Busy: when the frame interval has passed.
   */
  request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastFrameAt + FRAME_INTERVAL_MS - this.timers.now();
    if (wait <= 0) this.runAfterThisCallback();
    else {
      this.waiting = this.timers.setTimeout(() => this.run(), wait);
      this.watchForQuiet();
    }
  }

  /**
   * While a frame waits for the interval: once QUIET_GAP_MS went by with no output parsed, the
   * flood has stopped (or paused), and the frame comes QUIET_FRAME_INTERVAL_MS after the last.
   */
  private watchForQuiet(): void {
    const output = this.output;
    if (output === undefined || this.watch !== undefined) return;
    const seen = output.parsedChunks();
    this.watch = this.timers.setTimeout(() => {
      this.watch = undefined;
      if (!this.scheduled || this.waiting === undefined) return; // drawn meanwhile
      if (output.parsedChunks() !== seen || output.parsing()) {
        this.watchForQuiet();
        return;
      }
      const wait = this.lastFrameAt + QUIET_FRAME_INTERVAL_MS - this.timers.now();
      this.timers.clearTimeout?.(this.waiting);
      this.waiting = this.timers.setTimeout(() => this.run(), Math.max(0, wait));
    }, QUIET_GAP_MS);
  }

  /**
   * A frame now, even under a flood: the echo of a key the user just typed. The caller limits
   * this to one frame per keystroke, so floods still get at most one frame per interval.
   */
  requestUrgent(): void {
    if (this.scheduled && this.waiting === undefined) return; // already coming at once
    if (this.waiting !== undefined) this.timers.clearTimeout?.(this.waiting);
    this.waiting = undefined;
    this.scheduled = true;
    this.runAfterThisCallback();
  }

  /**
   * After the callback that asked (the read that parsed the output), never inside it; and
   * through process.nextTick, not a microtask: Node runs the ticks its streams queue after a
   * read (maybeReadMore and the like) before any microtask, and an echo's frame waiting behind
   * them took 65-70 µs from the parse to the frame instead of 30-35 (bench/echo-stages.mjs).
   */
  private runAfterThisCallback(): void {
    process.nextTick(() => this.run());
  }

  private run(): void {
    if (!this.scheduled) return;
    this.scheduled = false;
    this.waiting = undefined;
    if (this.watch !== undefined) this.timers.clearTimeout?.(this.watch);
    this.watch = undefined;
    this.lastFrameAt = this.timers.now();
    this.render();
  }
}
