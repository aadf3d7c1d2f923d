// One render per frame, at most: output only marks panes dirty and asks for a frame.
// An idle screen renders right after the callback that changed it (a typed key echoes at once);
// under a flood, frames come no closer than FRAME_INTERVAL_MS.

/** ~60 frames a second: faster is invisible and costs parse time under floods. */
export const FRAME_INTERVAL_MS = 16;

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

  constructor(
    private readonly render: () => void,
    private readonly timers: TimerPort = realTimers,
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
    else this.waiting = this.timers.setTimeout(() => this.run(), wait);
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
    this.lastFrameAt = this.timers.now();
    this.render();
  }
}
