// Turns views into what is written to one outer terminal, frame after frame: it keeps what the
// terminal shows (two grids taking turns), the chrome of the frame on screen, the generation of
// each pane row it drew, and the terminal's cursor and pen, so a frame where only pane contents
// changed redraws only the rows that moved since this painter's last frame (however many other
// painters read the same panes meanwhile), and a typed key's echo is the character alone.
import { Attr, CellGrid } from '../emulator/cells.js';
import type { Pane } from '../panes/pane.js';
import { chromeKey, composeFrame, patchFrame, type FrameView } from '../ui/compose.js';
import { DrawnRows } from '../ui/drawn-rows.js';
import { serializeFrame, TerminalState, type TerminalCapabilities } from '../ui/serialize.js';

export class FramePainter {
  /** What the outer terminal shows; undefined: unknown, the next frame draws everything. */
  private shown: CellGrid | undefined;
  private spare: CellGrid | undefined;
  /** The outer terminal's cursor and pen after the last frame, so the next says only what changed. */
  private readonly terminalState = new TerminalState();
  /** chromeKey of the frame on screen: while it holds, frames redraw only changed pane rows. */
  private lastChrome: string | undefined;
  /** The view of the frame on screen, and whether anything but pane contents changed since. */
  private lastView: FrameView | undefined;
  private chromeStale = true;
  /** Each pane's row generations as this painter last drew them. */
  private readonly drawn = new DrawnRows();
  /** Changes with anything that may change what drawAhead decides: a plan made before holds while it stands. */
  version = 0;

  /** Borders, titles, status, a prompt or overlay may have changed: the next view is built anew. */
  chromeChanged(): void {
    this.chromeStale = true;
    this.version++;
  }

  /** The screen may not show what was drawn (a resize, a new rc file): the next frame draws all. */
  forgetScreen(): void {
    this.version++;
    this.shown = undefined;
    this.drawn.forget();
  }

  /**
   * The bytes of the next frame. Only pane contents changed since a frame that showed no
   * prompt or overlay: its view is reused with the cursors read again, instead of building
   * every title and the status line anew just to find them the same. That is most of an
   * echo's frame, and it runs cold. Anything else that can change the chrome goes through
   * chromeChanged(). `now` (the clock of the view's messageUntil): a message is reused until
   * it goes; without it, a view with a message is built anew each frame.
   */
  paint(buildView: () => FrameView, panes: ReadonlyMap<number, Pane>, caps: TerminalCapabilities, now?: number): string {
    this.version++;
    const reused = this.chromeStale ? undefined : this.contentOnlyView(panes, now);
    this.chromeStale = false;
    const view = reused ?? buildView();
    this.lastView = view;
    const chrome = reused ? this.lastChrome : chromeKey(view);
    const shown = this.shown;
    let output: string;
    if (shown && chrome !== undefined && chrome === this.lastChrome) {
      // Same borders, titles and status as the frame on screen: draw only the pane rows that
      // moved since this painter drew them (a typed key's echo is one row), in the spare grid,
      // then bring `shown` up to date.
      const next = this.spare?.width === shown.width && this.spare.height === shown.height
        ? this.spare
        : new CellGrid(shown.width, shown.height);
      this.spare = next;
      const { rows, cursor } = patchFrame(view, shown, next, this.drawn);
      output = serializeFrame(shown, next, cursor, caps, rows, this.terminalState);
      for (const y of rows) shown.copyRowFrom(next, y);
    } else {
      const { grid, cursor } = composeFrame(view, this.spare);
      this.drawn.recordAll(view.panes);
      output = serializeFrame(shown, grid, cursor, caps, undefined, this.terminalState);
      // Two grids take turns: what the terminal shows, and the one the next frame is drawn in.
      this.spare = shown;
      this.shown = grid;
    }
    this.lastChrome = chrome;
    return output;
  }

  /**
   * Printable ASCII `text` for pane `paneId`'s content cell `at`, drawn now, ahead of the frame
   * that would draw it: what that frame would write, when the terminal's cursor already waits
   * at that cell (it is the focused pane's cursor) and the text ends inside the pane. The caller
   * vouches that the pane's program would put exactly this there (Emulator.plainPrintAt).
   * Returns the bytes, or undefined when the frame on screen cannot vouch for its part: a
   * message, prompt or overlay, a chrome change pending, the cursor elsewhere, a wide
   * character on screen there. `shown` and the tracked cursor move on, so the frame after the
   * parse finds these cells drawn and writes nothing for them. `rehearsal`: the same checks
   * and bytes, nothing moved (a plan for an echo to come: App.planEcho).
   */
  drawAhead(paneId: number, at: { x: number; y: number }, text: string, rehearsal = false): string | undefined {
    const { lastView: view, shown, terminalState: terminal } = this;
    // Under a message the echo waits for its frame (the message may be due by then).
    if (this.chromeStale || !view || !shown || this.lastChrome === undefined || view.message !== undefined) return undefined;
    const rect = view.panes.find((pane) => pane.id === paneId)?.rect;
    if (!rect || at.x + text.length >= rect.width || at.y >= rect.height - 1) return undefined;
    const x = rect.x + at.x;
    const y = rect.y + 1 + at.y;
    if (terminal.x !== x || terminal.y !== y || x + text.length >= shown.width || y >= shown.height) return undefined;
    const start = shown.index(x, y);
    for (let i = start; i <= start + text.length; i++) if (shown.attrs[i]! & Attr.WIDE_CONTINUATION) return undefined;
    const bytes = (terminal.penIsDefault ? '' : '\x1b[0m') + text;
    if (rehearsal) return bytes;
    this.version++;
    shown.text(x, y, text, x + text.length);
    terminal.x = x + text.length;
    terminal.penIsDefault = true;
    return bytes;
  }

  /** The last frame's view with each pane's cursor read again; undefined when it can't serve. */
  private contentOnlyView(panes: ReadonlyMap<number, Pane>, now: number | undefined): FrameView | undefined {
    const view = this.lastView;
    if (!view || !this.shown || this.lastChrome === undefined) return undefined;
    // A message stands until its time is up (a new one, or its timer, marks the chrome changed
    // as well; this is in case that timer ran a little early). While a trigger's notice showed
    // through a flood, building every frame's view anew was most of what the notice cost
    // (bench/README.md, Triggers, fourth pass).
    if (view.message !== undefined && (now === undefined || view.messageUntil === undefined || now >= view.messageUntil)) return undefined;
    for (const paneView of view.panes) {
      const pane = panes.get(paneView.id);
      if (!pane || pane.emulator !== paneView.content) return undefined;
      paneView.cursor = pane.shownCursor();
    }
    return view;
  }
}
