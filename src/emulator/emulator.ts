// The only @xterm/headless import. A pane's program output is parsed here; the rest of
// tmx sees cells, a cursor, modes and replies, never xterm's objects.
import xtermHeadless from '@xterm/headless';
import unicode11 from '@xterm/addon-unicode11';
import { Attr, CellGrid, COLOR_DEFAULT } from './cells.js';

const { Terminal } = xtermHeadless;
type XTerminal = InstanceType<typeof Terminal>;
type XCell = NonNullable<ReturnType<NonNullable<ReturnType<XTerminal['buffer']['active']['getLine']>>['getCell']>>;


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

export interface EmulatorOptions {
  cols: number;
  rows: number;
  scrollback: number;
}

/** The parts of xterm's core we need that its public API does not expose. */
interface XCoreInternals {
  coreService: { isCursorHidden: boolean };
  coreMouseService: { triggerMouseEvent(event: Record<string, number | boolean>): boolean };
}

export class Emulator {
  private readonly term: XTerminal;
  private readonly cell: XCell;
  private readonly core: XCoreInternals;

  constructor(options: EmulatorOptions) {
    this.term = new Terminal({
      cols: Math.max(1, options.cols),
      rows: Math.max(1, options.rows),
      scrollback: options.scrollback,
      allowProposedApi: true,
      // Window reports (CSI 14t, 20t, 21t ...) stay off: their replies would echo text a program chose.
      windowOptions: {},
    });
    this.term.loadAddon(new unicode11.Unicode11Addon());
    this.term.unicode.activeVersion = '11';
    this.cell = this.term.buffer.active.getNullCell();
    this.core = (this.term as unknown as { _core: XCoreInternals })._core;
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Parses program output; `onParsed` runs once these bytes have reached the screen model. */
  write(data: Uint8Array | string, onParsed?: () => void): void {
    this.term.write(data, onParsed);
  }

  resize(cols: number, rows: number): void {
    this.term.resize(Math.max(1, cols), Math.max(1, rows));
  }

  /** Replies the emulator owes the program (device attributes, cursor reports); `binary` is latin1. */
  onReply(listener: (data: string, binary: boolean) => void): { dispose(): void } {
    const a = this.term.onData((d) => listener(d, false));
    const b = this.term.onBinary((d) => listener(d, true));
    return { dispose: () => (a.dispose(), b.dispose()) };
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

  cursor(): { x: number; y: number } {
    const b = this.term.buffer.active;
    return { x: Math.min(b.cursorX, this.term.cols - 1), y: b.cursorY };
  }

  /** Encodes a mouse event the way the program asked (X10/SGR) and emits it through onReply. */
  sendMouse(ev: MouseInput): void {
    const wheel = ev.action === 'wheel-up' || ev.action === 'wheel-down';
    const button = wheel ? 4 : ev.button < 0 || ev.action === 'move' ? 3 : ev.button;
    // CoreMouseAction: UP 0, DOWN 1, MOVE 32; a wheel uses UP/DOWN for its direction.
    const action = wheel ? (ev.action === 'wheel-up' ? 0 : 1) : ev.action === 'press' ? 1 : ev.action === 'release' ? 0 : 32;
    this.core.coreMouseService.triggerMouseEvent({
      col: ev.x, row: ev.y, x: 0, y: 0, button, action, ctrl: ev.ctrl, alt: ev.alt, shift: ev.shift,
    });
  }

  /**
   * Copies the visible screen into `grid` at (left, top), clipped to width x height.
   * This is the hot path of rendering: one reused cell object, no allocations per cell.
   */
  copyViewport(grid: CellGrid, left: number, top: number, width: number, height: number): void {
    const buffer = this.term.buffer.active;
    const cols = Math.min(width, this.term.cols);
    const rows = Math.min(height, this.term.rows);
    const cell = this.cell;
    for (let y = 0; y < rows; y++) {
      const line = buffer.getLine(buffer.viewportY + y);
      const gy = top + y;
      if (gy < 0 || gy >= grid.height) continue;
      let i = gy * grid.width + left;
      for (let x = 0; x < cols; x++, i++) {
        if (left + x >= grid.width) break;
        if (!line || !line.getCell(x, cell)) {
          grid.chars[i] = ' ';
          grid.fg[i] = COLOR_DEFAULT;
          grid.bg[i] = COLOR_DEFAULT;
          grid.attrs[i] = 0;
          continue;
        }
        this.copyCell(cell, grid, i, x === cols - 1);
      }
    }
  }

  private copyCell(cell: XCell, grid: CellGrid, i: number, lastColumn: boolean): void {
    const width = cell.getWidth();
    let attrs = 0;
    if (cell.isBold()) attrs |= Attr.BOLD;
    if (cell.isDim()) attrs |= Attr.DIM;
    if (cell.isItalic()) attrs |= Attr.ITALIC;
    if (cell.isUnderline()) attrs |= Attr.UNDERLINE;
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
    const b = this.term.buffer.active;
    return b.baseY + b.cursorY;
  }

  /**
   * The logical line ending at absolute row `row` (joins rows xterm marked as wrapped
   * continuations), capped at `maxLength` characters. Used by triggers.
   */
  logicalLineText(row: number, maxLength: number): string {
    const b = this.term.buffer.active;
    let start = row;
    while (start > 0 && b.getLine(start)?.isWrapped) start--;
    let text = '';
    for (let r = start; r <= row && text.length < maxLength; r++) {
      text += b.getLine(r)?.translateToString(r === row) ?? '';
    }
    return text.slice(0, maxLength);
  }

  /** Whether absolute row `row` continues the row above (auto-wrapped), for line tracking. */
  isWrapped(row: number): boolean {
    return this.term.buffer.active.getLine(row)?.isWrapped ?? false;
  }

  /**
   * A handle that follows absolute row `row` while scrollback is trimmed or reflowed (its `line`
   * changes; it is disposed once the row is gone), for line tracking. Undefined on the alternate
   * screen, which has no scrollback, so its rows never move.
   */
  markLine(row: number): { readonly line: number; readonly isDisposed: boolean; dispose(): void } | undefined {
    const b = this.term.buffer.active;
    if (b.type !== 'normal') return undefined;
    return this.term.registerMarker(row - (b.baseY + b.cursorY));
  }

  /** Number of rows in the buffer (scrollback plus screen). */
  bufferLength(): number {
    return this.term.buffer.active.length;
  }

  dispose(): void {
    this.term.dispose();
  }
}
