// Copy mode, as tmux's: a pane's history on screen, a cursor to move through it, and a
// selection to copy. Positions are buffer lines (history included) tracked by the emulator, so
// they keep their text while output arrives, history is trimmed or a resize reflows it; the
// view (xterm's viewport) follows the cursor.
import type { Emulator, TrackedLine } from '../emulator/emulator.js';
import type { WrappedLine } from '../emulator/buffer-text.js';

export interface BufferPosition {
  /** Absolute buffer line: 0 is the oldest line of history. */
  line: number;
  col: number;
}

export class CopyMode {
  private cursorLine: TrackedLine;
  private cursorCol: number;
  private anchor: { line: TrackedLine; col: number } | undefined;

  /** `leaveAtBottom`: scrolling back down to the live screen ends it (the mouse wheel's way in). */
  constructor(
    private readonly emulator: Emulator,
    public leaveAtBottom: boolean,
  ) {
    this.cursorLine = emulator.trackLine(emulator.cursorAbsoluteLine());
    this.cursorCol = emulator.cursorState().x;
    this.onAlternateScreen = emulator.modes().alternateScreen;
  }

  /** Which screen it was entered on: its positions mean nothing on the other one. */
  readonly onAlternateScreen: boolean;

  /** Whether the program has since switched screens (a full-screen program started or ended). */
  get screenSwitched(): boolean {
    return this.emulator.modes().alternateScreen !== this.onAlternateScreen;
  }

  /** A page: the pane's rows less one, as tmux keeps a line of context. */
  get page(): number {
    return Math.max(1, this.emulator.rows - 1);
  }

  get cursor(): BufferPosition {
    return { line: this.cursorLine.line, col: this.cursorCol };
  }

  /** Moves the cursor by lines and columns, kept inside the buffer; the view follows it. */
  moveCursor(lines: number, cols: number): void {
    this.cursorTo(this.cursor.line + lines, this.cursor.col + cols);
  }

  /** Puts the cursor at `line`, `col` ('end': on the line's last character), then follows it. */
  cursorTo(line: number, col: number | 'end'): void {
    const lastLine = Math.max(0, this.emulator.bufferLength() - 1);
    const target = Math.min(Math.max(0, line), lastLine);
    this.cursorLine.dispose();
    this.cursorLine = this.emulator.trackLine(target);
    const end = col === 'end' ? this.emulator.lastTextColumn(target) : col;
    this.cursorCol = Math.min(Math.max(0, end), this.emulator.cols - 1);
    const top = this.emulator.viewTop();
    const bottom = top + this.emulator.rows - 1;
    if (target < top) this.emulator.scrollView(target - top);
    else if (target > bottom) this.emulator.scrollView(target - bottom);
    this.showSelection();
  }

  /** Puts the cursor on a cell of the view (a row above or below it scrolls the view to it). */
  pointAt(x: number, y: number): void {
    this.cursorTo(this.emulator.viewTop() + y, x);
  }

  /** Scrolls the view by `lines` (negative: back); the cursor moves with it, as tmux's page keys do. */
  scroll(lines: number): void {
    const before = this.emulator.viewTop();
    this.emulator.scrollView(lines);
    const moved = this.emulator.viewTop() - before;
    this.cursorTo(this.cursorLine.line + (moved === 0 ? lines : moved), this.cursorCol);
  }

  /**
   * Word motions, as vi's w, b and e over words of non-blank characters: to the start of the
   * next word, the start of this or the previous one, the end of this or the next one. They
   * go on to the next or previous lines.
   */
  moveByWord(motion: 'next-start' | 'previous-start' | 'end'): void {
    const total = this.emulator.bufferLength();
    let line = this.emulator.wrappedLineAt(this.cursor.line);
    let index = this.indexOfCursorIn(line);
    // Trailing blanks are no part of a line here: its end counts as one blank.
    let length = line.text.trimEnd().length;
    const isWord = (i: number) => i >= 0 && i < length && line.text[i] !== ' ';
    // One character at a time, across line ends (a wrapped line's rows are one line).
    const step = (by: 1 | -1): boolean => {
      index += by;
      if (index > length) {
        if (line.last + 1 >= total) return false;
        line = this.emulator.wrappedLineAt(line.last + 1);
        length = line.text.trimEnd().length;
        index = -1;
      } else if (index < -1) {
        if (line.first <= 0) return false;
        line = this.emulator.wrappedLineAt(line.first - 1);
        length = line.text.trimEnd().length;
        index = length;
      }
      return true;
    };
    if (motion === 'next-start') {
      while (isWord(index) && step(1));
      while (!isWord(index) && step(1));
    } else if (motion === 'previous-start') {
      step(-1);
      while (!isWord(index) && step(-1));
      while (isWord(index - 1) && step(-1));
    } else {
      step(1);
      while (!isWord(index) && step(1));
      while (isWord(index + 1) && step(1));
    }
    const to = line.at[Math.max(0, Math.min(index, length - 1))] ?? { line: line.first, col: 0 };
    this.cursorTo(to.line, to.col);
  }

  /** Where the cursor's cell is in the text of its line (on a wide character's right half, that character). */
  private indexOfCursorIn(line: WrappedLine): number {
    const { line: row, col } = this.cursor;
    const here = line.at.findIndex((p) => p.line === row && p.col === col);
    if (here >= 0) return here;
    const left = line.at.findIndex((p) => p.line === row && p.col === col - 1);
    return left >= 0 ? left : line.text.trimEnd().length;
  }

  /**
   * Moves the cursor to the next match of `text` (case-sensitive, as tmux's), down or up from
   * the cursor and around the ends of the history; false when nothing matches. n and N repeat
   * it (searchAgain). A match may run over the place a long line wrapped.
   */
  search(text: string, direction: 'down' | 'up'): boolean {
    this.lastSearch = { text, direction };
    return this.find(text, direction);
  }

  /** The last search again (`reverse`: the other way, as tmux's N, which leaves n as it was). */
  searchAgain(reverse: boolean): boolean {
    if (!this.lastSearch) return false;
    const { text, direction } = this.lastSearch;
    return this.find(text, reverse ? (direction === 'down' ? 'up' : 'down') : direction);
  }

  /** What the last search looked for, if there was one. */
  get lastSearchText(): string | undefined {
    return this.lastSearch?.text;
  }

  private lastSearch: { text: string; direction: 'down' | 'up' } | undefined;

  /**
   * Looks line by line (a line's wrapped rows joined, so a match may run over a wrap), from
   * the cursor's line round the ends of the history and back to it: first past the cursor,
   * at the end the whole of the cursor's line.
   */
  private find(text: string, direction: 'down' | 'up'): boolean {
    if (!text) return false;
    const total = this.emulator.bufferLength();
    if (total === 0) return false;
    const cursor = this.cursor;
    const down = direction === 'down';
    const past = (p: BufferPosition) => (down ? p.line > cursor.line || (p.line === cursor.line && p.col > cursor.col)
      : p.line < cursor.line || (p.line === cursor.line && p.col < cursor.col));
    const start = this.emulator.wrappedLineAt(cursor.line);
    let line = start;
    for (let visits = 0; visits <= total; visits++) {
      const whole = visits > 0;
      const found: BufferPosition[] = [];
      for (let index = line.text.indexOf(text); index >= 0; index = line.text.indexOf(text, index + 1)) {
        if (whole || past(line.at[index]!)) found.push(line.at[index]!);
      }
      const match = down ? found[0] : found[found.length - 1];
      if (match) {
        this.cursorTo(match.line, match.col);
        return true;
      }
      if (whole && line.first === start.first) return false;
      const next = down ? (line.last + 1 < total ? line.last + 1 : 0) : (line.first > 0 ? line.first - 1 : total - 1);
      line = this.emulator.wrappedLineAt(next);
    }
    return false;
  }

  /** Whether the view shows the live screen. */
  get atBottom(): boolean {
    return this.emulator.viewPosition().linesBack === 0;
  }

  /** Starts a selection at the cursor (again, if one was under way). */
  startSelection(): void {
    this.anchor?.line.dispose();
    this.anchor = { line: this.emulator.trackLine(this.cursorLine.line), col: this.cursorCol };
    this.showSelection();
  }

  /**
   * tmux's rectangle-toggle: the selection covers the same columns of every line it spans
   * (between the anchor's and the cursor's), or runs from one to the other again.
   */
  toggleRectangle(): void {
    this.rectangle = !this.rectangle;
    this.showSelection();
  }

  private rectangle = false;

  /**
   * Selects the word under the cursor (a run of non-blanks, over a wrap too), as tmux's
   * select-word; false on a blank.
   */
  selectWord(): boolean {
    const line = this.emulator.wrappedLineAt(this.cursor.line);
    const here = this.indexOfCursorIn(line);
    const blank = (index: number) => /\s/.test(line.text[index] ?? ' ');
    if (blank(here)) return false;
    let first = here;
    while (first > 0 && !blank(first - 1)) first--;
    let last = here;
    while (last + 1 < line.text.length && !blank(last + 1)) last++;
    this.selectBetween(line.at[first]!, line.at[last]!);
    return true;
  }

  /** Selects the line under the cursor (all its wrapped rows), as tmux's select-line; false on an empty one. */
  selectLine(): boolean {
    const line = this.emulator.wrappedLineAt(this.cursor.line);
    const end = line.text.trimEnd().length;
    if (end === 0) return false;
    this.selectBetween(line.at[0]!, line.at[end - 1]!);
    return true;
  }

  private selectBetween(from: BufferPosition, to: BufferPosition): void {
    this.rectangle = false;
    this.cursorTo(from.line, from.col);
    this.startSelection();
    this.cursorTo(to.line, to.col);
  }

  /** Drops the selection; false if there was none. */
  clearSelection(): boolean {
    if (!this.anchor) return false;
    this.anchor.line.dispose();
    this.anchor = undefined;
    this.emulator.setSelection(undefined);
    return true;
  }

  /** The selected text, lines joined by newlines (not where a line only wrapped); undefined without one. */
  selectedText(): string | undefined {
    const range = this.selection();
    if (!range) return undefined;
    if (!this.rectangle) return this.emulator.textBetween(range[0], range[1]);
    const [left, right] = this.rectangleColumns();
    return this.emulator.textInColumns(range[0].line, range[1].line, left, right);
  }

  /** A rectangle's columns, first and last: between the anchor's and the cursor's. */
  private rectangleColumns(): [number, number] {
    const a = this.anchor!.col;
    const b = this.cursorCol;
    return [Math.min(a, b), Math.max(a, b)];
  }

  /** The copy cursor on the screen: the pane shows it instead of the program's. */
  screenCursor(): { x: number; y: number; visible: boolean } {
    const y = this.cursorLine.line - this.emulator.viewTop();
    return { x: this.cursorCol, y, visible: y >= 0 && y < this.emulator.rows };
  }

  /** tmux's [lines back/lines of history]. */
  notice(): string {
    const { linesBack, history } = this.emulator.viewPosition();
    return `${linesBack}/${history}`;
  }

  /** Leaves: no selection, the view back at the live screen. */
  end(): void {
    this.clearSelection();
    this.cursorLine.dispose();
    this.emulator.scrollViewToBottom();
  }

  /** The selection from its start to its end, whichever way it was made; undefined without one. */
  private selection(): [BufferPosition, BufferPosition] | undefined {
    return this.anchor && ordered({ line: this.anchor.line.line, col: this.anchor.col }, this.cursor);
  }

  private showSelection(): void {
    const range = this.selection();
    if (!range) return;
    const columns = this.rectangle ? this.rectangleColumns() : undefined;
    this.emulator.setSelection({ start: range[0], end: range[1], columns });
  }
}

function ordered(a: BufferPosition, b: BufferPosition): [BufferPosition, BufferPosition] {
  return a.line < b.line || (a.line === b.line && a.col <= b.col) ? [a, b] : [b, a];
}
