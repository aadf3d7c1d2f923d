// The layout tree is checked two ways: a property test drives random edits and window
// sizes and insists the result always tiles the window, and examples pin the tmux-like
// behaviour (halving splits, border moves, presets, navigation) to exact cells.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LAYOUT_NAMES, type Direction, type LayoutName } from '../../src/commands/actions.js';
import {
  applyPreset,
  borderKindAt,
  computeLayout,
  dragBorder,
  minimumSize,
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
  type Rect,
} from '../../src/app/layout.js';
import { neighbourPane } from '../../src/app/layout-navigation.js';

const AREA: Rect = { x: 0, y: 0, width: 80, height: 24 };
const DIRECTIONS: Direction[] = ['left', 'right', 'up', 'down'];

/** Pane rects and separator cells as plain rects, for overlap and coverage checks. */
function pieces(layout: Layout, area: Rect, zoomed?: number): Rect[] {
  const { panes, separators } = computeLayout(layout, area, zoomed);
  return [
    ...panes.values(),
    ...separators.map((s) => ({ x: s.x, y: s.y, width: 1, height: s.length })),
  ];
}

function overlaps(a: Rect, b: Rect): boolean {
  const area = (r: Rect): number => r.width * r.height;
  if (area(a) === 0 || area(b) === 0) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Everything inside the area, nothing overlapping, and (when it fits) every cell covered once. */
function expectTiles(layout: Layout, area: Rect): void {
  const { panes } = computeLayout(layout, area);
  expect([...panes.keys()].sort((a, b) => a - b)).toEqual([...paneIds(layout)].sort((a, b) => a - b));
  const all = pieces(layout, area);
  for (const rect of all) {
    expect(rect.width).toBeGreaterThanOrEqual(0);
    expect(rect.height).toBeGreaterThanOrEqual(0);
    expect(rect.x).toBeGreaterThanOrEqual(area.x);
    expect(rect.y).toBeGreaterThanOrEqual(area.y);
    expect(rect.x + rect.width).toBeLessThanOrEqual(area.x + area.width);
    expect(rect.y + rect.height).toBeLessThanOrEqual(area.y + area.height);
  }
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j])).toBe(false);
  }
  // Disjoint pieces inside the area whose cells add up to the area cover it exactly. The
  // layout is cut at the area's edges when too small, so this holds then too.
  expect(all.reduce((total, r) => total + r.width * r.height, 0)).toBe(area.width * area.height);
  const minimum = minimumSize(layout);
  if (area.width >= minimum.width && area.height >= minimum.height) {
    for (const rect of panes.values()) {
      expect(rect.width).toBeGreaterThanOrEqual(1);
      expect(rect.height).toBeGreaterThanOrEqual(2);
    }
  }
}

function rectOf(layout: Layout, paneId: number, area = AREA): Rect {
  const rect = computeLayout(layout, area).panes.get(paneId);
  if (!rect) throw new Error(`pane ${paneId} not placed`);
  return rect;
}

/** Builds a layout by splitting: each step is [target, newId, sideBySide]. */
function build(steps: Array<[number, number, boolean]>, area = AREA): Layout {
  return steps.reduce((layout, [target, id, side]) => splitPane(layout, target, id, side, area), singlePane(0));
}

type Op =
  | { op: 'split'; pick: number; sideBySide: boolean }
  | { op: 'remove'; pick: number }
  | { op: 'resize'; pick: number; direction: Direction; amount: number }
  | { op: 'preset'; name: LayoutName }
  | { op: 'window'; width: number; height: number }
  | { op: 'drag'; x: number; y: number; toX: number; toY: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('split' as const), pick: fc.nat(), sideBySide: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('resize' as const),
      pick: fc.nat(),
      direction: fc.constantFrom(...DIRECTIONS),
      amount: fc.integer({ min: 1, max: 10 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('preset' as const), name: fc.constantFrom(...LAYOUT_NAMES) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('drag' as const),
      x: fc.integer({ min: -2, max: 90 }),
      y: fc.integer({ min: -2, max: 30 }),
      toX: fc.integer({ min: -20, max: 120 }),
      toY: fc.integer({ min: -20, max: 50 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('window' as const),
      width: fc.integer({ min: 1, max: 300 }),
      height: fc.integer({ min: 1, max: 100 }),
    }),
  },
);

describe('layout property', () => {
  it('always tiles the window exactly, whatever the edits and window sizes', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 40 }), (ops) => {
        let layout: Layout = singlePane(0);
        let nextId = 1;
        let area: Rect = { ...AREA };
        const live = new Set([0]);
        for (const step of ops) {
          const ids = paneIds(layout);
          const picked = 'pick' in step ? ids[step.pick % ids.length] : 0;
          switch (step.op) {
            case 'split':
              layout = splitPane(layout, picked, nextId, step.sideBySide, area);
              live.add(nextId++);
              break;
            case 'remove': {
              const after = removePane(layout, picked);
              live.delete(picked);
              if (after === null) {
                expect(ids).toEqual([picked]);
                layout = singlePane(nextId);
                live.add(nextId++);
              } else layout = after;
              break;
            }
            case 'resize':
              layout = resizePane(layout, picked, step.direction, step.amount, area);
              break;
            case 'preset':
              layout = applyPreset(step.name, ids, area);
              expect(paneIds(layout)).toEqual(ids);
              break;
            case 'window':
              area = { x: 3, y: 1, width: step.width, height: step.height };
              break;
            case 'drag':
              layout = dragBorder(layout, area, { x: step.x, y: step.y }, { x: step.toX, y: step.toY });
              break;
          }
          expect(new Set(paneIds(layout))).toEqual(live);
          expectTiles(layout, area);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a resize never changes a pane by more than asked, and by exactly that with room', () => {
    const big: Rect = { x: 0, y: 0, width: 300, height: 100 };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 3 }),
        fc.nat(),
        fc.constantFrom(...DIRECTIONS),
        fc.integer({ min: 1, max: 10 }),
        (splits, pick, direction, amount) => {
          let layout = singlePane(0);
          splits.forEach(([target, side], index) => {
            const ids = paneIds(layout);
            layout = splitPane(layout, ids[target % ids.length], index + 1, side, big);
          });
          const ids = paneIds(layout);
          const pane = ids[pick % ids.length];
          const horizontal = direction === 'left' || direction === 'right';
          const size = (l: Layout): number => (horizontal ? rectOf(l, pane, big).width : rectOf(l, pane, big).height);
          const before = size(layout);
          const change = Math.abs(size(resizePane(layout, pane, direction, amount, big)) - before);
          expect(change).toBeLessThanOrEqual(amount);
          // Three halvings of 300x100 leave every pane at least 37 columns and 12 rows, so
          // every pane has 10 cells to spare and a border that moves at all moves the whole way.
          if (change > 0) expect(change).toBe(amount);
        },
      ),
    );
  });
});

describe('splitPane', () => {
  it('halves side by side: 80 columns become 40 | separator | 39', () => {
    const layout = splitPane(singlePane(0), 0, 1, true, AREA);
    const { panes, separators } = computeLayout(layout, AREA);
    expect(panes.get(0)).toEqual({ x: 0, y: 0, width: 40, height: 24 });
    expect(panes.get(1)).toEqual({ x: 41, y: 0, width: 39, height: 24 });
    expect(separators).toEqual([{ x: 40, y: 0, length: 24 }]);
  });

  it('halves below with no separator row; the target keeps the odd cell', () => {
    const area = { ...AREA, height: 25 };
    const layout = splitPane(singlePane(0), 0, 1, false, area);
    const { panes, separators } = computeLayout(layout, area);
    expect(panes.get(0)).toEqual({ x: 0, y: 0, width: 80, height: 13 });
    expect(panes.get(1)).toEqual({ x: 0, y: 13, width: 80, height: 12 });
    expect(separators).toEqual([]);
  });

  it('adds a sibling instead of nesting in a split of the same kind', () => {
    const layout = build([
      [0, 1, true],
      [0, 2, true],
    ]);
    expect(layout.kind).toBe('row');
    expect(layout.kind === 'row' && layout.children.length).toBe(3);
    expect(paneIds(layout)).toEqual([0, 2, 1]);
    expect(rectOf(layout, 0).width).toBe(20);
    expect(rectOf(layout, 2)).toEqual({ x: 21, y: 0, width: 19, height: 24 });
  });

  it('nests when the orientation differs, and numbers panes left to right, top to bottom', () => {
    const layout = build([
      [0, 1, true],
      [0, 2, false],
    ]);
    expect(paneIds(layout)).toEqual([0, 2, 1]);
    expect(rectOf(layout, 2)).toEqual({ x: 0, y: 12, width: 40, height: 12 });
  });

  it('leaves the layout alone for a missing target or a taken id', () => {
    const layout = build([[0, 1, true]]);
    expect(splitPane(layout, 7, 2, true, AREA)).toBe(layout);
    expect(splitPane(layout, 0, 1, true, AREA)).toBe(layout);
  });
});

describe('removePane', () => {
  it('returns null for the last pane and ignores unknown panes', () => {
    expect(removePane(singlePane(0), 0)).toBeNull();
    expect(removePane(singlePane(0), 3)).toEqual(singlePane(0));
  });

  it('gives the space to the previous sibling, or the next one for the first pane', () => {
    const three = build([
      [0, 1, true],
      [1, 2, true],
    ]);
    expect([0, 1, 2].map((id) => rectOf(three, id).width)).toEqual([40, 19, 19]);
    const withoutMiddle = removePane(three, 1) as Layout;
    expect(rectOf(withoutMiddle, 0)).toEqual({ x: 0, y: 0, width: 60, height: 24 });
    expect(rectOf(withoutMiddle, 2)).toEqual({ x: 61, y: 0, width: 19, height: 24 });
    const withoutLast = removePane(three, 2) as Layout;
    expect(rectOf(withoutLast, 0)).toEqual({ x: 0, y: 0, width: 40, height: 24 });
    expect(rectOf(withoutLast, 1)).toEqual({ x: 41, y: 0, width: 39, height: 24 });
    const withoutFirst = removePane(three, 0) as Layout;
    expect(rectOf(withoutFirst, 1)).toEqual({ x: 0, y: 0, width: 60, height: 24 });
  });

  it('collapses single-child splits back to a full-window pane', () => {
    const layout = build([
      [0, 1, true],
      [1, 2, false],
    ]);
    const left = removePane(removePane(layout, 0) as Layout, 2) as Layout;
    expect(left).toEqual(singlePane(1));
    expect(rectOf(left, 1)).toEqual(AREA);
  });

  it('merges a collapsed split into a parent of the same kind', () => {
    // row[0, column[1, row[2, 3]]]: removing 1 leaves row[0, 2, 3].
    const layout = build([
      [0, 1, true],
      [1, 2, false],
      [2, 3, true],
    ]);
    const after = removePane(layout, 1) as Layout;
    expect(after.kind === 'row' && after.children.every((child) => child.kind === 'pane')).toBe(true);
    expectTiles(after, AREA);
  });
});

describe('resizePane', () => {
  const pair = splitPane(singlePane(0), 0, 1, true, AREA);
  const stacked = splitPane(singlePane(0), 0, 1, false, AREA);

  it('moves a border by exactly 1 and exactly 5 cells', () => {
    expect(rectOf(resizePane(pair, 0, 'right', 1, AREA), 0).width).toBe(41);
    expect(rectOf(resizePane(pair, 0, 'right', 5, AREA), 0).width).toBe(45);
    expect(rectOf(resizePane(pair, 0, 'right', 5, AREA), 1)).toEqual({ x: 46, y: 0, width: 34, height: 24 });
    expect(rectOf(resizePane(stacked, 0, 'down', 1, AREA), 0).height).toBe(13);
    expect(rectOf(resizePane(stacked, 0, 'down', 5, AREA), 0).height).toBe(17);
  });

  it('follows tmux for the last pane: its leading border moves instead', () => {
    expect(rectOf(resizePane(pair, 1, 'right', 5, AREA), 1).width).toBe(34);
    expect(rectOf(resizePane(pair, 1, 'left', 5, AREA), 1).width).toBe(44);
    expect(rectOf(resizePane(stacked, 1, 'down', 3, AREA), 1).height).toBe(9);
    expect(rectOf(resizePane(stacked, 1, 'up', 3, AREA), 1).height).toBe(15);
    // And a pane with a neighbour after it shrinks when its border moves towards itself.
    expect(rectOf(resizePane(pair, 0, 'left', 3, AREA), 0).width).toBe(37);
    expect(rectOf(resizePane(stacked, 0, 'up', 3, AREA), 0).height).toBe(9);
  });

  it('resizes a pane nested in the other orientation by exactly the amount', () => {
    const layout = build([
      [0, 1, true],
      [0, 2, false],
    ]);
    const resized = resizePane(layout, 2, 'right', 7, AREA);
    expect(rectOf(resized, 2).width).toBe(47);
    expect(rectOf(resized, 0).width).toBe(47);
    expect(rectOf(resized, 1).width).toBe(32);
  });

  it('clamps at the minimum size and does nothing when no border can move', () => {
    const squeezed = resizePane(pair, 0, 'right', 1000, AREA);
    expect(rectOf(squeezed, 1).width).toBe(1);
    expect(rectOf(squeezed, 0).width).toBe(78);
    expect(resizePane(squeezed, 0, 'right', 1, AREA)).toBe(squeezed);
    expect(rectOf(resizePane(stacked, 0, 'down', 1000, AREA), 1).height).toBe(2);
    expect(resizePane(singlePane(0), 0, 'left', 3, AREA)).toEqual(singlePane(0));
    expect(resizePane(pair, 0, 'up', 3, AREA)).toBe(pair);
    expect(resizePane(pair, 9, 'left', 3, AREA)).toBe(pair);
  });

  it('pushes through a sibling already at its minimum, like tmux', () => {
    let layout = build([
      [0, 1, true],
      [1, 2, true],
    ]);
    layout = resizePane(layout, 1, 'left', 100, AREA); // 0 is squeezed to 1 column
    expect(rectOf(layout, 0).width).toBe(1);
    const pushed = resizePane(layout, 0, 'right', 1, AREA);
    // Pane 1 is at its minimum too, so the border pushes it along and pane 2 gives the cell.
    expect(rectOf(pushed, 0).width).toBe(2);
  });
});

describe('dragBorder', () => {
  const pair = splitPane(singlePane(0), 0, 1, true, AREA); // separator at x 40
  const stacked = splitPane(singlePane(0), 0, 1, false, AREA); // pane 1's title row at y 12

  it('moves the separator under the pointer, or the title row of a pane with one above it, to the pointer', () => {
    expect(rectOf(dragBorder(pair, AREA, { x: 40, y: 5 }, { x: 30, y: 9 }), 0).width).toBe(30);
    expect(rectOf(dragBorder(pair, AREA, { x: 40, y: 23 }, { x: 52, y: 23 }), 1)).toEqual({ x: 53, y: 0, width: 27, height: 24 });
    expect(rectOf(dragBorder(stacked, AREA, { x: 70, y: 12 }, { x: 0, y: 6 }), 1)).toEqual({ x: 0, y: 6, width: 80, height: 18 });
  });

  it('finds nothing to move on a pane, on the top title row or off the screen', () => {
    for (const from of [{ x: 39, y: 5 }, { x: 41, y: 5 }, { x: 10, y: 0 }, { x: 200, y: 5 }]) {
      expect(dragBorder(pair, AREA, from, { x: from.x - 5, y: from.y })).toBe(pair);
    }
    expect(dragBorder(stacked, AREA, { x: 5, y: 11 }, { x: 5, y: 5 })).toBe(stacked);
    // What the mouse is told is a border is exactly what a drag moves.
    expect([borderKindAt(pair, AREA, 40, 5), borderKindAt(stacked, AREA, 70, 12), borderKindAt(pair, AREA, 10, 0), borderKindAt(stacked, AREA, 5, 11)])
      .toEqual(['vertical', 'horizontal', undefined, undefined]);
  });

  it('stops at the panes\' minimums', () => {
    expect(rectOf(dragBorder(pair, AREA, { x: 40, y: 5 }, { x: -10, y: 5 }), 0).width).toBe(1);
    expect(rectOf(dragBorder(stacked, AREA, { x: 5, y: 12 }, { x: 5, y: 99 }), 1).height).toBe(2);
  });

  it('takes the innermost border there: a nested split\'s, or the outer one between its panes', () => {
    // 0 | 2 side by side, 0 over 1 on the left: pane 1's title row is the inner border.
    const layout = build([
      [0, 2, true],
      [0, 1, false],
    ]);
    const before = rectOf(layout, 1);
    const inner = dragBorder(layout, AREA, { x: 10, y: before.y }, { x: 10, y: before.y - 4 });
    expect(rectOf(inner, 1).y).toBe(before.y - 4);
    expect(rectOf(inner, 2)).toEqual(rectOf(layout, 2));
    const outer = dragBorder(layout, AREA, { x: 40, y: 20 }, { x: 45, y: 20 });
    expect([rectOf(outer, 0).width, rectOf(outer, 1).width, rectOf(outer, 2).x]).toEqual([45, 45, 46]);
  });
});

describe('swapPanes', () => {
  it('puts two panes in each other\'s places and leaves the rest', () => {
    const layout = build([
      [0, 1, true],
      [1, 2, false],
    ]);
    const swapped = swapPanes(layout, 0, 2);
    expect(paneIds(swapped)).toEqual([2, 1, 0]);
    expect(rectOf(swapped, 2)).toEqual(rectOf(layout, 0));
    expect(rectOf(swapped, 0)).toEqual(rectOf(layout, 2));
    expect(rectOf(swapped, 1)).toEqual(rectOf(layout, 1));
  });
});

describe('spreadOut and rotatePanes', () => {
  it('spreadOut gives every split\'s panes equal shares and keeps the shape', () => {
    const layout = resizePane(build([[0, 1, true], [1, 2, false]]), 0, 'right', 15, AREA);
    expect(rectOf(layout, 0).width).toBe(55);
    const even = spreadOut(layout, AREA);
    expect(paneIds(even)).toEqual([0, 1, 2]);
    expect([rectOf(even, 0).width, rectOf(even, 1).width, rectOf(even, 1).height, rectOf(even, 2).height]).toEqual([40, 39, 12, 12]);
  });

  it('rotatePanes moves every pane one place in pane order, round the ends', () => {
    const layout = build([[0, 1, true], [1, 2, false]]);
    expect(paneIds(rotatePanes(layout, 'up'))).toEqual([1, 2, 0]);
    expect(paneIds(rotatePanes(layout, 'down'))).toEqual([2, 0, 1]);
    expect(rectOf(rotatePanes(layout, 'up'), 1)).toEqual(rectOf(layout, 0));
  });
});

describe('window resizes', () => {
  it('keeps proportions approximately and restores exactly at the original size', () => {
    const layout = resizePane(splitPane(singlePane(0), 0, 1, true, AREA), 0, 'right', 20, AREA);
    expect(rectOf(layout, 0).width).toBe(60);
    const wide = { ...AREA, width: 160 };
    expect(Math.abs(rectOf(layout, 0, wide).width - 120)).toBeLessThanOrEqual(1);
    expectTiles(layout, wide);
    expect(computeLayout(layout, AREA)).toEqual(computeLayout(layout, AREA));
    expect(rectOf(layout, 0)).toEqual({ x: 0, y: 0, width: 60, height: 24 });
  });

  it('an edit made at another size comes back within a cell per pane', () => {
    const layout = build([
      [0, 1, true],
      [1, 2, false],
      [0, 3, false],
    ]);
    const wide = { ...AREA, width: 123, height: 37 };
    const edited = removePane(splitPane(layout, 2, 9, true, wide), 9) as Layout;
    for (const id of paneIds(layout)) {
      const before = rectOf(layout, id);
      const after = rectOf(edited, id);
      expect(Math.abs(after.width - before.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(1);
    }
  });

  it('never throws at 1x1 or 0x0, for computing or editing', () => {
    const layout = build([
      [0, 1, true],
      [1, 2, false],
      [0, 3, false],
      [3, 4, true],
    ]);
    for (const area of [
      { x: 0, y: 0, width: 1, height: 1 },
      { x: 5, y: 2, width: 0, height: 0 },
      { x: 0, y: 0, width: 3, height: 40 },
      { x: 0, y: 0, width: 200, height: 3 },
    ]) {
      expectTiles(layout, area);
      const edited = resizePane(splitPane(layout, 4, 5, true, area), 5, 'left', 3, area);
      expectTiles(edited, area);
      expectTiles(edited, AREA);
      for (const name of LAYOUT_NAMES) expectTiles(applyPreset(name, paneIds(layout), area), area);
      for (const direction of DIRECTIONS) expect(() => neighbourPane(layout, 0, direction, area)).not.toThrow();
      expect(computeLayout(layout, area, 2).panes.get(2)).toEqual(area);
    }
  });
});

describe('presets', () => {
  const ids = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

  it('even-horizontal gives equal widths, even-vertical equal heights', () => {
    const row = applyPreset('even-horizontal', ids(4), AREA);
    expect(ids(4).map((id) => rectOf(row, id).width)).toEqual([20, 19, 19, 19]);
    expectTiles(row, AREA);
    const column = applyPreset('even-vertical', ids(3), AREA);
    expect(ids(3).map((id) => rectOf(column, id))).toEqual([
      { x: 0, y: 0, width: 80, height: 8 },
      { x: 0, y: 8, width: 80, height: 8 },
      { x: 0, y: 16, width: 80, height: 8 },
    ]);
  });

  it('tiled makes a grid whose last row shares the full width', () => {
    const three = applyPreset('tiled', ids(3), AREA);
    expect(ids(3).map((id) => rectOf(three, id))).toEqual([
      { x: 0, y: 0, width: 40, height: 12 },
      { x: 41, y: 0, width: 39, height: 12 },
      { x: 0, y: 12, width: 80, height: 12 },
    ]);
    const four = applyPreset('tiled', ids(4), AREA);
    expect(rectOf(four, 3)).toEqual({ x: 41, y: 12, width: 39, height: 12 });
    const five = applyPreset('tiled', ids(5), AREA);
    expect(ids(5).map((id) => rectOf(five, id))).toEqual([
      { x: 0, y: 0, width: 26, height: 12 },
      { x: 27, y: 0, width: 26, height: 12 },
      { x: 54, y: 0, width: 26, height: 12 },
      { x: 0, y: 12, width: 40, height: 12 },
      { x: 41, y: 12, width: 39, height: 12 },
    ]);
    expect(applyPreset('tiled', [7], AREA)).toEqual(singlePane(7));
  });

  it('keeps the given pane order and cycles like next-layout', () => {
    expect(paneIds(applyPreset('tiled', [4, 2, 9], AREA))).toEqual([4, 2, 9]);
    expect(nextPresetName(undefined)).toBe('even-horizontal');
    expect(nextPresetName('even-horizontal')).toBe('even-vertical');
    expect(nextPresetName('even-vertical')).toBe('main-horizontal');
    expect(nextPresetName('main-horizontal')).toBe('main-vertical');
    expect(nextPresetName('main-vertical')).toBe('tiled');
    expect(nextPresetName('tiled')).toBe('even-horizontal');
  });

  it('main-horizontal: the first pane 24 rows across the top, the rest side by side below; main-vertical: 80 columns on the left', () => {
    const big: Rect = { x: 0, y: 0, width: 200, height: 60 };
    const top = applyPreset('main-horizontal', [3, 1, 2], big);
    // 24 rows of its own, under its title row, as tmux's main-pane-height counts them.
    expect(rectOf(top, 3, big)).toEqual({ x: 0, y: 0, width: 200, height: 25 });
    expect([rectOf(top, 1, big), rectOf(top, 2, big)]).toEqual([{ x: 0, y: 25, width: 100, height: 35 }, { x: 101, y: 25, width: 99, height: 35 }]);
    const left = applyPreset('main-vertical', [3, 1, 2], big);
    expect(rectOf(left, 3, big)).toEqual({ x: 0, y: 0, width: 80, height: 60 });
    expect([rectOf(left, 1, big), rectOf(left, 2, big)]).toEqual([{ x: 81, y: 0, width: 119, height: 30 }, { x: 81, y: 30, width: 119, height: 30 }]);
    // In a small window the main pane leaves the others their minimum.
    const small = applyPreset('main-horizontal', [3, 1], AREA);
    expect([rectOf(small, 3).height, rectOf(small, 1).height]).toEqual([22, 2]);
    expect(paneIds(applyPreset('main-vertical', [5], AREA))).toEqual([5]);
  });

  it('sizes the main pane as main-pane-height and main-pane-width say', () => {
    const big: Rect = { x: 0, y: 0, width: 200, height: 60 };
    const main = { height: 10, width: 50 };
    expect(rectOf(applyPreset('main-horizontal', [3, 1, 2], big, main), 3, big)).toEqual({ x: 0, y: 0, width: 200, height: 11 });
    expect(rectOf(applyPreset('main-vertical', [3, 1, 2], big, main), 3, big)).toEqual({ x: 0, y: 0, width: 50, height: 60 });
    // More than the window holds: the others keep their minimum.
    const huge = { height: 1000, width: 1000 };
    expect(rectOf(applyPreset('main-horizontal', [3, 1], AREA, huge), 3).height).toBe(22);
  });
});

describe('zoom', () => {
  it('gives the zoomed pane the whole area and hides the rest', () => {
    const layout = build([
      [0, 1, true],
      [1, 2, false],
    ]);
    const area = { x: 2, y: 1, width: 50, height: 20 };
    expect(computeLayout(layout, area, 2)).toEqual({ panes: new Map([[2, area]]), separators: [] });
    expect(computeLayout(layout, area, 42).panes.size).toBe(3);
  });
});

describe('neighbourPane', () => {
  // 0 top-left, 2 bottom-left, 1 the whole right half.
  const layout = build([
    [0, 1, true],
    [0, 2, false],
  ]);

  it('finds the adjacent pane in all four directions', () => {
    expect(neighbourPane(layout, 0, 'right', AREA)).toBe(1);
    expect(neighbourPane(layout, 2, 'right', AREA)).toBe(1);
    expect(neighbourPane(layout, 0, 'down', AREA)).toBe(2);
    expect(neighbourPane(layout, 2, 'up', AREA)).toBe(0);
    expect(neighbourPane(layout, 1, 'left', AREA)).toBe(0); // tie on overlap: the topmost
  });

  it('prefers the pane that overlaps most', () => {
    const lower = resizePane(layout, 0, 'down', 6, AREA); // 0 is 18 rows, 2 is 6
    expect(neighbourPane(lower, 1, 'left', AREA)).toBe(0);
    const higher = resizePane(layout, 0, 'up', 6, AREA); // 0 is 6 rows, 2 is 18
    expect(neighbourPane(higher, 1, 'left', AREA)).toBe(2);
  });

  it('wraps around to the far side like tmux', () => {
    expect(neighbourPane(layout, 1, 'right', AREA)).toBe(0);
    expect(neighbourPane(layout, 0, 'left', AREA)).toBe(1);
    expect(neighbourPane(layout, 2, 'down', AREA)).toBe(0);
    expect(neighbourPane(layout, 0, 'up', AREA)).toBe(2);
  });

  it('is undefined when no other pane lies in that axis', () => {
    expect(neighbourPane(layout, 1, 'up', AREA)).toBeUndefined();
    expect(neighbourPane(layout, 1, 'down', AREA)).toBeUndefined();
    for (const direction of DIRECTIONS) expect(neighbourPane(singlePane(0), 0, direction, AREA)).toBeUndefined();
    expect(neighbourPane(layout, 9, 'left', AREA)).toBeUndefined();
  });
});
