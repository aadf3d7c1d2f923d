// Triggers on a pane run on a time budget: a flood they cannot keep up with is skipped, not
// waited for, and the user is told once. Real emulator; the clock is injected.
import { afterEach, describe, expect, test } from 'vitest';
import { FLOOD_QUIET_MS, LINES_PER_CLOCK_READING, PaneTriggers, TRIGGER_SLICE_MS, type TriggerEffects } from '../../src/app/pane-triggers.js';
import { Emulator } from '../../src/emulator/emulator.js';
import type { Pane } from '../../src/panes/pane.js';
import { compileTrigger } from '../../src/triggers/compile.js';
import type { CompiledTrigger } from '../../src/triggers/types.js';

const emulators: Emulator[] = [];
afterEach(() => emulators.splice(0).forEach((e) => e.dispose()));

/**
 * A pane with a real screen; highlights (not rate-limited: one per matched line) are counted.
 * Reading a line's text costs `costPerLineMs` on the injected clocks (wall and CPU alike): a
 * stand-in for slow triggers.
 */
function setup(costPerLineMs: number) {
  const emulator = new Emulator({ cols: 40, rows: 10, scrollback: 5000 });
  emulators.push(emulator);
  const highlighted: number[] = [];
  let time = 0;
  const logicalLineText = emulator.logicalLineText.bind(emulator);
  const pane = {
    emulator: Object.assign(emulator, {
      addHighlight: (row: number) => void highlighted.push(row),
      logicalLineText: (row: number, max: number) => ((time += costPerLineMs), logicalLineText(row, max)),
    }),
    write: () => undefined,
    markDirty: () => undefined,
    titleOverride: '',
  } as unknown as Pane;
  const messages: string[] = [];
  const effects: TriggerEffects = { runCoprocess: () => undefined, showMessage: (m) => void messages.push(m), bell: () => undefined, requestRender: () => undefined };
  const trigger = compileTrigger({ regex: 'line (\\d+)', action: 'highlight', style: { bold: true } }, []) as CompiledTrigger;
  const clock = () => time;
  const triggers = new PaneTriggers(pane, [trigger], effects, () => 0, clock, clock);
  const scanned: number[] = [];
  let serial = 0;
  /** Prints `count` lines in one chunk and scans as the pane does; returns the scan's duration. */
  const flood = async (count: number): Promise<number> => {
    let text = '';
    for (let i = 0; i < count; i++) text += `line ${serial++}\r\n`;
    await new Promise<void>((resolve) => emulator.write(text, resolve));
    const before = time;
    triggers.scan();
    scanned.push(time - before);
    return time - before;
  };
  const idle = (ms: number) => void (time += ms);
  return { flood, idle, messages, highlighted, scanned, printed: () => serial };
}

const skippedIn = (messages: string[]) => messages.map((m) => /skipped (\d+) line/.exec(m)).filter((m) => m !== null).map((m) => Number(m![1]));

describe('the trigger time budget', () => {
  test('with time to spare every line is matched and nothing is said', async () => {
    const { flood, idle, messages, highlighted } = setup(0);
    for (let i = 0; i < 10; i++) {
      await flood(100);
      idle(20);
    }
    expect(highlighted).toHaveLength(1000);
    expect(messages).toEqual([]);
  });

  test('a flood faster than the triggers is skipped, said once, and counted exactly when it ends', async () => {
    const { flood, idle, messages, highlighted, scanned, printed } = setup(0.25);
    for (let i = 0; i < 20; i++) await flood(200);
    // Behind: lines were skipped, the user was told once (not once per chunk).
    expect(highlighted.length).toBeLessThan(printed());
    expect(messages).toEqual(['Triggers fell behind a flood of output: lines are skipped (not matched) until it slows down']);
    // No scan held the event loop past its slice by more than the lines between clock readings.
    for (const ms of scanned) expect(ms).toBeLessThanOrEqual(TRIGGER_SLICE_MS + LINES_PER_CLOCK_READING * 0.25);
    // The flood calms down: short chunks with pauses; once quiet long enough, the count is given.
    for (let i = 0; i < 5; i++) {
      idle(FLOOD_QUIET_MS / 2);
      await flood(1);
    }
    expect(messages).toHaveLength(2);
    expect(messages[1]).toMatch(/^Triggers skipped \d+ lines of output \(not matched\)/);
    // Every line printed was either matched or counted as skipped.
    expect(highlighted.length + skippedIn(messages)[0]!).toBe(printed());
  });

  test('the budget refills: after a pause, lines are matched again', async () => {
    const { flood, idle, highlighted } = setup(0.25);
    for (let i = 0; i < 5; i++) await flood(200);
    const before = highlighted.length;
    idle(100);
    await flood(3);
    expect(highlighted.length).toBe(before + 3);
  });
});
