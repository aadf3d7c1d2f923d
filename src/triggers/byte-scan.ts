// The output skipper's byte scan (output-skip.ts) in WebAssembly with 128-bit SIMD: from the
// automaton's start state, sixteen bytes are tested at a time for any that could matter (a
// control byte, a byte above 0x7e, or the first byte of a literal), with Hyperscan's "shufti"
// nibble tables; those bytes and any that follow inside a literal go through the same table
// as the JavaScript scan. A 1.3 MB flood took ~4 ms a flood in JavaScript against ~1 ms here
// (bench/README.md, Triggers). The module is written out in byte-scan's own terms below
// (wasm-encoder.ts): no toolchain, no binary in the repository.
import type { ByteAutomaton } from './aho-corasick.js';
import { FunctionBuilder, I32, moduleBytes, V128 } from './wasm-encoder.js';

// Memory layout: a header of inputs and outputs, the lookup tables, then the automaton's
// table, a byte per state (1: muted, its literals' triggers cannot fire now: record no hit),
// the chunk and the hits (per hit: its segment and the state it led to).
const HEADER_STATE = 0;
const HEADER_SEGMENT = 4;
const HEADER_AFTER_CR = 8;
const HEADER_HITS = 12;
const HEADER_COLUMNS = 16;
const HEADER_CHUNK = 20;
const HEADER_HITS_AT = 24;
const HEADER_MUTED = 28;
const LOW_NIBBLES = 64;
const HIGH_NIBBLES = 80;
/** 1 for each byte that is a stop from the start state (for the tail under 16 bytes). */
const STOPS = 128;
/** 1 for each byte an SGR's parameters may hold. */
const SGR_PARAMETERS = 384;
/** The automaton's column per byte, as i32. */
const COLUMN_OF = 640;
const TABLE = 1664;
const PAGE = 65536;
/** A chunk bigger than this grows the memory (node-pty reads at most 64 KiB). */
const INITIAL_CHUNK_CAPACITY = 64 * 1024;
/** Above this the automaton's table (4 bytes an entry) is left to the JavaScript scan. */
export const MAX_WASM_TABLE_BYTES = 8 * 1024 * 1024;

const CR = 0x0d;
const LF = 0x0a;
const ESC = 0x1b;
const CSI_OPEN = 0x5b;
const SGR_FINAL = 0x6d;
const OTHER_BYTE = -1;

// Locals of scan(len): the parameter, then these.
const LEN = 0;
const I = 1;
const STATE = 2;
const SEGMENT = 3;
const AFTER_CR = 4;
const BYTE = 5;
const NEXT = 6;
const HITS = 7;
const END = 8;
const MASK = 9;
const COLUMNS = 10;
const CHUNK = 11;
const HITS_AT = 12;
const MUTED = 16;
const CR_MASK = 17;
const LF_MASK = 18;
const LOW = 19;
const HIGH = 20;
const VECTOR = 21;

/** scan(len) -> 1, or 0 at the first byte that is not plain lines (output-skip.ts's scan). */
function scanFunction(): FunctionBuilder {
  const f = new FunctionBuilder([I32], [I32], [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, V128, V128, V128]);
  const byteAt = (local: number, plus = 0): void => void f.get(CHUNK).get(local).add().load8(plus);
  f.const(HEADER_COLUMNS).load().set(COLUMNS);
  f.const(HEADER_CHUNK).load().set(CHUNK);
  f.const(HEADER_HITS_AT).load().set(HITS_AT);
  f.const(HEADER_MUTED).load().set(MUTED);
  f.const(HEADER_STATE).load().set(STATE);
  f.const(HEADER_SEGMENT).load().set(SEGMENT);
  f.const(HEADER_AFTER_CR).load().set(AFTER_CR);
  f.const(LOW_NIBBLES).v128Load().set(LOW);
  f.const(HIGH_NIBBLES).v128Load().set(HIGH);
  // A CR ended the last chunk: this one must start with its LF.
  f.get(AFTER_CR).get(LEN).const(0).gtU().and().if(() => {
    f.get(CHUNK).load8().const(LF).ne().if(() => f.const(0).return());
    f.const(0).set(AFTER_CR);
    f.get(SEGMENT).const(1).add().set(SEGMENT);
    f.const(0).set(STATE);
    f.const(1).set(I);
  });
  f.block('done', () => {
    f.loop('main', () => {
      f.get(I).get(LEN).geU().brIf('done');
      f.get(STATE).eqz().if(() => {
        f.block('found', () => {
          f.block('tail', () => {
            f.loop('vectors', () => {
              f.get(I).const(16).add().get(LEN).gtU().brIf('tail');
              // Per byte: low-nibble table AND high-nibble table; zero means "not a stop".
              f.get(CHUNK).get(I).add().v128Load().set(VECTOR);
              f.get(LOW).get(VECTOR).v128Const(new Array(16).fill(0x0f)).v128And().swizzle();
              f.get(HIGH).get(VECTOR).const(4).shrU8().swizzle();
              f.v128And().v128Const(new Array(16).fill(0)).i8x16Eq().bitmask().const(0xffff).xor().tee(MASK);
              f.if(() => {
                // Only whole CR LFs stop here (the commonest block of a flood of short lines):
                // count the lines and go on. Else the first stop is looked at a byte at a time.
                f.get(VECTOR).v128Const(new Array(16).fill(CR)).i8x16Eq().bitmask().set(CR_MASK);
                f.get(VECTOR).v128Const(new Array(16).fill(LF)).i8x16Eq().bitmask().set(LF_MASK);
                f.get(MASK).get(CR_MASK).get(LF_MASK).or().xor().eqz();
                f.get(CR_MASK).const(1).shl().get(LF_MASK).eq().and();
                f.get(CR_MASK).const(0x8000).and().eqz().and();
                f.if(() => {
                  f.get(SEGMENT).get(CR_MASK).popcnt().add().set(SEGMENT);
                  f.get(I).const(16).add().set(I);
                  f.br('vectors');
                });
                f.get(I).get(MASK).ctz().add().set(I);
                f.br('found');
              });
              f.get(I).const(16).add().set(I);
              f.br('vectors');
            });
          });
          // Fewer than 16 bytes left: one at a time.
          f.loop('bytes', () => {
            f.get(I).get(LEN).geU().brIf('done');
            byteAt(I);
            f.set(BYTE).get(BYTE).const(STOPS).add().load8().brIf('found');
            f.get(I).const(1).add().set(I);
            f.br('bytes');
          });
        });
      });
      byteAt(I);
      f.set(BYTE);
      // next = table[state * columns + columnOf[byte]]
      f.get(STATE).get(COLUMNS).mul().get(BYTE).const(2).shl().load(COLUMN_OF).add().const(2).shl().load(TABLE).tee(NEXT);
      f.const(0).geS().if(() => {
        f.get(NEXT).set(STATE);
        f.get(I).const(1).add().set(I);
        f.br('main');
      });
      f.get(NEXT).const(OTHER_BYTE).ne().if(() => {
        // A literal ends here: record (segment, state), unless the pane muted the state.
        f.const(-2).get(NEXT).sub().set(STATE);
        f.get(MUTED).get(STATE).add().load8().eqz().if(() => {
          f.get(HITS_AT).get(HITS).const(3).shl().add().get(SEGMENT).store();
          f.get(HITS_AT).get(HITS).const(3).shl().add().get(STATE).store(4);
          f.get(HITS).const(1).add().set(HITS);
        });
        f.get(I).const(1).add().set(I);
        f.br('main');
      });
      f.get(BYTE).const(CR).eq().if(() => {
        f.get(I).const(1).add().get(LEN).eq().if(() => {
          f.const(1).set(AFTER_CR);
          f.get(I).const(1).add().set(I);
          f.br('main');
        });
        byteAt(I, 1);
        f.const(LF).ne().if(() => f.const(0).return());
        f.get(SEGMENT).const(1).add().set(SEGMENT);
        f.const(0).set(STATE);
        f.get(I).const(2).add().set(I);
        f.br('main');
      });
      f.get(BYTE).const(ESC).eq().if(() => {
        // An SGR (ESC [ digits ; : m), whole in this chunk; nothing else.
        f.get(I).const(1).add().tee(END).get(LEN).geU().if(() => f.const(0).return());
        byteAt(END);
        f.const(CSI_OPEN).ne().if(() => f.const(0).return());
        f.get(END).const(1).add().set(END);
        f.block('parameters-end', () => {
          f.loop('parameters', () => {
            f.get(END).get(LEN).geU().brIf('parameters-end');
            byteAt(END);
            f.const(SGR_PARAMETERS).add().load8().eqz().brIf('parameters-end');
            f.get(END).const(1).add().set(END);
            f.br('parameters');
          });
        });
        f.get(END).get(LEN).geU().if(() => f.const(0).return());
        byteAt(END);
        f.const(SGR_FINAL).ne().if(() => f.const(0).return());
        f.get(END).const(1).add().set(I);
        f.br('main');
      });
      // A lone LF, any other control, DEL, or UTF-8.
      f.const(0).return();
    });
  });
  f.const(HEADER_STATE).get(STATE).store();
  f.const(HEADER_SEGMENT).get(SEGMENT).store();
  f.const(HEADER_AFTER_CR).get(AFTER_CR).store();
  f.const(HEADER_HITS).get(HITS).store();
  f.const(1);
  return f;
}

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once per process; null where WebAssembly SIMD is not available. */
function scanModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    compiled = new WebAssembly.Module(moduleBytes({ scan: scanFunction() }, 1));
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Where a scan stands between chunks (the skipper keeps one per pane). */
export interface ByteScanState {
  /** The automaton's state in the current segment's text. */
  state: number;
  /** CR LFs seen in the interval so far. */
  segment: number;
  /** A CR ended the last chunk: the next must start with LF. */
  afterCr: boolean;
}

/** A pane's muted states (1 a byte per automaton state), and a stamp that changes with them. */
export interface MutedStates {
  readonly states: Uint8Array;
  readonly stamp: number;
}

/** One per automaton (shared by every pane that uses it): the module's instance and its tables. */
export class WasmByteScanner {
  private readonly memory: WebAssembly.Memory;
  private readonly run: (length: number) => number;
  private bytes!: Uint8Array;
  private words!: Int32Array;
  private readonly chunkAt: number;
  private readonly mutedAt: number;
  private readonly states: number;
  private hitsAt = 0;
  /** Whose muted states are in the memory now, and which version of them. */
  private mutedOwner: object | undefined;
  private mutedStamp = -1;

  /** The scanner for `automaton`, or undefined (no SIMD here, or a table too big for it). */
  static for(automaton: ByteAutomaton, stops: Uint8Array): WasmByteScanner | undefined {
    if (automaton.table.byteLength > MAX_WASM_TABLE_BYTES) return undefined;
    const module = scanModule();
    if (module === null) return undefined;
    return new WasmByteScanner(module, automaton, stops);
  }

  private constructor(module: WebAssembly.Module, automaton: ByteAutomaton, stops: Uint8Array) {
    const instance = new WebAssembly.Instance(module, {});
    this.memory = instance.exports.memory as WebAssembly.Memory;
    this.run = instance.exports.scan as (length: number) => number;
    this.states = automaton.table.length / automaton.columns;
    this.mutedAt = TABLE + automaton.table.byteLength;
    this.chunkAt = (this.mutedAt + this.states + 15) & ~15;
    this.fit(INITIAL_CHUNK_CAPACITY);
    const { bytes, words } = this;
    words[HEADER_COLUMNS / 4] = automaton.columns;
    words[HEADER_CHUNK / 4] = this.chunkAt;
    words[HEADER_MUTED / 4] = this.mutedAt;
    bytes.set(stops, STOPS);
    for (const c of '0123456789;:') bytes[SGR_PARAMETERS + c.charCodeAt(0)] = 1;
    for (let byte = 0; byte < 0x100; byte++) words[COLUMN_OF / 4 + byte] = automaton.columnOf[byte]!;
    words.set(automaton.table, TABLE / 4);
    // Shufti: a byte is a stop when lowTable[byte & 15] & highTable[byte >> 4] is not zero.
    // Rows 0-1 and 8-f (controls, UTF-8) are stops whole: bit 0 in every low entry. Rows 2-7
    // (printable, and DEL) get a bit each, set for exactly their stop bytes: no false alarms.
    const low = new Uint8Array(16);
    const high = new Uint8Array(16);
    for (let byte = 0; byte < 0x100; byte++) {
      if (stops[byte] !== 1) continue;
      const row = byte >> 4;
      const bit = row >= 2 && row <= 7 ? 1 << (row - 1) : 1;
      high[row]! |= bit;
      if (bit === 1) for (let k = 0; k < 16; k++) low[k]! |= 1;
      else low[byte & 15]! |= bit;
    }
    bytes.set(low, LOW_NIBBLES);
    bytes.set(high, HIGH_NIBBLES);
  }

  /** Makes room for a chunk of `capacity` bytes and its hits (at most one a byte). */
  private fit(capacity: number): void {
    const hitsAt = (this.chunkAt + capacity + 7) & ~7;
    const needed = hitsAt + capacity * 8;
    if (needed > this.memory.buffer.byteLength) this.memory.grow(Math.ceil((needed - this.memory.buffer.byteLength) / PAGE));
    this.bytes = new Uint8Array(this.memory.buffer);
    this.words = new Int32Array(this.memory.buffer);
    this.hitsAt = hitsAt;
    this.words[HEADER_HITS_AT / 4] = hitsAt;
  }

  /**
   * Scans `data` on from `at`; false at the first byte that is not plain lines (then `at` is
   * left as it was). Else `at` is moved on, and the literal hits (but those leading to a state
   * `muted` marks) are `hitCount()` pairs read with hitSegment(k) and hitState(k), in order.
   */
  scan(data: Uint8Array, at: ByteScanState, muted: MutedStates): boolean {
    if (this.chunkAt + data.length > this.hitsAt) this.fit(data.length);
    const { bytes, words } = this;
    // Panes share the instance: the caller's muted states, when another's (or older) are in.
    if (this.mutedOwner !== muted || this.mutedStamp !== muted.stamp) {
      bytes.set(muted.states.subarray(0, this.states), this.mutedAt);
      this.mutedOwner = muted;
      this.mutedStamp = muted.stamp;
    }
    bytes.set(data, this.chunkAt);
    words[HEADER_STATE / 4] = at.state;
    words[HEADER_SEGMENT / 4] = at.segment;
    words[HEADER_AFTER_CR / 4] = at.afterCr ? 1 : 0;
    if (this.run(data.length) === 0) return false;
    at.state = words[HEADER_STATE / 4]!;
    at.segment = words[HEADER_SEGMENT / 4]!;
    at.afterCr = words[HEADER_AFTER_CR / 4] === 1;
    return true;
  }

  hitCount(): number {
    return this.words[HEADER_HITS / 4]!;
  }

  hitSegment(k: number): number {
    return this.words[(this.hitsAt >> 2) + 2 * k]!;
  }

  hitState(k: number): number {
    return this.words[(this.hitsAt >> 2) + 2 * k + 1]!;
  }
}
