// The window's layout tree: nested side-by-side ("row") and stacked ("column") splits with
// pane ids at the leaves. Pure values and pure functions; the renderer and the session only
// ever see rectangles computed from it.
//
// Geometry: every pane rectangle includes its own title row at the top; side-by-side panes
// are divided by a one-column separator that belongs to no pane; stacked panes need no
// divider because the lower pane's title row already is one.
//
// Sizes are whole cells, stored in each split for the area the tree was last edited at, so
// a one-cell resize can never be lost to rounding. When the area differs, sizes are rescaled
// proportionally on the fly; computing a layout never changes the stored tree, so resizing
// the window away and back gives exactly the original layout.
import { LAYOUT_NAMES, type Direction, type LayoutName } from '../commands/actions.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A vertical line from (x, y) down `length` cells, between side-by-side panes. */
export interface Separator {
  x: number;
  y: number;
  length: number;
}

export interface PaneLeaf {
  readonly kind: 'pane';
  readonly paneId: number;
}

/** 'row': children side by side, left to right; 'column': stacked, top to bottom. */
export type SplitKind = 'row' | 'column';

export interface Split {
  readonly kind: SplitKind;
  readonly children: readonly Layout[];
  /** Each child's extent along the split (width for a row, height for a column), separators excluded. */
  readonly sizes: readonly number[];
}

export type Layout = PaneLeaf | Split;

export interface ComputedLayout {
  panes: Map<number, Rect>;
  separators: Separator[];
}

/** Columns a pane needs to show anything: one cell of content. */
const MIN_PANE_WIDTH = 1;
/** Rows a pane needs: its title row plus one row of content. */
const MIN_PANE_HEIGHT = 2;
/** Columns taken by the vertical line between side-by-side panes. */
const SEPARATOR_WIDTH = 1;
/** Rows between stacked panes: none, the lower pane's title row already divides them. */
const STACKED_GAP = 0;

// ---------------------------------------------------------------------------------------
// Small helpers

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Cells between two children of a split of this kind (also used by layout-navigation.ts). */
export function gap(kind: SplitKind): number {
  return kind === 'row' ? SEPARATOR_WIDTH : STACKED_GAP;
}

function leaf(paneId: number): PaneLeaf {
  return { kind: 'pane', paneId };
}

/** Areas come from terminal sizes, which may briefly be 0 or odd; never let them go negative. */
function sanitize(area: Rect): Rect {
  const whole = (value: number): number => (Number.isFinite(value) ? Math.floor(value) : 0);
  return {
    x: whole(area.x),
    y: whole(area.y),
    width: Math.max(0, whole(area.width)),
    height: Math.max(0, whole(area.height)),
  };
}

/** The smallest extent along `axis` (row: width, column: height) at which every pane fits. */
function minExtent(node: Layout, axis: SplitKind): number {
  if (node.kind === 'pane') return axis === 'row' ? MIN_PANE_WIDTH : MIN_PANE_HEIGHT;
  const mins = node.children.map((child) => minExtent(child, axis));
  if (node.kind === axis) return sum(mins) + gap(axis) * (mins.length - 1);
  return Math.max(...mins);
}

/** The smallest area at which every pane gets its minimum size (so the layout tiles it exactly). */
export function minimumSize(layout: Layout): { width: number; height: number } {
  return { width: minExtent(layout, 'row'), height: minExtent(layout, 'column') };
}

/** Child indexes from the root down to the pane, or undefined when it is not in the tree. */
function pathTo(node: Layout, paneId: number): number[] | undefined {
  if (node.kind === 'pane') return node.paneId === paneId ? [] : undefined;
  for (let index = 0; index < node.children.length; index++) {
    const rest = pathTo(node.children[index], paneId);
    if (rest) return [index, ...rest];
  }
  return undefined;
}

function nodeAt(node: Layout, path: readonly number[]): Layout {
  return path.reduce<Layout>((current, index) => (current as Split).children[index], node);
}

function replaceAt(node: Layout, path: readonly number[], replacement: Layout): Layout {
  if (path.length === 0) return replacement;
  const split = node as Split;
  const [index, ...rest] = path;
  const children = [...split.children];
  children[index] = replaceAt(children[index], rest, replacement);
  return { ...split, children };
}

/** Collapses single-child splits and merges a split into a parent of the same kind. */
function normalize(node: Layout): Layout {
  if (node.kind === 'pane') return node;
  const children: Layout[] = [];
  const sizes: number[] = [];
  node.children.forEach((child, index) => {
    const normal = normalize(child);
    if (normal.kind === node.kind) {
      // A same-kind child's sizes plus its separators add up to the size it had here.
      children.push(...normal.children);
      sizes.push(...normal.sizes);
    } else {
      children.push(normal);
      sizes.push(node.sizes[index]);
    }
  });
  return children.length === 1 ? children[0] : { kind: node.kind, children, sizes };
}

// ---------------------------------------------------------------------------------------
// Scaling sizes to a new area

/** Equal shares of `total`; the first `total % count` get one more cell. */
function evenSizes(total: number, count: number): number[] {
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, index) => base + (index < total % count ? 1 : 0));
}

/** Proportional integer shares of `total`; leftover cells go to the largest remainders, earliest first. */
function proportionalSizes(weights: readonly number[], total: number): number[] {
  const usable = sum(weights) > 0 ? weights : weights.map(() => 1);
  const weightTotal = sum(usable);
  const sizes = usable.map((weight) => Math.floor((weight * total) / weightTotal));
  const byRemainder = usable
    .map((weight, index) => ({ index, remainder: (weight * total) % weightTotal }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  let leftover = total - sum(sizes);
  for (const { index } of byRemainder) {
    if (leftover <= 0) break;
    sizes[index]++;
    leftover--;
  }
  return sizes;
}

/** Raises every size to its minimum by taking from the child with the most to spare. */
function enforceMinimums(sizes: number[], mins: readonly number[]): number[] {
  if (sum(sizes) < sum(mins)) return sizes; // cannot all fit; callers size the area so this never happens
  for (let index = 0; index < sizes.length; index++) {
    while (sizes[index] < mins[index]) {
      let donor = -1;
      for (let other = 0; other < sizes.length; other++) {
        const spare = sizes[other] - mins[other];
        if (spare > 0 && (donor < 0 || spare > sizes[donor] - mins[donor])) donor = other;
      }
      const take = Math.min(mins[index] - sizes[index], sizes[donor] - mins[donor]);
      sizes[donor] -= take;
      sizes[index] += take;
    }
  }
  return sizes;
}

/**
 * Rescales the tree's splits of kind `axis` so the node spans `extent` cells along it.
 * The identity when the extent is unchanged and every child already meets its minimum.
 */
function fitAxis(node: Layout, axis: SplitKind, extent: number): Layout {
  if (node.kind === 'pane') return node;
  if (node.kind !== axis) {
    return { ...node, children: node.children.map((child) => fitAxis(child, axis, extent)) };
  }
  const total = Math.max(0, extent - gap(axis) * (node.children.length - 1));
  const mins = node.children.map((child) => minExtent(child, axis));
  const sizes = enforceMinimums(proportionalSizes(node.sizes, total), mins);
  const children = node.children.map((child, index) => fitAxis(child, axis, sizes[index]));
  return { kind: node.kind, children, sizes };
}

/** The tree scaled to the area, grown to its minimum size where the area is smaller. */
function fitToArea(layout: Layout, area: Rect): { tree: Layout; bounds: Rect } {
  const clean = sanitize(area);
  const minimum = minimumSize(layout);
  const bounds = {
    x: clean.x,
    y: clean.y,
    width: Math.max(clean.width, minimum.width),
    height: Math.max(clean.height, minimum.height),
  };
  const tree = fitAxis(fitAxis(layout, 'row', bounds.width), 'column', bounds.height);
  return { tree, bounds };
}

// ---------------------------------------------------------------------------------------
// Placement

/** Rectangles of a tree whose sizes already match `rect`; pane rects plus separators tile it. */
function place(node: Layout, rect: Rect, out: ComputedLayout): void {
  if (node.kind === 'pane') {
    out.panes.set(node.paneId, rect);
    return;
  }
  const row = node.kind === 'row';
  let offset = row ? rect.x : rect.y;
  node.children.forEach((child, index) => {
    const size = node.sizes[index];
    const childRect = row
      ? { x: offset, y: rect.y, width: size, height: rect.height }
      : { x: rect.x, y: offset, width: rect.width, height: size };
    place(child, childRect, out);
    offset += size;
    if (index === node.children.length - 1) return;
    if (row) out.separators.push({ x: offset, y: rect.y, length: rect.height });
    offset += gap(node.kind);
  });
}

/** Placement in the area grown to the layout's minimum, so every pane has a real position. */
export function placeUnclipped(layout: Layout, area: Rect): { placed: ComputedLayout; bounds: Rect } {
  const { tree, bounds } = fitToArea(layout, area);
  const placed: ComputedLayout = { panes: new Map(), separators: [] };
  place(tree, bounds, placed);
  return { placed, bounds };
}

function clipRect(rect: Rect, area: Rect): Rect {
  const right = area.x + area.width;
  const bottom = area.y + area.height;
  const x = Math.min(rect.x, right);
  const y = Math.min(rect.y, bottom);
  return {
    x,
    y,
    width: Math.max(0, Math.min(rect.x + rect.width, right) - x),
    height: Math.max(0, Math.min(rect.y + rect.height, bottom) - y),
  };
}

function clipSeparator(separator: Separator, area: Rect): Separator | undefined {
  if (separator.x >= area.x + area.width || separator.y >= area.y + area.height) return undefined;
  const length = Math.min(separator.y + separator.length, area.y + area.height) - separator.y;
  return length > 0 ? { ...separator, length } : undefined;
}

/**
 * Where every pane and separator goes in `area`. When the area is smaller than the layout's
 * minimum, the layout is laid out at its minimum and cut at the area's edges, so panes past
 * the edge get zero width or height; rects still never overlap or leave the area.
 */
export function computeLayout(layout: Layout, area: Rect, zoomedPaneId?: number): ComputedLayout {
  const clean = sanitize(area);
  if (zoomedPaneId !== undefined && pathTo(layout, zoomedPaneId)) {
    return { panes: new Map([[zoomedPaneId, clean]]), separators: [] };
  }
  const { placed } = placeUnclipped(layout, clean);
  const panes = new Map<number, Rect>();
  for (const [paneId, rect] of placed.panes) panes.set(paneId, clipRect(rect, clean));
  const separators = placed.separators
    .map((separator) => clipSeparator(separator, clean))
    .filter((separator): separator is Separator => separator !== undefined);
  return { panes, separators };
}

// ---------------------------------------------------------------------------------------
// Editing

export function singlePane(paneId: number): Layout {
  return leaf(paneId);
}

/** Pane ids depth first: left to right, top to bottom, the order tmux numbers panes in. */
export function paneIds(layout: Layout): number[] {
  return layout.kind === 'pane' ? [layout.paneId] : layout.children.flatMap(paneIds);
}

/**
 * Halves the target pane: the new pane goes right of it (sideBySide) or below it, and the
 * target keeps the extra cell of an odd size. Inside a split of the same kind the new pane
 * becomes the target's next sibling instead of nesting. Unchanged when the target is missing
 * or the new id is taken.
 */
export function splitPane(
  layout: Layout,
  targetPaneId: number,
  newPaneId: number,
  sideBySide: boolean,
  area: Rect,
): Layout {
  const path = pathTo(layout, targetPaneId);
  if (!path || pathTo(layout, newPaneId)) return layout;
  const kind: SplitKind = sideBySide ? 'row' : 'column';
  const { tree, bounds } = fitToArea(layout, area);
  const placed: ComputedLayout = { panes: new Map(), separators: [] };
  place(tree, bounds, placed);
  const target = placed.panes.get(targetPaneId) as Rect;
  const available = Math.max(0, (sideBySide ? target.width : target.height) - gap(kind));
  const newSize = Math.floor(available / 2);
  const keptSize = available - newSize;
  const parentPath = path.slice(0, -1);
  const parent = path.length > 0 ? (nodeAt(tree, parentPath) as Split) : undefined;
  let edited: Layout;
  if (parent?.kind === kind) {
    const index = path[path.length - 1];
    const children = [...parent.children];
    const sizes = [...parent.sizes];
    children.splice(index + 1, 0, leaf(newPaneId));
    sizes.splice(index, 1, keptSize, newSize);
    edited = replaceAt(tree, parentPath, { kind, children, sizes });
  } else {
    const split: Split = { kind, children: [leaf(targetPaneId), leaf(newPaneId)], sizes: [keptSize, newSize] };
    edited = replaceAt(tree, path, split);
  }
  // A target too small to halve leaves panes under their minimum; refitting grows the
  // stored area to the new minimum and takes the missing cells from panes with room.
  return fitToArea(edited, bounds).tree;
}

/**
 * Removes a pane; its space (and separator) goes to the previous sibling, or the next one
 * when it was first, as tmux does. Null when it was the last pane; unchanged when missing.
 */
export function removePane(layout: Layout, paneId: number): Layout | null {
  const path = pathTo(layout, paneId);
  if (!path) return layout;
  if (path.length === 0) return null;
  const parentPath = path.slice(0, -1);
  const parent = nodeAt(layout, parentPath) as Split;
  const index = path[path.length - 1];
  const heir = index === 0 ? 1 : index - 1;
  const sizes = [...parent.sizes];
  const children = [...parent.children];
  sizes[heir] += sizes[index] + gap(parent.kind);
  children[heir] = fitAxis(children[heir], parent.kind, sizes[heir]);
  sizes.splice(index, 1);
  children.splice(index, 1);
  return normalize(replaceAt(layout, parentPath, { kind: parent.kind, children, sizes }));
}

/**
 * Moves the border after child `border` of a split by `delta` cells (positive: right/down),
 * pushing through siblings at their minimum like tmux. Undefined when nothing can move.
 */
function moveBorder(split: Split, border: number, delta: number): Split | undefined {
  const mins = split.children.map((child) => minExtent(child, split.kind));
  const sizes = [...split.sizes];
  const grower = delta > 0 ? border : border + 1;
  const donors: number[] = [];
  if (delta > 0) for (let index = border + 1; index < sizes.length; index++) donors.push(index);
  else for (let index = border; index >= 0; index--) donors.push(index);
  let needed = Math.abs(delta);
  for (const donor of donors) {
    const take = Math.max(0, Math.min(needed, sizes[donor] - mins[donor]));
    sizes[donor] -= take;
    sizes[grower] += take;
    needed -= take;
  }
  if (needed === Math.abs(delta)) return undefined;
  const children = split.children.map((child, index) =>
    sizes[index] === split.sizes[index] ? child : fitAxis(child, split.kind, sizes[index]),
  );
  return { kind: split.kind, children, sizes };
}

/** The tree with panes `a` and `b` in each other's places (tmux's swap-pane). */
export function swapPanes(layout: Layout, a: number, b: number): Layout {
  if (layout.kind === 'pane') {
    if (layout.paneId === a) return leaf(b);
    if (layout.paneId === b) return leaf(a);
    return layout;
  }
  return { ...layout, children: layout.children.map((child) => swapPanes(child, a, b)) };
}

/**
 * tmux's resize-pane: in the nearest enclosing split of the right kind, the border after the
 * pane (before it, for the last pane) moves `amount` cells in `direction`. So 'down' grows a
 * pane with a neighbour below and shrinks the bottom pane; 'up' shrinks a pane with a
 * neighbour below and grows the bottom pane. Clamped at pane minimums; unchanged when
 * nothing can move.
 */
export function resizePane(
  layout: Layout,
  paneId: number,
  direction: Direction,
  amount: number,
  area: Rect,
): Layout {
  const cells = Math.floor(amount);
  if (!(cells > 0)) return layout;
  const kind: SplitKind = direction === 'left' || direction === 'right' ? 'row' : 'column';
  const forward = direction === 'right' || direction === 'down';
  const { tree } = fitToArea(layout, area);
  const path = pathTo(tree, paneId);
  if (!path) return layout;
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const ancestorPath = path.slice(0, depth);
    const ancestor = nodeAt(tree, ancestorPath);
    if (ancestor.kind !== kind) continue;
    const index = path[depth];
    const border = index < ancestor.children.length - 1 ? index : index - 1;
    const moved = moveBorder(ancestor, border, forward ? cells : -cells);
    return moved ? replaceAt(tree, ancestorPath, moved) : layout;
  }
  return layout;
}

/** Where a drag takes hold of a border: a split (by its path in the tree) and which of its borders. */
interface BorderHandle {
  path: number[];
  border: number;
  kind: SplitKind;
}

/**
 * The innermost split with a border at (x, y) of a tree placed in `rect`: a vertical separator
 * between side-by-side children, or the title row of a stacked child (the border above it).
 */
function borderIn(node: Layout, rect: Rect, path: number[], x: number, y: number): BorderHandle | undefined {
  if (node.kind === 'pane') return undefined;
  const row = node.kind === 'row';
  let offset = row ? rect.x : rect.y;
  for (let index = 0; index < node.children.length; index++) {
    const size = node.sizes[index];
    const child = row
      ? { x: offset, y: rect.y, width: size, height: rect.height }
      : { x: rect.x, y: offset, width: rect.width, height: size };
    if (x >= child.x && x < child.x + child.width && y >= child.y && y < child.y + child.height) {
      const inner = borderIn(node.children[index], child, [...path, index], x, y);
      if (inner) return inner;
      return !row && index > 0 && y === child.y ? { path, border: index - 1, kind: node.kind } : undefined;
    }
    offset += size;
    if (row && index < node.children.length - 1 && x === offset && y >= rect.y && y < rect.y + rect.height) {
      return { path, border: index, kind: node.kind };
    }
    offset += gap(node.kind);
  }
  return undefined;
}

/**
 * The border a drag at (x, y) takes hold of: 'vertical', a separator between side-by-side
 * panes; 'horizontal', the title row of a pane with another above it. The same search
 * dragBorder makes, so a border found here is the one a drag moves.
 */
export function borderKindAt(layout: Layout, area: Rect, x: number, y: number): 'vertical' | 'horizontal' | undefined {
  const { tree, bounds } = fitToArea(layout, area);
  const handle = borderIn(tree, bounds, [], x, y);
  return handle && (handle.kind === 'row' ? 'vertical' : 'horizontal');
}

/**
 * The mouse's resize, as tmux's border drag: the border at `from` (a separator between
 * side-by-side panes, or the title row of a pane with one above it) moves towards `to`,
 * as far as the panes' minimums allow. Unchanged when there is no border at `from`.
 */
export function dragBorder(layout: Layout, area: Rect, from: { x: number; y: number }, to: { x: number; y: number }): Layout {
  const { tree, bounds } = fitToArea(layout, area);
  const handle = borderIn(tree, bounds, [], from.x, from.y);
  if (!handle) return layout;
  const delta = handle.kind === 'row' ? to.x - from.x : to.y - from.y;
  if (delta === 0) return layout;
  const moved = moveBorder(nodeAt(tree, handle.path) as Split, handle.border, delta);
  return moved ? replaceAt(tree, handle.path, moved) : layout;
}

// ---------------------------------------------------------------------------------------
// Presets

/** The shape of a preset; sizes are filled in by spreadEvenly. */
function presetShape(name: LayoutName, ids: readonly number[]): Layout {
  const leaves = ids.map(leaf);
  const group = (kind: SplitKind, children: Layout[]): Layout =>
    children.length === 1 ? children[0] : { kind, children, sizes: children.map(() => 0) };
  switch (name) {
    case 'even-horizontal':
      return group('row', leaves);
    case 'even-vertical':
      return group('column', leaves);
    case 'main-horizontal':
      return leaves.length === 1 ? leaves[0]! : group('column', [leaves[0]!, group('row', leaves.slice(1))]);
    case 'main-vertical':
      return leaves.length === 1 ? leaves[0]! : group('row', [leaves[0]!, group('column', leaves.slice(1))]);
    case 'tiled': {
      const columns = Math.ceil(Math.sqrt(ids.length));
      const rows: Layout[] = [];
      for (let start = 0; start < leaves.length; start += columns) {
        rows.push(group('row', leaves.slice(start, start + columns)));
      }
      return group('column', rows);
    }
    default:
      return assertNoPreset(name);
  }
}

function assertNoPreset(name: never): never {
  throw new Error(`unknown layout preset: ${String(name)}`);
}

/** Gives every split's children equal shares of the given area, recursively. */
function spreadEvenly(node: Layout, width: number, height: number): Layout {
  if (node.kind === 'pane') return node;
  const row = node.kind === 'row';
  const extent = row ? width : height;
  const sizes = evenSizes(Math.max(0, extent - gap(node.kind) * (node.children.length - 1)), node.children.length);
  const children = node.children.map((child, index) =>
    row ? spreadEvenly(child, sizes[index], height) : spreadEvenly(child, width, sizes[index]),
  );
  return { kind: node.kind, children, sizes };
}

/** The main pane's rows in main-horizontal and columns in main-vertical (tmux's main-pane-height and -width). */
export interface MainPaneSize {
  height: number;
  width: number;
}

/** tmux's defaults for main-pane-height and main-pane-width. */
export const DEFAULT_MAIN_PANE: MainPaneSize = { height: 24, width: 80 };

/**
 * tmux's select-layout presets over the panes in the given order. main-horizontal: the first
 * pane across the top, `main.height` rows if the others keep room, the rest side by side below
 * it; main-vertical: the first on the left, `main.width` columns, the rest stacked on the right.
 * tiled: ceil(sqrt(n)) columns, rows of that many panes, the last row's panes sharing the full width.
 */
export function applyPreset(name: LayoutName, paneIds: number[], area: Rect, main: MainPaneSize = DEFAULT_MAIN_PANE): Layout {
  if (paneIds.length === 0) throw new RangeError('applyPreset needs at least one pane');
  const shape = presetShape(name, paneIds);
  const { bounds } = fitToArea(shape, area);
  let tree = spreadEvenly(shape, bounds.width, bounds.height);
  if ((name === 'main-horizontal' || name === 'main-vertical') && tree.kind !== 'pane') {
    // Rows as tmux counts them, the pane's own: its title row comes on top of them here.
    tree = withMainPane(tree, name === 'main-horizontal' ? main.height + 1 : main.width);
  }
  return fitToArea(tree, bounds).tree;
}

/** The split with its first child `wanted` cells along it, as far as the second's minimum allows. */
function withMainPane(split: Split, wanted: number): Split {
  const total = split.sizes[0]! + split.sizes[1]!;
  const room = total - minExtent(split.children[1]!, split.kind);
  const main = Math.max(minExtent(split.children[0]!, split.kind), Math.min(wanted, room));
  return { ...split, sizes: [main, total - main] };
}

/** tmux's select-layout -E: every split's panes share its space evenly, the shape kept. */
export function spreadOut(layout: Layout, area: Rect): Layout {
  const { bounds } = fitToArea(layout, area);
  return fitToArea(spreadEvenly(layout, bounds.width, bounds.height), bounds).tree;
}

/**
 * tmux's rotate-window: every pane moves one place in pane order, up (each to the place before
 * it, the first to the last) or down; the shape is kept.
 */
export function rotatePanes(layout: Layout, direction: 'up' | 'down'): Layout {
  const ids = paneIds(layout);
  const rotated = direction === 'up' ? [...ids.slice(1), ids[0]!] : [ids[ids.length - 1]!, ...ids.slice(0, -1)];
  let next = 0;
  const place = (node: Layout): Layout =>
    node.kind === 'pane' ? leaf(rotated[next++]!) : { ...node, children: node.children.map(place) };
  return place(layout);
}

/** The preset after `current` in tmux's next-layout cycle; the first when there is none. */
export function nextPresetName(current: LayoutName | undefined): LayoutName {
  if (current === undefined) return LAYOUT_NAMES[0];
  return LAYOUT_NAMES[(LAYOUT_NAMES.indexOf(current) + 1) % LAYOUT_NAMES.length];
}
