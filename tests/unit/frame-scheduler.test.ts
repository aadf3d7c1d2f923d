// The frame scheduler decides when tmx draws: at most one frame per interval under a flood,
// right after the caller's callback when idle, and so even under a flood for a typed key's echo.
import { describe, expect, it } from 'vitest';
import { FRAME_INTERVAL_MS, FrameScheduler, type OutputWatch, QUIET_FRAME_INTERVAL_MS, QUIET_GAP_MS } from '../../src/app/frame-scheduler.js';
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

  describe('once output stops under a flood', () => {
    /** A scheduler told of parsed output by hand: `parsed(chunks, parsing)`. */
    function watched() {
      const timers = new ManualTimers();
      let count = 0;
      let chunks = 0;
      let parsing = false;
      const output: OutputWatch = { parsedChunks: () => chunks, parsing: () => parsing };
      const frames = new FrameScheduler(() => count++, timers, output);
      const parsed = (read: number, stillParsing = false): void => {
        chunks += read;
        parsing = stillParsing;
      };
      return { frames, timers, parsed, drawn: () => count };
    }

    /** A frame, then more output 2 ms later: its frame waits for the interval. */
    async function inFlood(w: ReturnType<typeof watched>): Promise<void> {
      w.frames.request();
      await microtasks();
      w.timers.advance(2);
      w.frames.request();
      expect(w.drawn()).toBe(1);
    }

    it('the last frame comes QUIET_FRAME_INTERVAL_MS after the one before, not at the interval', async () => {
      const w = watched();
      await inFlood(w);
      // Nothing parsed for QUIET_GAP_MS: the output stopped.
      w.timers.advance(QUIET_GAP_MS);
      expect(w.drawn()).toBe(1);
      w.timers.advance(QUIET_FRAME_INTERVAL_MS - 2 - QUIET_GAP_MS - 1);
      expect(w.drawn()).toBe(1);
      w.timers.advance(1);
      expect(w.drawn()).toBe(2);
      expect(w.timers.waiting).toBe(0);
    });

    it('while output keeps being parsed, frames keep to the interval', async () => {
      const w = watched();
      await inFlood(w);
      for (let ms = 0; ms < 10; ms++) {
        w.parsed(1);
        w.timers.advance(1);
      }
      w.parsed(0, true); // read, not parsed yet: not quiet either
      w.timers.advance(FRAME_INTERVAL_MS - 2 - 10 - 1);
      expect(w.drawn()).toBe(1);
      w.timers.advance(1);
      expect(w.drawn()).toBe(2);
    });

    it('output that stops later than the quiet interval is drawn once the gap is over', async () => {
      const w = watched();
      await inFlood(w);
      w.parsed(1);
      w.timers.advance(QUIET_GAP_MS);
      w.parsed(1);
      w.timers.advance(QUIET_GAP_MS);
      w.timers.advance(QUIET_GAP_MS); // 5 ms after the last frame, the last chunk 1 ms ago
      w.timers.advance(0); // the frame, due at once
      expect(w.drawn()).toBe(2);
    });
  });
});
