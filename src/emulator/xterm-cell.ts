// One xterm cell into tmx's cells (cells.ts): attributes, colours, the underline's style and
// colour, wide characters. Knows xterm's cell layout but imports nothing of it: the emulator
// (the only @xterm/headless import) hands the cells over.
import { Attr, CellGrid, COLOR_DEFAULT, underlineAttrs, UnderlineStyle } from './cells.js';

/**
 * xterm's cell object (a CellData, behind the public IBufferCell) as far as tmx reads it. The
 * public API says only whether a cell is underlined; the underline's style (SGR 4:n) and colour
 * (SGR 58) are kept in the cell's extended attributes, flagged in its bg word.
 */
export interface XtermCell {
  getWidth(): number;
  getChars(): string;
  isBold(): number;
  isDim(): number;
  isItalic(): number;
  isUnderline(): number;
  isBlink(): number;
  isInverse(): number;
  isInvisible(): number;
  isStrikethrough(): number;
  isOverline(): number;
  getFgColorMode(): number;
  getBgColorMode(): number;
  getFgColor(): number;
  getBgColor(): number;
  /** Internals from here on: the public API stops at isUnderline(). */
  bg: number;
  extended?: { underlineColor: number };
  getUnderlineStyle?(): number;
}

/** xterm's BgFlags.HAS_EXTENDED. */
const HAS_EXTENDED_ATTRS = 0x10000000;
/** xterm's colour mode bits (Attributes.CM_MASK) and mode | value bits of a colour. */
const XTERM_COLOR_MODE = 0x3000000;
const XTERM_COLOR = 0x3ffffff;

/**
 * Cell `i` of `grid` made what xterm's `cell` holds (`lastColumn`: a wide character there is cut;
 * `afterWide`: the cell before is a wide character's left half). Returns the cell's width.
 */
export function copyXtermCell(cell: XtermCell, grid: CellGrid, i: number, lastColumn: boolean, afterWide: boolean): number {
  let width = cell.getWidth();
  // A narrow character written over a wide one's left half leaves xterm a right half with no
  // left (xterm's renderers show a blank there). Kept as a right half, it would make the narrow
  // character look wide to the serializer, which would then count one column too many.
  if (width === 0 && !afterWide) width = 1;
  let attrs = 0;
  if (cell.isBold()) attrs |= Attr.BOLD;
  if (cell.isDim()) attrs |= Attr.DIM;
  if (cell.isItalic()) attrs |= Attr.ITALIC;
  if (cell.isUnderline()) attrs |= underlineAttrs(cell.getUnderlineStyle?.() ?? UnderlineStyle.SINGLE);
  if (cell.isBlink()) attrs |= Attr.BLINK;
  if (cell.isInverse()) attrs |= Attr.INVERSE;
  if (cell.isInvisible()) attrs |= Attr.INVISIBLE;
  if (cell.isStrikethrough()) attrs |= Attr.STRIKE;
  if (cell.isOverline()) attrs |= Attr.OVERLINE;
  let ch = cell.getChars();
  if (width === 0) {
    attrs |= Attr.WIDE_CONTINUATION;
    ch = '';
  } else if (ch === '' || (width === 2 && lastColumn)) {
    // An empty cell, or a wide character cut by the clip: draw a blank so nothing spills over.
    ch = ' ';
  }
  grid.chars[i] = ch;
  // xterm's mode tag | value is exactly our colour encoding (see cells.ts).
  // (Default colours report value -1 with mode 0, hence the check.)
  const fgMode = cell.getFgColorMode();
  const bgMode = cell.getBgColorMode();
  grid.fg[i] = fgMode === 0 ? COLOR_DEFAULT : fgMode | cell.getFgColor();
  grid.bg[i] = bgMode === 0 ? COLOR_DEFAULT : bgMode | cell.getBgColor();
  grid.attrs[i] = attrs;
  grid.ul[i] = underlineColour(cell);
  return width;
}

/** A cell's underline colour in cells.ts encoding; COLOR_DEFAULT when it is the text's own. */
function underlineColour(cell: XtermCell): number {
  if (!(cell.bg & HAS_EXTENDED_ATTRS) || !cell.extended) return COLOR_DEFAULT;
  const colour = cell.extended.underlineColor & XTERM_COLOR;
  // SGR 59 stores -1, which reads back as all 26 bits set: 24-bit white to xterm, the text's
  // own colour to tmux and to tmx (so an explicit 58:2::255:255:255 is taken for it too).
  const mode = colour & XTERM_COLOR_MODE;
  if (colour === XTERM_COLOR || mode === 0) return COLOR_DEFAULT;
  // A palette index is the low byte; xterm leaves an earlier 24-bit colour's bits above it.
  return mode === XTERM_COLOR_MODE ? colour : mode | (colour & 0xff);
}
