// The serializer is checked against a real terminal emulator: whatever sequence of frames
// it draws, replaying its output into xterm must give exactly the cells of the last frame.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Terminal } from '@xterm/headless';
import { Attr, CellGrid, COLOR_DEFAULT, palette16, palette256, rgbColor, underlineAttrs, UnderlineStyle } from '../../src/emulator/cells.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { nearest256, serializeFrame, TerminalState, type CursorState } from '../../src/ui/serialize.js';
import { hasCertainWidth } from '../../src/ui/char-width.js';

const CAPS = { truecolor: true, styledUnderlines: true };

function replay(chunks: string[], width: number, height: number): Promise<{ grid: CellGrid; emulator: Emulator }> {
  const emulator = new Emulator({ cols: width, rows: height, scrollback: 0 });
  return new Promise((resolve) => {
    emulator.write(chunks.join(''), () => {
      const grid = new CellGrid(width, height);
      emulator.copyViewport(grid, 0, 0, width, height);
      resolve({ grid, emulator });
    });
  });
}

function expectSameCells(actual: CellGrid, expected: CellGrid): void {
  for (let i = 0; i < expected.chars.length; i++) {
    const where = `cell ${i % expected.width},${Math.floor(i / expected.width)}`;
    expect(actual.chars[i], where).toBe(expected.chars[i]);
    expect(actual.fg[i], where).toBe(expected.fg[i]);
    expect(actual.bg[i], where).toBe(expected.bg[i]);
    expect(actual.attrs[i], where).toBe(expected.attrs[i]);
    expect(actual.ul[i], where).toBe(expected.ul[i]);
  }
}

const colorArb = fc.oneof(
  fc.constant(COLOR_DEFAULT),
  fc.integer({ min: 0, max: 15 }).map(palette16),
  fc.integer({ min: 0, max: 255 }).map(palette256),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([r, g, b]) => rgbColor(r, g, b)),
);
const attrArb = fc.integer({ min: 0, max: 0x1ff });
// '\u31bb': narrow here, wide to glibc (so to tmux); drawn with care, see below.
const charArb = fc.constantFrom('a', 'Z', ' ', '~', 'é', '─', '中', '😀', 'x', '\u31bb');

type Paint = { x: number; y: number; ch: string; fg: number; bg: number; attrs: number; ul?: number };

/** SGR 58 has a 256-colour and a 24-bit form only; 24-bit white reads back as SGR 59 (see emulator.ts). */
const underlineColorArb = fc.oneof(
  fc.constant(COLOR_DEFAULT),
  fc.integer({ min: 0, max: 255 }).map(palette256),
  fc.tuple(fc.nat(255), fc.nat(255), fc.nat(254)).map(([r, g, b]) => rgbColor(r, g, b)),
);

function paintArb(width: number, height: number): fc.Arbitrary<Paint> {
  return fc.record({
    x: fc.integer({ min: 0, max: width - 1 }),
    y: fc.integer({ min: 0, max: height - 1 }),
    ch: charArb,
    fg: colorArb,
    bg: colorArb,
    attrs: attrArb,
    underline: fc.integer({ min: 0, max: 5 }),
    ul: underlineColorArb,
  }).map(({ underline, ul, ...p }) => ({
    ...p,
    // As a terminal keeps them: a style only on an underline, a colour only shown on one.
    attrs: (p.attrs & ~Attr.UNDERLINE) | underlineAttrs(underline),
    ul: underline ? ul : COLOR_DEFAULT,
  }));
}

/** Applies a paint the way the emulator would store it: a wide char takes two cells. */
function paint(grid: CellGrid, p: Paint): void {
  const wide = p.ch === '中' || p.ch === '😀';
  if (wide && p.x >= grid.width - 1) return;
  // Painting over half of a wide character blanks its other half, as terminals do.
  for (const x of wide ? [p.x, p.x + 1] : [p.x]) breakWide(grid, x, p.y);
  grid.set(p.x, p.y, p.ch, p.fg, p.bg, p.attrs, p.ul);
  if (wide) grid.set(p.x + 1, p.y, '', p.fg, p.bg, p.attrs | Attr.WIDE_CONTINUATION, p.ul);
}

function breakWide(grid: CellGrid, x: number, y: number): void {
  const i = grid.index(x, y);
  if (grid.attrs[i]! & Attr.WIDE_CONTINUATION) {
    grid.set(x - 1, y, ' ', grid.fg[i - 1], grid.bg[i - 1], grid.attrs[i - 1]! & ~Attr.WIDE_CONTINUATION, grid.ul[i - 1]);
  } else if (x + 1 < grid.width && grid.attrs[i + 1]! & Attr.WIDE_CONTINUATION) {
    grid.set(x + 1, y, ' ', grid.fg[i + 1], grid.bg[i + 1], grid.attrs[i + 1]! & ~Attr.WIDE_CONTINUATION, grid.ul[i + 1]);
  }
}

/** The grid as the serializer draws it: a character of uncertain width in the last column is a blank there. */
function asDrawn(grid: CellGrid): CellGrid {
  const drawn = clone(grid);
  for (let y = 0; y < grid.height; y++) {
    const i = grid.index(grid.width - 1, y);
    if (!hasCertainWidth(grid.chars[i] || ' ')) drawn.chars[i] = ' ';
  }
  return drawn;
}

function clone(grid: CellGrid): CellGrid {
  const copy = new CellGrid(grid.width, grid.height);
  copy.chars.splice(0, copy.chars.length, ...grid.chars);
  copy.fg.set(grid.fg);
  copy.bg.set(grid.bg);
  copy.attrs.set(grid.attrs);
  copy.ul.set(grid.ul);
  return copy;
}

/**
 * The text an outer terminal with other width tables shows: xterm.js with its default tables
 * (Unicode 6), where an emoji takes one column, not two as in tmx's emulator (Unicode 11).
 */
function replayElsewhere(chunks: string[], width: number, height: number): Promise<string[]> {
  const outer = new Terminal({ cols: width, rows: height, allowProposedApi: true });
  return new Promise((resolve) => {
    outer.write(chunks.join(''), () => {
      const rows: string[] = [];
      for (let y = 0; y < height; y++) rows.push(outer.buffer.active.getLine(y)!.translateToString(false));
      outer.dispose();
      resolve(rows);
    });
  });
}

describe('serializeFrame', () => {
  it('a full frame replayed into a terminal gives the same cells', async () => {
    const grid = new CellGrid(6, 2);
    grid.text(0, 0, 'ab中d', 6, palette16(1), palette256(200), Attr.BOLD | Attr.ITALIC);
    grid.text(0, 1, 'xyz', 6, rgbColor(1, 2, 3), COLOR_DEFAULT, Attr.DIM | Attr.STRIKE | Attr.UNDERLINE);
    const out = serializeFrame(undefined, grid, { x: 1, y: 1, visible: true }, CAPS);
    const { grid: replayed, emulator } = await replay([out], 6, 2);
    expectSameCells(replayed, grid);
    expect(emulator.cursorState()).toEqual({ x: 1, y: 1, visible: true });
  });

  it('places a hidden cursor where the program left it, as tmux does, without showing it', () => {
    const grid = new CellGrid(10, 3);
    const out = serializeFrame(grid, grid, { x: 4, y: 2, visible: false }, CAPS);
    expect(out.endsWith('\x1b[3;5H')).toBe(true);
    expect(out).not.toContain('\x1b[?25h');
  });

  it('an unchanged frame produces no cell output', () => {
    const grid = new CellGrid(10, 3);
    grid.text(0, 0, 'hello', 10);
    const out = serializeFrame(grid, grid, { x: 0, y: 0, visible: false }, CAPS);
    expect(out).not.toMatch(/hello|[a-z]{2}/);
  });

  it('underline styles and colours reach a terminal that draws them; elsewhere they are plain underlines', async () => {
    const grid = new CellGrid(8, 1);
    grid.text(0, 0, 'cu', 8, COLOR_DEFAULT, COLOR_DEFAULT, underlineAttrs(UnderlineStyle.CURLY));
    grid.set(2, 0, 'd', COLOR_DEFAULT, COLOR_DEFAULT, underlineAttrs(UnderlineStyle.DOUBLE), rgbColor(1, 2, 3));
    grid.set(3, 0, 'o', COLOR_DEFAULT, COLOR_DEFAULT, underlineAttrs(UnderlineStyle.DOTTED), palette256(196));
    grid.set(4, 0, 's', COLOR_DEFAULT, COLOR_DEFAULT, Attr.UNDERLINE, palette256(196));
    grid.set(5, 0, 'p', COLOR_DEFAULT, COLOR_DEFAULT, Attr.UNDERLINE);
    grid.set(6, 0, 'D', COLOR_DEFAULT, COLOR_DEFAULT, underlineAttrs(UnderlineStyle.DASHED), rgbColor(200, 0, 0));
    const styled = serializeFrame(undefined, grid, { x: 0, y: 0, visible: false }, CAPS);
    expect(styled).toContain('4:3');
    expect(styled).toContain('58:2::1:2:3');
    expect(styled).toContain('58:5:196');
    expectSameCells((await replay([styled], 8, 1)).grid, grid);
    // Colour only from 256 without 24-bit colour.
    expect(serializeFrame(undefined, grid, { x: 0, y: 0, visible: false }, { truecolor: false, styledUnderlines: true })).toContain('58:5:160');

    const plain = serializeFrame(undefined, grid, { x: 0, y: 0, visible: false }, { truecolor: true, styledUnderlines: false });
    expect(plain).not.toMatch(/4:\d|58[:;]/);
    const { grid: shown } = await replay([plain], 8, 1);
    for (let x = 0; x < 7; x++) {
      expect(shown.attrs[x], `cell ${x}`).toBe(Attr.UNDERLINE);
      expect(shown.ul[x], `cell ${x}`).toBe(COLOR_DEFAULT);
    }
  });

  it('keeps ESC[31m and ESC[38;5;1m apart, as tmux does', () => {
    const grid = new CellGrid(2, 1);
    grid.set(0, 0, 'a', palette16(1));
    grid.set(1, 0, 'b', palette256(1));
    const out = serializeFrame(undefined, grid, { x: 0, y: 0, visible: false }, CAPS);
    expect(out).toContain('\x1b[31m');
    expect(out).toContain('38;5;1m');
  });

  it('downgrades 24-bit colour to the nearest of 256 when the terminal lacks it', () => {
    const grid = new CellGrid(1, 1);
    grid.set(0, 0, 'a', rgbColor(255, 0, 0));
    const out = serializeFrame(undefined, grid, { x: 0, y: 0, visible: false }, { truecolor: false });
    expect(out).toContain('38;5;196');
    expect(out).not.toContain('38;2');
    expect(nearest256(0, 0, 0)).toBe(16);
    expect(nearest256(128, 128, 128)).toBe(244);
  });

  it('a character typed at the cursor is written alone, as tmux writes it', () => {
    const terminal = new TerminalState();
    const before = new CellGrid(10, 3);
    before.text(0, 1, '$ ', 10);
    serializeFrame(undefined, before, { x: 2, y: 1, visible: true }, CAPS, undefined, terminal);
    const after = clone(before);
    after.set(2, 1, 'a');
    expect(serializeFrame(before, after, { x: 3, y: 1, visible: true }, CAPS, [1], terminal)).toBe('a');
    // Drawn away from the cursor, the cursor hides while it travels and comes back.
    const elsewhere = clone(after);
    elsewhere.set(7, 0, 'b', palette16(1));
    expect(serializeFrame(after, elsewhere, { x: 3, y: 1, visible: true }, CAPS, [0], terminal))
      .toBe('\x1b[?25l\x1b[1;8H\x1b[31mb\x1b[0m\x1b[2;4H\x1b[?25h');
    // Only the cursor hides: one sequence, nothing drawn.
    expect(serializeFrame(elsewhere, elsewhere, { x: 3, y: 1, visible: false }, CAPS, [], terminal)).toBe('\x1b[?25l');
  });

  it('a character the outer terminal counts narrower or wider than tmx moves nothing after it', async () => {
    // Two "panes" with a border between them, as tmx draws them; 😀 is 2 columns here, 1 outside.
    const before = new CellGrid(9, 2);
    before.text(0, 0, 'abcd|wxyz', 9);
    before.text(0, 1, 'efgh|wxyz', 9);
    const after = clone(before);
    after.text(0, 0, 'a😀d', 4);
    after.text(0, 1, '😀😀', 4);
    const terminal = new TerminalState();
    const chunks = [serializeFrame(undefined, before, { x: 0, y: 0, visible: false }, CAPS, undefined, terminal)];
    chunks.push(serializeFrame(before, after, { x: 0, y: 0, visible: false }, CAPS, [0, 1], terminal));
    // Each emoji's two columns are blanked first; the cell after it is placed anew.
    expect(await replayElsewhere(chunks, 9, 2)).toEqual(['a😀 d|wxyz', '😀 😀 |wxyz']);
    // From nothing (a full redraw) too.
    expect(await replayElsewhere([serializeFrame(undefined, after, { x: 0, y: 0, visible: false }, CAPS)], 9, 2))
      .toEqual(['a😀 d|wxyz', '😀 😀 |wxyz']);
  });

  it('after a character that may be wider outside, the next cell is drawn again even if unchanged', () => {
    // U+31BB: 1 column in tmx's emulator, 2 for glibc (and so for tmux): it may cover the border.
    const before = new CellGrid(4, 1);
    before.text(0, 0, 'ab|z', 4);
    const after = clone(before);
    after.set(1, 0, '\u31bb');
    const terminal = new TerminalState();
    serializeFrame(undefined, before, { x: 0, y: 0, visible: false }, CAPS, undefined, terminal);
    expect(serializeFrame(before, after, { x: 0, y: 0, visible: false }, CAPS, [0], terminal))
      .toBe('\x1b[1;2H \x1b[1;2H\u31bb\x1b[1;3H|\x1b[1;1H');
  });

  it('a mark that xterm keeps as a cell of its own is drawn on a space, never joined to the cell before', () => {
    const grid = new CellGrid(4, 1);
    grid.text(0, 0, 'ab', 4);
    grid.set(2, 0, '\u030f');
    grid.set(3, 0, 'c');
    expect(serializeFrame(undefined, grid, { x: 0, y: 0, visible: false }, CAPS)).toContain('ab \x1b[1;3H \u030f\x1b[1;4Hc');
  });

  it('on a terminal that counts some characters differently, every other character stays in its cell (property)', async () => {
    // The outer terminal here is xterm.js with Unicode 6 tables: 😀 is one column there (two in
    // tmx's emulator), U+31BB two (one in tmx's). '中', '─', 'é' and ASCII are the same in both.
    const width = 9;
    const height = 3;
    const certain = new Set(['a', 'Z', ' ', '~', 'é', '─', '中', 'x']);
    const paints = fc.array(paintArb(width, height), { maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(fc.array(paints, { minLength: 1, maxLength: 4 }), async (frames) => {
        const terminal = new TerminalState();
        let prev: CellGrid | undefined;
        let current = new CellGrid(width, height);
        const chunks: string[] = [];
        for (const framePaints of frames) {
          current = clone(current);
          for (const p of framePaints) paint(current, p);
          chunks.push(serializeFrame(prev, current, { x: 0, y: 0, visible: false }, CAPS, undefined, terminal));
          prev = current;
        }
        const outer = new Terminal({ cols: width, rows: height, allowProposedApi: true });
        // Autowrap off, as tmx keeps its terminal (client/client-terminal.ts).
        await new Promise<void>((resolve) => outer.write(`\x1b[?7l${chunks.join('')}`, resolve));
        for (let y = 0; y < height; y++) {
          const line = outer.buffer.active.getLine(y)!;
          for (let x = 0; x < width; x++) {
            const i = current.index(x, y);
            const ch = current.chars[i] || ' ';
            if (current.attrs[i]! & Attr.WIDE_CONTINUATION || !certain.has(ch)) continue;
            expect(line.getCell(x)!.getChars() || ' ', `cell ${x},${y} of ${JSON.stringify(chunks.join(''))}`).toBe(ch);
          }
        }
        outer.dispose();
      }),
      { numRuns: 300 },
    );
  });

  it('frames drawn against the terminal state it tracks replay to the last frame and cursor (property)', async () => {
    const width = 9;
    const height = 4;
    // Few places, so a cursor often stays or lands where drawing left it; plain cells often,
    // so a pen left set by one frame would show in the next.
    const cursorArb = fc.record({
      x: fc.constantFrom(-1, 0, 1, 2, width - 1, width),
      y: fc.constantFrom(-1, 0, 1),
      visible: fc.boolean(),
    });
    const plainPaintArb = fc.record({ x: fc.integer({ min: 0, max: 3 }), y: fc.integer({ min: 0, max: 1 }), ch: charArb })
      .map((p) => ({ ...p, fg: COLOR_DEFAULT, bg: COLOR_DEFAULT, attrs: 0 }));
    const paintsArb = fc.array(fc.oneof(paintArb(width, height), plainPaintArb), { maxLength: 8 });
    const frameArb = fc.record({ paints: paintsArb, cursor: cursorArb, full: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(frameArb, { minLength: 1, maxLength: 6 }), async (frames) => {
        const terminal = new TerminalState();
        let prev: CellGrid | undefined;
        let current = new CellGrid(width, height);
        let cursor: CursorState = { x: 0, y: 0, visible: false };
        const chunks: string[] = [];
        for (const frame of frames) {
          current = clone(current);
          for (const p of frame.paints) paint(current, p);
          cursor = frame.cursor;
          chunks.push(serializeFrame(frame.full ? undefined : prev, current, cursor, CAPS, undefined, terminal));
          prev = current;
        }
        const { grid, emulator } = await replay(chunks, width, height);
        expectSameCells(grid, asDrawn(current));
        const placed = cursor.x >= 0 && cursor.y >= 0 && cursor.x < width && cursor.y < height;
        const shown = emulator.cursorState();
        expect(shown.visible).toBe(placed && cursor.visible);
        if (placed) expect({ x: shown.x, y: shown.y }).toEqual({ x: cursor.x, y: cursor.y });
      }),
      { numRuns: 300 },
    );
  });

  it('any sequence of frames replays to the last frame exactly (property)', async () => {
    const width = 9;
    const height = 4;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(paintArb(width, height), { maxLength: 12 }), { minLength: 1, maxLength: 5 }), async (frames) => {
        let prev: CellGrid | undefined;
        let current = new CellGrid(width, height);
        const chunks: string[] = [];
        for (const paints of frames) {
          current = clone(current);
          for (const p of paints) paint(current, p);
          chunks.push(serializeFrame(prev, current, { x: 0, y: 0, visible: false }, CAPS));
          prev = current;
        }
        const { grid } = await replay(chunks, width, height);
        expectSameCells(grid, asDrawn(current));
      }),
      { numRuns: 150 },
    );
  });
});
