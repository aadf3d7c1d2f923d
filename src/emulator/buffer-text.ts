// Text out of xterm's buffer, as copy mode searches and copies it. xterm's buffer is known
// here through a structural type, so this file imports nothing of xterm (emulator.ts is the
// only file that does).

/** An absolute buffer line (0: the oldest line of history) and a column. */
export interface BufferPoint {
  line: number;
  col: number;
}

/** What of an xterm cell is read here. */
interface TextCell {
  getWidth(): number;
  getChars(): string;
}

/** What of an xterm buffer line is read here. */
interface TextLine {
  readonly isWrapped: boolean;
  readonly length: number;
  getCell(x: number, cell?: TextCell): TextCell | undefined;
  translateToString(trimRight?: boolean, startColumn?: number, endColumn?: number): string;
}

/** What of an xterm buffer is read here. */
export interface TextBuffer {
  getLine(y: number): TextLine | undefined;
  getNullCell(): TextCell;
}

/** A line (its wrapped rows joined) and, for each UTF-16 unit of its text, where it is drawn. */
export interface WrappedLine {
  first: number;
  last: number;
  text: string;
  at: BufferPoint[];
}

/**
 * The line buffer line `line` belongs to, its wrapped rows (first to last) joined: its text,
 * and for each UTF-16 unit of it the buffer line and column it is drawn at. What copy mode's
 * search looks through, so a match can run over a wrap and land on the right column after a
 * wide character.
 */
export function wrappedLineAt(buffer: TextBuffer, line: number): WrappedLine {
  let first = line;
  while (first > 0 && buffer.getLine(first)?.isWrapped) first--;
  let last = line;
  while (buffer.getLine(last + 1)?.isWrapped) last++;
  let text = '';
  const at: BufferPoint[] = [];
  const cell = buffer.getNullCell();
  for (let row = first; row <= last; row++) {
    const bufferLine = buffer.getLine(row);
    if (!bufferLine) break;
    for (let col = 0; col < bufferLine.length; col++) {
      bufferLine.getCell(col, cell);
      if (cell.getWidth() === 0) continue;
      const chars = cell.getChars() || ' ';
      text += chars;
      for (let unit = 0; unit < chars.length; unit++) at.push({ line: row, col });
    }
  }
  return { first, last, text, at };
}

/** The column of the last character on buffer line `line` that is not blank (0 on a blank line). */
export function lastTextColumn(buffer: TextBuffer, line: number): number {
  const row = buffer.getLine(line);
  if (!row) return 0;
  const cell = buffer.getNullCell();
  for (let col = row.length - 1; col >= 0; col--) {
    row.getCell(col, cell);
    const chars = cell.getWidth() === 0 ? '' : cell.getChars();
    if (chars !== '' && chars !== ' ') return col;
  }
  return 0;
}

/** A column on `row`, moved back onto a wide character's left half: a copy takes all of it, as tmux's. */
function wholeCharacterFrom(row: TextLine, col: number): number {
  return col > 0 && row.getCell(col)?.getWidth() === 0 ? col - 1 : col;
}

/**
 * The text from `start` to `end` (absolute lines, columns inclusive), lines joined by newlines
 * except where a line only wrapped onto the next; trailing blanks of each line dropped.
 */
export function textBetween(buffer: TextBuffer, cols: number, start: BufferPoint, end: BufferPoint): string {
  let text = '';
  for (let line = start.line; line <= end.line; line++) {
    const row = buffer.getLine(line);
    if (!row) break;
    if (line > start.line && !row.isWrapped) text += '\n';
    const from = line === start.line ? wholeCharacterFrom(row, start.col) : 0;
    const to = line === end.line ? end.col + 1 : cols;
    text += row.translateToString(false, from, to);
  }
  return text.replace(/ +$/gm, '');
}

/** Columns `left` to `right` (inclusive) of lines `first` to `last`, one line each, trailing blanks dropped. */
export function textInColumns(buffer: TextBuffer, first: number, last: number, left: number, right: number): string {
  const lines: string[] = [];
  for (let line = first; line <= last; line++) {
    const row = buffer.getLine(line);
    if (!row) break;
    lines.push(row.translateToString(true, wholeCharacterFrom(row, left), right + 1).replace(/ +$/, ''));
  }
  return lines.join('\n');
}
