// Whether printable ASCII, parsed now, would do nothing but put those characters at the cursor
// in the default pen and move the cursor right past them. Then a typed key's echo can be drawn
// before xterm parses it (FramePainter.drawAhead): the same bytes the frame after the parse
// would write, without waiting ~140 µs for that cold parse and frame (bench/echo-stages.mjs;
// idle echo 1.29x -> 1.15x tmux's in bench/echo-ab.mjs). The parse and that frame still
// follow, and find the cells drawn.
// Each condition below is a way xterm's print (InputHandler.print) would do something else.
import { Attr, type CellGrid } from './cells.js';

/** The parts of xterm's core that print depends on, by xterm's own names (see emulator.ts). */
export interface PrintState {
  /** The active buffer's cursor, its first row on screen (ybase) and the row shown first (ydisp). */
  buffer: { x: number; y: number; ybase: number; ydisp: number };
  coreService: { modes: { insertMode: boolean } };
  _inputHandler: {
    _parser: { currentState: number };
    _utf8Decoder: { interim: Uint8Array };
    _curAttrData: { fg: number; bg: number };
    _charsetService: { charset: unknown };
  };
}

/** xterm's ParserState.GROUND: between sequences, where a printable byte is printed. */
const PARSER_GROUND = 0;

/**
 * The cursor, when `count` printable ASCII characters parsed now would land there and only
 * there; undefined otherwise. `screen`: the screen's cells as xterm's buffer holds them now.
 */
export function plainPrintCursor(core: PrintState, screen: CellGrid, count: number): { x: number; y: number } | undefined {
  const input = core._inputHandler;
  // In the middle of an escape sequence or a string (OSC, DCS): the bytes belong to it.
  if (input._parser.currentState !== PARSER_GROUND) return undefined;
  // A character's first bytes pending: xterm drops them, nothing else, but no guesses.
  if (input._utf8Decoder.interim[0] !== 0) return undefined;
  // A colour, an attribute or a link in the pen (fg and bg hold all of them, 0 is the default).
  if (input._curAttrData.fg !== 0 || input._curAttrData.bg !== 0) return undefined;
  // A character set such as DEC line drawing maps ASCII to other characters.
  if (input._charsetService.charset !== undefined) return undefined;
  // Insert mode (IRM) shifts the rest of the row right.
  if (core.coreService.modes.insertMode) return undefined;
  const { buffer } = core;
  // History is shown, not the rows being printed on.
  if (buffer.ydisp !== buffer.ybase) return undefined;
  const { x, y } = buffer;
  // The last character must land before the last column: there the cursor would stay, waiting
  // to wrap, and a character after it would wrap (or, past a pending wrap, start a new row).
  if (x < 0 || y < 0 || x + count >= screen.width || y >= screen.height) return undefined;
  // Narrow cells only, the one after the run included: writing over either half of a wide
  // character blanks its other half.
  for (let i = y * screen.width + x, end = i + count; i <= end; i++) {
    if (screen.attrs[i]! & Attr.WIDE_CONTINUATION) return undefined;
  }
  return { x, y };
}
