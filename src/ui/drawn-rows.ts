// What one painter last drew of each pane: the content it came from and the generation of each
// of its rows then (Emulator.rowGenerations). Any number of painters read the same panes, each
// at its own moments; each redraws exactly the rows that moved since its own last frame, so a
// painter that missed frames catches up with the rows changed meanwhile, and no painter takes
// changes away from another.

/** What of a pane's content this reads (compose.ts's PaneContent is one; kept apart so that
 *  compose.ts can import this file without a cycle). */
interface RowSource {
  rowGenerations(): Float64Array;
}

/** What of a pane's view this reads (compose.ts's PaneView is one). */
interface PaneRows {
  id: number;
  content: RowSource;
}

interface DrawnPane {
  content: RowSource;
  generations: Float64Array;
}

export class DrawnRows {
  private readonly byPane = new Map<number, DrawnPane>();

  /** Nothing is known to be drawn: the next frame draws every row. */
  forget(): void {
    this.byPane.clear();
  }

  /** After a whole frame: every pane of it drawn as its content stands now, no other pane. */
  recordAll(panes: readonly PaneRows[]): void {
    const seen = new Set<number>();
    for (const pane of panes) {
      seen.add(pane.id);
      this.record(pane.id, pane.content, pane.content.rowGenerations(), 0, Infinity);
    }
    for (const id of this.byPane.keys()) if (!seen.has(id)) this.byPane.delete(id);
  }

  /**
   * The pane's content rows below `height` whose generation moved since this painter drew them,
   * as runs [from, to] ascending, recorded as drawn now (the caller draws them in this frame).
   */
  takeChanged(pane: PaneRows, height: number): Array<[number, number]> {
    const now = pane.content.rowGenerations();
    const rows = Math.min(height, now.length);
    const drawn = this.byPane.get(pane.id);
    const runs: Array<[number, number]> = [];
    if (!drawn || drawn.content !== pane.content || drawn.generations.length !== now.length) {
      if (rows > 0) runs.push([0, rows - 1]);
      this.record(pane.id, pane.content, now, 0, Infinity);
      return runs;
    }
    const before = drawn.generations;
    for (let y = 0; y < rows; y++) {
      if (before[y] === now[y]) continue;
      let end = y;
      while (end + 1 < rows && before[end + 1] !== now[end + 1]) end++;
      runs.push([y, end]);
      y = end;
    }
    if (runs.length > 0) this.record(pane.id, pane.content, now, runs[0]![0], runs.at(-1)![1] + 1);
    return runs;
  }

  /** Remembers generations [from, to) of `now` as drawn (the whole array when it is new). */
  private record(id: number, content: RowSource, now: Float64Array, from: number, to: number): void {
    let drawn = this.byPane.get(id);
    if (!drawn || drawn.content !== content || drawn.generations.length !== now.length) {
      drawn = { content, generations: new Float64Array(now) };
      this.byPane.set(id, drawn);
      return;
    }
    const before = drawn.generations;
    // A loop, not set(subarray()): this runs for every frame, an echo's among them.
    for (let y = from, end = Math.min(to, now.length); y < end; y++) before[y] = now[y]!;
  }
}
