// The output skipper's byte scan in WebAssembly (triggers/byte-scan.ts): sixteen bytes at a
// time from the automaton's start state, the table for the rest. It must see exactly what the
// JavaScript table scan sees, at any alignment and chunking of the output.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LiteralAutomaton } from '../../src/triggers/aho-corasick.js';
import { WasmByteScanner } from '../../src/triggers/byte-scan.js';
import { compileTrigger } from '../../src/triggers/compile.js';
import { MAX_UNSCANNED_BYTES, OutputSkipper, type SkipSource } from '../../src/triggers/output-skip.js';
import type { CompiledTrigger } from '../../src/triggers/types.js';

const source: SkipSource = { plainLinesAhead: () => true, cursorAbsoluteLine: () => 0, bufferLength: () => 1, isWrapped: () => false, alternateScreenActive: () => false };
const trims = { rowsTrimmed: () => 0 };

/** Mostly plain lines (the fast path's case), now and then any byte at all. */
const piece = fc.oneof(
  { weight: 40, arbitrary: fc.stringMatching(/^[a-z0-9 xX;~]{1,40}$/) },
  { weight: 15, arbitrary: fc.constant('\r\n') },
  { weight: 3, arbitrary: fc.constantFrom('\x1b[31m', '\x1b[0;1m', '\x1b[38:2::1:2:3m', '\x1bx', '\x1b[1', '\r', '\n', '\x7f', '\xe2\x94\x80') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)) },
);
const output = fc.array(piece, { minLength: 20, maxLength: 150 }).map((parts) => Buffer.from(parts.join(''), 'latin1'));
/** Literals starting with few or many distinct bytes, in every row of printable ASCII. */
const literals = fc.array(fc.stringMatching(/^[ -~][a-z0-9xX ;~]{0,3}$/), { minLength: 1, maxLength: 8 });

function compile(regexes: string[]): CompiledTrigger[] {
  return regexes.map((r) => compileTrigger({ regex: r.replace(/[^a-zA-Z0-9 ]/g, '\\$&'), action: 'bell' }, []) as CompiledTrigger);
}

/** What a skipper saw of the output: its hits, the literals in each, the lines, and whether it gave up. */
function seen(triggers: CompiledTrigger[], data: Buffer, cuts: number[], offset: number, accelerated: boolean, firstKnown: boolean, eachChunk = true): unknown {
  const skipper = new OutputSkipper(triggers, source, trims, undefined, accelerated);
  skipper.rearm(true);
  if (firstKnown) (skipper as unknown as { firstKnown: boolean }).firstKnown = true;
  // At `offset` bytes into a buffer of its own: every alignment of the vectors.
  const copy = Buffer.alloc(data.length + offset);
  data.copy(copy, offset);
  const bounds = [0, ...[...new Set(cuts.map((f) => Math.floor(f * data.length)))].sort((a, b) => a - b), data.length];
  // Chunks are kept and scanned together when a plan asks: here after every chunk (the scan
  // goes on from where the last one stopped) or once at the end.
  const scanKept = (): void => (skipper as unknown as { scanKept(): void }).scanKept();
  for (let k = 0; k + 1 < bounds.length; k++) {
    skipper.observe(copy.subarray(offset + bounds[k]!, offset + bounds[k + 1]!));
    if (eachChunk) scanKept();
  }
  scanKept();
  const s = skipper as unknown as { hits: number[]; hitFrom: number[]; hitLiterals: number[]; segment: number; tainted: boolean; afterCr: boolean; state: number };
  // Once it gave up, what it had gathered is never used (rearm() starts afresh).
  if (s.tainted) return { tainted: true };
  return { hits: [...s.hits], from: [...s.hitFrom], literals: [...s.hitLiterals], segment: s.segment, tainted: false, afterCr: s.afterCr, state: s.state };
}

describe('the skipper scans bytes in WebAssembly', () => {
  test('the scanner is there (Node has WebAssembly SIMD)', () => {
    const bytes = new LiteralAutomaton(['x7']).byteAutomaton()!;
    expect(WasmByteScanner.for(bytes, new Uint8Array(0x100))).toBeDefined();
  });

  test('sees exactly what the JavaScript table sees', () => {
    let plain = 0;
    fc.assert(
      fc.property(literals, output, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), fc.integer({ min: 0, max: 17 }), fc.boolean(), fc.boolean(), (regexes, data, cuts, offset, firstKnown, eachChunk) => {
        const triggers = compile(regexes);
        const result = seen(triggers, data, cuts, offset, true, firstKnown, eachChunk) as { tainted: boolean; segment: number };
        if (!result.tainted && result.segment > 3 && data.length >= 64) plain++;
        expect(result).toEqual(seen(triggers, data, cuts, offset, false, firstKnown, eachChunk));
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: many cases were plain lines long enough for vectors.
    expect(plain).toBeGreaterThan(200);
  });

  test('bytes kept past MAX_UNSCANNED_BYTES are scanned as they come, with the same result', () => {
    const triggers = compile(['x7', 'ERROR']);
    const line = 'some text 0x7f3a, an ERROR, x7 and the end of a line\r\n';
    const data = Buffer.from(line.repeat(12_000), 'latin1'); // ~600 KB in 4 KiB chunks
    expect(data.length).toBeGreaterThan(2 * MAX_UNSCANNED_BYTES);
    const cuts = Array.from({ length: Math.floor(data.length / 4096) }, (_, k) => ((k + 1) * 4096) / data.length);
    const once = seen(triggers, data, cuts, 1, true, false, false) as { segment: number; hits: number[] };
    expect(once).toEqual(seen(triggers, data, cuts, 1, false, false, true));
    expect(once.segment).toBe(12_000);
  });

  test('a chunk bigger than the room made for one grows the memory', () => {
    const triggers = compile(['x7', 'ERROR']);
    const line = 'some text 0x7f3a and an ERROR here, padded out to a long line of output\r\n';
    const data = Buffer.from(line.repeat(3000), 'latin1'); // ~220 KB
    expect(data.length).toBeGreaterThan(128 * 1024);
    for (const cuts of [[], [0.5], [0.1, 0.9]]) expect(seen(triggers, data, cuts, 3, true, false)).toEqual(seen(triggers, data, cuts, 3, false, false));
    const result = seen(triggers, data, [], 0, true, false) as { segment: number; hits: number[] };
    expect(result.segment).toBe(3000);
    // Every line holds literals; the first is the one begun before (not known, so not noted).
    expect(result.hits).toHaveLength(2999);
  });
});
