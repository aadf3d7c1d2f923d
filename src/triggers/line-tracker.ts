// Turns a pane's screen, sampled after each parsed write, into the lines triggers match: each
// logical line (wrapped rows joined) once, when the cursor has left it, plus the line the
// cursor is on for instant triggers. Sampling after a write (not inside the parser) means a
// line erased in the same write that completed it is seen as it ended up, which is what the
// user saw too.
import { MAX_TRIGGER_TEXT } from './matcher.js';
import type { TrackedLine } from './types.js';

/** A row handle that survives scrollback trimming (an xterm marker); setting `line` moves it. */
export interface LineMark {
  line: number;
  readonly isDisposed: boolean;
  dispose(): void;
}

/** The read-only view of an emulator the tracker needs; `Emulator` satisfies it. */
export interface LineSource {
  cursorAbsoluteLine(): number;
  bufferLength(): number;
  isWrapped(row: number): boolean;
  logicalLineText(row: number, maxLength: number): string;
  alternateScreenActive(): boolean;
  /** Undefined where rows never move (the alternate screen). */
  markLine(row: number): LineMark | undefined;
}

/** A line found by pending(), not read yet. */
export interface PendingLine {
  /** Absolute row where the logical line ends (its last wrapped row). */
  endRow: number;
  /** Where it starts, when already known. */
  startRow?: number;
  complete: boolean;
  altScreen: boolean;
}

export class LineTracker {
  /** Start row of the cursor's logical line at the last update, on the normal screen. */
  private normalMark: LineMark | undefined;
  /** The same on the alternate screen, whose rows never move; undefined until it is entered. */
  private altRow: number | undefined;
  /**
   * Rows the history trimmed from under the normal screen's mark, summed over the mark's moves
   * (each move adds how far the mark drifted since it was set), and where it was last set: see
   * rowsTrimmed(). A new mark starts the sum afresh.
   */
  private drift = 0;
  private markedAt = 0;
  private markRestarted = true;
  /** Id of the line the cursor is writing; complete lines take ids in order. */
  private nextId = 0;
  private lostTrack = false;

  constructor(
    private readonly source: LineSource,
    private readonly maxLength: number = MAX_TRIGGER_TEXT,
  ) {
    this.remember(source.alternateScreenActive(), this.cursorLineStart());
  }

  /**
   * Call after each write has been parsed. Returns the lines completed since the last call, in
   * order, then (when `partial`) the cursor's unfinished line. Empty lines are left out.
   */
  update(partial = true): TrackedLine[] {
    const lines: TrackedLine[] = [];
    for (const pending of this.pending(partial)) {
      const line = this.read(pending);
      if (line !== undefined) lines.push(line);
    }
    return lines;
  }

  /**
   * The same lines as update() without their text (cheap: no row is read yet), so a caller
   * with a time budget can read() some, in order, and rewind() to the first it leaves for
   * later, before the emulator parses more output.
   */
  pending(partial = true): PendingLine[] {
    const altScreen = this.source.alternateScreenActive();
    const lines: PendingLine[] = [];
    const current = this.cursorLineStart();
    const previous = this.rememberedRow(altScreen);
    if (current > previous) this.completeLines(previous, current, altScreen, lines);
    else if (current < previous && previous < this.source.bufferLength()) lines.push({ endRow: this.lineEnd(previous), complete: true, altScreen });
    this.remember(altScreen, current);
    if (partial) lines.push({ endRow: this.lineEnd(current), startRow: current, complete: false, altScreen });
    return lines;
  }

  /**
   * pending() for a caller that can tell which of the complete lines since the last call are
   * worth reading without the rows being walked: `choose` gets the row the tracker stands on
   * and where the cursor's line starts, and gives those lines in order (the first of them the
   * one the tracker stands on), or undefined to have pending() walk every row as usual.
   */
  pendingChosen(partial: boolean, choose: (from: number, to: number) => PendingLine[] | undefined): PendingLine[] {
    if (this.source.alternateScreenActive()) return this.pending(partial);
    const current = this.cursorLineStart();
    const chosen = current > this.rememberedRow(false) ? choose(this.rememberedRow(false), current) : undefined;
    if (chosen === undefined) return this.pending(partial);
    this.remember(false, current);
    if (partial) chosen.push({ endRow: this.lineEnd(current), startRow: current, complete: false, altScreen: false });
    return chosen;
  }

  /** The line's text and id; undefined when it is empty (empty lines take no id). */
  read(pending: PendingLine): TrackedLine | undefined {
    const text = this.source.logicalLineText(pending.endRow, this.maxLength);
    if (text === '') return undefined;
    const row = pending.startRow ?? this.lineStart(pending.endRow);
    if (!pending.complete) return { id: this.nextId, text, complete: false, altScreen: pending.altScreen, row };
    return { id: this.nextId++, text, complete: true, altScreen: pending.altScreen, row };
  }

  /**
   * Goes back to `pending` (a complete line from the last pending(), not read): the next
   * pending() yields it again and every line after it. A caller out of time leaves lines for
   * later this way; they wait in the screen's history, followed by a marker.
   */
  rewind(pending: PendingLine): void {
    this.remember(pending.altScreen, pending.startRow ?? this.lineStart(pending.endRow));
  }

  /** Rows between where the tracker stands and the cursor: what the next pending() will cover. */
  rowsBehind(): number {
    // On the alternate screen this is small or negative: it has no history to trim.
    return this.source.cursorAbsoluteLine() - this.rememberedRow(false);
  }

  /**
   * Rows trimmed off the top of the normal screen's history so far, told by the tracker's own
   * marker (it moves up a row for each): a row's index now is its index then minus the
   * difference. Undefined while there is no marker, and once whenever a new one replaced the
   * last (the count starts again). A count of its own would be a second listener on every
   * trimmed row of a flood, and xterm delivers to two or more listeners through a queue
   * (~0.2 µs a row: bench/README.md, Triggers). Rows only move otherwise (lines inserted
   * under a scroll region, a resize's reflow) in output the skipper never counts on.
   */
  rowsTrimmed(): number | undefined {
    const mark = this.normalMark;
    if (mark === undefined || mark.isDisposed) return undefined;
    if (this.markRestarted) {
      this.markRestarted = false;
      this.drift = 0;
      return undefined;
    }
    return this.drift + (this.markedAt - mark.line);
  }

  /**
   * Whether the row the tracker stood on was trimmed out of the history since the last call
   * (by a flood faster than the lines were taken, or a cleared history): lines may have gone
   * by unseen.
   */
  takeLostTrack(): boolean {
    const lost = this.lostTrack;
    this.lostTrack = false;
    return lost;
  }

  dispose(): void {
    this.normalMark?.dispose();
    this.normalMark = undefined;
  }

  /** Every logical line starting in [from, to): `to` starts a line, so the last one ends at to-1. */
  private completeLines(from: number, to: number, altScreen: boolean, lines: PendingLine[]): void {
    let row = from;
    while (row < to) {
      let end = row;
      while (end + 1 < to && this.source.isWrapped(end + 1)) end++;
      // After the first line each starts right after an unwrapped row: its start is known. The
      // first may be a continuation (a reflow moved the mark), so read() walks back for it.
      lines.push({ endRow: end, startRow: row === from ? undefined : row, complete: true, altScreen });
      row = end + 1;
    }
  }

  private lineStart(endRow: number): number {
    let start = endRow;
    while (start > 0 && this.source.isWrapped(start)) start--;
    return start;
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
    if (mark === undefined) return 0;
    if (mark.isDisposed) {
      this.lostTrack = true;
      return 0;
    }
    return mark.line;
  }

  private remember(altScreen: boolean, row: number): void {
    if (altScreen) {
      this.altRow = row;
      return;
    }
    this.altRow = undefined;
    // Move the marker rather than make a new one: a scan per pty read in a flood made one each
    // (~15-20 µs apiece, a third of the tracker's time in bench/README.md's Triggers).
    if (this.normalMark !== undefined && !this.normalMark.isDisposed) {
      this.drift += this.markedAt - this.normalMark.line;
      this.normalMark.line = row;
      this.markedAt = row;
      return;
    }
    this.normalMark = this.source.markLine(row);
    this.markedAt = row;
    this.markRestarted = true;
  }
}
