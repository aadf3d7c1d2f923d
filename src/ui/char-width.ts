// Which characters every terminal advances its cursor over by the same number of columns as
// tmx's emulator does. Widths come from tables, and tables differ: xterm.js (Unicode 11), the
// outer terminal's (glibc's wcwidth for tmux, its own for kitty, iTerm2, …) and the program's.
// Over all code points, xterm.js and glibc 2.36 disagree on about 66,000: unassigned code points
// (xterm.js: 2 in the CJK planes, glibc: unknown, so tmux takes 1), marks and letters added after
// Unicode 11, emoji, format characters. One such character drawn where the outer terminal counts
// differently moves everything after it on that row, borders included, and tmx, believing the
// screen is as it drew it, would never repair it. The serializer therefore draws a character
// outside these ranges with care: see serializeFrame.

/**
 * Ranges of code points (inclusive pairs, ascending) that have had one width for many Unicode
 * versions and on which xterm.js and glibc agree (checked over every code point when written):
 * Latin, Greek, Cyrillic, punctuation, symbols, arrows, maths, box drawing, block elements,
 * braille, private use (powerline and icon fonts), kana, CJK ideographs, Hangul, fullwidth forms,
 * and the scan lines and control pictures of the DEC special graphics set (glibc: 1 each).
 * Left out on purpose: combining marks, format characters (soft hyphen, zero-width ones),
 * emoji and symbols that gained emoji presentation, and anything assigned recently.
 */
export const CERTAIN_RANGES: readonly number[] = [
  0x0020, 0x007e,
  0x00a0, 0x00ac, // 0xad, the soft hyphen: 1 in some tables, 0 in others
  0x00ae, 0x02ff,
  0x0370, 0x0377,
  0x037a, 0x037f,
  0x0384, 0x038a,
  0x038c, 0x038c,
  0x038e, 0x03a1,
  0x03a3, 0x0482, // 0x483-0x489: combining Cyrillic marks
  0x048a, 0x052f,
  0x2010, 0x2027, // 0x2000-0x200f: spaces of many widths and zero-width characters
  0x2030, 0x205e, // 0x2028-0x202f: separators and bidi controls
  0x2070, 0x2071,
  0x2074, 0x208e,
  0x2090, 0x209c,
  0x20a0, 0x20bf,
  0x2100, 0x218b,
  0x2190, 0x21ff,
  0x2200, 0x22ff,
  0x23ba, 0x23bd, // scan lines ⎺⎻⎼⎽, drawn for DEC graphics o p r s (the rest of the block has emoji)
  0x2400, 0x2426, // control pictures ␉␌␍␊␤␋, drawn for DEC graphics b-e h i
  0x2500, 0x25fc, // 0x25fd-0x25fe: emoji presentation, wide in Unicode 9 and later
  0x25ff, 0x25ff,
  0x2800, 0x28ff,
  0x3041, 0x3096,
  0x30a1, 0x30fa,
  0x4e00, 0x9fff,
  0xac00, 0xd7a3,
  0xe000, 0xf8ff,
  0xff01, 0xff60,
  0xffe0, 0xffe6,
];

/** Whether a code point is in CERTAIN_RANGES (a binary search over the pairs). */
export function isCertainCodePoint(code: number): boolean {
  let low = 0;
  let high = CERTAIN_RANGES.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (code < CERTAIN_RANGES[mid * 2]!) high = mid - 1;
    else if (code > CERTAIN_RANGES[mid * 2 + 1]!) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Whether every terminal gives a cell's text the width tmx's emulator gave it: one code point
 * from the ranges above. Anything else (a combining sequence, an emoji with a variation
 * selector, a code point outside them) may take a different number of columns outside.
 */
export function hasCertainWidth(text: string): boolean {
  if (text.length === 1) {
    const code = text.charCodeAt(0);
    return (code >= 0x20 && code < 0x7f) || isCertainCodePoint(code);
  }
  return text.length === 0; // an empty cell is drawn as a space
}

/** A combining mark or a format character (zero width to every table) at the start of a text. */
const LEADING_ZERO_WIDTH = /^[\p{M}\p{Cf}]/u;

const ZERO_WIDTH_JOINER = '\u200d';

/**
 * A cell's text as it can be drawn where it belongs, whatever the outer terminal joins.
 * - xterm keeps a mark that came with no character before it (after a cursor move onto a
 *   blank, say) as a cell of its own. Written alone, the outer terminal would join it to the
 *   cell before, where tmx never draws it away again. It goes on a space instead, which is
 *   also how tmux keeps such a mark.
 * - xterm lays a ZWJ sequence (👨‍👩‍👧) out as its parts, a cell each, each part but the last
 *   ending with the joiner: the columns the program counts too (glibc's wcwidth, so bash and
 *   vim). A terminal that joins (tmux, kitty) would pull the next part into the cell before,
 *   and everything after it would move. The joiner is left out, so each part stays in its cell.
 */
export function drawableText(text: string): string {
  const unjoined = text.endsWith(ZERO_WIDTH_JOINER) ? text.slice(0, -1) || ' ' : text;
  return LEADING_ZERO_WIDTH.test(unjoined) ? ` ${unjoined}` : unjoined;
}
