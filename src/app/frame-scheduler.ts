// One render per frame, at most: output only marks panes dirty and asks for a frame.
// An idle screen renders on the next turn of the event loop (a typed key echoes at once);
// under a flood, frames come no closer than FRAME_INTERVAL_MS.

/** ~60 frames a second: faster is invisible and costs parse time under floods. */
export const FRAME_INTERVAL_MS = 16;

export interface TimerPort {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  setImmediate(fn: () => void): unknown;
}

export const realTimers: TimerPort = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  setImmediate: (fn) => setImmediate(fn),
};

export class FrameScheduler {
  private scheduled = false;
  private lastFrameAt = -Infinity;

  constructor(
    private readonly render: () => void,
    private readonly timers: TimerPort = realTimers,
  ) {}

  request(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const wait = this.lastFrameAt + FRAME_INTERVAL_MS - this.timers.now();
    if (wait <= 0) this.timers.setImmediate(() => this.run());
    else this.timers.setTimeout(() => this.run(), wait);
  }

  private run(): void {
    this.scheduled = false;
    this.lastFrameAt = this.timers.now();
    this.render();
  }
}
