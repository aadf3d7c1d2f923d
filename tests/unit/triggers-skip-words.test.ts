// The output skipper's fast path (triggers/output-skip.ts): from the automaton's start state it
// passes over bytes four at a time, looking byte by byte only where a word may hold a stop. It
// must see exactly what the per-byte table sees, at any alignment and chunking of the output.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileTrigger } from '../../src/triggers/compile.js';
import { MAX_WORD_SEARCH_BYTES, nextStop, OutputSkipper, type SkipSource, wordsOf } from '../../src/triggers/output-skip.js';
import type { CompiledTrigger } from '../../src/triggers/types.js';

const source: SkipSource = { plainLinesAhead: () => true, cursorAbsoluteLine: () => 0, bufferLength: () => 1, isWrapped: () => false, rowsTrimmed: () => 0, alternateScreenActive: () => false };

/** Mostly plain lines (the fast path's case), now and then any byte at all. */
const piece = fc.oneof(
  { weight: 40, arbitrary: fc.stringMatching(/^[a-z0-9 xX;]{1,20}$/) },
  { weight: 15, arbitrary: fc.constant('\r\n') },
  { weight: 3, arbitrary: fc.constantFrom('\x1b[31m', '\x1b[0;1m', '\x1b[38:2::1:2:3m', '\x1bx', '\x1b[1') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)) },
);
const output = fc.array(piece, { minLength: 20, maxLength: 150 }).map((parts) => Buffer.from(parts.join(''), 'latin1'));
/** Literals whose first bytes are few (the fast path) or many (the table alone). */
const literals = fc.array(fc.stringMatching(/^[xXa; ][a-z0-9xX ;]{0,3}$/), { minLength: 1, maxLength: 6 });

function compile(regexes: string[]): CompiledTrigger[] {
  return regexes.map((r) => compileTrigger({ regex: r.replace(/[^a-zA-Z0-9 ]/g, '\\$&'), action: 'bell' }, []) as CompiledTrigger);
}

/** What a skipper saw of the output: its hits, the literals in each, the lines, and whether it gave up. */
function seen(triggers: CompiledTrigger[], data: Buffer, cuts: number[], offset: number, wordSearch: boolean): unknown {
  const skipper = new OutputSkipper(triggers, source, wordSearch);
  skipper.rearm(true);
  // At `offset` bytes into a buffer of its own: every alignment of the words.
  const copy = Buffer.alloc(data.length + offset);
  data.copy(copy, offset);
  const bounds = [0, ...[...new Set(cuts.map((f) => Math.floor(f * data.length)))].sort((a, b) => a - b), data.length];
  for (let k = 0; k + 1 < bounds.length; k++) skipper.observe(copy.subarray(offset + bounds[k]!, offset + bounds[k + 1]!));
  const s = skipper as unknown as { hits: number[]; hitFrom: number[]; hitLiterals: number[]; segment: number; tainted: boolean; afterCr: boolean; state: number };
  return { hits: [...s.hits], from: [...s.hitFrom], literals: [...s.hitLiterals], segment: s.segment, tainted: s.tainted, afterCr: s.afterCr, state: s.state };
}

describe('the skipper passes over bytes a word at a time', () => {
  test('nextStop finds the first stop, at any alignment', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 60, maxLength: 300 }), fc.integer({ min: 0, max: 7 }), fc.nat(), fc.subarray([0x78, 0x58, 0x61, 0x20, 0x31], { minLength: 1, maxLength: MAX_WORD_SEARCH_BYTES }), (bytes, offset, from, starts) => {
        const stops = new Uint8Array(0x100);
        for (let b = 0; b < 0x100; b++) if (b < 0x20 || b > 0x7e || starts.includes(b)) stops[b] = 1;
        const words = Int32Array.from([0, 1, 2], (i) => Math.imul(starts[i] ?? starts[0]!, 0x01010101));
        const data = new Uint8Array(bytes.length + offset).subarray(offset);
        // Mostly printable bytes that are not stops, so long stretches are passed over.
        data.set(bytes.map((b) => (b % 23 === 0 ? starts[b % starts.length]! : b % 17 === 0 ? b : 0x62 + (b % 20))));
        const start = bytes.length === 0 ? 0 : from % bytes.length;
        let expected = start;
        while (expected < data.length && stops[data[expected]!] !== 1) expected++;
        expect(nextStop(data, start, stops, words, wordsOf(data))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  test('sees exactly what the per-byte table sees', () => {
    let fast = 0;
    fc.assert(
      fc.property(literals, output, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), fc.integer({ min: 0, max: 7 }), (regexes, data, cuts, offset) => {
        const triggers = compile(regexes);
        const starts = new Set(regexes.map((r) => r[0]!));
        const result = seen(triggers, data, cuts, offset, true) as { tainted: boolean; segment: number };
        if (starts.size <= MAX_WORD_SEARCH_BYTES && data.length >= 128 && !result.tainted && result.segment > 3) fast++;
        expect(seen(triggers, data, cuts, offset, true)).toEqual(seen(triggers, data, cuts, offset, false));
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: many cases took the fast path over chunks long enough for words.
    expect(fast).toBeGreaterThan(200);
  });
});
