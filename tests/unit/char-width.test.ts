// The characters the serializer draws without care must have, in tmx's own emulator, the width
// every terminal gives them: 2 for kana, CJK ideographs, Hangul and fullwidth forms, 1 for all
// the rest, never 0. (Their agreement with glibc's wcwidth, which the outer tmux uses, was
// checked over every code point when the ranges were written; see char-width.ts.)
import { describe, expect, it } from 'vitest';
import { Attr, CellGrid } from '../../src/emulator/cells.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { CERTAIN_RANGES, drawableText, hasCertainWidth, isCertainCodePoint } from '../../src/ui/char-width.js';

const WIDE: ReadonlyArray<[number, number]> = [[0x3041, 0x30fa], [0x4e00, 0x9fff], [0xac00, 0xd7a3], [0xff01, 0xff60], [0xffe0, 0xffe6]];
const expectedWidth = (code: number): number => (WIDE.some(([a, b]) => code >= a && code <= b) ? 2 : 1);

/** Writes the code points one per line into the emulator and reads back how many columns each took. */
function emulatorWidths(codes: number[]): Promise<number[]> {
  const cols = 4;
  const emulator = new Emulator({ cols, rows: codes.length, scrollback: 0 });
  return new Promise((resolve) => {
    emulator.write(codes.map((c) => String.fromCodePoint(c)).join('\r\n'), () => {
      const grid = new CellGrid(cols, codes.length);
      emulator.copyViewport(grid, 0, 0, cols, codes.length);
      resolve(codes.map((code, y) => {
        const i = grid.index(0, y);
        // A zero-width character joins the empty first cell or leaves it empty; either way it is no single cell of its own.
        if (grid.chars[i] !== String.fromCodePoint(code)) return 0;
        return grid.attrs[i + 1]! & Attr.WIDE_CONTINUATION ? 2 : 1;
      }));
    });
  });
}

describe('characters of certain width', () => {
  it('every code point in the ranges takes in the emulator the width every terminal gives it', async () => {
    const codes: number[] = [];
    for (let r = 0; r < CERTAIN_RANGES.length; r += 2) {
      for (let code = CERTAIN_RANGES[r]!; code <= CERTAIN_RANGES[r + 1]!; code++) codes.push(code);
    }
    expect(codes.length).toBeGreaterThan(40_000);
    const wrong: string[] = [];
    for (let start = 0; start < codes.length; start += 5000) {
      const chunk = codes.slice(start, start + 5000);
      const widths = await emulatorWidths(chunk);
      chunk.forEach((code, k) => {
        if (widths[k] !== expectedWidth(code)) wrong.push(`U+${code.toString(16)}: ${widths[k]}`);
      });
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 60_000);

  it('ranges are ascending pairs that do not overlap', () => {
    for (let r = 0; r < CERTAIN_RANGES.length; r += 2) {
      expect(CERTAIN_RANGES[r]!).toBeLessThanOrEqual(CERTAIN_RANGES[r + 1]!);
      if (r > 0) expect(CERTAIN_RANGES[r]!).toBeGreaterThan(CERTAIN_RANGES[r - 1]!);
    }
  });

  it('leaves out what terminals count differently: marks, format characters, emoji, unassigned and new code points', () => {
    for (const text of ['a', 'é', '─', '│', '█', '⠿', '中', 'ア', '한', 'Ａ', '\ue0b0', ' ', '']) expect(hasCertainWidth(text), text).toBe(true);
    const uncertain = [
      'e\u0301', // a letter with a combining accent
      '\u0301', '\u0483', '\u00ad', '\u200b', '\u200d', '\u2028', '\u2060', // marks and format characters
      '\u25fd', '\u231a', '😀', '❤\ufe0f', '👍🏽', // emoji, with selectors and modifiers
      '\u0898', '\u31bb', '\ufa6e', '\u{2a6e0}', // glibc and xterm.js disagree on these
    ];
    for (const text of uncertain) expect(hasCertainWidth(text), JSON.stringify(text)).toBe(false);
    expect(isCertainCodePoint(0x1f)).toBe(false);
    expect(isCertainCodePoint(0x10ffff)).toBe(false);
  });

  it('a mark or format character with no character of its own is drawn on a space', () => {
    expect(drawableText('\u030f')).toBe(' \u030f');
    expect(drawableText('\u200b')).toBe(' \u200b');
    expect(drawableText('e\u0301')).toBe('e\u0301');
    expect(drawableText('😀')).toBe('😀');
  });

  it('a part of a ZWJ sequence is drawn without the joiner, so no terminal pulls the next part into it', () => {
    expect(drawableText('\u{1f468}\u200d')).toBe('\u{1f468}');
    expect(drawableText('\u200d')).toBe(' ');
    expect(drawableText('\u{1f467}')).toBe('\u{1f467}');
  });
});
