// xterm's BufferLine.copyFrom, replaced so that recycling a line of a full scrollback keeps
// its empty maps instead of allocating two objects per line feed (line-recycling.ts). It must
// leave every line exactly as xterm's own copyFrom would.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import type * as XtermHeadless from '@xterm/headless';
import { recycleLinesWithoutAllocating } from '../../src/emulator/line-recycling.js';
import { Emulator } from '../../src/emulator/emulator.js';

const { Terminal } = createRequire(import.meta.url)('@xterm/headless') as typeof XtermHeadless;

interface Line {
  _data: Uint32Array;
  length: number;
  _combined: Record<number, string>;
  _extendedAttrs: Record<number, unknown>;
  isWrapped: boolean;
  copyFrom(line: Line): void;
  clone(): Line;
}

const COLS = 10;

/** xterm's own copyFrom, taken before any Emulator of this file replaces it. */
const XTERM_COPY_FROM = (() => {
  const term = new Terminal({ cols: COLS, rows: 2, allowProposedApi: true });
  const line = (term as unknown as { _core: { buffer: { lines: { get(i: number): Line } } } })._core.buffer.lines.get(0);
  const copyFrom = (Object.getPrototypeOf(line) as { copyFrom: Line['copyFrom'] }).copyFrom;
  term.dispose();
  return copyFrom;
})();

/** The lines of a terminal that printed `text`, each a copy (so tests may change them). */
async function linesOf(text: string): Promise<Line[]> {
  const term = new Terminal({ cols: COLS, rows: 4, scrollback: 10, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(text, resolve));
  const lines = (term as unknown as { _core: { buffer: { lines: { length: number; get(i: number): Line } } } })._core.buffer.lines;
  const copies: Line[] = [];
  for (let i = 0; i < lines.length; i++) copies.push(lines.get(i).clone());
  term.dispose();
  return copies;
}

function snapshot(line: Line): unknown {
  return {
    data: Array.from(line._data),
    length: line.length,
    combined: { ...line._combined },
    extended: Object.fromEntries(Object.entries(line._extendedAttrs).map(([k, v]) => [k, JSON.stringify(v)])),
    isWrapped: line.isWrapped,
  };
}

// Text with combined characters (e + combining acute), extended attributes (curly underline,
// underline colour), wide characters, wrapping and colours.
const piece = fc.constantFrom('ab', 'e\u0301', '\x1b[4:3m', '\x1b[58:5:196m', '\x1b[0m', '中', '\r\n', '\x1b[31m', 'xxxxxxxxxxxx', ' ');

describe('recycled buffer lines', () => {
  // First: the emulator itself puts the copy in place (the test after this one does too).
  it('keep their empty maps when a pane with a full scrollback scrolls', async () => {
    const emulator = new Emulator({ cols: COLS, rows: 3, scrollback: 4 });
    const write = (data: string): Promise<void> => new Promise((resolve) => emulator.write(data, resolve));
    await write('1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n');
    const lines = (emulator as unknown as { core: { buffer: { lines: { length: number; get(i: number): Line } } } }).core.buffer.lines;
    expect(lines.length).toBe(7); // full: 4 of scrollback and 3 on screen
    const maps = new Set<object>();
    for (let i = 0; i < lines.length; i++) maps.add(lines.get(i)._combined).add(lines.get(i)._extendedAttrs);
    await write('8\r\n9\r\ne\u0301\r\n');
    // The three recycled lines took the blank line's (empty) maps into their own objects.
    let reused = 0;
    for (let i = 0; i < lines.length; i++) if (maps.has(lines.get(i)._combined) && maps.has(lines.get(i)._extendedAttrs)) reused++;
    expect(reused).toBe(lines.length);
    expect(emulator.screenText().split('\n')).toEqual(['9', 'e\u0301', '']);
    emulator.dispose();
  });

  it('end up exactly as xterm copyFrom leaves them, maps and all', async () => {
    const sample = (await linesOf('x'))[0]!;
    const proto = Object.getPrototypeOf(sample) as { copyFrom: Line['copyFrom'] };
    expect(recycleLinesWithoutAllocating(sample)).toBe(true);
    const original = XTERM_COPY_FROM;
    const patched = proto.copyFrom;
    expect(patched).not.toBe(original);
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), async (a, b, i, j) => {
        const targets = await linesOf(a.join(''));
        const sources = await linesOf(b.join(''));
        const target = targets[i % targets.length]!;
        const source = sources[j % sources.length]!;
        const byXterm = target.clone();
        original.call(byXterm, source);
        const byTmx = target.clone();
        patched.call(byTmx, source);
        expect(snapshot(byTmx)).toEqual(snapshot(byXterm));
        // The copy shares no map with its source: a later change to one never shows in the other.
        if (Object.keys(source._combined).length > 0) expect(byTmx._combined).not.toBe(source._combined);
        if (Object.keys(source._extendedAttrs).length > 0) expect(byTmx._extendedAttrs).not.toBe(source._extendedAttrs);
      }),
      { numRuns: 150 },
    );
  });
});
