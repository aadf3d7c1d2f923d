// choose-tree's list (C-b w windows, C-b s sessions): an overlay whose lines are choices, one
// under the cursor (drawn reversed); Up/Down (k/j) move, Enter chooses, a digit chooses that line,
// q or Escape closes.
import type { Overlay } from './app-types.js';

export function chooserKey(overlay: Overlay, chooser: NonNullable<Overlay['chooser']>, key: string, page: number): 'close' | 'stay' {
  const last = overlay.lines.length - 1;
  const moves: Record<string, number> = { Up: -1, k: -1, Down: 1, j: 1, PageUp: -page, PageDown: page };
  if (key === 'q' || key === 'Escape' || key === 'C-c') return 'close';
  if (key === 'Enter') {
    chooser.choose(chooser.selected);
    return 'close';
  }
  if (/^[0-9]$/.test(key) && Number(key) <= last) {
    chooser.choose(Number(key));
    return 'close';
  }
  if (key in moves) {
    chooser.selected = Math.min(last, Math.max(0, chooser.selected + moves[key]!));
    // The chosen line stays in view.
    if (chooser.selected < overlay.scroll) overlay.scroll = chooser.selected;
    if (chooser.selected >= overlay.scroll + page) overlay.scroll = chooser.selected - page + 1;
  }
  return 'stay';
}
