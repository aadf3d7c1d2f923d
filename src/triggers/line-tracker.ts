// Turns a pane's screen, sampled after each parsed write, into the lines triggers match: each
// logical line (wrapped rows joined) once, when the cursor has left it, plus the line the
// cursor is on for instant triggers. Sampling after a write (not inside the parser) means a
// line erased in the same write that completed it is seen as it ended up, which is what the
// user saw too.
import { MAX_TRIGGER_TEXT } from './matcher.js';
import type { TrackedLine } from './types.js';

/** A row handle that survives scrollback trimming (an xterm marker). */
export interface LineMark {
  readonly line: number;
  readonly isDisposed: boolean;
  dispose(): void;
}

/** The read-only view of an emulator the tracker needs; `Emulator` satisfies it. */
export interface LineSource {
  cursorAbsoluteLine(): number;
  bufferLength(): number;
  isWrapped(row: number): boolean;
  logicalLineText(row: number, maxLength: number): string;
  modes(): { alternateScreen: boolean };
  /** Undefined where rows never move (the alternate screen). */
  markLine(row: number): LineMark | undefined;
}

export class LineTracker {
  /** Start row of the cursor's logical line at the last update, on the normal screen. */
  private normalMark: LineMark | undefined;
  /** The same on the alternate screen, whose rows never move; undefined until it is entered. */
  private altRow: number | undefined;
  /** Id of the line the cursor is writing; complete lines take ids in order. */
  private nextId = 0;

  constructor(
    private readonly source: LineSource,
    private readonly maxLength: number = MAX_TRIGGER_TEXT,
  ) {
    this.remember(source.modes().alternateScreen, this.cursorLineStart());
  }

  /**
   * Call after each write has been parsed. Returns the lines completed since the last call, in
   * order, then (when `partial`) the cursor's unfinished line. Empty lines are left out.
   */
  update(partial = true): TrackedLine[] {
    const altScreen = this.source.modes().alternateScreen;
    const lines: TrackedLine[] = [];
    const current = this.cursorLineStart();
    const previous = this.rememberedRow(altScreen);
    if (current > previous) this.completeLines(previous, current, altScreen, lines);
    else if (current < previous && previous < this.source.bufferLength()) this.pushComplete(this.lineEnd(previous), altScreen, lines);
    this.remember(altScreen, current);
    if (partial) {
      const text = this.source.logicalLineText(this.lineEnd(current), this.maxLength);
      if (text !== '') lines.push({ id: this.nextId, text, complete: false, altScreen, row: current });
    }
    return lines;
  }

  dispose(): void {
    this.normalMark?.dispose();
    this.normalMark = undefined;
  }

  /** Every logical line starting in [from, to): `to` starts a line, so the last one ends at to-1. */
  private completeLines(from: number, to: number, altScreen: boolean, lines: TrackedLine[]): void {
    let row = from;
    while (row < to) {
      let end = row;
      while (end + 1 < to && this.source.isWrapped(end + 1)) end++;
      this.pushComplete(end, altScreen, lines);
      row = end + 1;
    }
  }

  private pushComplete(endRow: number, altScreen: boolean, lines: TrackedLine[]): void {
    const text = this.source.logicalLineText(endRow, this.maxLength);
    if (text === '') return;
    let start = endRow;
    while (start > 0 && this.source.isWrapped(start)) start--;
    lines.push({ id: this.nextId++, text, complete: true, altScreen, row: start });
  }

  private cursorLineStart(): number {
    let row = this.source.cursorAbsoluteLine();
    while (row > 0 && this.source.isWrapped(row)) row--;
    return row;
  }

  private lineEnd(start: number): number {
    let end = start;
    const length = this.source.bufferLength();
    while (end + 1 < length && this.source.isWrapped(end + 1)) end++;
    return end;
  }

  /**
   * Where the cursor's line was on this screen. The normal screen's marker follows trimmed
   * scrollback (0 if its row was trimmed away). Entering the alternate screen clears it, so
   * everything above the cursor there is new: start at its top.
   */
  private rememberedRow(altScreen: boolean): number {
    if (altScreen) return this.altRow ?? 0;
    const mark = this.normalMark;
    return mark === undefined || mark.isDisposed ? 0 : mark.line;
  }

  private remember(altScreen: boolean, row: number): void {
    if (altScreen) {
      this.altRow = row;
      return;
    }
    this.altRow = undefined;
    // Most writes leave the cursor on the same line: keep the marker rather than churn it.
    if (this.normalMark !== undefined && !this.normalMark.isDisposed && this.normalMark.line === row) return;
    this.normalMark?.dispose();
    this.normalMark = this.source.markLine(row);
  }
}
