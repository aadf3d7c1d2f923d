// Copy mode, as tmux's: a pane's history on screen, a cursor to move through it, and a
// selection to copy. Positions are absolute buffer lines (history included), so they stay on
// their text while new output arrives; the view (xterm's viewport) follows the cursor.
import type { Emulator } from '../emulator/emulator.js';

export interface BufferPosition {
  /** Absolute buffer line: 0 is the oldest line of history. */
  line: number;
  col: number;
}

export class CopyMode {
  cursor: BufferPosition;
  private anchor: BufferPosition | undefined;

  /** `leaveAtBottom`: scrolling back down to the live screen ends it (the mouse wheel's way in). */
  constructor(
    private readonly emulator: Emulator,
    public leaveAtBottom: boolean,
  ) {
    this.cursor = { line: emulator.cursorAbsoluteLine(), col: emulator.cursorState().x };
  }

  /** Moves the cursor by lines and columns, kept inside the buffer; the view follows it. */
  moveCursor(lines: number, cols: number): void {
    this.cursorTo(this.cursor.line + lines, this.cursor.col + cols);
  }

  /** Puts the cursor at `line`, `col` ('end': after the line's last character), then follows it. */
  cursorTo(line: number, col: number | 'end'): void {
    const lastLine = Math.max(0, this.emulator.bufferLength() - 1);
    this.cursor.line = Math.min(Math.max(0, line), lastLine);
    const end = Math.max(0, this.emulator.lineText(this.cursor.line).length - 1);
    this.cursor.col = Math.min(Math.max(0, col === 'end' ? end : col), this.emulator.cols - 1);
    const top = this.emulator.viewTop();
    const bottom = top + this.emulator.rows - 1;
    if (this.cursor.line < top) this.emulator.scrollView(this.cursor.line - top);
    else if (this.cursor.line > bottom) this.emulator.scrollView(this.cursor.line - bottom);
    this.showSelection();
  }

  /** Scrolls the view by `lines` (negative: back); the cursor moves with it, as tmux's page keys do. */
  scroll(lines: number): void {
    const before = this.emulator.viewTop();
    this.emulator.scrollView(lines);
    const moved = this.emulator.viewTop() - before;
    this.cursorTo(this.cursor.line + (moved === 0 ? lines : moved), this.cursor.col);
  }

  /** Whether the view shows the live screen. */
  get atBottom(): boolean {
    return this.emulator.viewPosition().linesBack === 0;
  }

  /** Starts a selection at the cursor (again, if one was under way). */
  startSelection(): void {
    this.anchor = { ...this.cursor };
    this.showSelection();
  }

  /** Drops the selection; false if there was none. */
  clearSelection(): boolean {
    if (!this.anchor) return false;
    this.anchor = undefined;
    this.emulator.setSelection(undefined);
    return true;
  }

  /** The selected text, lines joined by newlines (not where a line only wrapped); undefined without one. */
  selectedText(): string | undefined {
    if (!this.anchor) return undefined;
    const [start, end] = ordered(this.anchor, this.cursor);
    return this.emulator.textBetween(start, end);
  }

  /** The copy cursor on the screen: the pane shows it instead of the program's. */
  screenCursor(): { x: number; y: number; visible: boolean } {
    const y = this.cursor.line - this.emulator.viewTop();
    return { x: this.cursor.col, y, visible: y >= 0 && y < this.emulator.rows };
  }

  /** tmux's [lines back/lines of history]. */
  notice(): string {
    const { linesBack, history } = this.emulator.viewPosition();
    return `${linesBack}/${history}`;
  }

  /** Leaves: no selection, the view back at the live screen. */
  end(): void {
    this.emulator.setSelection(undefined);
    this.emulator.scrollViewToBottom();
  }

  private showSelection(): void {
    if (!this.anchor) return;
    const [start, end] = ordered(this.anchor, this.cursor);
    this.emulator.setSelection({ start, end });
  }
}

function ordered(a: BufferPosition, b: BufferPosition): [BufferPosition, BufferPosition] {
  return a.line < b.line || (a.line === b.line && a.col <= b.col) ? [{ ...a }, { ...b }] : [{ ...b }, { ...a }];
}
