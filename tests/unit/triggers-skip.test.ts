// The pane's triggers skip reading lines that the output's bytes prove no trigger can match
// (triggers/output-skip.ts). The contract: whatever the output, they fire exactly what reading
// every line fires. Real emulator; random output mixing plain lines with everything that puts
// other text on a row or moves the cursor; random triggers that all have literals.
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { PaneTriggers, type TriggerEffects } from '../../src/app/pane-triggers.js';
import { Emulator } from '../../src/emulator/emulator.js';
import type { Pane } from '../../src/panes/pane.js';
import { compileTrigger } from '../../src/triggers/compile.js';
import { LineTracker, type LineSource } from '../../src/triggers/line-tracker.js';
import { TriggerMatcher } from '../../src/triggers/matcher.js';
import type { CompiledTrigger } from '../../src/triggers/types.js';

const emulators: Emulator[] = [];
afterEach(() => emulators.splice(0).forEach((e) => e.dispose()));

/** Regexes made of the output's alphabet; each has literals (the precondition for skipping). */
const REGEXES = ['ab1', 'b a', '1ab', 'a\\(b', 'ba?b1', '[ab]1a', 'a\\d;', 'b  a', 'aaa', 'b{2}1', '中a', 'e\u0301', '\\)b', 'a;1', 'ab', '1 1'];

const word = fc.stringMatching(/^[ab1 ();]{1,12}$/);
const sgr = fc.constantFrom('\x1b[31m', '\x1b[0m', '\x1b[1;38;5;2m', '\x1b[38:2::1:2:3m', '\x1b[m');
/** Plain lines (what skipping is for): words, colours, CR LF. */
const plainLines = fc
  .array(fc.oneof({ weight: 6, arbitrary: word }, { weight: 5, arbitrary: fc.constant('\r\n') }, { weight: 1, arbitrary: sgr }), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(''));
/** Everything else that puts other text on a row or moves the cursor, now and then. */
const special = fc.constantFrom(
  '\r', '\n', '\b', '\t', '\x0b', '\x0c', '\x07', '\x00', '\x7f',
  '\x1b[A', '\x1b[2B', '\x1b[3C', '\x1b[D', '\x1b[H', '\x1b[2;3H', '\x1b[K', '\x1b[1K', '\x1b[J', '\x1b[2J',
  '\x1b7', '\x1b8', '\x1bM', '\x1bD', '\x1bE', '\x1b[2;3r', '\x1b[r', '\x1b[4h', '\x1b[4l', '\x1b[?7l', '\x1b[?7h',
  '\x1b(0', '\x1b(B', '\x1b)0', '\x0e', '\x0f', '\x1b[3b', '\x1b[2@', '\x1b[P', '\x1b[L', '\x1b[M', '\x1b[S', '\x1b[T',
  '\x1b[?1049h', '\x1b[?1049l', '\x1b[?45h', '\x1b[?45l', '\x1b[?6h', '\x1b[?6l', '\x1b[20h', '\x1b[20l', '\x1bc',
  '\x1b]0;ab\x07', '\x1bPab\x1b\\', '\u009b31m', '\u009bA', '中', 'e\u0301', 'a\u200b', '\x1b[3\r\nm', '\x1b[>4m', '\x1b[?1m',
  '\x1b[1', '\x1b', '\xe4', '\r\r\n', 'b\r\n\x1b[A\x1b[2Ca',
);
const piece = fc.oneof({ weight: 4, arbitrary: plainLines }, { weight: 1, arbitrary: special });

interface Case {
  cols: number;
  rows: number;
  scrollback: number;
  regexes: string[];
  pieces: string[];
  /** Where chunks end, as fractions of the output. */
  cuts: number[];
  /** For each chunk, whether a scan follows it (else the next chunk is parsed first). */
  scans: boolean[];
  instant: boolean;
  /** Output starts with the cursor on the last row (as a shell's prompt is, mostly). */
  fromBottom: boolean;
  /**
   * With `limits`, ms the clock moves on before each chunk (else it stands still): a trigger
   * over its rate limit or cooling down may fire again in the middle of what is skipped.
   */
  steps?: number[];
}

const testCase: fc.Arbitrary<Case> = fc.record({
  cols: fc.integer({ min: 4, max: 12 }),
  rows: fc.integer({ min: 2, max: 5 }),
  scrollback: fc.integer({ min: 0, max: 30 }),
  regexes: fc.subarray(REGEXES, { minLength: 1 }),
  pieces: fc.array(piece, { minLength: 1, maxLength: 30 }),
  cuts: fc.array(fc.integer({ min: 1, max: 999 }).map((n) => n / 1000), { minLength: 2, maxLength: 30 }),
  scans: fc.array(fc.boolean(), { minLength: 31, maxLength: 31 }),
  fromBottom: fc.boolean(),
  instant: fc.boolean(),
  steps: fc.array(fc.constantFrom(0, 0, 0, 1, 400, 1000, 1500), { minLength: 31, maxLength: 31 }),
});

/**
 * `limits`: the second trigger has a cooldown (of 500 ms) and the third is a `stop`; with the
 * clock still between the case's steps, cooldowns and rate limits then apply for a while
 * (lines whose triggers cannot fire meanwhile need not be read either).
 */
function compile(regexes: string[], instant: boolean, limits = false): CompiledTrigger[] {
  return regexes.map((regex, i) => {
    const action = limits && i === 2 ? { action: 'stop' } : { action: 'send-text', text: `${i}:\\0|` };
    return compileTrigger({ regex, ...action, instant: instant && i === 0, ...(limits && i === 1 ? { cooldownMs: 500 } : {}) }, []) as CompiledTrigger;
  });
}

/**
 * Feeds the case's output to one emulator watched two ways: by the pane's triggers, and by
 * reading every line. `limits`: see compile(); notices (a rate limit reached) count as firings.
 */
async function run(c: Case, limits = false): Promise<{ skipping: string; reading: string; skipped: number }> {
  const emulator = new Emulator({ cols: c.cols, rows: c.rows, scrollback: c.scrollback });
  emulators.push(emulator);
  const triggers = compile(c.regexes, c.instant, limits);
  let typed = '';
  let readBySkipping = 0;
  const logicalLineText = emulator.logicalLineText.bind(emulator);
  const pane = {
    emulator: Object.assign(emulator, { logicalLineText: (row: number, max: number) => (readBySkipping++, logicalLineText(row, max)) }),
    write: (text: string) => void (typed += text),
    markDirty: () => undefined,
    titleOverride: '',
  } as unknown as Pane;
  let noticed = '';
  const effects: TriggerEffects = { runCoprocess: () => undefined, askZmodem: () => undefined, showMessage: (m) => void (noticed += `${m}|`), bell: () => undefined, requestRender: () => undefined };
  let rateClock = 0; // a second per firing: rate limits never apply (unless `limits`: see Case.steps)
  let clock = 0;
  const queued: Array<() => void> = [];
  const skipping = new PaneTriggers(pane, triggers, effects, () => (limits ? clock : (rateClock += 1000)), () => 0, () => 0, (scan) => {
    queued.push(scan);
    return () => queued.splice(queued.indexOf(scan), 1);
  });

  // The reference: every pending line read and matched, at the same moments.
  let readByReading = 0;
  const source: LineSource = {
    cursorAbsoluteLine: () => emulator.cursorAbsoluteLine(),
    bufferLength: () => emulator.bufferLength(),
    isWrapped: (row) => emulator.isWrapped(row),
    logicalLineText: (row, max) => (readByReading++, logicalLineText(row, max)),
    alternateScreenActive: () => emulator.alternateScreenActive(),
    markLine: (row) => emulator.markLine(row),
  };
  const tracker = new LineTracker(source);
  let referenceClock = 0;
  const matcher = new TriggerMatcher(triggers, () => (limits ? clock : (referenceClock += 1000)));
  let reading = '';
  let referenceNoticed = '';

  const bytes = Buffer.from((c.fromBottom ? '\r\n'.repeat(c.rows) : '') + c.pieces.join(''), 'utf8');
  const cuts = [...new Set(c.cuts.map((f) => Math.floor(f * bytes.length)).filter((cut) => cut > 0 && cut < bytes.length))].sort((a, b) => a - b);
  const bounds = [0, ...cuts, bytes.length];
  for (let k = 0; k + 1 < bounds.length; k++) {
    clock += c.steps?.[k] ?? 0;
    await new Promise<void>((resolve) => emulator.write(bytes.subarray(bounds[k], bounds[k + 1]), resolve));
    if (!c.scans[k] && k + 2 < bounds.length) continue;
    skipping.scan();
    while (queued.length > 0) queued.shift()!();
    for (const line of tracker.update(matcher.wantsPartialLines)) {
      for (const firing of matcher.match(line)) if (firing.text) reading += firing.text;
    }
    for (const notice of matcher.takeNotices()) referenceNoticed += `${notice}|`;
  }
  skipping.dispose();
  tracker.dispose();
  return { skipping: `${typed}\n${noticed}`, reading: `${reading}\n${referenceNoticed}`, skipped: readByReading - readBySkipping };
}

/**
 * A 40x5 emulator behind PaneTriggers with one `ab(\\d)` notify trigger, scans run at once;
 * each call of the emulator's `counted` method calls `count` (how many lines were read, rows walked).
 */
function scannedPane(counted: 'logicalLineText' | 'isWrapped', count: () => void) {
  const emulator = new Emulator({ cols: 40, rows: 5, scrollback: 1000 });
  emulators.push(emulator);
  const original = (emulator[counted] as (...args: unknown[]) => unknown).bind(emulator);
  Object.assign(emulator, { [counted]: (...args: unknown[]) => (count(), original(...args)) });
  const pane = { emulator, write: () => undefined, markDirty: () => undefined, titleOverride: '' } as unknown as Pane;
  let fired = '';
  const effects: TriggerEffects = { runCoprocess: () => undefined, askZmodem: () => undefined, showMessage: (m) => void (fired += `${m}|`), bell: () => undefined, requestRender: () => undefined };
  const triggers = [compileTrigger({ regex: 'ab(\\d)', action: 'notify', message: '\\1' }, []) as CompiledTrigger];
  let clock = 0;
  const queued: Array<() => void> = [];
  const paneTriggers = new PaneTriggers(pane, triggers, effects, () => (clock += 1000), () => 0, () => 0, (scan) => (queued.push(scan), () => undefined));
  return {
    write: (text: string) => new Promise<void>((resolve) => emulator.write(Buffer.from(text, 'latin1'), resolve)),
    scan: () => {
      paneTriggers.scan();
      while (queued.length > 0) queued.shift()!();
    },
    fired: () => fired,
    dispose: () => paneTriggers.dispose(),
  };
}


describe('skipping lines by the output bytes', () => {
  test('fires exactly what reading every line fires', async () => {
    let skippedSomewhere = 0;
    await fc.assert(
      fc.asyncProperty(testCase, async (c) => {
        const { skipping, reading, skipped } = await run(c);
        expect(skipping).toBe(reading);
        if (skipped > 0) skippedSomewhere++;
      }),
      { numRuns: 400 },
    );
    // Not vacuous: lines were skipped in many of the cases.

    expect(skippedSomewhere).toBeGreaterThan(100);
  });

  test('with cooldowns, rate limits and stop in force, fires exactly what reading every line fires', async () => {
    await fc.assert(
      fc.asyncProperty(testCase, async (c) => {
        const { skipping, reading } = await run(c, true);
        expect(skipping).toBe(reading);
      }),
      { numRuns: 300 },
    );
  });

  test('lines whose only triggers are over their rate limit are not read', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `line ${i} ab`);
    const c: Case = { cols: 20, rows: 5, scrollback: 100, regexes: ['ab'], pieces: lines.map((l) => `${l}\r\n`), cuts: [0.2, 0.4, 0.6, 0.8, 0.95], scans: Array(31).fill(true), instant: false, fromBottom: false };
    const { skipping, reading, skipped } = await run(c, true);
    expect(skipping).toBe(`${'0:ab|'.repeat(5)}\ntrigger "ab" matched more than 5 times in 1000 ms; skipping matches until it calms down|`);
    expect(reading).toBe(skipping);
    expect(skipped).toBeGreaterThan(200);
  });

  test.each([
    ['in the middle of an interval', 9, false],
    ['between intervals', 10, false],
    ['in the middle of an interval, lines split between chunks', 9, true],
    ['between intervals, the first line begun before', 10, true],
  ])('a rate-limited trigger whose lines are not read fires again once it calms down %s', async (_name, at, split) => {
    // 40 chunks of 10 lines holding the literal, a scan after every other one; `split`: each
    // chunk ends inside a line, right after its literal. The trigger is over its rate limit after
    // five lines; then the clock passes its window before chunk `at` (and again before 30).
    const pieces = Array.from({ length: 400 }, (_, i) => `l${i} ab\r\n`);
    const total = pieces.join('').length;
    const ends: number[] = [];
    for (let k = 10, sum = 0, i = 0; k < 400; k += 10) {
      for (; i < k; i++) sum += pieces[i]!.length;
      ends.push(split ? sum - 2 : sum);
    }
    const c: Case = {
      cols: 20, rows: 5, scrollback: 500, regexes: ['l\\d+ ab'], pieces,
      cuts: ends.map((e) => (e + 0.5) / total), scans: Array.from({ length: 40 }, (_, k) => k % 2 === 1), instant: false, fromBottom: false,
      steps: Array.from({ length: 40 }, (_, k) => (k === at || k === 30 ? 1500 : 0)),
    };
    const { skipping, reading, skipped } = await run(c, true);
    // Five firings at first, and five more each time the window passed: on the same lines.
    expect(reading.match(/0:l\d+ ab\|/g)).toHaveLength(15);
    expect(skipping).toBe(reading);
    expect(skipped).toBeGreaterThan(200);
  });

  // Each puts a trigger's literal on a row of a flood that its bytes do not spell out.
  // `before`, if any, comes in the output before (a scan between): a state the line inherits.
  test.each([
    ['a backspace', '', 'xaQ\bb1'],
    ['a CR without LF', '', 'zzb1\rza'],
    ['a tab', '', 'xxxxxb\ta'],
    ['a lone line feed', '', 'x\nb1'],
    ['a cursor move', '', 'b\x1b[2Ca'],
    ['a repeat (REP)', '', 'xa\x1b[bb1'],
    ['DEC graphics', '', '\x1b(0a\x1b(B'],
    ['DEC graphics set before', '\x1b(0', 'xa'],
    ['no auto-wrap', '\x1b[?7l', `${'z'.repeat(9)}abQQQ1`],
    ['a C1 CSI', '', 'b\u009b2Ca'],
  ])('%s that spells a literal is seen', async (_name, before, hazard) => {
    const plain = (n: number) => Array.from({ length: n }, (_, i) => `plain ${i}\r\n`).join('');
    const pieces = ['\r\n'.repeat(4) + plain(8) + before, plain(3), `${hazard}\r\n`, plain(3), plain(3)];
    const cut = (n: number) => pieces.slice(0, n).join('').length;
    const total = cut(5);
    // Scans after the first lines (the cursor on the last row) and after the hazard's lines.
    const c: Case = { cols: 12, rows: 4, scrollback: 50, regexes: ['ab1', 'b  a', ' b1', 'a;1', '▒', 'x▒'], pieces, cuts: [(cut(1) + 0.5) / total, (cut(4) + 0.5) / total], scans: Array(31).fill(true), instant: false, fromBottom: false };
    const { skipping, reading, skipped } = await run(c);
    expect(reading).not.toBe('');
    expect(skipping).toBe(reading);
    // Lines around it are skipped (a state set before stops skipping until it is undone).
    if (before === '') expect(skipped).toBeGreaterThan(0);
  });

  test('a flood of plain lines is matched without reading the lines that cannot match', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => (i % 50 === 7 ? `\x1b[32mline ${i} ab\x1b[0m` : `line ${i} a-b`));
    const c: Case = { cols: 20, rows: 5, scrollback: 100, regexes: ['ab'], pieces: lines.map((l) => `${l}\r\n`), cuts: [0.2, 0.4, 0.6, 0.8, 0.95], scans: Array(31).fill(true), instant: false, fromBottom: false };
    const { skipping, reading, skipped } = await run(c);
    expect(skipping).toBe(`${'0:ab|'.repeat(6)}\n`);
    expect(reading).toBe(skipping);
    // All but the lines of the first chunk (the cursor reached the last row in it) and the matches.
    expect(skipped).toBeGreaterThan(200);
  });

  test('a line written across scans is told from its bytes: read only for a literal, even one split between them', async () => {
    let read = 0;
    const { write, scan, fired, dispose } = scannedPane('logicalLineText', () => read++);
    await write('\r\n'.repeat(5));
    scan();
    // The cursor on the last row: from here, each scan's first line began after a CR LF it saw.
    await write('plain\r\n');
    scan();
    read = 0;
    // Each chunk ends inside a line the next one finishes: odd chunks split the literal (a|b1),
    // even ones leave it whole in the first line or keep it out of it altogether.
    for (let chunk = 1; chunk <= 8; chunk++) {
      const head = chunk % 2 === 1 ? `b${chunk} end` : chunk % 4 === 0 ? `ab${chunk} end` : 'no match';
      const lines = Array.from({ length: 20 }, (_, i) => `line ${chunk}:${i} a b`).join('\r\n');
      await write(`${head}\r\n${lines}\r\ntail ${chunk % 2 === 0 ? 'a' : ''}`);
      scan();
    }
    dispose();
    expect(fired()).toBe('3|4|5|7|8|');
    // The lines holding the literal, not the first line of every scan as well.
    expect(read).toBe(5);
  });

  test('a flood of one-row lines is planned without walking its rows', async () => {
    let walked = 0;
    const { write, scan, fired, dispose } = scannedPane('isWrapped', () => walked++);
    await write('\r\n'.repeat(5));
    scan();
    walked = 0;
    for (let chunk = 0; chunk < 4; chunk++) {
      await write(Array.from({ length: 100 }, (_, i) => (i === 50 ? `\x1b[1mline ab${chunk}\x1b[0m\r\n` : `line ${chunk}:${i} a b\r\n`)).join(''));
      scan();
    }
    dispose();
    expect(fired()).toBe('0|1|2|3|');
    // 400 lines: a few rows looked at a scan (where the cursor's and the first line end), not every one.
    expect(walked).toBeLessThan(40);
  });
});
