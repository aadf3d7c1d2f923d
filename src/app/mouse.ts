// The mouse, as tmux's with `mouse on`: a click focuses a pane, the wheel scrolls a pane's
// history, a drag selects text and copies it on release, a double click copies a word and a
// triple click a line, a drag on a border resizes, and programs that asked for the mouse get
// its events instead. Every change to tmx's model goes out as an Action; only the events a
// program asked for go straight to its pane, as typed keys do.
import type { Action } from '../commands/actions.js';
import type { Rect } from './layout.js';
import type { Pane } from '../panes/pane.js';
import type { InputEvent } from '../keymap/input.js';

export type MouseEvent = Extract<InputEvent, { kind: 'mouse' }>;

/** What the mouse needs of the app. */
export interface MouseHost {
  paneRects(): Iterable<[number, Rect]>;
  focusedPaneId(): number | undefined;
  pane(id: number): Pane | undefined;
  /** The border a drag at a cell would take hold of, if any (see Session.borderAt). */
  borderAt(x: number, y: number): 'vertical' | 'horizontal' | undefined;
  dispatch(action: Action): void;
  /** Milliseconds, for telling a double click from two clicks. */
  now(): number;
}

/** Lines one notch of the mouse wheel scrolls in copy mode (tmux scrolls 5; most terminals 3). */
const WHEEL_LINES = 3;
const LEFT_BUTTON = 0;
/** A press this soon after the last one, on the same cell, makes a double (then triple) click. */
const DOUBLE_CLICK_MS = 300;

/** A left button held down in a pane whose program takes no mouse: maybe the start of a selection. */
interface Drag {
  paneId: number;
  /** Where it went down, in the pane's content (0, 0 is under the title row). */
  x: number;
  y: number;
  selecting: boolean;
}

/** A border held with the left button: where it is now, and which way it moves. */
interface BorderDrag {
  x: number;
  y: number;
  kind: 'vertical' | 'horizontal';
}

export class MouseRouter {
  private drag: Drag | undefined;
  private border: BorderDrag | undefined;
  /** The last left press in a pane: where, when, and how many came in a row there. */
  private lastPress: { paneId: number; x: number; y: number; at: number; count: number } | undefined;

  constructor(private readonly host: MouseHost) {}

  handle(event: MouseEvent): void {
    if (this.continueDrag(event) || this.continueBorderDrag(event)) return;
    if (event.action === 'press' && event.button === LEFT_BUTTON) {
      const kind = this.host.borderAt(event.x, event.y);
      if (kind) {
        this.border = { x: event.x, y: event.y, kind };
        return;
      }
    }
    for (const [id, rect] of this.host.paneRects()) {
      const inside = event.x >= rect.x && event.x < rect.x + rect.width && event.y >= rect.y && event.y < rect.y + rect.height;
      if (!inside) continue;
      if (event.action === 'press' && id !== this.host.focusedPaneId()) {
        this.host.dispatch({ type: 'select-pane', target: { kind: 'id', id } });
      }
      const pane = this.host.pane(id);
      const contentY = event.y - rect.y - 1;
      if (!pane || contentY < 0) return;
      const target = { kind: 'id', id } as const;
      // In copy mode the mouse is copy mode's, as in tmux, whatever the program asked for.
      const takesMouse = !pane.inCopyMode && pane.modes().mouseTracking !== 'none';
      const wheel = event.action === 'wheel-up' ? 'scroll-up' : event.action === 'wheel-down' ? 'scroll-down' : undefined;
      if (wheel === 'scroll-up' && !pane.inCopyMode && !takesMouse) {
        // As tmux: the wheel over a program that takes no mouse scrolls the history, and
        // scrolling back down to the live screen leaves copy mode (copy-mode -e).
        this.host.dispatch({ type: 'copy-mode', pageUp: false, leaveAtBottom: true, target });
      }
      if (wheel && pane.inCopyMode) {
        for (let i = 0; i < WHEEL_LINES; i++) this.host.dispatch({ type: 'copy-mode-command', command: wheel, target });
      } else if (takesMouse) {
        pane.sendMouse({ ...event, x: event.x - rect.x, y: contentY });
      } else if (event.action === 'press' && event.button === LEFT_BUTTON) {
        this.press(id, event.x - rect.x, contentY);
      }
      return;
    }
  }

  /**
   * A left press in a pane whose program takes no mouse: maybe the start of a drag; the second
   * on the same cell in quick succession copies the word there, the third the line, as tmux's
   * DoubleClick1Pane and TripleClick1Pane.
   */
  private press(paneId: number, x: number, y: number): void {
    const now = this.host.now();
    const last = this.lastPress;
    const again = last && last.paneId === paneId && last.x === x && last.y === y && now - last.at <= DOUBLE_CLICK_MS;
    const count = again ? (last.count % 3) + 1 : 1; // a fourth click starts again, as tmux's
    this.lastPress = { paneId, x, y, at: now, count };
    if (count === 1) {
      this.drag = { paneId, x, y, selecting: false };
      return;
    }
    this.drag = undefined;
    this.host.dispatch({ type: 'copy-mode-select', unit: count === 2 ? 'word' : 'line', x, y, target: { kind: 'id', id: paneId } });
  }

  /**
   * A drag that started in a pane stays with that pane wherever the pointer goes, as tmux's:
   * its first motion starts a selection where the button went down (entering copy mode), later
   * ones move its end (above or below the pane, the view scrolls a line at a time), and the
   * release copies it and leaves copy mode. A press and release without motion is a click.
   */
  private continueDrag(event: MouseEvent): boolean {
    const drag = this.drag;
    if (!drag) return false;
    const rect = this.rectOf(drag.paneId);
    const ended = event.action === 'release' || event.action === 'press' || !rect;
    if (event.action === 'drag' && event.button === LEFT_BUTTON && rect) {
      const target = { kind: 'id', id: drag.paneId } as const;
      if (!drag.selecting) {
        drag.selecting = true;
        this.host.dispatch({ type: 'copy-mode-mouse', x: drag.x, y: drag.y, begin: true, target });
      }
      const x = Math.min(Math.max(0, event.x - rect.x), rect.width - 1);
      const y = Math.min(Math.max(-1, event.y - rect.y - 1), rect.height - 1);
      this.host.dispatch({ type: 'copy-mode-mouse', x, y, begin: false, target });
      return true;
    }
    if (!ended) return false;
    this.drag = undefined;
    if (!drag.selecting || !rect) return false;
    // tmux's MouseDragEnd1Pane: copy-selection-and-cancel.
    this.host.dispatch({ type: 'copy-mode-command', command: 'copy-selection-and-cancel', target: { kind: 'id', id: drag.paneId } });
    return event.action === 'release';
  }

  /**
   * A border drag, as tmux's: each motion moves the held border towards the pointer, as far as
   * the panes' minimums let it; the release lets go.
   */
  private continueBorderDrag(event: MouseEvent): boolean {
    const border = this.border;
    if (!border) return false;
    if (event.action !== 'drag' || event.button !== LEFT_BUTTON) {
      this.border = undefined;
      return event.action === 'release';
    }
    const vertical = border.kind === 'vertical';
    this.host.dispatch({ type: 'drag-border', from: { x: border.x, y: border.y }, to: { x: event.x, y: event.y } });
    // Where the border went: still where it was (held at a pane's minimum), or the first
    // border from there towards the pointer (borders never cross, so it is that one).
    const isBorder = (at: number) => this.host.borderAt(vertical ? at : border.x, vertical ? border.y : at) === border.kind;
    const from = vertical ? border.x : border.y;
    const to = vertical ? event.x : event.y;
    if (to === from || isBorder(from)) return true;
    const step = to > from ? 1 : -1;
    for (let at = from + step; at !== to + step; at += step) {
      if (!isBorder(at)) continue;
      if (vertical) border.x = at;
      else border.y = at;
      break;
    }
    return true;
  }

  private rectOf(paneId: number): Rect | undefined {
    for (const [id, rect] of this.host.paneRects()) if (id === paneId) return rect;
    return undefined;
  }
}
