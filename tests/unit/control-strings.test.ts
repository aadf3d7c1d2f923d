// The control-string filter in front of xterm's parser (src/emulator/control-strings.ts): a
// string within the limit passes untouched, a longer one is cut at the limit and cancelled
// (CAN), and the rest of it never reaches xterm; however the output is split into chunks.
// The filter is checked against a plain byte-at-a-time model written from xterm's parser
// table, and the emulator behind it against what a user would see (title, clipboard, screen).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ControlStringFilter, MAX_CONTROL_STRING_BYTES } from '../../src/emulator/control-strings.js';
import { Emulator } from '../../src/emulator/emulator.js';

const ESC = 0x1b;
const CAN = 0x18;

/**
 * The model: one pass over all the bytes at once. A string's content is what follows its
 * introducer up to the first byte that ends it; over `limit` bytes, it becomes its first
 * `limit` bytes and a CAN, and a BEL, CAN or SUB that ended it goes too. A 0xC2 that is the
 * very last byte inside a string is not passed on (it may begin a C1 that ends the string).
 */
function model(input: Uint8Array, limit: number): number[] {
  const out: number[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    const byte = input[i]!;
    let osc: boolean | undefined;
    if (byte === ESC) {
      out.push(byte);
      i++;
      while (i < n && ((input[i]! < 0x20 && ![0x18, 0x1a, 0x1b].includes(input[i]!)) || input[i] === 0x7f)) out.push(input[i++]!);
      if (i < n && [0x5d, 0x50, 0x58, 0x5e, 0x5f].includes(input[i]!)) {
        osc = input[i] === 0x5d;
        out.push(input[i++]!);
      }
    } else if (byte === 0xc2 && i + 1 < n && [0x9d, 0x90, 0x98, 0x9e, 0x9f].includes(input[i + 1]!)) {
      osc = input[i + 1] === 0x9d;
      out.push(byte, input[i + 1]!);
      i += 2;
    } else {
      out.push(byte);
      i++;
    }
    if (osc === undefined) continue;
    let end = i;
    const ends = (j: number) => {
      const b = input[j]!;
      if (b === 0x1b || b === 0x18 || b === 0x1a || (osc && b === 0x07)) return true;
      return b === 0xc2 && (j + 1 === n || (input[j + 1]! >= 0x80 && input[j + 1]! <= 0x9f));
    };
    while (end < n && !ends(end)) end++;
    const content = input.subarray(i, end);
    const heldLead = end === n - 1 && input[end] === 0xc2;
    if (content.length > limit) {
      out.push(...content.subarray(0, limit), CAN);
      if (end < n && [0x07, 0x18, 0x1a].includes(input[end]!)) end++;
      else if (heldLead) end = n;
    } else {
      out.push(...content);
      if (heldLead) end = n;
    }
    i = end;
  }
  return out;
}

function filterChunks(chunks: Uint8Array[], limit: number): number[] {
  const filter = new ControlStringFilter(limit);
  const out: number[] = [];
  for (const chunk of chunks) out.push(...filter.filter(chunk));
  return out;
}

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');

function splitAt(data: Uint8Array, points: number[]): Uint8Array[] {
  const cuts = [...new Set(points.map((p) => Math.min(p, data.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of cuts) {
    chunks.push(data.subarray(from, cut));
    from = cut;
  }
  chunks.push(data.subarray(from));
  return chunks;
}

describe('ControlStringFilter', () => {
  const LIMIT = 8;
  const cases: Array<[string, string, string]> = [
    ['plain text', 'hello, wörld ° ©\r\n', 'hello, wörld ° ©\r\n'],
    ['a short OSC title (BEL)', 'a\x1b]0;title\x07b', 'a\x1b]0;title\x07b'],
    ['a long OSC title (BEL)', 'a\x1b]0;a-long-title\x07b', 'a\x1b]0;a-long\x18b'],
    ['a long OSC ended by ST', 'a\x1b]2;0123456789\x1b\\b', 'a\x1b]2;012345\x18\x1b\\b'],
    ['a long DCS (BEL is content)', 'x\x1bP1$qm\x07\x07\x07\x07\x07\x07\x1b\\y', 'x\x1bP1$qm\x07\x07\x07\x07\x18\x1b\\y'],
    ['a long APC cancelled by CAN', '\x1b_0123456789\x18z', '\x1b_01234567\x18z'],
    ['a long PM ended by SUB', '\x1b^0123456789\x1az', '\x1b^01234567\x18z'],
    ['a long SOS, then a CSI', '\x1bX0123456789\x1b[31mz', '\x1bX01234567\x18\x1b[31mz'],
    ['a string ended by the next string', '\x1b]0;0123456789\x1b]0;ok\x07', '\x1b]0;012345\x18\x1b]0;ok\x07'],
    ['C0 controls between ESC and ]', '\x1b\r\n]0;0123456789\x07z', '\x1b\r\n]0;012345\x18z'],
    ['an ESC intermediate before ]: no string', '\x1b(]0;0123456789\x07z', '\x1b(]0;0123456789\x07z'],
    ['CAN between ESC and ]: no string', '\x1b\x18]0123456789\x07', '\x1b\x18]0123456789\x07'],
  ];
  for (const [name, input, expected] of cases) {
    it(`${name}, split at every position`, () => {
      const data = bytes(input);
      expect(filterChunks([data], LIMIT)).toEqual([...bytes(expected)]);
      expect(model(data, LIMIT)).toEqual([...bytes(expected)]);
      for (let cut = 0; cut <= data.length; cut++) {
        expect(filterChunks(splitAt(data, [cut]), LIMIT), `cut at ${cut}`).toEqual([...bytes(expected)]);
      }
    });
  }

  it('honours the C1 introducers and terminators xterm honours (UTF-8 encoded), split at every position', () => {
    // C2 9D is U+009D (OSC), C2 90 DCS, C2 9C ST, C2 85 NEL; C2 B0 is '°', content.
    const input = latin1('a\xc2\x9d0;\xc2\xb0123456789\xc2\x9cb\xc2\x900123456789\xc2\x85c\xc2\x9d0;ok\xc2\x9c');
    const expected = latin1('a\xc2\x9d0;\xc2\xb01234\x18\xc2\x9cb\xc2\x9001234567\x18\xc2\x85c\xc2\x9d0;ok\xc2\x9c');
    expect(model(input, LIMIT)).toEqual([...expected]);
    for (let cut = 0; cut <= input.length; cut++) {
      for (const second of [cut + 1, cut + 2]) {
        expect(filterChunks(splitAt(input, [cut, second]), LIMIT), `cuts at ${cut}, ${second}`).toEqual([...expected]);
      }
    }
  });

  it('a raw 0x9D byte (not UTF-8) opens nothing, as in xterm', () => {
    const input = latin1('\x9d0;0123456789\x07');
    expect(filterChunks([input], LIMIT)).toEqual([...input]);
  });

  it('passes chunks without oversized strings on as they are, without a copy', () => {
    const filter = new ControlStringFilter(LIMIT);
    const chunk = bytes('\x1b[1mbold\x1b[0m \x1b]0;ok\x07 °');
    expect(filter.filter(chunk)).toBe(chunk);
    expect(filter.idle).toBe(true);
  });

  it('property: the filter equals the model for any bytes and any split', () => {
    const tokens = ['a', 'é', '°', '\x1b', ']', 'P', 'X', '^', '_', '\\', '[', '0;', '\x07', '\x18', '\x1a', '\r', '\x7f', '(',
      '\xc2\x9d', '\xc2\x90', '\xc2\x9c', '\xc2\x85', '\xc2\x9e', '\xc2', '\x9d', '0123456789'];
    const input = fc.array(fc.constantFrom(...tokens), { maxLength: 60 }).map((t) => latin1(t.join('').replace(/é/g, '\xc3\xa9').replace(/°/g, '\xc2\xb0')));
    fc.assert(
      fc.property(input, fc.array(fc.nat(200), { maxLength: 6 }), fc.integer({ min: 0, max: 12 }), (data, cuts, limit) => {
        expect(filterChunks(splitAt(data, cuts), limit)).toEqual(model(data, limit));
      }),
      { numRuns: 3000 },
    );
  });

  it('property: output without strings over the limit is passed on untouched', () => {
    const short = fc.string({ maxLength: LIMIT, unit: fc.constantFrom('a', ';', '0', ' ', '\x7f') });
    const piece = fc.oneof(
      fc.string({ maxLength: 10, unit: fc.constantFrom('a', 'b', '\r', '\n', '°', '\x1b[1m') }),
      short.map((s) => `\x1b]0;${s.slice(0, LIMIT - 2)}\x07`),
      short.map((s) => `\x1bP${s}\x1b\\`),
      short.map((s) => `\x1b_${s}\x1b\\`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(200), { maxLength: 5 }), (pieces, cuts) => {
        const data = bytes(pieces.join(''));
        expect(filterChunks(splitAt(data, cuts), LIMIT)).toEqual([...data]);
      }),
      { numRuns: 1000 },
    );
  });

  it('drops an oversized string as it streams: what is passed on stays within the limit', () => {
    const filter = new ControlStringFilter();
    const chunk = Buffer.alloc(65536, 'x');
    let passed = filter.filter(bytes('\x1b]0;')).length;
    for (let i = 0; i < 160; i++) passed += filter.filter(chunk).length; // 10 MiB
    passed += filter.filter(bytes('\x07after')).length;
    expect(passed).toBe('\x1b]'.length + MAX_CONTROL_STRING_BYTES + '\x18'.length + 'after'.length);
    expect(filter.dropped).toBe(1);
    expect(filter.idle).toBe(true);
  });
});

function parse(emulator: Emulator, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => emulator.write(data, resolve));
}

async function writeInChunks(emulator: Emulator, data: Buffer, size = 65536): Promise<void> {
  for (let i = 0; i < data.length; i += size) await parse(emulator, data.subarray(i, i + size));
}

describe('the emulator behind the filter', () => {
  it('keeps a title up to the limit and ignores a longer one, as tmux does', async () => {
    const emulator = new Emulator({ cols: 40, rows: 4, scrollback: 0 });
    const titles: string[] = [];
    emulator.onTitle((t) => titles.push(t));
    await writeInChunks(emulator, Buffer.from(`\x1b]2;${'t'.repeat(MAX_CONTROL_STRING_BYTES - 2)}\x07`));
    expect(titles.length).toBe(1);
    await writeInChunks(emulator, Buffer.from(`\x1b]2;${'u'.repeat(MAX_CONTROL_STRING_BYTES)}\x07after`));
    expect(titles.length).toBe(1);
    expect(emulator.screenText().split('\n')[0]).toBe('after');
  });

  it('ignores an oversized clipboard write and takes the next one', async () => {
    const emulator = new Emulator({ cols: 40, rows: 4, scrollback: 0 });
    const writes: Buffer[] = [];
    emulator.onClipboardWrite((d) => writes.push(d));
    await writeInChunks(emulator, Buffer.from(`\x1b]52;c;${'QUFB'.repeat(MAX_CONTROL_STRING_BYTES / 4)}\x1b\\`));
    await parse(emulator, `\x1b]52;c;${Buffer.from('small').toString('base64')}\x07shown`);
    expect(writes.map((w) => w.toString())).toEqual(['small']);
    expect(emulator.screenText().split('\n')[0]).toBe('shown');
  });

  it('a string cut mid-character or mid-sequence leaves the text after it intact', async () => {
    const emulator = new Emulator({ cols: 40, rows: 4, scrollback: 0 });
    const huge = Buffer.concat([Buffer.from('\x1bP1$q'), Buffer.alloc(3 * MAX_CONTROL_STRING_BYTES, 'é'), Buffer.from('\x1b\\°ok\x1b[1mbold')]);
    await writeInChunks(emulator, huge, 4099);
    expect(emulator.screenText().split('\n')[0]).toBe('°okbold');
  });
});
