// Where xterm.js draws a pane differently from tmux, made to draw as tmux does (users compare
// tmx with tmux; tests/e2e/fidelity.test.ts checks each against a real tmux). Set on xterm's
// parser and handlers, which emulator.ts hands over; no xterm import here.
import type { InputHandlers, ParserApi } from './output-guards.js';

/** An xterm IParams as its handlers read it: the values, and how many there are. */
const params = (...values: number[]) => ({ params: Int32Array.from(values), length: values.length });

/** DECCOLM's private mode number (`CSI ? 3 h`: 132 columns, `CSI ? 3 l`: 80). */
const DECCOLM = 3;

/**
 * DECCOLM (`CSI ? 3 h` / `CSI ? 3 l`). A VT100 switching between 80 and 132 columns clears
 * the screen and homes the cursor; tmux does both without changing the pane's size (and keeps
 * the scroll margins and origin mode, homing to the top margin under origin mode, which a
 * VT100 and xterm reset). xterm.js ignores it unless allowed to resize its window, and then
 * resizes and resets. Here it does what tmux does; the other modes of the same sequence go to
 * xterm's own handler, one by one, in their order.
 */
export function columnModeAsTmux(parser: ParserApi, handlers: InputHandlers): void {
  const home = handlers.cursorPosition;
  const erase = handlers.eraseInDisplay;
  for (const [final, method] of [['h', 'setModePrivate'], ['l', 'resetModePrivate']] as const) {
    const setMode = handlers[method];
    if (typeof home !== 'function' || typeof erase !== 'function' || typeof setMode !== 'function') return;
    parser.registerCsiHandler({ prefix: '?', final }, (values) => {
      const modes = values.map((value) => (Array.isArray(value) ? value[0] ?? 0 : value));
      if (!modes.includes(DECCOLM)) return false; // xterm's own handler
      for (const mode of modes) {
        if (mode === DECCOLM) {
          home.call(handlers, params(1, 1));
          erase.call(handlers, params(2));
        } else {
          setMode.call(handlers, params(mode));
        }
      }
      return true;
    });
  }
}

/**
 * Characters tmux draws for the DEC special graphics set that xterm.js leaves as ASCII: the
 * arrows and the block of the VT100's terminfo ACS (tmux's tty-acs.c). A real VT100 (and
 * xterm) has no glyphs for them.
 */
export const ACS_ADDITIONS: Readonly<Record<string, string>> = {
  '+': '\u2192', // → arrow pointing right
  ',': '\u2190', // ← arrow pointing left
  '-': '\u2191', // ↑ arrow pointing up
  '.': '\u2193', // ↓ arrow pointing down
  '0': '\u25ae', // ▮ solid square block
};

/**
 * Adds ACS_ADDITIONS to xterm's DEC special graphics table (shared by every terminal). The
 * table is reached the way a program reaches it, by selecting it into G0, and G0 is put back.
 */
export function graphicsAsTmux(handlers: InputHandlers): void {
  const select = handlers.selectCharset;
  const charsets = handlers._charsetService as { charset?: Record<string, string> } | undefined;
  if (typeof select !== 'function' || !charsets) return;
  const before = charsets.charset;
  select.call(handlers, '(0');
  const table = charsets.charset;
  if (table && table.q === '\u2500') Object.assign(table, ACS_ADDITIONS); // only DEC graphics ('q' is ─)
  select.call(handlers, '(B');
  charsets.charset = before;
}

/** xterm's pen (AttributeData): colours and flags, and the extended attributes (underline style and colour). */
interface Pen {
  fg: number;
  bg: number;
  extended?: { clone(): unknown };
}

/**
 * DECSC/DECRC (ESC 7 / ESC 8, and the alternate screen's 1048/1049) save and restore the
 * whole pen, as tmux and xterm do. xterm.js saves the colours and flags but not the extended
 * attributes: an underline saved and restored lost its style, so the cells written after a
 * restore were drawn without it (vttest's screen 2.15).
 */
export function saveWholePen(handlers: InputHandlers): void {
  const save = handlers.saveCursor;
  const restore = handlers.restoreCursor;
  const internals = handlers as unknown as { _curAttrData?: Pen; _activeBuffer?: { savedCurAttrData?: Pen } };
  if (typeof save !== 'function' || typeof restore !== 'function' || typeof internals._curAttrData?.extended?.clone !== 'function') return;
  handlers.saveCursor = function (...args: unknown[]): unknown {
    const result = save.apply(handlers, args);
    const saved = internals._activeBuffer?.savedCurAttrData;
    if (saved && internals._curAttrData?.extended) saved.extended = internals._curAttrData.extended.clone() as Pen['extended'];
    return result;
  };
  handlers.restoreCursor = function (...args: unknown[]): unknown {
    const result = restore.apply(handlers, args);
    const saved = internals._activeBuffer?.savedCurAttrData?.extended;
    if (saved && internals._curAttrData) internals._curAttrData.extended = saved.clone() as Pen['extended'];
    return result;
  };
}
