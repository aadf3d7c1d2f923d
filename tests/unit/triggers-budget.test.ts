// Triggers on a pane run on a time budget: a scan never holds the event loop for long; lines it
// has no time for wait in the history and are matched a little later; only lines that leave the
// history first go unmatched, and the user is told once. Real emulator; clocks and timers are
// injected.
import { afterEach, describe, expect, test } from 'vitest';
import { FELL_BEHIND_MESSAGE, LINES_PER_CLOCK_READING, PaneTriggers, SCAN_GAP_MS, TRIGGER_SLICE_MS, type TriggerEffects } from '../../src/app/pane-triggers.js';
import { Emulator } from '../../src/emulator/emulator.js';
import type { Pane } from '../../src/panes/pane.js';
import { compileTrigger } from '../../src/triggers/compile.js';
import type { CompiledTrigger } from '../../src/triggers/types.js';

const emulators: Emulator[] = [];
afterEach(() => emulators.splice(0).forEach((e) => e.dispose()));

/**
 * A pane with a real screen and one trigger that types back the number of each line it sees
 * (`line N` -> `N,`). Reading a line's text costs `costPerLineMs` on the injected clocks (wall
 * and CPU alike): a stand-in for slow triggers.
 */
function setup(costPerLineMs: number, scrollback = 5000) {
  const emulator = new Emulator({ cols: 40, rows: 10, scrollback });
  emulators.push(emulator);
  let typed = '';
  let time = 0;
  const logicalLineText = emulator.logicalLineText.bind(emulator);
  const pane = {
    emulator: Object.assign(emulator, {
      logicalLineText: (row: number, max: number) => ((time += costPerLineMs), logicalLineText(row, max)),
    }),
    write: (text: string) => void (typed += text),
    markDirty: () => undefined,
    titleOverride: '',
  } as unknown as Pane;
  const messages: string[] = [];
  const effects: TriggerEffects = { runCoprocess: () => undefined, askZmodem: () => undefined, showMessage: (m) => void messages.push(m), bell: () => undefined, requestRender: () => undefined };
  const trigger = compileTrigger({ regex: 'line (\\d+)', action: 'send-text', text: '\\1,' }, []) as CompiledTrigger;
  const clock = () => time;
  // Scans the pane asks for: at the end of this turn (0 ms, run by flood) or later (run by settle).
  const immediates: Array<() => void> = [];
  const followUps: Array<() => void> = [];
  let rateClock = 0; // a second per firing: the rate limit never applies
  const triggers = new PaneTriggers(pane, [trigger], effects, () => (rateClock += 1000), clock, clock, (scan, ms) => {
    let cancelled = false;
    const run = () => {
      if (cancelled) return;
      time += ms;
      scan();
    };
    (ms === 0 ? immediates : followUps).push(run);
    return () => void (cancelled = true);
  });
  const scanned: number[] = [];
  const timed = (body: () => void) => {
    const before = time;
    body();
    scanned.push(time - before);
  };
  let serial = 0;
  /** Prints `count` lines in one chunk and scans as the pane does (`turnEnds`: the end-of-turn scan runs too). */
  const flood = async (count: number, turnEnds = true) => {
    let text = '';
    for (let i = 0; i < count; i++) text += `line ${serial++}\r\n`;
    await new Promise<void>((resolve) => emulator.write(text, resolve));
    timed(() => triggers.scan());
    while (turnEnds && immediates.length > 0) timed(immediates.shift()!);
  };
  /** Runs the follow-up scans the pane asked for, as their timers would. */
  const settle = () => {
    for (let guard = 0; followUps.length + immediates.length > 0 && guard < 10_000; guard++) timed((immediates.shift() ?? followUps.shift())!);
  };
  const seen = () => typed.split(',').filter(Boolean).map(Number);
  return { flood, settle, idle: (ms: number) => void (time += ms), messages, seen, scanned, printed: () => serial, immediates, followUps };
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('the trigger time budget', () => {
  test('with time to spare every line is matched at once and nothing is said', async () => {
    const { flood, idle, messages, seen } = setup(0);
    for (let i = 0; i < 10; i++) {
      await flood(100);
      idle(20);
    }
    expect(seen()).toEqual(upTo(1000));
    expect(messages).toEqual([]);
  });

  test('a flood faster than the triggers: no scan takes long, and every line is matched later, in order, once', async () => {
    const { flood, settle, messages, seen, scanned, printed } = setup(0.25);
    for (let i = 0; i < 20; i++) await flood(200);
    // Behind: not every line has been seen yet ...
    expect(seen().length).toBeLessThan(printed());
    // ... but no scan held the event loop past its slice by more than the lines between clock readings.
    for (const ms of scanned) expect(ms).toBeLessThanOrEqual(TRIGGER_SLICE_MS + LINES_PER_CLOCK_READING * 0.25);
    settle();
    expect(seen()).toEqual(upTo(printed()));
    expect(messages).toEqual([]);
  });

  test('lines that leave the history before their turn go unmatched, and that is said once', async () => {
    const { flood, settle, messages, seen, printed } = setup(0.25, 100);
    for (let i = 0; i < 20; i++) await flood(200);
    settle();
    const lines = seen();
    expect(lines.length).toBeLessThan(printed());
    expect(lines).toEqual([...new Set(lines)].sort((a, b) => a - b)); // in order, none twice
    expect(messages).toEqual([FELL_BEHIND_MESSAGE]);
  });

  test('chunks parsed in one turn are matched by one scan at its end, unless the history might trim them first', async () => {
    const { flood, seen, immediates, idle } = setup(0, 100);
    await flood(60);
    await flood(60); // the history (100 lines and 10 rows) is full
    idle(SCAN_GAP_MS); // (no sooner than SCAN_GAP_MS after the last scan: see below)
    await flood(5, false);
    await flood(5, false);
    expect(seen()).toEqual(upTo(120)); // waiting for the end of the turn ...
    expect(immediates).toHaveLength(1); // ... in one scan for both chunks
    immediates.shift()!();
    expect(seen()).toEqual(upTo(130));
    await flood(80, false); // more than half of the history at once: matched now
    expect(seen()).toEqual(upTo(210));
  });

  test(`while output keeps coming, scans are ${SCAN_GAP_MS} ms apart and each takes all the lines since the last`, async () => {
    const { flood, settle, seen, immediates, followUps, idle } = setup(0);
    await flood(5); // idle until now: scanned at the end of the turn
    expect(seen()).toEqual(upTo(5));
    idle(1);
    await flood(2, false);
    await flood(2, false);
    expect(immediates).toHaveLength(0); // too soon after the last scan ...
    expect(followUps).toHaveLength(1); // ... so one scan waits for the rest of the gap
    expect(seen()).toEqual(upTo(5));
    settle();
    expect(seen()).toEqual(upTo(9));
    idle(SCAN_GAP_MS);
    await flood(2); // a gap since: at the end of the turn again
    expect(seen()).toEqual(upTo(11));
  });
});
