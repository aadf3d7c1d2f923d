// capture-pane: a pane's lines as text, from the screen or its history, plain or with the
// colours and attributes as SGR sequences (-e), as tmux prints them.
import { CellGrid } from '../emulator/cells.js';
import type { Emulator } from '../emulator/emulator.js';
import { Pen, styleTo, type TerminalCapabilities } from '../ui/serialize.js';

/** Colours as tmux's capture-pane -e writes them: 256 colours and RGB, plain underlines. */
const CAPTURE_CAPABILITIES: TerminalCapabilities = { truecolor: true, styledUnderlines: false };

/**
 * Lines `start`..`end` (0: the screen's top row; negative: history; -Infinity/Infinity: all of
 * the history, the screen's last row), clamped to what exists, one per line.
 */
export function captureLines(emulator: Emulator, start = 0, end = emulator.rows - 1, escapes = false): string {
  const first = Math.max(-emulator.historyLength(), start);
  const last = Math.min(emulator.rows - 1, end);
  // A view scrolled back (copy mode) is not the screen: those rows go plain.
  const styledRows = escapes && emulator.viewPosition().linesBack === 0 ? styledScreenRows(emulator) : undefined;
  const lines: string[] = [];
  for (let y = first; y <= last; y++) {
    lines.push(styledRows && y >= 0 ? styledRows[y]! : emulator.lineText(y) ?? '');
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The screen's rows with SGR sequences; each row starts and ends in the default pen. */
function styledScreenRows(emulator: Emulator): string[] {
  const grid = new CellGrid(emulator.cols, emulator.rows);
  emulator.copyViewport(grid, 0, 0, grid.width, grid.height);
  const rows: string[] = [];
  for (let y = 0; y < grid.height; y++) {
    const pen = new Pen();
    let row = '';
    // Where the text ends (trailing default blanks are left out) and whether its pen is set there.
    let lastText = 0;
    let styledAtEnd = false;
    for (let x = 0; x < grid.width; x++) {
      const i = grid.index(x, y);
      const ch = grid.chars[i]!;
      if (ch === '') continue; // the right half of a wide character
      row += styleTo(pen, grid.fg[i]!, grid.bg[i]!, grid.attrs[i]!, grid.ul[i]!, CAPTURE_CAPABILITIES) + ch;
      if (ch !== ' ' || !pen.isDefault()) {
        lastText = row.length;
        styledAtEnd = !pen.isDefault();
      }
    }
    row = row.slice(0, lastText);
    rows.push(styledAtEnd ? `${row}\x1b[0m` : row);
  }
  return rows;
}
