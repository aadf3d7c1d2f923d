// Moving between panes by direction, as tmux's select-pane -L/-R/-U/-D: which pane lies
// across the focused one's border, wrapping round the window's edges.
import type { Direction } from '../commands/actions.js';
import { gap, placeUnclipped, type Layout, type Rect } from './layout.js';

/** Length of the overlap of two rects across the direction of travel. */
function crossOverlap(a: Rect, b: Rect, direction: Direction): number {
  const horizontal = direction === 'left' || direction === 'right';
  const [aStart, aLength, bStart, bLength] = horizontal
    ? [a.y, a.height, b.y, b.height]
    : [a.x, a.width, b.x, b.width];
  return Math.max(0, Math.min(aStart + aLength, bStart + bLength) - Math.max(aStart, bStart));
}

/** Whether `other` lies directly across the focused rect's edge (its separator or title row). */
function adjacent(focused: Rect, other: Rect, direction: Direction): boolean {
  switch (direction) {
    case 'right':
      return other.x === focused.x + focused.width + gap('row');
    case 'left':
      return other.x + other.width + gap('row') === focused.x;
    case 'down':
      return other.y === focused.y + focused.height + gap('column');
    case 'up':
      return other.y + other.height + gap('column') === focused.y;
  }
}

/** Whether `other` is at the far edge of the window, where moving `direction` wraps to. */
function atFarSide(bounds: Rect, other: Rect, direction: Direction): boolean {
  switch (direction) {
    case 'right':
      return other.x === bounds.x;
    case 'left':
      return other.x + other.width === bounds.x + bounds.width;
    case 'down':
      return other.y === bounds.y;
    case 'up':
      return other.y + other.height === bounds.y + bounds.height;
  }
}

/**
 * The pane next to `paneId` in `direction`: the one across the border that overlaps it most
 * (ties: topmost or leftmost); at the window's edge it wraps to the far side like tmux.
 * Undefined when no other pane lies in that direction at all.
 */
export function neighbourPane(
  layout: Layout,
  paneId: number,
  direction: Direction,
  area: Rect,
): number | undefined {
  // Unclipped positions, so navigation still works when the window is too small to show all.
  const { placed, bounds } = placeUnclipped(layout, area);
  const focused = placed.panes.get(paneId);
  if (!focused) return undefined;
  const others = [...placed.panes].filter(
    ([id, rect]) => id !== paneId && crossOverlap(focused, rect, direction) > 0,
  );
  const across = others.filter(([, rect]) => adjacent(focused, rect, direction));
  const candidates = across.length > 0 ? across : others.filter(([, rect]) => atFarSide(bounds, rect, direction));
  const horizontal = direction === 'left' || direction === 'right';
  const start = (rect: Rect): number => (horizontal ? rect.y : rect.x);
  candidates.sort(
    ([, a], [, b]) =>
      crossOverlap(focused, b, direction) - crossOverlap(focused, a, direction) || start(a) - start(b),
  );
  return candidates[0]?.[0];
}
