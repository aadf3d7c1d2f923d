// A pane title in the status line is cut to a share of it (tmux shows #{=21:pane_title}), so a
// program's 256-character title never hides the other panes.
import { describe, expect, it } from 'vitest';
import { STATUS_TITLE_MAX_COLUMNS, cutTitle } from '../../src/app/frame-view.js';

describe('cutTitle', () => {
  it('keeps a title that fits, whole', () => {
    expect(cutTitle('bash', 21)).toBe('bash');
    expect(cutTitle('x'.repeat(21), 21)).toBe('x'.repeat(21));
  });

  it("cuts a longer one to the columns, its last one an ellipsis (tmux's #{=/21/…:pane_title})", () => {
    expect(cutTitle('T'.repeat(256), STATUS_TITLE_MAX_COLUMNS)).toBe(`${'T'.repeat(20)}…`);
    expect(cutTitle('abcdef', 4)).toBe('abc…');
    expect(cutTitle('abcdef', 1)).toBe('…');
    expect(cutTitle('abcdef', 0)).toBe('');
  });

  it('counts a wide character as two columns and never splits one', () => {
    expect(cutTitle('日本語のタイトル', 7)).toBe('日本語…');
    expect(cutTitle('日本語のタイトル', 8)).toBe('日本語…');
    expect(cutTitle('ab日本', 6)).toBe('ab日本');
  });
});
