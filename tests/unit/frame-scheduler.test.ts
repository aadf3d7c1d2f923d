// The frame scheduler decides when tmx draws: at most one frame per interval under a flood,
// the next microtask when idle, and at once, in the caller's stack, for a typed key's echo.
import { describe, expect, it } from 'vitest';
import { FRAME_INTERVAL_MS, FrameScheduler, type TimerPort } from '../../src/app/frame-scheduler.js';

/** Timers under the test's control: time moves only when told, pending timeouts run in order. */
class ManualTimers implements TimerPort {
  time = 1000;
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
  get waiting(): number {
    return this.pending.size;
  }
  advance(ms: number): void {
    this.time += ms;
    for (const [id, t] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > this.time) continue;
      this.pending.delete(id);
      t.fn();
    }
  }
}

const microtasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function scheduler(): { frames: FrameScheduler; timers: ManualTimers; drawn: () => number } {
  const timers = new ManualTimers();
  let count = 0;
  const frames = new FrameScheduler(() => count++, timers);
  return { frames, timers, drawn: () => count };
}

describe('FrameScheduler', () => {
  it('draws an idle request on the next microtask, once however often it is asked', async () => {
    const { frames, drawn } = scheduler();
    frames.request();
    frames.request();
    expect(drawn()).toBe(0);
    await microtasks();
    expect(drawn()).toBe(1);
  });

  it('under a flood, waits for the frame interval', async () => {
    const { frames, timers, drawn } = scheduler();
    frames.request();
    await microtasks();
    timers.advance(2);
    frames.request();
    await microtasks();
    expect(drawn()).toBe(1);
    timers.advance(FRAME_INTERVAL_MS - 3);
    expect(drawn()).toBe(1);
    timers.advance(1);
    expect(drawn()).toBe(2);
  });

  it("draws an echo at once, in the caller's stack, and cancels the frame it overtakes", async () => {
    const { frames, timers, drawn } = scheduler();
    frames.request();
    await microtasks();
    frames.request(); // inside the interval: a timed frame waits
    expect(timers.waiting).toBe(1);
    frames.renderNow();
    expect(drawn()).toBe(2);
    expect(timers.waiting).toBe(0);
    timers.advance(FRAME_INTERVAL_MS);
    await microtasks();
    expect(drawn()).toBe(2);
  });

  it('an echo drawn at once is not drawn again by the microtask already queued', async () => {
    const { frames, timers, drawn } = scheduler();
    frames.request(); // queued: the output that carried the echo marked the pane dirty
    frames.renderNow();
    expect(drawn()).toBe(1);
    await microtasks();
    expect(drawn()).toBe(1);
    timers.advance(FRAME_INTERVAL_MS);
    frames.request(); // what comes after still draws
    await microtasks();
    expect(drawn()).toBe(2);
  });
});
