// The only @xterm/headless import. A pane's program output is parsed here; the rest of
// tmx sees cells, a cursor, modes and replies, never xterm's objects.
import { createRequire } from 'node:module';
import type * as XtermHeadless from '@xterm/headless';
import type * as Unicode11 from '@xterm/addon-unicode11';
import { Attr, CellGrid, COLOR_DEFAULT } from './cells.js';
import { copyXtermCell, type XtermCell } from './xterm-cell.js';
import { lastTextColumn, textBetween, textInColumns, wrappedLineAt, type BufferPoint, type WrappedLine } from './buffer-text.js';
import { clipboardWrite, isSafeReply } from './reply-policy.js';
import { plainPrintCursor, type PrintState } from './plain-print.js';
import { plainLinesAhead, type PlainLineState } from './plain-lines.js';
import { ControlStringFilter } from './control-strings.js';
import { capCellText, capTitles, clampCounts, gatherPayloadsCompactly, type InputHandlers } from './output-guards.js';
import { columnModeAsTmux, graphicsAsTmux, saveWholePen } from './vt-compat.js';
import { compactBufferLines, type XCoreLines } from './compact-lines.js';

// require, not import: these are CommonJS bundles, and importing them from ESM makes Node
// lex 200 KB of code for export names at every start.
const load = createRequire(import.meta.url);
const { Terminal } = load('@xterm/headless') as typeof XtermHeadless;
const unicode11 = load('@xterm/addon-unicode11') as typeof Unicode11;
type XTerminal = InstanceType<typeof Terminal>;


export type MouseTracking = 'none' | 'x10' | 'vt200' | 'drag' | 'any';

export interface EmulatorModes {
  applicationCursor: boolean;
  applicationKeypad: boolean;
  bracketedPaste: boolean;
  mouseTracking: MouseTracking;
  sendFocus: boolean;
  cursorVisible: boolean;
  alternateScreen: boolean;
}

export interface MouseInput {
  action: 'press' | 'release' | 'drag' | 'move' | 'wheel-up' | 'wheel-down';
  button: number; // 0 left, 1 middle, 2 right, -1 none
  x: number; // 0-based, relative to the pane's content
  y: number;
  shift: boolean;
  alt: boolean;
  ctrl: boolean;
}

/** A trigger's highlight: cells restyled where they are drawn; colours in cells.ts encoding. */
export interface CellHighlight {
  fg?: number;
  bg?: number;
  attrs: number;
}

/** Highlights kept per pane; the oldest go first (each holds an xterm marker). */
export const MAX_HIGHLIGHTS = 256;

interface PlacedHighlight {
  marker: { readonly line: number; readonly isDisposed: boolean; dispose(): void };
  start: number;
  end: number;
  style: CellHighlight;
}

/**
 * The last row generation handed out, shared by every emulator so a number never means two
 * states of two screens. A double, not a Uint32: at 2^53 it never wraps, and a painter compares
 * for equality only.
 */
let lastRowGeneration = 0;

export interface EmulatorOptions {
  cols: number;
  rows: number;
  scrollback: number;
}

/** A row of xterm's active buffer, read in place (the public getLine builds a view object per call). */
interface XBufferLine {
  readonly length: number;
  readonly isWrapped: boolean;
  loadCell(x: number, cell: XtermCell): XtermCell;
  translateToString(trimRight?: boolean): string;
}

/** A buffer row that keeps its text while history is trimmed or reflowed (see trackLine). */
export interface TrackedLine {
  readonly line: number;
  dispose(): void;
}

/** One of xterm's two screens, as repairBuffers() sees it. */
interface XBufferState {
  lines: { length: number; get(index: number): object | undefined; onTrim(listener: (amount: number) => void): { dispose(): void } };
  ybase: number;
  ydisp: number;
}

/** The parts of xterm's core we need that its public API does not expose. */
interface XCoreInternals extends PrintState {
  /** The active buffer: its rows and the first row on screen (ydisp = viewportY). */
  buffer: { lines: { get(index: number): XBufferLine | undefined; length: number }; ydisp: number; ybase: number; x: number; y: number };
  /** Marks user input: the next write() is parsed at once instead of on a timer. */
  _writeBuffer: {
    handleUserInput(): void;
    /** Set by handleUserInput: the next write is parsed at once, not on a timer. */
    _didUserInput: boolean;
    /** Parses one queued chunk (xterm's InputHandler.parse); replaced by guardParser(). */
    _action: (data: string | Uint8Array, promiseResult?: boolean) => unknown;
  };
  /** Both screens: each has its own lines, and ybase (its first row on screen) into them. */
  buffers: { normal: XBufferState; alt: XBufferState };
  coreService: { isCursorHidden: boolean; modes: { insertMode: boolean } };
  coreMouseService: { triggerMouseEvent(event: Record<string, number | boolean>): boolean };
  /** xterm's handlers for parsed sequences, keyed by method name (see output-guards.ts). */
  _inputHandler: PrintState['_inputHandler'] & InputHandlers & {
    onRequestRefreshRows(listener: (range: { start: number; end: number } | undefined) => void): { dispose(): void };
  };
}

export class Emulator {
  private readonly term: XTerminal;
  /** xterm's own cell object (a CellData), filled in place row by row (see xterm-cell.ts). */
  private readonly cell: XtermCell;
  private readonly core: XCoreInternals;
  private highlights: PlacedHighlight[] = [];
  private screenCache: CellGrid | undefined;
  private cachedViewportY = -1;
  /** xterm's active buffer (normal or alternate) when the cache was filled. */
  private cachedBuffer: unknown;
  /** Viewport rows changed since the cache was last refreshed (from xterm's refresh requests). */
  private dirtyFrom = Infinity;
  private dirtyTo = -1;
  /**
   * Per viewport row, the generation of what the screen cache holds there: a row read again
   * from xterm's buffer and found different gets a new one. Painters remember the generations they drew, so each
   * redraws exactly the rows that moved since its own last frame, however many read them.
   */
  private generations = new Float64Array(0);
  /** A row's cells before it is read again, to tell a row that changed from one xterm only redrew. */
  private rowBefore: CellGrid | undefined;
  /** Something painted over the cells (a highlight, the selection) changed: every row moves. */
  private paintedOverChanged = false;
  private readonly clipboardListeners = new Set<(data: Buffer) => void>();
  /** True while a mouse event of ours (not the program's output) is being encoded. */
  private encodingMouse = false;
  /** Drops OSC/DCS/APC strings longer than tmux would keep before xterm buffers them. */
  private readonly controlStrings = new ControlStringFilter();

  constructor(options: EmulatorOptions) {
    this.term = new Terminal({
      cols: Math.max(1, options.cols),
      rows: Math.max(1, options.rows),
      scrollback: options.scrollback,
      allowProposedApi: true,
      // Window reports (CSI 14t, 20t, 21t ...) stay off: their replies would echo text a program chose.
      windowOptions: {},
      // xterm logs parse errors with console.error, and tmx's stderr is the user's terminal.
      logLevel: 'off',
    });
    this.term.loadAddon(new unicode11.Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.cell = this.term.buffer.active.getNullCell() as unknown as XtermCell;
    this.core = (this.term as unknown as { _core: XCoreInternals })._core;
    // OSC 8 links are swallowed before xterm records them: tmx draws no links (nor does tmux
    // 3.3), and xterm keeps each one with a marker that every scrolled line then visits
    // (20,000 links: 4 s of parsing and 115 MB, and the lines printed after them 50x slower).
    this.term.parser.registerOscHandler(8, () => true);
    // OSC 52: reads are never answered; writes go to listeners, who decide (off by default).
    this.term.parser.registerOscHandler(52, (data) => {
      const bytes = clipboardWrite(data);
      if (bytes) for (const listener of this.clipboardListeners) listener(bytes);
      return true;
    });
    const handlers = this.core._inputHandler;
    clampCounts(this.term.parser, handlers, () => this.term);
    capTitles(this.term.parser, handlers);
    gatherPayloadsCompactly(handlers);
    capCellText(this.core.buffer.lines.get(0));
    columnModeAsTmux(this.term.parser, handlers);
    graphicsAsTmux(handlers);
    saveWholePen(handlers);
    this.guardParser();
    compactBufferLines(this.core as unknown as XCoreLines);
    // The rows xterm itself would redraw after each parse; undefined means all of them.
    this.core._inputHandler.onRequestRefreshRows((range) =>
      range ? this.markRowsDirty(range.start, range.end) : this.markRowsDirty(0, this.term.rows - 1),
    );
  }

  /**
   * An exception out of xterm's parser (a bug of xterm's, met by the fuzz test: the alternate
   * screen left with fewer lines than its first row on screen plus the screen, then a line feed
   * in a scroll region) would escape from xterm's write timer and end tmx with every pane.
   * Instead the rest of that chunk of this pane's output is lost, the screens are put right,
   * and the chunk counts as parsed (its callback runs, so the pane reads on).
   */
  private guardParser(): void {
    const writeBuffer = this.core._writeBuffer;
    const parse = writeBuffer._action;
    writeBuffer._action = (data, promiseResult) => {
      // tmx registers no async handlers, so a chunk is parsed in one call (never resumed).
      for (const observer of this.parseObservers) observer(typeof data === 'string' ? undefined : data);
      try {
        return parse(data, promiseResult);
      } catch {
        for (const observer of this.parseObservers) observer(undefined);
        this.parseFailures++;
        this.repairBuffers();
        this.markRowsDirty(0, this.term.rows - 1);
        return undefined;
      }
    };
  }

  /**
   * Called with each chunk of output right before xterm parses it, or with undefined when the
   * screen changed some other way (a resize, a failed parse): triggers skip lines with it.
   */
  observeParse(observer: (data: Uint8Array | undefined) => void): { dispose(): void } {
    this.parseObservers.add(observer);
    return { dispose: () => this.parseObservers.delete(observer) };
  }

  private readonly parseObservers = new Set<(data: Uint8Array | undefined) => void>();

  /** Whether plain ASCII lines parsed now would land on new rows as they are (plain-lines.ts). */
  plainLinesAhead(): boolean {
    return plainLinesAhead(this.core as unknown as PlainLineState, this.term.rows);
  }

  /** Chunks of output whose parse failed inside xterm (see guardParser). */
  parseFailures = 0;

  /** Puts each screen's first visible row back where there are lines for the whole screen. */
  private repairBuffers(): void {
    const rows = this.term.rows;
    for (const buffer of [this.core.buffers.normal, this.core.buffers.alt]) {
      const highest = Math.max(0, buffer.lines.length - rows);
      if (buffer.ybase > highest) buffer.ybase = highest;
      if (buffer.ydisp > highest) buffer.ydisp = highest;
    }
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /**
   * Parses program output; `onParsed` runs once these bytes have reached the screen model.
   * (A string is taken as UTF-8, as a pty's bytes are: the filter in front works on bytes.)
   */
  write(data: Uint8Array | string, onParsed?: () => void): void {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.term.write(this.controlStrings.filter(bytes), onParsed);
  }

  /**
   * The user typed (the caller writes the bytes to the program itself). As after xterm's own
   * input(), the next output (usually the echo) is parsed at once rather than a timer tick
   * later; input() also fires a data event, whose listeners, logging and reply filter sat on
   * the way of every echo. (input() would also scroll a scrolled-back view down: the view is
   * back only in copy mode, which ends only when the user leaves it, whatever is typed in.)
   */
  userTyped(): void {
    this.core._writeBuffer.handleUserInput();
  }

  /** The next output is parsed on xterm's timer after all (its echo was drawn ahead of it). */
  parseLater(): void {
    this.core._writeBuffer._didUserInput = false;
  }

  resize(cols: number, rows: number): void {
    this.term.resize(Math.max(1, cols), Math.max(1, rows));
    for (const observer of this.parseObservers) observer(undefined);
    // xterm can leave the alternate screen's first row past its lines (see guardParser).
    this.repairBuffers();
  }

  /** Replies the emulator owes the program (device attributes, cursor reports); `binary` is latin1. */
  onReply(listener: (data: string, binary: boolean) => void): { dispose(): void } {
    // A reply to output must have a fixed, numbers-only shape (reply-policy.ts); mouse reports
    // come from the user, and X10 mouse reports are binary. Typed keys never pass here (userTyped).
    const a = this.term.onData((d) => {
      if (this.encodingMouse || isSafeReply(d)) listener(d, false);
    });
    const b = this.term.onBinary((d) => {
      if (this.encodingMouse) listener(d, true);
    });
    return { dispose: () => (a.dispose(), b.dispose()) };
  }

  /** A program's OSC 52 clipboard write, decoded (size checks and policy are the caller's). */
  onClipboardWrite(listener: (data: Buffer) => void): { dispose(): void } {
    this.clipboardListeners.add(listener);
    return { dispose: () => this.clipboardListeners.delete(listener) };
  }

  onTitle(listener: (title: string) => void): { dispose(): void } {
    return this.term.onTitleChange(listener);
  }

  onBell(listener: () => void): { dispose(): void } {
    return this.term.onBell(listener);
  }

  modes(): EmulatorModes {
    const m = this.term.modes;
    return {
      applicationCursor: m.applicationCursorKeysMode,
      applicationKeypad: m.applicationKeypadMode,
      bracketedPaste: m.bracketedPasteMode,
      mouseTracking: m.mouseTrackingMode,
      sendFocus: m.sendFocusMode,
      cursorVisible: !this.core.coreService.isCursorHidden,
      alternateScreen: this.term.buffer.active.type === 'alternate',
    };
  }

  /**
   * Moves the view `lines` into the history (negative: back, towards older lines), as far as
   * there is history. While the view is back, new output leaves it where it is.
   */
  scrollView(lines: number): void {
    this.term.scrollLines(lines);
  }

  /** The view back at the live screen. */
  scrollViewToBottom(): void {
    this.term.scrollToBottom();
  }

  /** The absolute buffer line shown on the view's first row. */
  viewTop(): number {
    return this.core.buffer.ydisp;
  }

  /** The column of buffer line `line`'s last character that is not blank (0 on a blank line). */
  lastTextColumn(line: number): number {
    return lastTextColumn(this.term.buffer.active, line);
  }

  /** The line buffer line `line` belongs to, its wrapped rows joined, for copy mode's search (see buffer-text.ts). */
  wrappedLineAt(line: number): WrappedLine {
    return wrappedLineAt(this.term.buffer.active, line);
  }

  /** The text from `start` to `end`, as copy mode copies it (see buffer-text.ts). */
  textBetween(start: BufferPoint, end: BufferPoint): string {
    return textBetween(this.term.buffer.active, this.term.cols, start, end);
  }

  /**
   * Copy mode's selection (absolute lines, columns inclusive, start before end), drawn in
   * reverse video over what the rows show; undefined for none. `columns`: a rectangle, those
   * columns (first, last) of every line from start to end.
   */
  setSelection(selection: { start: { line: number; col: number }; end: { line: number; col: number }; columns?: [number, number] } | undefined): void {
    this.selection?.start.line.dispose();
    this.selection?.end.line.dispose();
    this.selection = selection && {
      start: { line: this.trackLine(selection.start.line), col: selection.start.col },
      end: { line: this.trackLine(selection.end.line), col: selection.end.col },
      columns: selection.columns,
    };
    this.paintedOverChanged = true;
    this.markRowsDirty(0, this.term.rows - 1);
  }

  private selection: {
    start: { line: TrackedLine; col: number };
    end: { line: TrackedLine; col: number };
    columns: [number, number] | undefined;
  } | undefined;

  /** A rectangle's text, as copy mode copies it (see buffer-text.ts). */
  textInColumns(first: number, last: number, left: number, right: number): string {
    return textInColumns(this.term.buffer.active, first, last, left, right);
  }

  /** How far the view is back from the live screen, and how many lines of history there are. */
  viewPosition(): { linesBack: number; history: number } {
    const b = this.core.buffer;
    return { linesBack: b.ybase - b.ydisp, history: b.ybase };
  }

  /**
   * Where the cursor is on the screen and whether it is shown, read from xterm's buffer in
   * place (the public API builds view objects for it, and every frame reads this).
   */
  cursorState(): { x: number; y: number; visible: boolean } {
    const b = this.core.buffer;
    return { x: Math.min(b.x, this.term.cols - 1), y: b.y, visible: !this.core.coreService.isCursorHidden };
  }

  /**
   * Where `count` printable ASCII characters parsed now would go, when they would do nothing
   * but land there in the default pen and move the cursor right past them (plain-print.ts);
   * undefined otherwise, and while rows changed since the screen was last copied out or
   * something is painted over it (highlights, a selection).
   */
  plainPrintAt(count: number): { x: number; y: number } | undefined {
    if (this.highlights.length > 0 || this.selection || !this.screenCache || this.changedRows()) return undefined;
    if (!this.controlStrings.idle) return undefined;
    return plainPrintCursor(this.core, this.screenCache, count);
  }

  /** Encodes a mouse event the way the program asked (X10/SGR) and emits it through onReply. */
  sendMouse(ev: MouseInput): void {
    const wheel = ev.action === 'wheel-up' || ev.action === 'wheel-down';
    const button = wheel ? 4 : ev.button < 0 || ev.action === 'move' ? 3 : ev.button;
    // CoreMouseAction: UP 0, DOWN 1, MOVE 32; a wheel uses UP/DOWN for its direction.
    const action = wheel ? (ev.action === 'wheel-up' ? 0 : 1) : ev.action === 'press' ? 1 : ev.action === 'release' ? 0 : 32;
    this.encodingMouse = true;
    try {
      this.core.coreMouseService.triggerMouseEvent({
        col: ev.x, row: ev.y, x: 0, y: 0, button, action, ctrl: ev.ctrl, alt: ev.alt, shift: ev.shift,
      });
    } finally {
      this.encodingMouse = false;
    }
  }

  /** Copies the visible screen into `grid` at (left, top), clipped to width x height. */
  copyViewport(grid: CellGrid, left: number, top: number, width: number, height: number): void {
    this.copyRows(grid, left, top, width, height, 0, this.term.rows - 1);
  }

  /**
   * The viewport rows [from, to] that changed since the screen was last copied out (copyViewport,
   * copyRows), or undefined: what a frame that redraws only changed rows must copy. A scroll, a
   * buffer switch, a resize or a new highlight counts as every row.
   */
  changedRows(): { from: number; to: number } | undefined {
    // xterm's own buffer object, not the public API's view of it: this runs for every frame.
    const buffer = this.core.buffer;
    const { rows } = this.term;
    const cache = this.screenCache;
    const everything = !cache || cache.width !== this.term.cols || cache.height !== rows ||
      buffer.ydisp !== this.cachedViewportY || buffer !== this.cachedBuffer;
    if (everything) return { from: 0, to: rows - 1 };
    const from = Math.max(0, this.dirtyFrom);
    const to = Math.min(rows - 1, this.dirtyTo);
    return from <= to ? { from, to } : undefined;
  }

  /**
   * The generation of each viewport row (see `generations`), brought up to date first: rows
   * that changed since the screen cache was last filled are read again, and those that read back
   * different get new ones. A scroll, a buffer switch or a resize reads every row; a new
   * highlight or selection moves every row. The array is the emulator's own: read-only to
   * callers, and current until the next output is parsed.
   */
  rowGenerations(): Float64Array {
    if (this.changedRows()) this.refreshScreenCache();
    return this.generations;
  }

  /**
   * Copies viewport rows [from, to] into `grid` at (left, top + row), clipped to width x height.
   * This is the hot path of rendering: cells come from the screen cache, nothing is allocated.
   */
  copyRows(grid: CellGrid, left: number, top: number, width: number, height: number, from: number, to: number): void {
    const screen = this.refreshScreenCache();
    const cols = Math.min(width, screen.width, grid.width - left);
    const rows = Math.min(height, screen.height, grid.height - top);
    for (let y = Math.max(0, from); y <= to && y < rows; y++) {
      if (top + y < 0) continue;
      const target = (top + y) * grid.width + left;
      grid.copyCellsFrom(screen, y * screen.width, target, cols);
      // A wide character cut by a narrower clip: a blank, so nothing spills past the pane.
      if (cols > 0 && cols < screen.width && grid.attrs[target + cols]! & Attr.WIDE_CONTINUATION) grid.chars[target + cols - 1] = ' ';
    }
    if (this.highlights.length > 0) {
      const buffer = this.term.buffer.active;
      if (buffer.type === 'normal') this.paintHighlights(grid, left, top, cols, Math.max(0, from), Math.min(rows - 1, to), buffer.viewportY);
    }
    if (this.selection) this.paintSelection(grid, left, top, cols, Math.max(0, from), Math.min(rows - 1, to));
  }

  /** Reverses the selected cells among the copied viewport rows [from, to]. */
  private paintSelection(grid: CellGrid, left: number, top: number, cols: number, from: number, to: number): void {
    const { start, end, columns } = this.selection!;
    const [startLine, endLine] = [start.line.line, end.line.line];
    const viewTop = this.core.buffer.ydisp;
    for (let y = from; y <= to; y++) {
      const line = viewTop + y;
      if (line < startLine || line > endLine) continue;
      const first = columns ? columns[0] : line === startLine ? start.col : 0;
      const last = Math.min(cols - 1, columns ? columns[1] : line === endLine ? end.col : cols - 1);
      for (let x = first, i = (top + y) * grid.width + left + first; x <= last; x++, i++) grid.attrs[i] ^= Attr.INVERSE;
    }
  }

  /**
   * The visible screen as cells, kept between frames: only the rows xterm reports as changed
   * (the same dirty-row ranges its own renderers redraw) are read again. An echoed key costs
   * one row, not the whole screen. A resize, a scroll or a buffer switch reads everything.
   */
  private refreshScreenCache(): CellGrid {
    const buffer = this.core.buffer;
    const { cols, rows } = this.term;
    const changed = this.changedRows();
    const kept = this.screenCache;
    const fresh = !kept || kept.width !== cols || kept.height !== rows;
    const cache = fresh ? (this.screenCache = new CellGrid(cols, rows)) : kept;
    const from = changed?.from ?? 0;
    const to = changed?.to ?? -1;
    this.cachedViewportY = buffer.ydisp;
    this.cachedBuffer = buffer;
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
    if (this.generations.length !== rows) this.generations = new Float64Array(rows);
    const generation = from <= to ? ++lastRowGeneration : 0;
    // A row read back the same keeps its generation, so no painter draws it again: xterm's
    // ranges are generous (a cursor that left a row counts it). Not while something is painted
    // over the cells (highlights, a selection), which can move while the cells stay.
    const compare = !fresh && !this.paintedOverChanged && this.highlights.length === 0 && !this.selection;
    this.paintedOverChanged = false;
    let rowBefore = this.rowBefore;
    if (compare && rowBefore?.width !== cols) rowBefore = this.rowBefore = new CellGrid(cols, 1);
    const cell = this.cell;
    // Rows are read from xterm's buffer directly: the public getLine() allocates a view per
    // row, and optimized code that inlined it was thrown away again and again ("weak objects"
    // deopts every ~0.6 s in --log-deopt), recompiling while the user typed.
    const { lines, ydisp } = buffer;
    for (let y = from; y <= to; y++) {
      const line = lines.get(ydisp + y);
      const length = line ? line.length : 0;
      if (compare) rowBefore!.copyCellsFrom(cache, y * cols, 0, cols);
      let i = y * cols;
      let width = 1;
      for (let x = 0; x < cols; x++, i++) {
        if (x >= length) {
          cache.chars[i] = ' ';
          cache.fg[i] = COLOR_DEFAULT;
          cache.bg[i] = COLOR_DEFAULT;
          cache.attrs[i] = 0;
          cache.ul[i] = COLOR_DEFAULT;
          continue;
        }
        line!.loadCell(x, cell);
        const before = width;
        width = copyXtermCell(cell, cache, i, x === cols - 1, before === 2);
        // A wide character whose right half is gone (an insert-character pushed it away) would
        // be drawn over the cell after it: a blank, as a right half with no left is.
        if (before === 2 && width !== 0) cache.chars[i - 1] = ' ';
      }
      if (!compare || !sameCells(rowBefore!, 0, cache, y * cols, cols)) this.generations[y] = generation;
    }
    return cache;
  }

  private markRowsDirty(start: number, end: number): void {
    if (start < this.dirtyFrom) this.dirtyFrom = start;
    if (end > this.dirtyTo) this.dirtyTo = end;
  }

  /**
   * Restyles characters [start, end) of the logical line starting at absolute row `row`
   * (a trigger's match). The mark follows the line as scrollback moves; it goes when trimmed.
   * Columns assume one cell per character, which holds for the text triggers match in practice.
   */
  addHighlight(row: number, start: number, end: number, style: CellHighlight): void {
    const b = this.term.buffer.active;
    if (b.type !== 'normal' || end <= start) return;
    const marker = this.term.registerMarker(row - (b.baseY + b.cursorY));
    if (!marker) return;
    this.highlights.push({ marker, start, end, style });
    this.paintedOverChanged = true;
    this.markRowsDirty(0, this.term.rows - 1); // painted over cells that may not have changed
    while (this.highlights.length > MAX_HIGHLIGHTS) this.highlights.shift()!.marker.dispose();
  }

  /** Paints highlights on the copied viewport rows [from, to]. */
  private paintHighlights(grid: CellGrid, left: number, top: number, cols: number, from: number, to: number, viewportY: number): void {
    const width = this.term.cols;
    this.highlights = this.highlights.filter((h) => !h.marker.isDisposed);
    for (const h of this.highlights) {
      for (let index = h.start; index < h.end; index++) {
        const y = h.marker.line + Math.floor(index / width) - viewportY;
        const x = index % width;
        if (y < from || y > to || x >= cols) continue;
        const i = (top + y) * grid.width + left + x;
        if (h.style.fg !== undefined) grid.fg[i] = h.style.fg;
        if (h.style.bg !== undefined) grid.bg[i] = h.style.bg;
        grid.attrs[i] |= h.style.attrs;
      }
    }
  }

  /** The visible row `y` as text, wrapped continuation rows not joined (see logicalLineText). */
  rowText(y: number): string {
    const buffer = this.term.buffer.active;
    return buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '';
  }

  /** Text of the whole screen, one line per row, trailing blanks trimmed (for tests, debugging). */
  screenText(): string {
    const lines: string[] = [];
    for (let y = 0; y < this.term.rows; y++) lines.push(this.rowText(y));
    return lines.join('\n');
  }

  /** Absolute buffer line index of the cursor row (scrollback included), for line tracking. */
  cursorAbsoluteLine(): number {
    // xterm's own buffer: the public buffer.active builds views (~1 µs; triggers ask per scan).
    const b = this.core.buffer;
    return b.ybase + b.y;
  }

  /**
   * The logical line ending at absolute row `row` (joins rows xterm marked as wrapped
   * continuations), capped at `maxLength` characters. Used by triggers.
   */
  logicalLineText(row: number, maxLength: number): string {
    // xterm's own lines: the public getLine() builds a view object per call, per row.
    const lines = this.core.buffer.lines;
    let start = row;
    while (start > 0 && lines.get(start)?.isWrapped) start--;
    let text = '';
    for (let r = start; r <= row && text.length < maxLength; r++) {
      text += lines.get(r)?.translateToString(r === row) ?? '';
    }
    return text.slice(0, maxLength);
  }

  /** Whether absolute row `row` continues the row above (auto-wrapped), for line tracking. */
  isWrapped(row: number): boolean {
    return this.core.buffer.lines.get(row)?.isWrapped ?? false;
  }

  /**
   * Absolute row `row`, followed as history is trimmed or reflowed (a marker), or fixed where
   * rows never move (the alternate screen); a trimmed row reads as row 0, the oldest left.
   */
  trackLine(row: number): TrackedLine {
    const marker = this.markLine(row);
    if (!marker) return { line: row, dispose: () => undefined };
    return { get line() { return marker.isDisposed ? 0 : marker.line; }, dispose: () => marker.dispose() };
  }

  /**
   * A handle that follows absolute row `row` while scrollback is trimmed or reflowed (its `line`
   * changes; it is disposed once the row is gone), for line tracking. Undefined on the alternate
   * screen, which has no scrollback, so its rows never move. Setting `line` moves it to that row
   * (xterm's Marker keeps it as a plain field): far cheaper than a new marker (~15 µs).
   */
  markLine(row: number): { line: number; readonly isDisposed: boolean; dispose(): void } | undefined {
    const b = this.term.buffer.active;
    if (b.type !== 'normal') return undefined;
    return this.term.registerMarker(row - (b.baseY + b.cursorY));
  }

  /** Whether the alternate screen is shown: modes() alone, without building all of them (~1 µs). */
  alternateScreenActive(): boolean {
    return (this.core.buffer as unknown) !== this.core.buffers.normal;
  }

  /** Number of rows in the buffer (scrollback plus screen). */
  bufferLength(): number {
    return this.core.buffer.lines.length;
  }

  /**
   * Line `y` of the live screen as text (0: its top row; negative: history, -1 the newest), trailing
   * blanks trimmed, for capture-pane; undefined outside the buffer.
   */
  lineText(y: number): string | undefined {
    const b = this.term.buffer.active;
    const line = b.baseY + y;
    if (line < 0 || line >= b.length) return undefined;
    return b.getLine(line)?.translateToString(true);
  }

  /** Lines of history above the live screen. */
  historyLength(): number {
    return this.term.buffer.active.baseY;
  }

  dispose(): void {
    this.term.dispose();
  }
}

/** Whether `count` cells of `a` from index `i` equal those of `b` from index `j`. */
function sameCells(a: CellGrid, i: number, b: CellGrid, j: number, count: number): boolean {
  for (let k = 0; k < count; k++, i++, j++) {
    if (a.chars[i] !== b.chars[j] || a.fg[i] !== b.fg[j] || a.bg[i] !== b.bg[j] || a.attrs[i] !== b.attrs[j] || a.ul[i] !== b.ul[j]) return false;
  }
  return true;
}
