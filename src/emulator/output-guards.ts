// Limits on what a pane's output can make its emulator do or keep, set on xterm.js's parser
// and buffer (emulator.ts hands over the objects; no xterm import here). Each is a way a few
// bytes of output made tmx freeze or hold memory without bound; tmux has the same limits.
import { gatherCompactly, keepOnlyStart } from './string-payloads.js';

/** The public parser API (Terminal.parser) these use. */
export interface ParserApi {
  registerCsiHandler(id: { final: string; prefix?: string }, callback: (params: (number | number[])[]) => boolean): unknown;
  registerOscHandler(ident: number, callback: (data: string) => boolean): unknown;
}

/** xterm's InputHandler: its handlers for parsed sequences by method name, and its parser. */
export type InputHandlers = Record<string, unknown> & {
  _parser?: { _oscParser?: { _handlers?: Record<number, unknown[]> }; _dcsParser?: { _handlers?: Record<number, unknown[]> } };
};

/** A buffer row (xterm's BufferLine), for the combining-character limit. */
interface BufferLineInternals {
  _combined: Record<number, string>;
  isCombined(index: number): number;
  addCodepointToCell(index: number, codePoint: number, width: number): void;
}

/**
 * Sequences whose count xterm obeys one step at a time: `CSI 99999999 M` (an 80-digit count
 * is clamped to 2^31 - 1) would freeze tmx for minutes. Beyond the screen, more steps change
 * nothing, so counts are capped at what the screen can show.
 */
const COUNTED_SEQUENCES: ReadonlyArray<{ final: string; method: string; limit: (cols: number, rows: number) => number }> = [
  { final: 'L', method: 'insertLines', limit: (_c, rows) => rows },
  { final: 'M', method: 'deleteLines', limit: (_c, rows) => rows },
  { final: 'S', method: 'scrollUp', limit: (_c, rows) => rows },
  { final: 'T', method: 'scrollDown', limit: (_c, rows) => rows },
  { final: 'I', method: 'cursorForwardTab', limit: (cols) => cols },
  { final: 'Z', method: 'cursorBackwardTab', limit: (cols) => cols },
  { final: 'b', method: 'repeatPrecedingCharacter', limit: (cols, rows) => cols * rows },
];

export function clampCounts(parser: ParserApi, handlers: InputHandlers, size: () => { cols: number; rows: number }): void {
  for (const { final, method, limit } of COUNTED_SEQUENCES) {
    parser.registerCsiHandler({ final }, (params) => {
      const first = params[0];
      const count = Array.isArray(first) ? first[0] : first;
      const { cols, rows } = size();
      const max = limit(cols, rows);
      if (count === undefined || count <= max) return false; // xterm's own handler runs
      const handler = handlers[method];
      // Unknown in some future xterm: dropping one absurd sequence beats freezing.
      if (typeof handler !== 'function') return true;
      handler.call(handlers, { params: Int32Array.of(max), length: 1 });
      return true;
    });
  }
}

/**
 * The longest title (and icon name) kept: far more than a border or the status line shows (a
 * pane cuts its title at 256), and it bounds what xterm keeps of a megabyte title.
 */
export const MAX_TITLE_CHARS = 1024;

/** `text` cut to `max` UTF-16 units (not inside a surrogate pair), as a string of its own. */
export function cutTitle(text: string, max = MAX_TITLE_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, /[\ud800-\udbff]/.test(text[max - 1]!) ? max - 1 : max);
  // A slice of a long string can keep the whole string alive (V8 shares it); a copy cannot.
  return Buffer.from(cut, 'utf16le').toString('utf16le');
}

/** OSC 0, 1 and 2 set xterm's title and icon name cut to MAX_TITLE_CHARS (before xterm's own handlers). */
export function capTitles(parser: ParserApi, handlers: InputHandlers): void {
  const setTitle = handlers.setTitle;
  const setIconName = handlers.setIconName;
  if (typeof setTitle !== 'function' || typeof setIconName !== 'function') return;
  const set = (title: boolean, icon: boolean) => (data: string) => {
    const text = cutTitle(data);
    if (icon) setIconName.call(handlers, text);
    if (title) setTitle.call(handlers, text);
    return true;
  };
  parser.registerOscHandler(0, set(true, true));
  parser.registerOscHandler(1, set(false, true));
  parser.registerOscHandler(2, set(true, false));
  // Each of these handlers, xterm's and these, needs no more than what is kept.
  for (const ident of [0, 1, 2]) keepOnlyStart(handlers._parser?._oscParser?._handlers?.[ident] ?? [], MAX_TITLE_CHARS);
}

/**
 * Every OSC and DCS handler xterm has (its own and those registered on `parser` before this
 * runs) gathers its text compactly (string-payloads.ts). The handler classes are shared by
 * every terminal, so this changes them once for all panes.
 */
export function gatherPayloadsCompactly(handlers: InputHandlers): void {
  const first = (table: Record<number, unknown[]> | undefined) => Object.values(table ?? {}).find((list) => list.length > 0)?.[0];
  gatherCompactly(first(handlers._parser?._oscParser?._handlers), 'start', 'end');
  gatherCompactly(first(handlers._parser?._dcsParser?._handlers), 'hook', 'unhook');
}

/**
 * Most bytes of UTF-8 a cell's text may hold, its character and the combining marks after it
 * (tmux's UTF8_SIZE): marks beyond are dropped, as tmux drops them. Unbounded, xterm appended
 * every mark to the cell: 12 million marks kept 680 MB alive in the history.
 */
export const MAX_CELL_TEXT_BYTES = 21;

const utf8Bytes = (codePoint: number): number => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

const cappedLines = new WeakSet<object>();

/** Caps the text of every cell of xterm's buffer rows (`row`'s class, shared by every terminal). */
export function capCellText(row: unknown): void {
  if (typeof row !== 'object' || row === null) return;
  const proto = Object.getPrototypeOf(row) as BufferLineInternals;
  const add = proto.addCodepointToCell;
  if (cappedLines.has(proto) || typeof add !== 'function' || typeof proto.isCombined !== 'function' || !('_combined' in row)) return;
  proto.addCodepointToCell = function (this: BufferLineInternals, index: number, codePoint: number, width: number): void {
    if (this.isCombined(index)) {
      const text = this._combined[index];
      if (text !== undefined && Buffer.byteLength(text, 'utf8') + utf8Bytes(codePoint) > MAX_CELL_TEXT_BYTES) return;
    }
    add.call(this, index, codePoint, width);
  };
  cappedLines.add(proto);
}
