// xterm's buffer lines made compact (compact-lines.ts): maps made on first use, new lines'
// cells in slabs, recycling without allocating. Every line must end up exactly as xterm alone
// leaves it, compared with a second copy of xterm's bundle that nothing patches.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import type * as XtermHeadless from '@xterm/headless';
import { compactBufferLines, type XCoreLines } from '../../src/emulator/compact-lines.js';
import { Emulator } from '../../src/emulator/emulator.js';

const require = createRequire(import.meta.url);
const bundle = require.resolve('@xterm/headless');

/** A copy of xterm's classes of its own: its lines' prototype is never patched. */
const Reference = (() => {
  const cached = require.cache[bundle];
  delete require.cache[bundle];
  const { Terminal } = require('@xterm/headless') as typeof XtermHeadless;
  if (cached) require.cache[bundle] = cached;
  else delete require.cache[bundle];
  return Terminal;
})();
const { Terminal } = require('@xterm/headless') as typeof XtermHeadless;

interface Line {
  _data: Uint32Array;
  length: number;
  _combined: Record<number, string>;
  _extendedAttrs: Record<number, unknown>;
  _combinedOrNone?: Record<number, string>;
  _extendedAttrsOrNone?: Record<number, unknown>;
  isWrapped: boolean;
}
interface Lines {
  length: number;
  get(i: number): Line;
}
interface Core {
  buffer: { lines: Lines; x: number; y: number; ybase: number };
  buffers: { normal: { lines: Lines } };
}

const coreOf = (term: XtermHeadless.Terminal): Core => (term as unknown as { _core: Core })._core;

function write(term: XtermHeadless.Terminal, data: string): Promise<void> {
  return new Promise((resolve) => term.write(data, resolve));
}

/** Everything of a line xterm keeps: cells, length, wrap, combined text, extended attributes. */
function snapshot(line: Line): unknown {
  return {
    data: Array.from(line._data),
    length: line.length,
    combined: { ...line._combined },
    extended: Object.fromEntries(Object.entries(line._extendedAttrs).map(([k, v]) => [k, JSON.stringify(v)])),
    isWrapped: line.isWrapped,
  };
}

function state(term: XtermHeadless.Terminal): unknown {
  const core = coreOf(term);
  const lines = core.buffer.lines;
  const all: unknown[] = [];
  for (let i = 0; i < lines.length; i++) all.push(snapshot(lines.get(i)));
  return { lines: all, cursor: [core.buffer.x, core.buffer.y, core.buffer.ybase] };
}

// Text with combined characters, extended attributes (curly underline, underline colour),
// wide characters, wrapping, colours (a coloured blank line), scroll regions, insert/delete,
// reverse index, the alternate screen, erasing the screen and the history, and resizes.
const piece = fc.constantFrom(
  'ab', 'e\u0301', '\x1b[4:3m', '\x1b[58:5:196m', '\x1b[0m', '中', '\r\n', '\r\n', '\n\n\n', '\x1b[41m', '\x1b[31m',
  'xxxxxxxxxxxx', ' ', '\x1b[2;4r', '\x1b[r', '\x1b[L', '\x1b[M', '\x1b[2@', '\x1b[P', '\x1bM', '\x1b[?1049h', '\x1b[?1049l',
  '\x1b[2J', '\x1b[3J', '\x1b[K', '\x1b[5;1H', 'resize:7x4', 'resize:13x5', 'resize:10x4',
);

async function play(term: XtermHeadless.Terminal, pieces: string[]): Promise<void> {
  for (const p of pieces) {
    if (p.startsWith('resize:')) {
      const [cols, rows] = p.slice(7).split('x').map(Number);
      term.resize(cols!, rows!);
    } else await write(term, p);
  }
}

const options = { cols: 10, rows: 4, scrollback: 6, allowProposedApi: true };

describe('compact buffer lines', () => {
  it('leave every line and the cursor as xterm alone does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 10, maxLength: 50, size: 'max' }), async (pieces) => {
        const compact = new Terminal(options);
        expect(compactBufferLines(coreOf(compact) as unknown as XCoreLines)).toBe(true);
        const plain = new Terminal(options); // patched classes, no slabs
        const reference = new Reference(options);
        for (const term of [compact, plain, reference]) await play(term, pieces);
        const expected = state(reference);
        expect(state(compact)).toEqual(expected);
        expect(state(plain)).toEqual(expected);
        for (const term of [compact, plain, reference]) term.dispose();
      }),
      { numRuns: 60, endOnFailure: true },
    );
  });

  it("copy and clone a line as xterm's copyFrom and clone do", async () => {
    type Methods = { copyFrom(this: Line, line: Line): void; clone(this: Line): Line };
    const referenceLine = coreOf(new Reference(options)).buffer.lines.get(0);
    const xterm = Object.getPrototypeOf(referenceLine) as Methods;
    const linesOf = async (text: string): Promise<Line[]> => {
      const term = new Terminal(options);
      compactBufferLines(coreOf(term) as unknown as XCoreLines);
      await write(term, text);
      const lines = coreOf(term).buffer.lines;
      return Array.from({ length: lines.length }, (_, i) => lines.get(i));
    };
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), async (a, b, i, j) => {
        const targets = await linesOf(a.filter((p) => !p.startsWith('resize')).join(''));
        const sources = await linesOf(b.filter((p) => !p.startsWith('resize')).join(''));
        const target = targets[i % targets.length]!;
        const source = sources[j % sources.length]!;
        const methods = Object.getPrototypeOf(target) as Methods;
        const byXterm = xterm.clone.call(target);
        xterm.copyFrom.call(byXterm, source);
        const byTmx = methods.clone.call(target);
        methods.copyFrom.call(byTmx, source);
        expect(snapshot(byTmx)).toEqual(snapshot(byXterm));
        expect(snapshot(methods.clone.call(source))).toEqual(snapshot(xterm.clone.call(source)));
        // The copy shares no map with its source: a later change to one never shows in the other.
        if (source._combinedOrNone) expect(byTmx._combinedOrNone).not.toBe(source._combinedOrNone);
        if (source._extendedAttrsOrNone) expect(byTmx._extendedAttrsOrNone).not.toBe(source._extendedAttrsOrNone);
      }),
      { numRuns: 100, endOnFailure: true },
    );
  });

  it('make no maps for lines without combined characters or extended attributes', async () => {
    const emulator = new Emulator({ cols: 10, rows: 3, scrollback: 4 });
    const parse = (data: string): Promise<void> => new Promise((resolve) => emulator.write(data, resolve));
    await parse('\x1b[41m1\r\n2\x1b[0m\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n9\r\n');
    const lines = (emulator as unknown as { core: Core }).core.buffers.normal.lines;
    expect(lines.length).toBe(7); // full: recycled lines too
    for (let i = 0; i < lines.length; i++) {
      expect(lines.get(i)._combinedOrNone).toBeUndefined();
      expect(lines.get(i)._extendedAttrsOrNone).toBeUndefined();
    }
    await parse('e\u0301\r\n');
    expect(emulator.screenText().split('\n')).toEqual(['9', 'e\u0301', '']);
    emulator.dispose();
  });

  it("put a pane's new lines in shared slabs, and its lines in new ones when its width changes", async () => {
    const term = new Terminal({ cols: 20, rows: 4, scrollback: 100, allowProposedApi: true });
    compactBufferLines(coreOf(term) as unknown as XCoreLines);
    await write(term, Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\r\n'));
    const buffersOf = (): Set<ArrayBufferLike> => {
      const lines = coreOf(term).buffers.normal.lines;
      const buffers = new Set<ArrayBufferLike>();
      for (let i = 0; i < lines.length; i++) buffers.add(lines.get(i)._data.buffer);
      return buffers;
    };
    // The 4 lines made before the first scroll have their own; the 56 scrolled in share one slab.
    expect(coreOf(term).buffers.normal.lines.length).toBe(60);
    expect(buffersOf().size).toBe(5);
    for (const cols of [25, 15]) {
      term.resize(cols, 4);
      expect(buffersOf().size).toBeLessThanOrEqual(2);
      // No two lines share a cell.
      const lines = coreOf(term).buffers.normal.lines;
      const bySlab = new Map<ArrayBufferLike, Uint32Array[]>();
      for (let i = 0; i < lines.length; i++) {
        const data = lines.get(i)._data;
        bySlab.set(data.buffer, [...(bySlab.get(data.buffer) ?? []), data]);
      }
      for (const cells of bySlab.values()) {
        cells.sort((a, b) => a.byteOffset - b.byteOffset);
        for (let i = 1; i < cells.length; i++) expect(cells[i]!.byteOffset).toBeGreaterThanOrEqual(cells[i - 1]!.byteOffset + cells[i - 1]!.byteLength);
      }
      expect(lines.get(0)._data.length).toBe(cols * 3);
    }
    const lines = coreOf(term).buffers.normal.lines;
    expect((lines.get(lines.length - 1) as unknown as { translateToString(trim: boolean): string }).translateToString(true)).toBe('line 59');
    term.dispose();
  });

  it('give no slab space to the lines a scroll region with a top margin makes (they never reach the history)', async () => {
    const term = new Terminal({ cols: 20, rows: 6, scrollback: 100, allowProposedApi: true });
    compactBufferLines(coreOf(term) as unknown as XCoreLines);
    await write(term, '\x1b[2;6r\x1b[6;1H' + 'r\n'.repeat(30));
    const lines = coreOf(term).buffers.normal.lines;
    const slabLines = Array.from({ length: lines.length }, (_, i) => lines.get(i)._data).filter((d) => d.buffer.byteLength > d.byteLength);
    expect(lines.length).toBe(6);
    expect(slabLines).toEqual([]);
    term.dispose();
  });
});
