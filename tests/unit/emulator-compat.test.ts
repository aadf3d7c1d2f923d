// What the emulator does where xterm.js alone would differ from tmux (vt-compat.ts) or keep
// without bound (output-guards.ts). Each expected screen is what tmux 3.3a shows for the same
// bytes (checked against a real tmux when written; tests/e2e/fidelity.test.ts does so live).
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../src/emulator/emulator.js';
import { CellGrid, UnderlineStyle, underlineStyleOf } from '../../src/emulator/cells.js';
import { MAX_CELL_TEXT_BYTES, MAX_TITLE_CHARS, cutTitle } from '../../src/emulator/output-guards.js';

function emulator(cols = 30, rows = 8): Emulator {
  return new Emulator({ cols, rows, scrollback: 100 });
}

function parse(e: Emulator, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => e.write(data, resolve));
}

const rows = (e: Emulator) => e.screenText().split('\n');
const cursor = (e: Emulator) => {
  const { x, y } = e.cursorState();
  return [x, y];
};

describe('DECCOLM (CSI ? 3 h / l), as tmux: clears and homes, the size stays', () => {
  const numbered = '1\r\n2\r\n3\r\n4\r\n5';

  it('clears the screen and homes the cursor, keeping the size', async () => {
    for (const sequence of ['\x1b[?3h', '\x1b[?3l']) {
      const e = emulator();
      await parse(e, `${numbered}\x1b[2;5H${sequence}A`);
      expect(rows(e)).toEqual(['A', '', '', '', '', '', '', '']);
      expect(cursor(e)).toEqual([1, 0]);
      expect([e.cols, e.rows]).toEqual([30, 8]);
    }
  });

  it('keeps the margins and origin mode, homing to the top margin', async () => {
    const e = emulator();
    await parse(e, `${numbered}\x1b[3;6r\x1b[?6h\x1b[2;5H\x1b[?3hA`);
    expect(rows(e)).toEqual(['', '', 'A', '', '', '', '', '']);
    // The margins still hold: a line feed at the bottom margin scrolls rows 3-6 only.
    await parse(e, '\x1b[20;1HB\r\n\r\nC');
    expect(rows(e)).toEqual(['', '', '', 'B', '', 'C', '', '']);
  });

  it('applies the other modes of the same sequence in their order', async () => {
    const e = emulator();
    await parse(e, `${numbered}\x1b[3;6r\x1b[?6;3;25lX`);
    // Origin mode off first, so home is the screen's corner; the cursor is hidden too.
    expect(rows(e)[0]).toBe('X');
    expect(e.cursorState().visible).toBe(false);
    await parse(e, '\x1b[?25;6;3hY');
    expect(rows(e)).toEqual(['', '', 'Y', '', '', '', '', '']);
    expect(e.cursorState().visible).toBe(true);
  });
});

describe('DEC special graphics, as tmux draws them', () => {
  it('draws the arrows and the block tmux draws (+ , - . 0), and the rest as before', async () => {
    const e = emulator();
    await parse(e, '\x1b(0+,-.0qx\x1b(B+,-.0q\r\n\x1b)0\x0e+0\x0f+0');
    expect(rows(e).slice(0, 2)).toEqual(['→←↑↓▮─│+,-.0q', '→▮+0']);
  });
});

describe('limits on what output can make the emulator keep', () => {
  it('keeps a title to MAX_TITLE_CHARS characters, never half a surrogate pair', async () => {
    const e = emulator();
    const titles: string[] = [];
    e.onTitle((t) => titles.push(t));
    await parse(e, `\x1b]2;${'t'.repeat(5000)}\x07\x1b]0;short\x07`);
    expect(titles).toEqual(['t'.repeat(MAX_TITLE_CHARS), 'short']);
    expect(cutTitle(`${'a'.repeat(MAX_TITLE_CHARS - 1)}😀b`)).toBe('a'.repeat(MAX_TITLE_CHARS - 1));
  });

  it('keeps a cell to 21 bytes of text, dropping further combining marks as tmux does', async () => {
    const e = emulator();
    await parse(e, `e${'\u0301'.repeat(30)}|\r\na${'\u20dd'.repeat(30)}|`);
    // tmux 3.3a: e and 10 acute accents (21 bytes), a and 6 enclosing circles (19 bytes).
    expect(rows(e).slice(0, 2)).toEqual([`e${'\u0301'.repeat(10)}|`, `a${'\u20dd'.repeat(6)}|`]);
    expect(Buffer.byteLength(rows(e)[0]!.slice(0, -1))).toBe(MAX_CELL_TEXT_BYTES);
  });
});

describe('save and restore cursor (DECSC/DECRC)', () => {
  it('restores the whole pen, the underline style included', async () => {
    const e = emulator();
    // A is underlined; saved there, reset, B plain; restored, C in the saved pen; likewise curly D.
    await parse(e, '\x1b[4mA\x1b7\x1b[0m\x1b[1;5HB\x1b8C\x1b[4:3m\x1b7\x1b[0m\x1b[1;6HE\x1b8D');
    const grid = new CellGrid(e.cols, e.rows);
    e.copyViewport(grid, 0, 0, e.cols, e.rows);
    const underline = (x: number) => underlineStyleOf(grid.attrs[x]!);
    expect(e.rowText(0)).toBe('ACD BE');
    expect([0, 1, 2, 4, 5].map(underline)).toEqual([UnderlineStyle.SINGLE, UnderlineStyle.SINGLE, UnderlineStyle.CURLY, 0, 0]);
  });
});

describe('string payloads gathered compactly', () => {
  it('hands titles and clipboard writes on exactly, astral characters and all, in pieces of any size', async () => {
    const e = emulator();
    const titles: string[] = [];
    const writes: string[] = [];
    e.onTitle((t) => titles.push(t));
    e.onClipboardWrite((d) => writes.push(d.toString()));
    const title = `😀 é ${'中'.repeat(50)} 𝄞`;
    const clip = `${'x'.repeat(20000)}😀`;
    const bytes = Buffer.from(`\x1b]2;${title}\x07\x1b]52;c;${Buffer.from(clip).toString('base64')}\x1b\\`);
    for (let i = 0; i < bytes.length; i += 7) await parse(e, bytes.subarray(i, i + 7));
    expect(titles).toEqual([title]);
    expect(writes).toEqual([clip]);
  });

  it('a title longer than what is kept comes cut, not dropped', async () => {
    const e = emulator();
    const titles: string[] = [];
    e.onTitle((t) => titles.push(t));
    await parse(e, `\x1b]0;${'😀'.repeat(MAX_TITLE_CHARS)}\x07`);
    // 1024 code points kept, cut to 1024 UTF-16 units: 512 whole emoji.
    expect(titles).toEqual(['😀'.repeat(MAX_TITLE_CHARS / 2)]);
  });
});
