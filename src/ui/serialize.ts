// Turns the difference between what the outer terminal shows (prev) and what it should
// show (next) into escape sequences. Pure: grids in, a string out. Every attribute and
// colour a cell can carry reaches the terminal (blessed's own model lacks dim, italic,
// strikethrough and 24-bit colour, which is why panes are not drawn through it).
import {
  Attr,
  CellGrid,
  underlineStyleOf,
  COLOR_DEFAULT,
  COLOR_MODE_MASK,
  COLOR_P16,
  COLOR_P256,
  COLOR_RGB,
} from '../emulator/cells.js';
import { drawableText, hasCertainWidth } from './char-width.js';

export interface TerminalCapabilities {
  /** 24-bit colour (COLORTERM=truecolor/24bit or terminfo Tc/RGB); else the nearest of 256. */
  truecolor: boolean;
  /**
   * Underline styles (SGR 4:n) and colours (SGR 58), as tmux's Smulx and Setulc. Without them
   * every underline is drawn single in the text's colour: a terminal that does not know `4:3`
   * may take it for underline and italic.
   */
  styledUnderlines?: boolean;
}

export interface CursorState {
  x: number;
  y: number;
  visible: boolean;
}

const ESC = '\x1b';

/** SGR parameter for each attribute bit, in the order tmux emits them. */
const ATTR_SGR: Array<[number, string]> = [
  [Attr.BOLD, '1'],
  [Attr.DIM, '2'],
  [Attr.ITALIC, '3'],
  [Attr.UNDERLINE, '4'],
  [Attr.BLINK, '5'],
  [Attr.INVERSE, '7'],
  [Attr.INVISIBLE, '8'],
  [Attr.STRIKE, '9'],
  [Attr.OVERLINE, '53'],
];

export function colorParams(color: number, background: boolean, caps: TerminalCapabilities): string {
  const value = color & 0xffffff;
  switch (color & COLOR_MODE_MASK) {
    case COLOR_P16:
      if (value < 8) return String((background ? 40 : 30) + value);
      return String((background ? 100 : 90) + value - 8);
    case COLOR_P256:
      return `${background ? 48 : 38};5;${value}`;
    case COLOR_RGB: {
      const r = (value >> 16) & 0xff;
      const g = (value >> 8) & 0xff;
      const b = value & 0xff;
      if (caps.truecolor) return `${background ? 48 : 38};2;${r};${g};${b}`;
      return `${background ? 48 : 38};5;${nearest256(r, g, b)}`;
    }
    default:
      return background ? '49' : '39';
  }
}

/** The xterm-256 palette index closest to an RGB colour (the 6x6x6 cube or the grey ramp). */
export function nearest256(r: number, g: number, b: number): number {
  const CUBE_LEVELS = [0, 95, 135, 175, 215, 255];
  const toCube = (v: number): number => (v < 48 ? 0 : v < 115 ? 1 : Math.floor((v - 35) / 40));
  const cr = toCube(r);
  const cg = toCube(g);
  const cb = toCube(b);
  const cubeIndex = 16 + 36 * cr + 6 * cg + cb;
  const cubeDist = (CUBE_LEVELS[cr]! - r) ** 2 + (CUBE_LEVELS[cg]! - g) ** 2 + (CUBE_LEVELS[cb]! - b) ** 2;
  const average = (r + g + b) / 3;
  const greyStep = average > 238 ? 23 : Math.max(0, Math.round((average - 8) / 10));
  const grey = 8 + 10 * greyStep;
  const greyDist = (grey - r) ** 2 + (grey - g) ** 2 + (grey - b) ** 2;
  return greyDist < cubeDist ? 232 + greyStep : cubeIndex;
}

export class Pen {
  fg = COLOR_DEFAULT;
  bg = COLOR_DEFAULT;
  attrs = 0;
  ul = COLOR_DEFAULT;

  isDefault(): boolean {
    return this.fg === COLOR_DEFAULT && this.bg === COLOR_DEFAULT && this.attrs === 0 && this.ul === COLOR_DEFAULT;
  }
}

/** Escape sequences that change `pen` to the cell's style; minimal where it is cheap to be. */
export function styleTo(pen: Pen, fg: number, bg: number, attrs: number, ul: number, caps: TerminalCapabilities): string {
  let visibleAttrs = attrs & ~Attr.WIDE_CONTINUATION;
  // Without styled underlines the terminal gets (and is known to show) plain ones.
  if (!caps.styledUnderlines) {
    visibleAttrs &= ~Attr.UNDERLINE_STYLE;
    ul = COLOR_DEFAULT;
  } else if (!(visibleAttrs & Attr.UNDERLINE)) {
    ul = COLOR_DEFAULT; // no underline to colour
  }
  if (pen.fg === fg && pen.bg === bg && pen.attrs === visibleAttrs && pen.ul === ul) return '';
  const params: string[] = [];
  if (pen.attrs !== visibleAttrs) {
    // Attributes cannot all be turned off one by one portably: reset, then set all.
    params.push('0');
    for (const [bit, sgr] of ATTR_SGR) {
      if (!(visibleAttrs & bit)) continue;
      const style = bit === Attr.UNDERLINE ? underlineStyleOf(visibleAttrs) : 0;
      params.push(style > 1 ? `4:${style}` : sgr);
    }
    if (fg !== COLOR_DEFAULT) params.push(colorParams(fg, false, caps));
    if (bg !== COLOR_DEFAULT) params.push(colorParams(bg, true, caps));
    if (ul !== COLOR_DEFAULT) params.push(underlineColorParams(ul, caps));
  } else {
    if (pen.fg !== fg) params.push(colorParams(fg, false, caps));
    if (pen.bg !== bg) params.push(colorParams(bg, true, caps));
    if (pen.ul !== ul) params.push(underlineColorParams(ul, caps));
  }
  pen.fg = fg;
  pen.bg = bg;
  pen.attrs = visibleAttrs;
  pen.ul = ul;
  return `${ESC}[${params.join(';')}m`;
}

/** SGR 58 (colon form, as tmux's Setulc and kitty's) for an underline colour, 59 for the text's own. */
function underlineColorParams(color: number, caps: TerminalCapabilities): string {
  const value = color & 0xffffff;
  switch (color & COLOR_MODE_MASK) {
    case COLOR_P16:
    case COLOR_P256:
      return `58:5:${value & 0xff}`;
    case COLOR_RGB: {
      const [r, g, b] = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
      return caps.truecolor ? `58:2::${r}:${g}:${b}` : `58:5:${nearest256(r, g, b)}`;
    }
    default:
      return '59';
  }
}

/**
 * What the outer terminal is known to be doing between frames: where its cursor is, whether it
 * shows, and whether the pen is the default. Kept across frames so a frame says only what
 * changed: a typed key's echo at the cursor is then the character alone, as tmux writes it,
 * not a cursor hide, two moves, two resets and a show. Undefined fields are unknown.
 */
export class TerminalState {
  x = -1;
  y = -1;
  cursorVisible: boolean | undefined = undefined;
  penIsDefault = false;

  /** Forget everything: after a resize or anything else that may have moved the cursor. */
  reset(): void {
    this.x = -1;
    this.y = -1;
    this.cursorVisible = undefined;
    this.penIsDefault = false;
  }
}

/**
 * Escape sequences that turn a terminal showing `prev` (undefined: unknown, redraw all)
 * into one showing `next`, ending with the cursor placed and shown or hidden.
 * `onlyRows`: the rows that may differ (ascending); the others are known to be equal and
 * are not compared (a frame where only a pane's changed rows were drawn).
 * `terminal`: the outer terminal's state after the last frame, brought up to date here;
 * without it (or after a full redraw) nothing about the terminal is assumed.
 */
export function serializeFrame(
  prev: CellGrid | undefined,
  next: CellGrid,
  cursor: CursorState,
  caps: TerminalCapabilities,
  onlyRows?: readonly number[],
  terminal: TerminalState = new TerminalState(),
): string {
  const full = !prev || prev.width !== next.width || prev.height !== next.height;
  if (full) terminal.reset();
  const body: string[] = [];
  const pen = new Pen();
  let penKnown = terminal.penIsDefault;
  let cx = terminal.x;
  let cy = terminal.y;
  // Whether the cursor travels on its way (a jump, or a character drawn away from it): only
  // then is it hidden while the frame draws, so it never flickers across the screen.
  let travels = false;
  const { width, height } = next;
  const rowList = full ? undefined : onlyRows;
  const rowCount = rowList ? rowList.length : height;
  for (let r = 0; r < rowCount; r++) {
    const y = rowList ? rowList[r]! : r;
    if (y < 0 || y >= height) continue;
    let drawNext = false;
    for (let x = 0; x < width; x++) {
      let i = y * width + x;
      if (!full && !drawNext && next.sameCell(prev!, i)) continue;
      drawNext = false;
      if (next.attrs[i]! & Attr.WIDE_CONTINUATION) {
        // A changed right half: redraw its left half, which draws both.
        if (x === 0) continue;
        x--;
        i--;
      }
      if (cx !== x || cy !== y) {
        body.push(`${ESC}[${y + 1};${x + 1}H`);
        travels = true;
      }
      if (!penKnown) {
        body.push(`${ESC}[0m`);
        penKnown = true;
      }
      body.push(styleTo(pen, next.fg[i]!, next.bg[i]!, next.attrs[i]!, next.ul[i]!, caps));
      const wide = x + 1 < width && (next.attrs[i + 1]! & Attr.WIDE_CONTINUATION) !== 0;
      let text = next.chars[i] || ' ';
      let certain = hasCertainWidth(text);
      if (!certain && x === width - 1) {
        // In the screen's last column, without autowrap, a terminal joins a mark to the cell
        // before the cursor (the one before this) and drops a character it counts wide: such
        // a character is drawn as a blank there.
        text = ' ';
        certain = true;
      }
      if (!certain) text = drawableText(text);
      // A character the outer terminal may count wider or narrower than the emulator did (see
      // char-width.ts). Spaces go first where it belongs, so a narrower one (or a mark the
      // terminal joins to the cell before) leaves no stale cell behind; spaces, not an erase,
      // because writing over half of a wide character makes a terminal clear all of it. After
      // it the cursor's place is unknown, and the next cell is drawn even if unchanged, so a
      // wider one cannot leave its neighbour (a border, say) overwritten.
      if (!certain) body.push(wide ? '  ' : ' ', `${ESC}[${y + 1};${x + 1}H`);
      body.push(text);
      if (wide) x++;
      cx = x + 1;
      cy = y;
      // At the right margin the cursor stays on the last column (autowrap is off; with it on,
      // it would be in its pending-wrap state): position anew.
      if (cx >= width || !certain) cx = -1;
      drawNext = !certain;
    }
  }
  if (!pen.isDefault()) body.push(`${ESC}[0m`);
  terminal.penIsDefault = penKnown;
  const placed = cursor.x >= 0 && cursor.y >= 0 && cursor.x < width && cursor.y < height;
  // Placed even when hidden, as tmux does: the position still tells IMEs and screen readers where the app is.
  if (placed && (cx !== cursor.x || cy !== cursor.y)) {
    body.push(`${ESC}[${cursor.y + 1};${cursor.x + 1}H`);
    cx = cursor.x;
    cy = cursor.y;
    travels = true;
  }
  const visible = placed && cursor.visible;
  const hideFirst = terminal.cursorVisible !== false && (travels || !visible);
  const out = hideFirst ? `${ESC}[?25l${body.join('')}` : body.join('');
  terminal.x = cx;
  terminal.y = cy;
  const showNow = visible && (hideFirst || terminal.cursorVisible !== true);
  terminal.cursorVisible = visible;
  return showNow ? `${out}${ESC}[?25h` : out;
}
