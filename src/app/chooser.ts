// Keys over an overlay: a text to read (list-keys, rc-file problems) scrolls; choose-tree's list
// (C-b w windows, C-b s sessions) has a line under the cursor (drawn reversed): Up/Down (k/j)
// move, Enter chooses, a digit chooses that line. q or Escape closes either.
import type { Overlay } from './attached-client.js';

/**
 * What `key` does to the overlay: it stays, closes, or (an overlay shown unasked, for a key it
 * does not use) closes and the key goes on to do what it would have done.
 */
export function overlayKey(overlay: Overlay, key: string, page: number): 'stay' | 'close' | 'pass' {
  if (overlay.chooser) return chooserKey(overlay, overlay.chooser, key, page);
  const maxScroll = Math.max(0, overlay.lines.length - page);
  const moves: Record<string, number> = { Up: -1, Down: 1, PageUp: -page, PageDown: page };
  // Letters and Space scroll only an overlay that was asked for: elsewhere they are typing.
  if (!overlay.passOtherKeys) Object.assign(moves, { k: -1, j: 1, Space: page });
  if (key === 'q' || key === 'Escape' || key === 'C-c') return 'close';
  if (key in moves) {
    overlay.scroll = Math.min(maxScroll, Math.max(0, overlay.scroll + moves[key]!));
    return 'stay';
  }
  return overlay.passOtherKeys ? 'pass' : 'stay';
}

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
