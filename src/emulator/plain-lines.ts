// Whether output parsed now, if it holds only printable ASCII, SGR and CR LF, would put each
// line's characters on the screen exactly as they come, each logical line on new rows of its
// own: what lets triggers skip reading lines off the screen (triggers/output-skip.ts). Each
// condition below is a way xterm would put something else on a row, or somewhere else.
import type { PrintState } from './plain-print.js';

/** The parts of xterm's core this depends on, by xterm's own names (see emulator.ts). */
export interface PlainLineState extends PrintState {
  buffer: PrintState['buffer'] & { scrollTop: number; scrollBottom: number };
  buffers: { normal: unknown };
  coreService: PrintState['coreService'] & { decPrivateModes: { wraparound: boolean } };
}

/** xterm's ParserState.GROUND: between sequences, where a printable byte is printed. */
const PARSER_GROUND = 0;

export function plainLinesAhead(core: PlainLineState, rows: number): boolean {
  const input = core._inputHandler;
  // In the middle of a sequence or a string (OSC, DCS): the bytes belong to it.
  if (input._parser.currentState !== PARSER_GROUND) return false;
  // A character's first bytes pending: what the next bytes make of it is xterm's guess.
  if (input._utf8Decoder.interim[0] !== 0) return false;
  // A character set such as DEC line drawing or a national one maps ASCII to other characters.
  if (input._charsetService.charset !== undefined) return false;
  // Insert mode (IRM) shifts what a row held to the right instead of writing over it.
  if (core.coreService.modes.insertMode) return false;
  // Without auto-wrap the last column is written over: a line's text is no longer its bytes.
  if (!core.coreService.decPrivateModes.wraparound) return false;
  const { buffer } = core;
  // The alternate screen has no history: its rows are reused, not new.
  if (buffer !== core.buffers.normal) return false;
  // A scroll region: a line feed at its bottom moves rows inside it, not into history.
  return buffer.scrollTop === 0 && buffer.scrollBottom === rows - 1;
}
