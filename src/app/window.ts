// A window: its arrangement: which panes exist, where they are, which has the focus, which
// is zoomed. Pure bookkeeping over the layout tree; no ptys, no screen.
import type { Direction, LayoutName, PaneTarget } from '../commands/actions.js';
import {
  applyPreset,
  borderKindAt,
  computeLayout,
  dragBorder,
  nextPresetName,
  paneIds,
  removePane,
  resizePane,
  singlePane,
  splitPane,
  spreadOut,
  rotatePanes,
  swapPanes,
  type Layout,
  type MainPaneSize,
  type Rect,
  type Separator,
} from './layout.js';
import { neighbourPane } from './layout-navigation.js';

export interface Placement {
  panes: Map<number, Rect>;
  separators: Separator[];
}

export class Window {
  private layout: Layout | null = null;
  private focused: number | undefined;
  private previous: number | undefined;
  private zoomed: number | undefined;
  private preset: LayoutName | undefined;
  private nextPaneId = 0;
  private cachedPlacement: Placement | undefined;

  constructor(private paneArea: Rect) {}

  get area(): Rect {
    return this.paneArea;
  }

  setArea(area: Rect): void {
    this.paneArea = area;
    this.cachedPlacement = undefined;
  }

  allocatePaneId(): number {
    return this.nextPaneId++;
  }

  get paneOrder(): number[] {
    return this.layout ? paneIds(this.layout) : [];
  }

  get focusedPaneId(): number | undefined {
    return this.focused;
  }

  get zoomedPaneId(): number | undefined {
    return this.zoomed;
  }

  get isEmpty(): boolean {
    return this.layout === null;
  }

  /** Adds the first pane, or splits `target` (default: the focused pane) to make room for `id`. */
  addPane(id: number, sideBySide: boolean, target = this.focused): void {
    this.zoomed = undefined;
    if (this.layout === null || target === undefined) this.layout = singlePane(id);
    else this.layout = splitPane(this.layout, target, id, sideBySide, this.paneArea);
    this.changed();
    this.focus(id);
  }

  removePane(id: number): void {
    if (!this.layout) return;
    const order = this.paneOrder;
    this.layout = removePane(this.layout, id);
    if (this.zoomed === id) this.zoomed = undefined;
    if (this.previous === id) this.previous = undefined;
    if (this.focused === id) {
      // Like tmux: focus the last-used pane if it is still there, else the neighbour in order.
      const index = order.indexOf(id);
      const remaining = this.paneOrder;
      this.focused = this.previous ?? remaining[Math.min(index, remaining.length - 1)];
      this.previous = undefined;
    }
    this.changed();
  }

  focus(id: number): void {
    if (id === this.focused || !this.paneOrder.includes(id)) return;
    this.previous = this.focused;
    this.focused = id;
    // tmux unzooms when the focus moves to another pane.
    if (this.zoomed !== undefined && this.zoomed !== id) {
      this.zoomed = undefined;
      this.changed();
    }
  }

  focusLast(): boolean {
    if (this.previous === undefined) return false;
    this.focus(this.previous);
    return true;
  }

  focusDirection(direction: Direction): void {
    if (!this.layout || this.focused === undefined) return;
    const next = neighbourPane(this.layout, this.focused, direction, this.paneArea);
    if (next !== undefined) this.focus(next);
  }

  /** Resolves a `-t` target to a pane id, or undefined when there is no such pane. */
  resolve(target: PaneTarget | undefined): number | undefined {
    const order = this.paneOrder;
    const at = this.focused === undefined ? -1 : order.indexOf(this.focused);
    if (!target) return this.focused;
    switch (target.kind) {
      case 'index':
        return order[target.index];
      case 'id':
        return order.includes(target.id) ? target.id : undefined;
      case 'next':
        return order[(at + 1) % order.length];
      case 'previous':
        return order[(at - 1 + order.length) % order.length];
      case 'last':
        return this.previous;
      case 'active':
        return this.focused;
    }
  }

  resize(id: number, direction: Direction, amount: number): void {
    if (!this.layout) return;
    this.zoomed = undefined;
    this.layout = resizePane(this.layout, id, direction, amount, this.paneArea);
    this.changed();
  }

  /**
   * tmux's swap-pane -U / -D: the pane changes places with the one before or after it in pane
   * order (round the ends), and stays focused where it went if it was.
   */
  swap(id: number, with_: 'previous' | 'next'): void {
    const order = this.paneOrder;
    const index = order.indexOf(id);
    if (!this.layout || index < 0 || order.length < 2) return;
    const other = order[(index + (with_ === 'next' ? 1 : -1) + order.length) % order.length]!;
    this.zoomed = undefined;
    this.layout = swapPanes(this.layout, id, other);
    this.changed();
  }

  /** The mouse's resize: the border at `from` dragged towards `to` (see layout.ts dragBorder). */
  dragBorder(from: { x: number; y: number }, to: { x: number; y: number }): void {
    if (!this.layout || this.zoomed !== undefined) return;
    this.layout = dragBorder(this.layout, this.paneArea, from, to);
    this.changed();
  }

  /**
   * Which border a drag at (x, y) would take hold of: 'vertical', a separator between
   * side-by-side panes; 'horizontal', the title row of a pane with another above it.
   */
  borderAt(x: number, y: number): 'vertical' | 'horizontal' | undefined {
    // A zoomed pane has no borders on screen.
    if (!this.layout || this.zoomed !== undefined) return undefined;
    return borderKindAt(this.layout, this.paneArea, x, y);
  }

  toggleZoom(id: number): void {
    // Zooming the only pane would change nothing a user can see; tmux refuses it too.
    if (this.paneOrder.length < 2) return;
    this.zoomed = this.zoomed === id ? undefined : id;
    this.focus(id);
    this.changed();
  }

  /** A preset, or the next in tmux's cycle; `main`: the main pane's size in the main-* presets. */
  selectLayout(name: LayoutName | undefined, main?: MainPaneSize): LayoutName {
    const chosen = name ?? nextPresetName(this.preset);
    this.preset = chosen;
    this.zoomed = undefined;
    if (this.layout) this.layout = applyPreset(chosen, this.paneOrder, this.paneArea, main);
    this.changed();
    return chosen;
  }

  /** tmux's select-layout -E: the panes of every split share its space evenly. */
  spreadOut(): void {
    if (!this.layout) return;
    this.zoomed = undefined;
    this.layout = spreadOut(this.layout, this.paneArea);
    this.changed();
  }

  /** tmux's rotate-window -U / -D: every pane one place up or down in pane order; focus stays with its pane. */
  rotate(direction: 'up' | 'down'): void {
    if (!this.layout || this.paneOrder.length < 2) return;
    this.zoomed = undefined;
    this.layout = rotatePanes(this.layout, direction);
    this.changed();
  }

  placement(): Placement {
    const placement: Placement =
      this.cachedPlacement ??
      (this.layout ? computeLayout(this.layout, this.paneArea, this.zoomed) : { panes: new Map(), separators: [] });
    this.cachedPlacement = placement;
    return placement;
  }

  private changed(): void {
    this.cachedPlacement = undefined;
  }
}
