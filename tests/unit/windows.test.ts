// A session's windows: indexes reused from the lowest free, the current and last window as
// tmux keeps them, and what replaces a window that ends.
import { describe, expect, it } from 'vitest';
import { WindowList } from '../../src/app/windows.js';

const AREA = { x: 0, y: 0, width: 80, height: 23 };

describe('WindowList', () => {
  it('numbers windows from 0, reusing the lowest free index, and keeps them in order', () => {
    const list = new WindowList(AREA);
    const one = list.add(AREA);
    const two = list.add(AREA);
    expect(list.all.map((e) => e.index)).toEqual([0, 1, 2]);
    list.remove(one);
    expect(list.add(AREA).index).toBe(1);
    expect(list.all.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(list.byIndex(2)).toBe(two);
  });

  it('select keeps the last window; next and previous go round the ends; a shown window loses its bell', () => {
    const list = new WindowList(AREA);
    const first = list.current;
    const second = list.add(AREA);
    second.bell = true;
    list.select(second);
    expect([list.current, list.last]).toEqual([second, first]);
    expect(second.bell).toBe(false);
    expect(list.neighbour(1)).toBe(first);
    expect(list.neighbour(-1)).toBe(first);
    list.select(second); // selecting the current window changes nothing
    expect(list.last).toBe(first);
  });

  it('a current window that ends is replaced by the last one, else its neighbour; the last one ends the list', () => {
    const list = new WindowList(AREA);
    const [a, b, c] = [list.current, list.add(AREA), list.add(AREA)];
    list.select(c);
    list.select(b);
    expect(list.remove(b)).toBe(true);
    expect(list.current).toBe(c);
    expect(list.last).toBeUndefined();
    expect(list.remove(c)).toBe(true);
    expect(list.current).toBe(a);
    expect(list.remove(a)).toBe(false);
  });
});
