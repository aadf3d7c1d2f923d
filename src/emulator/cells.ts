// A screen-sized grid of cells in flat typed arrays: the common currency between the
// emulator (which fills pane regions), the compositor (borders, status line, prompts)
// and the serializer (which diffs two grids into escape sequences). No library here.

/**
 * Colour encoding in one int, the same tagging xterm uses internally, so a cell's colour is
 * copied without translation and `ESC[31m` stays distinct from `ESC[38;5;1m` (tmux keeps
 * them apart too, and fidelity means drawing what the program asked for).
 */
export const COLOR_DEFAULT = 0;
export const COLOR_P16 = 0x1000000;
export const COLOR_P256 = 0x2000000;
export const COLOR_RGB = 0x3000000;
export const COLOR_MODE_MASK = 0x3000000;
export const palette16 = (n: number): number => COLOR_P16 | (n & 0xf);
export const palette256 = (n: number): number => COLOR_P256 | (n & 0xff);
export const rgbColor = (r: number, g: number, b: number): number =>
  COLOR_RGB | ((r & 0xff) << 16) | ((g & 0xff) << 8) | (b & 0xff);

/** Attribute bits, one per SGR attribute the outer terminal can show. */
export const Attr = {
  BOLD: 1,
  DIM: 2,
  ITALIC: 4,
  UNDERLINE: 8,
  BLINK: 16,
  INVERSE: 32,
  INVISIBLE: 64,
  STRIKE: 128,
  OVERLINE: 256,
  /** The right half of a double-width character: drawn by its left half, never on its own. */
  WIDE_CONTINUATION: 512,
  /**
   * With UNDERLINE: its style other than single, UnderlineStyle << UNDERLINE_STYLE_SHIFT
   * (0 is a single underline, so UNDERLINE alone keeps meaning what it always meant).
   */
  UNDERLINE_STYLE: 0x1c00,
} as const;

export const UNDERLINE_STYLE_SHIFT = 10;

/** Underline styles (SGR 4:n): xterm's numbering, which is the sequence's too. */
export const UnderlineStyle = { SINGLE: 1, DOUBLE: 2, CURLY: 3, DOTTED: 4, DASHED: 5 } as const;

/** The attribute bits of an underline of `style` (UnderlineStyle; 0 for none). */
export function underlineAttrs(style: number): number {
  if (style <= 0) return 0;
  return style === UnderlineStyle.SINGLE ? Attr.UNDERLINE : Attr.UNDERLINE | ((style & 7) << UNDERLINE_STYLE_SHIFT);
}

/** The underline style of `attrs` (UnderlineStyle; 0 for none). */
export function underlineStyleOf(attrs: number): number {
  if (!(attrs & Attr.UNDERLINE)) return 0;
  return (attrs & Attr.UNDERLINE_STYLE) >> UNDERLINE_STYLE_SHIFT || UnderlineStyle.SINGLE;
}


export class CellGrid {
  readonly chars: string[];
  readonly fg: Int32Array;
  readonly bg: Int32Array;
  readonly attrs: Uint16Array;
  /** The underline's colour; COLOR_DEFAULT: the text's own (SGR 59). */
  readonly ul: Int32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    const size = Math.max(0, width * height);
    this.chars = new Array<string>(size).fill(' ');
    this.fg = new Int32Array(size).fill(COLOR_DEFAULT);
    this.bg = new Int32Array(size).fill(COLOR_DEFAULT);
    this.attrs = new Uint16Array(size);
    this.ul = new Int32Array(size).fill(COLOR_DEFAULT);
  }

  /** Back to blank cells, so a grid can be reused frame after frame instead of reallocated. */
  clear(): void {
    this.chars.fill(' ');
    this.fg.fill(COLOR_DEFAULT);
    this.bg.fill(COLOR_DEFAULT);
    this.attrs.fill(0);
    this.ul.fill(COLOR_DEFAULT);
  }

  index(x: number, y: number): number {
    return y * this.width + x;
  }

  inside(x: number, y: number): boolean {
    return x >= 0 && y >= 0 && x < this.width && y < this.height;
  }

  set(x: number, y: number, ch: string, fg = COLOR_DEFAULT, bg = COLOR_DEFAULT, attrs = 0, ul = COLOR_DEFAULT): void {
    if (!this.inside(x, y)) return;
    const i = y * this.width + x;
    this.chars[i] = ch;
    this.fg[i] = fg;
    this.bg[i] = bg;
    this.attrs[i] = attrs;
    this.ul[i] = ul;
  }

  /**
   * Writes chrome text (titles, status line) left to right from (x, y), clipped at `maxX`
   * (exclusive); wide characters take two cells, zero-width ones are dropped so the
   * terminal's idea of the column never drifts from ours. Returns the next x.
   */
  text(x: number, y: number, text: string, maxX: number, fg = COLOR_DEFAULT, bg = COLOR_DEFAULT, attrs = 0): number {
    for (const ch of text) {
      const width = charWidth(ch);
      if (width === 0) continue;
      if (x + width > maxX) break;
      this.set(x, y, ch, fg, bg, attrs);
      if (width === 2) this.set(x + 1, y, '', fg, bg, attrs | Attr.WIDE_CONTINUATION);
      x += width;
    }
    return x;
  }

  fill(x: number, y: number, width: number, height: number, ch = ' ', fg = COLOR_DEFAULT, bg = COLOR_DEFAULT, attrs = 0): void {
    for (let row = y; row < y + height; row++) {
      for (let col = x; col < x + width; col++) this.set(col, row, ch, fg, bg, attrs);
    }
  }

  /** Row y of `from` (a grid of the same width) copied over row y of this one. */
  copyRowFrom(from: CellGrid, y: number): void {
    this.copyCellsFrom(from, y * from.width, y * this.width, this.width);
  }

  /**
   * `count` cells from index `source` of `from` to index `target` of this grid. One plain loop:
   * for the short runs of a frame (an echo copies a row or two) typed-array subarray views
   * cost more to make than the copy itself.
   */
  copyCellsFrom(from: CellGrid, source: number, target: number, count: number): void {
    for (let k = 0; k < count; k++) {
      this.chars[target + k] = from.chars[source + k]!;
      this.fg[target + k] = from.fg[source + k]!;
      this.bg[target + k] = from.bg[source + k]!;
      this.attrs[target + k] = from.attrs[source + k]!;
      this.ul[target + k] = from.ul[source + k]!;
    }
  }

  sameCell(other: CellGrid, i: number): boolean {
    return (
      this.chars[i] === other.chars[i] &&
      this.fg[i] === other.fg[i] &&
      this.bg[i] === other.bg[i] &&
      this.attrs[i] === other.attrs[i] &&
      this.ul[i] === other.ul[i]
    );
  }

  /** The row's characters as plain text (continuations skipped), for tests and triggers. */
  rowText(y: number): string {
    let out = '';
    for (let x = 0; x < this.width; x++) {
      const i = y * this.width + x;
      if (this.attrs[i] & Attr.WIDE_CONTINUATION) continue;
      out += this.chars[i];
    }
    return out;
  }
}

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\u200b]$/u;
const WIDE = /^[\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u23f0\u23f3\u25fd\u25fe\u2614\u2615\u2648-\u2653\u267f\u2693\u26a1\u26aa\u26ab\u26bd\u26be\u26c4\u26c5\u26ce\u26d4\u26ea\u26f2\u26f3\u26f5\u26fa\u26fd\u2705\u270a\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf\u2b1b\u2b1c\u2b50\u2b55\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\u{1f004}\u{1f0cf}\u{1f18e}\u{1f191}-\u{1f19a}\u{1f200}-\u{1f251}\u{1f300}-\u{1f64f}\u{1f680}-\u{1f6ff}\u{1f7e0}-\u{1f7eb}\u{1f90c}-\u{1f9ff}\u{1fa70}-\u{1faff}\u{20000}-\u{3fffd}]$/u;

/** Cells a character takes in chrome text (Unicode 11 East Asian Wide/Fullwidth, emoji). */
export function charWidth(ch: string): 0 | 1 | 2 {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code < 0x300) return 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  return WIDE.test(ch) ? 2 : 1;
}

/** Control characters (C0, DEL, C1) removed: text from a pane must never carry an escape sequence out. */
export function stripControls(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, '');
}
