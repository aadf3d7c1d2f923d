// The emulator keeps the visible screen between frames and re-reads only the rows xterm
// reports as changed. Whatever a program prints, the cached screen must equal a full read.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Attr, CellGrid, COLOR_DEFAULT, palette256, rgbColor, underlineAttrs, UnderlineStyle } from '../../src/emulator/cells.js';
import { Emulator } from '../../src/emulator/emulator.js';

const COLS = 12;
const ROWS = 5;

function write(emulator: Emulator, data: string): Promise<void> {
  return new Promise((resolve) => emulator.write(data, resolve));
}

function read(emulator: Emulator): CellGrid {
  const grid = new CellGrid(COLS, ROWS);
  emulator.copyViewport(grid, 0, 0, COLS, ROWS);
  return grid;
}

function fullRead(emulator: Emulator): CellGrid {
  (emulator as unknown as { screenCache: unknown }).screenCache = undefined;
  return read(emulator);
}

function sameCells(a: CellGrid, b: CellGrid): boolean {
  for (let i = 0; i < a.chars.length; i++) if (!a.sameCell(b, i)) return false;
  return true;
}

// Pieces a program prints: text, wide text, cursor moves, erases, scrolling, insert/delete,
// scroll regions, the alternate screen, colours and full resets.
const piece = fc.constantFrom(
  'hello', 'x', '中文', '\r\n', '\n', '\r', '\b', '\t', '\x1b[H', '\x1b[3;4H', '\x1b[2J', '\x1b[K', '\x1b[1K',
  '\x1b[J', '\x1b[2L', '\x1b[M', '\x1b[3@', '\x1b[2P', '\x1b[2X', '\x1b[S', '\x1b[T', '\x1b[2;4r', '\x1b[r',
  '\x1bM', '\x1bD', '\x1b[?1049h', '\x1b[?1049l', '\x1b[31;44m', '\x1b[0m', '\x1b[38;2;1;2;3m', '\x1bc',
  '\x1b[5A', '\x1b[9C', '\x1b[?7l', '\x1b[?7h', 'abcdefghijklmnop',
  '\x1b[4:3m', '\x1b[58:5:196m', '\x1b[59m', '\x1b[24m',
);

describe('emulator screen cache', () => {
  it('equals a full read of the screen after any sequence of writes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(piece, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), async (frames) => {
        const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 20 });
        try {
          for (const frame of frames) {
            await write(emulator, frame.join(''));
            const cached = read(emulator);
            expect(sameCells(cached, fullRead(emulator))).toBe(true);
          }
        } finally {
          emulator.dispose();
        }
      }),
      { numRuns: 200 },
    );
  });

  it('follows a resize', async () => {
    const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 20 });
    await write(emulator, 'abc\r\ndef');
    read(emulator);
    emulator.resize(COLS - 4, ROWS);
    await write(emulator, 'X');
    const grid = new CellGrid(COLS - 4, ROWS);
    emulator.copyViewport(grid, 0, 0, COLS - 4, ROWS);
    expect(grid.rowText(1).trimEnd()).toBe('defX');
    emulator.dispose();
  });

  it('reports as changed exactly the rows printed since the last copy, and every row for a new highlight', async () => {
    const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 20 });
    await write(emulator, 'one\r\ntwo\r\nthree');
    expect(emulator.changedRows()).toEqual({ from: 0, to: ROWS - 1 }); // never drawn yet
    read(emulator);
    expect(emulator.changedRows()).toBeUndefined();
    await write(emulator, '!');
    expect(emulator.changedRows()).toEqual({ from: 2, to: 2 });
    read(emulator);
    // A trigger's highlight restyles cells no output touched: they must be drawn again.
    emulator.addHighlight(0, 0, 3, { attrs: Attr.INVERSE });
    expect(emulator.changedRows()).toEqual({ from: 0, to: ROWS - 1 });
    const grid = read(emulator);
    expect(grid.attrs[0]! & Attr.INVERSE).toBe(Attr.INVERSE);
    emulator.dispose();
  });
});

describe('Emulator.userTyped', () => {
  it('makes the next output (the echo) parse at once; other output waits for xterm’s timer', async () => {
    const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 10 });
    let parsed = false;
    emulator.write('a', () => (parsed = true));
    expect(parsed).toBe(false);
    await write(emulator, '');
    expect(parsed).toBe(true);
    emulator.userTyped();
    let echoed = false;
    emulator.write('b', () => (echoed = true));
    expect(echoed).toBe(true);
    expect(emulator.screenText().split('\n')[0]!.trimEnd()).toBe('ab');
    let after = false;
    emulator.write('c', () => (after = true)); // only the first write after typing
    expect(after).toBe(false);
  });
});

describe('emulator cells: wide characters', () => {
  it('a wide character cut in two by the program leaves blanks, never a half without the other', async () => {
    const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 0 });
    await write(emulator, '中x\ra');
    const grid = read(emulator);
    expect([grid.chars[0], grid.chars[1], grid.chars[2]]).toEqual(['a', ' ', 'x']);
    expect(grid.attrs[1]! & Attr.WIDE_CONTINUATION).toBe(0);
    // An insert-character inside a wide character splits it: both of its halves become blanks.
    await write(emulator, '\x1b[2J\x1b[H中中中\x1b[1;4H\x1b[1@');
    const split = read(emulator);
    expect(split.chars.slice(0, 7)).toEqual(['中', '', ' ', ' ', ' ', '中', '']);
    expect([...split.attrs.slice(0, 7)].map((a) => a & Attr.WIDE_CONTINUATION)).toEqual([0, Attr.WIDE_CONTINUATION, 0, 0, 0, 0, Attr.WIDE_CONTINUATION]);
  });

  it('every right half read follows a wide character\'s left half (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 12 }), async (pieces) => {
        const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 0 });
        try {
          await write(emulator, pieces.join(''));
          const grid = read(emulator);
          for (let i = 0; i < grid.chars.length; i++) {
            if (!(grid.attrs[i]! & Attr.WIDE_CONTINUATION)) continue;
            const where = `cell ${i % COLS},${Math.floor(i / COLS)} after ${JSON.stringify(pieces.join(''))}`;
            expect(i % COLS, where).toBeGreaterThan(0);
            expect(['中', '文'], where).toContain(grid.chars[i - 1]);
          }
          // And every wide character has its right half after it.
          for (let i = 0; i < grid.chars.length; i++) {
            if (grid.chars[i] !== '中' && grid.chars[i] !== '文') continue;
            expect(grid.attrs[i + 1]! & Attr.WIDE_CONTINUATION, `cell ${i % COLS},${Math.floor(i / COLS)} after ${JSON.stringify(pieces.join(''))}`).toBeTruthy();
          }
        } finally {
          emulator.dispose();
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('emulator cells: underline styles and colours', () => {
  it('keeps the style (SGR 4:n, 21) and colour (SGR 58, 59) a program sets, as tmux does', async () => {
    const emulator = new Emulator({ cols: COLS, rows: ROWS, scrollback: 0 });
    await write(emulator, '\x1b[4:3;58:2::10:20:30mc\x1b[4:2;58:5:196md\x1b[59mD\x1b[4:4mo\x1b[4:5ms\x1b[4mu\x1b[0m\x1b[21mw\x1b[24mn');
    const grid = read(emulator);
    const cells = [...'cdDosuwn'].map((_, x) => [grid.attrs[x], grid.ul[x]]);
    expect(cells).toEqual([
      [underlineAttrs(UnderlineStyle.CURLY), rgbColor(10, 20, 30)],
      [underlineAttrs(UnderlineStyle.DOUBLE), palette256(196)],
      [underlineAttrs(UnderlineStyle.DOUBLE), COLOR_DEFAULT],
      [underlineAttrs(UnderlineStyle.DOTTED), COLOR_DEFAULT],
      [underlineAttrs(UnderlineStyle.DASHED), COLOR_DEFAULT],
      [Attr.UNDERLINE, COLOR_DEFAULT],
      [underlineAttrs(UnderlineStyle.DOUBLE), COLOR_DEFAULT],
      [0, COLOR_DEFAULT],
    ]);
  });
});
