// The injected clock (TimerPort) under a test's control: time moves only when told, and the
// timeouts due by then run in order. For unit tests of what waits on time (frames, the status
// clock), so they neither sleep nor depend on how fast the machine is.
import type { TimerPort } from '../../src/app/frame-scheduler.js';

export class ManualTimers implements TimerPort {
  constructor(public time = 1000) {}
  private pending = new Map<number, { at: number; fn: () => void }>();
  private serial = 0;
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.serial;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  /** Timeouts set and not yet run. */
  get waiting(): number {
    return this.pending.size;
  }
  /** Moves time on by `ms` and runs the timeouts due by then, earliest first. */
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.time) continue;
      this.pending.delete(id);
      t.fn();
    }
  }
}
