// Emulator.plainPrintAt vouches for what printable ASCII will do before xterm parses it (a typed
// key's echo is drawn on that word). Each way xterm's print would do something else must make it
// say undefined; where it names a cell, parsing the text must change exactly those cells.
import { describe, expect, it } from 'vitest';
import { CellGrid, COLOR_DEFAULT } from '../../src/emulator/cells.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { seededRandom } from '../support/random.js';

const COLS = 20;
const ROWS = 6;

function parse(emulator: Emulator, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => emulator.write(data, resolve));
}

/** The screen's cells as the renderer copies them out (which also brings the screen cache up to date). */
function cells(emulator: Emulator): CellGrid {
  const grid = new CellGrid(emulator.cols, emulator.rows);
  emulator.copyViewport(grid, 0, 0, emulator.cols, emulator.rows);
  return grid;
}

function cellText(grid: CellGrid, i: number): string {
  return `${grid.chars[i]}:${grid.fg[i]}:${grid.bg[i]}:${grid.attrs[i]}:${grid.ul[i]}`;
}

/** An emulator that was fed `output` and drawn since, as a frame leaves it. */
async function drawnAfter(output: string | Uint8Array): Promise<Emulator> {
  const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 50 });
  await parse(emulator, output);
  cells(emulator);
  return emulator;
}

describe('Emulator.plainPrintAt', () => {
  it('names the cursor for plain text in the default pen, after colours were reset', async () => {
    expect((await drawnAfter('$ ')).plainPrintAt(1)).toEqual({ x: 2, y: 0 });
    expect((await drawnAfter('\x1b[31mred\x1b[0m\r\n> ')).plainPrintAt(5)).toEqual({ x: 2, y: 1 });
    // The alternate screen prints as the normal one does.
    expect((await drawnAfter('\x1b[?1049h\x1b[3;4H')).plainPrintAt(2)).toEqual({ x: 3, y: 2 });
  });

  it.each([
    ['a colour in the pen', '\x1b[31m'],
    ['an attribute in the pen', '\x1b[1m'],
    ['a background', '\x1b[48;2;1;2;3m'],
    ['DEC line drawing', '\x1b(0'],
    ['insert mode', 'abc\x1b[4h\x1b[1G'],
    ['a sequence begun', '\x1b['],
    ['an escape begun', '\x1b'],
    ['a string begun', '\x1b]0;tit'],
    ['a character begun', new Uint8Array([0x61, 0xe2, 0x82])],
    ['the cursor in the last column', `\x1b[1;${COLS}H`],
    ['a pending wrap', 'x'.repeat(COLS)],
    ['a wide character under the cursor', '中\x1b[1G'],
    ['the right half of a wide character under the cursor', '中\x1b[2G'],
  ])('says undefined with %s', async (_what, output) => {
    expect((await drawnAfter(output)).plainPrintAt(1)).toBeUndefined();
  });

  it('says undefined when the text would reach the last column or half of a wide character', async () => {
    // Three characters from COLS - 4 end before the last column; a fourth would land in it.
    const emulator = await drawnAfter(`\x1b[1;${COLS - 3}H`);
    expect(emulator.plainPrintAt(3)).toEqual({ x: COLS - 4, y: 0 });
    expect(emulator.plainPrintAt(4)).toBeUndefined();
    // "ab中": two cells over "ab" would leave the wide character whole; three would halve it.
    const wide = await drawnAfter('ab中\x1b[1G');
    expect(wide.plainPrintAt(2)).toEqual({ x: 0, y: 0 });
    expect(wide.plainPrintAt(3)).toBeUndefined();
  });

  it('says undefined while history is shown, rows are not yet drawn, or something is painted over them', async () => {
    const scrolled = await drawnAfter('line\r\n'.repeat(20));
    scrolled.scrollView(-3);
    cells(scrolled);
    expect(scrolled.plainPrintAt(1)).toBeUndefined();
    scrolled.scrollViewToBottom();
    cells(scrolled);
    expect(scrolled.plainPrintAt(1)).toEqual({ x: 0, y: ROWS - 1 });

    const undrawn = await drawnAfter('');
    await parse(undrawn, 'more');
    expect(undrawn.plainPrintAt(1)).toBeUndefined();
    cells(undrawn);
    expect(undrawn.plainPrintAt(1)).toEqual({ x: 4, y: 0 });

    const highlighted = await drawnAfter('match here');
    highlighted.addHighlight(highlighted.cursorAbsoluteLine(), 0, 5, { attrs: 1 });
    cells(highlighted);
    expect(highlighted.plainPrintAt(1)).toBeUndefined();

    const selected = await drawnAfter('pick me');
    selected.setSelection({ start: { line: 0, col: 0 }, end: { line: 0, col: 3 } });
    cells(selected);
    expect(selected.plainPrintAt(1)).toBeUndefined();
  });

  it('names only cells that parsing the text then changes, and exactly as said (random screens)', async () => {
    const rand = seededRandom(20261124);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const steps = [
      () => 'text ',
      () => '中文',
      () => '\r\n',
      () => pick(['\x1b[31m', '\x1b[1m', '\x1b[0m', '\x1b[m', '\x1b[7m', '\x1b[4:3m', '\x1b[58;5;3m', '\x1b[59m']),
      () => pick(['\x1b(0', '\x1b(B', '\x1b)0\x0e', '\x0f']),
      () => pick(['\x1b[4h', '\x1b[4l']),
      () => `\x1b[${1 + Math.floor(rand() * ROWS)};${1 + Math.floor(rand() * COLS)}H`,
      () => pick(['\x1b[', '\x1b', '\x1b]2;t', '\x07', '\x1b\\', '\x1bP', '\x1b[?']),
      () => pick(['\xe2', '\xe4\xb8']),
      () => pick(['\x1b]8;;http://x\x1b\\', '\x1b]8;;\x1b\\']),
      () => pick(['\x1b[?1049h', '\x1b[?1049l', '\x1b[2J', '\x1b[K', '\x1b[2@', '\x1b[P', '\x1b[?7l', '\x1b[?7h']),
      () => 'x'.repeat(Math.floor(rand() * COLS)),
    ];
    let named = 0;
    let refused = 0;
    for (let round = 0; round < 600; round++) {
      const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 20 });
      for (let i = 0, n = 1 + Math.floor(rand() * 8); i < n; i++) await parse(emulator, Buffer.from(pick(steps)(), 'latin1'));
      const before = cells(emulator);
      const text = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => String.fromCharCode(0x20 + Math.floor(rand() * 95))).join('');
      const at = emulator.plainPrintAt(text.length);
      await parse(emulator, text);
      if (!at) {
        refused++;
        continue;
      }
      named++;
      const after = cells(emulator);
      const start = at.y * COLS + at.x;
      for (let i = 0; i < before.chars.length; i++) {
        const expected = i >= start && i < start + text.length ? `${text[i - start]}:${COLOR_DEFAULT}:${COLOR_DEFAULT}:0:${COLOR_DEFAULT}` : cellText(before, i);
        expect(cellText(after, i), `round ${round}, cell ${i % COLS},${Math.floor(i / COLS)}`).toBe(expected);
      }
      expect(emulator.cursorState(), `round ${round}`).toMatchObject({ x: at.x + text.length, y: at.y });
    }
    // Both answers came up often enough to mean something.
    expect(named).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
