// The progress box a silent coprocess's pane shows instead of its frozen screen.
import { describe, expect, it } from 'vitest';
import { CellGrid } from '../../src/emulator/cells.js';
import { chromeKey, composeFrame, DEFAULT_STYLE, type FrameView, type PaneContent } from '../../src/ui/compose.js';
import { plainStatus } from '../support/plain-status.js';

const blank: PaneContent = {
  copyViewport: () => undefined,
  rowGenerations: () => new Float64Array(0),
  copyRows: () => undefined,
};

function view(panel: string[] | undefined, width = 40): FrameView {
  return {
    width,
    height: 12,
    panes: [{ id: 0, index: 0, rect: { x: 0, y: 0, width, height: 11 }, focused: true, title: 'bash', panel, content: blank, cursor: { x: 0, y: 0, visible: false } }],
    separators: [],
    status: plainStatus('[tmx]', ''),
    paneNumbers: false,
    style: DEFAULT_STYLE,
  };
}

function rowText(grid: CellGrid, y: number): string {
  let text = '';
  for (let x = 0; x < grid.width; x++) text += grid.chars[grid.index(x, y)] || ' ';
  return text;
}

describe('the progress panel', () => {
  it('is drawn over the middle of the pane, each line whole when it fits, cut with … when not', () => {
    const { grid } = composeFrame(view(['ZModem download: data.bin', '45%  9.0 MiB of 20.0 MiB', 'a line much longer than the pane is wide, cut'], 30));
    const rows = Array.from({ length: grid.height }, (_, y) => rowText(grid, y));
    const first = rows.findIndex((r) => r.includes('ZModem download: data.bin'));
    // 10 content rows under the border, 3 lines: rows 1 + 3 .. 1 + 5.
    expect(first).toBe(4);
    expect(rows[5]).toContain('45%  9.0 MiB of 20.0 MiB');
    expect(rows[6]!.trimEnd()).toMatch(/^ a line much longer than the …$/);
  });

  it('changes the frame\'s chrome key, so a new figure redraws it', () => {
    expect(chromeKey(view(['1%']))).not.toBe(chromeKey(view(['2%'])));
    expect(chromeKey(view(undefined))).not.toBe(chromeKey(view(['1%'])));
  });

  it('keeps frames patched while a message shows on the status line, not where it covers a pane', () => {
    const withMessage = { ...view(undefined), message: 'Build failed' };
    expect(chromeKey(withMessage)).toBeDefined();
    expect(chromeKey(withMessage)).not.toBe(chromeKey(view(undefined)));
    expect(chromeKey(withMessage)).not.toBe(chromeKey({ ...withMessage, message: 'Build passed' }));
    expect(chromeKey({ ...withMessage, status: undefined })).toBeUndefined();
  });
});
