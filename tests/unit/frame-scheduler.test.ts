// The frame scheduler decides when tmx draws: at most one frame per interval under a flood,
// right after the caller's callback when idle, and so even under a flood for a typed key's echo.
import { describe, expect, it } from 'vitest';
import { FRAME_INTERVAL_MS, FrameScheduler } from '../../src/app/frame-scheduler.js';
import { ManualTimers } from '../support/manual-timers.js';

/** Lets ticks and microtasks run (a frame asked for "after this callback"). */
const microtasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function scheduler(): { frames: FrameScheduler; timers: ManualTimers; drawn: () => number } {
  const timers = new ManualTimers();
  let count = 0;
  const frames = new FrameScheduler(() => count++, timers);
  return { frames, timers, drawn: () => count };
}

describe('FrameScheduler', () => {
  it('draws an idle request right after the caller, once however often it is asked', async () => {
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

  it('draws an echo right after the caller even inside the frame interval, and cancels the timed frame', async () => {
    const { frames, timers, drawn } = scheduler();
    frames.request();
    await microtasks();
    frames.request(); // inside the interval: a timed frame waits
    expect(timers.waiting).toBe(1);
    frames.requestUrgent();
    expect(drawn()).toBe(1); // never inside the caller (the read callback)
    await microtasks();
    expect(drawn()).toBe(2);
    expect(timers.waiting).toBe(0);
    timers.advance(FRAME_INTERVAL_MS);
    await microtasks();
    expect(drawn()).toBe(2);
  });

  it('an urgent request on top of a queued idle one draws once', async () => {
    const { frames, timers, drawn } = scheduler();
    frames.request();
    frames.requestUrgent();
    await microtasks();
    expect(drawn()).toBe(1);
    timers.advance(FRAME_INTERVAL_MS);
    frames.request(); // what comes after still draws
    await microtasks();
    expect(drawn()).toBe(2);
  });
});
