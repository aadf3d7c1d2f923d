// Render state that serves many readers: each painter remembers the generation of every pane row
// it drew, so painters reading the same panes at different moments each see every change, and a
// painter that missed frames catches up with exactly the rows that changed meanwhile.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { DEFAULT_STYLE, type FrameView } from '../../src/ui/compose.js';
import { DrawnRows } from '../../src/ui/drawn-rows.js';
import { FramePainter } from '../../src/app/frame-painter.js';
import type { Pane } from '../../src/panes/pane.js';
import { plainStatus } from '../support/plain-status.js';

const COLS = 20;
const ROWS = 8;
const CAPS = { truecolor: true, styledUnderlines: false };

function write(emulator: Emulator, data: string): Promise<void> {
  return new Promise((resolve) => emulator.write(data, resolve));
}

/** One pane filling the screen under its border, and a status line. */
function viewOf(pane: Emulator): FrameView {
  return {
    width: COLS,
    height: ROWS + 2,
    panes: [{ id: 1, index: 0, rect: { x: 0, y: 0, width: COLS, height: ROWS + 1 }, focused: true, title: 'sh', content: pane, cursor: pane.cursorState() }],
    separators: [],
    status: plainStatus('[tmx]', ''),
    paneNumbers: false,
    style: DEFAULT_STYLE,
  };
}

/** A painter and the terminal it draws on (an emulator parsing its frames). */
class Client {
  readonly painter = new FramePainter();
  readonly terminal = new Emulator({ cols: COLS, rows: ROWS + 2, scrollback: 0 });
  /** Bytes of the last frame. */
  last = '';

  constructor(private readonly pane: Emulator) {}

  async paint(): Promise<void> {
    const panes = new Map([[1, { emulator: this.pane, shownCursor: () => this.pane.cursorState() } as unknown as Pane]]);
    this.last = this.painter.paint(() => viewOf(this.pane), panes, CAPS);
    await write(this.terminal, this.last);
  }

  /** The pane's rows as this terminal shows them. */
  paneRows(): string[] {
    return this.terminal.screenText().split('\n').slice(1, ROWS + 1).map((l) => l.trimEnd());
  }
}

const paneRows = (pane: Emulator): string[] => pane.screenText().split('\n').slice(0, ROWS).map((l) => l.trimEnd());

describe('painters reading the same panes', () => {
  it('each sees every change, painting at different moments', async () => {
    const pane = new Emulator({ cols: COLS, rows: ROWS, scrollback: 50 });
    const [often, seldom] = [new Client(pane), new Client(pane)];
    await often.paint();
    await seldom.paint();
    for (let i = 1; i <= 20; i++) {
      await write(pane, i % 4 === 0 ? `\x1b[${(i % ROWS) + 1};3Hx${i}` : `line ${i}\r\n`);
      await often.paint();
      expect(often.paneRows()).toEqual(paneRows(pane));
      if (i % 3 === 0) {
        await seldom.paint();
        expect(seldom.paneRows()).toEqual(paneRows(pane));
      }
    }
    await seldom.paint();
    expect(seldom.paneRows()).toEqual(paneRows(pane));
    // Nothing changed since: both frames are empty.
    await often.paint();
    await seldom.paint();
    expect([often.last, seldom.last]).toEqual(['', '']);
  });

  it('a painter that missed frames redraws exactly the rows changed meanwhile; one that did not, only the latest', async () => {
    const pane = new Emulator({ cols: COLS, rows: ROWS, scrollback: 50 });
    await write(pane, 'zero\r\none\r\ntwo');
    const [behind, current] = [new DrawnRows(), new DrawnRows()];
    const paneView = viewOf(pane).panes[0]!;
    behind.recordAll([paneView]);
    current.recordAll([paneView]);
    await write(pane, '\x1b[2;1Hrow two');
    expect(current.takeChanged(paneView, ROWS)).toEqual([[1, 1]]);
    await write(pane, '\x1b[6;1Hsix\x1b[7;1Hseven');
    expect(current.takeChanged(paneView, ROWS)).toEqual([[5, 6]]);
    await write(pane, '\x1b[4;2Hx');
    expect(current.takeChanged(paneView, ROWS)).toEqual([[3, 3]]);
    expect(behind.takeChanged(paneView, ROWS)).toEqual([[1, 1], [3, 3], [5, 6]]);
    // Both are up to date now, and the rows of the pane below `height` are not drawn.
    expect(behind.takeChanged(paneView, ROWS)).toEqual([]);
    await write(pane, '\x1b[8;1Hlast');
    expect(current.takeChanged(paneView, 5)).toEqual([]);
    expect(current.takeChanged(paneView, ROWS)).toEqual([[7, 7]]);
  });

  it('a scroll moves every row that shows something else, for every painter', async () => {
    const pane = new Emulator({ cols: COLS, rows: ROWS, scrollback: 50 });
    for (let i = 0; i < ROWS - 1; i++) await write(pane, `line ${i}\r\n`);
    const painters = [new DrawnRows(), new DrawnRows()];
    const paneView = viewOf(pane).panes[0]!;
    for (const drawn of painters) drawn.recordAll([paneView]);
    await write(pane, 'b\r\nc');
    for (const drawn of painters) expect(drawn.takeChanged(paneView, ROWS)).toEqual([[0, ROWS - 1]]);
    // Rows xterm redrew that read back the same (the cursor moved across them) keep their generation.
    await write(pane, '\x1b[2;1H\x1b[5;3H');
    for (const drawn of painters) expect(drawn.takeChanged(paneView, ROWS)).toEqual([]);
  });

  it('a selection drawn and taken away moves its rows though the cells stay', async () => {
    const pane = new Emulator({ cols: COLS, rows: ROWS, scrollback: 50 });
    await write(pane, 'one\r\ntwo');
    const drawn = new DrawnRows();
    const paneView = viewOf(pane).panes[0]!;
    drawn.recordAll([paneView]);
    pane.setSelection({ start: { line: 0, col: 0 }, end: { line: 0, col: 2 } });
    expect(drawn.takeChanged(paneView, ROWS)).toEqual([[0, ROWS - 1]]);
    pane.setSelection(undefined);
    expect(drawn.takeChanged(paneView, ROWS)).toEqual([[0, ROWS - 1]]);
  });

  it('a painter whose screen was forgotten draws everything, the other only what moved', async () => {
    const pane = new Emulator({ cols: COLS, rows: ROWS, scrollback: 50 });
    const [a, b] = [new Client(pane), new Client(pane)];
    await write(pane, 'hello');
    await a.paint();
    await b.paint();
    b.painter.forgetScreen();
    await write(pane, '!');
    await a.paint();
    await b.paint();
    expect(a.last).toBe('!');
    expect(b.last.length).toBeGreaterThan(COLS * ROWS);
    expect(b.paneRows()).toEqual(paneRows(pane));
  });
});
