// Just enough of the WebAssembly binary format to write one small module by hand, in readable
// TypeScript: no toolchain, no binary blob in the repository (byte-scan.ts is the one user).
// Structured control flow takes label names; br/br_if work out the depth.

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Unsigned LEB128. */
export function unsigned(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (i32). */
export function signed(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const vector = (items: number[][]): number[] => [...unsigned(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...unsigned(body.length), ...body];

/** One function body, instruction by instruction. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly labels: string[] = [];

  constructor(
    readonly params: number[],
    readonly results: number[],
    /** Types of the locals after the parameters, in index order. */
    readonly locals: number[],
  ) {}

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  private simd(opcode: number, ...rest: number[]): this {
    return this.op(0xfd, ...unsigned(opcode), ...rest);
  }

  private depth(label: string): number {
    const at = this.labels.lastIndexOf(label);
    if (at < 0) throw new Error(`no enclosing label ${label}`);
    return this.labels.length - 1 - at;
  }

  block(label: string, body: () => void): this {
    this.op(0x02, 0x40);
    this.labels.push(label);
    body();
    this.labels.pop();
    return this.op(0x0b);
  }

  loop(label: string, body: () => void): this {
    this.op(0x03, 0x40);
    this.labels.push(label);
    body();
    this.labels.pop();
    return this.op(0x0b);
  }

  /** Pops a condition: runs `then` when it is not zero. */
  if(then: () => void): this {
    this.op(0x04, 0x40);
    this.labels.push('');
    then();
    this.labels.pop();
    return this.op(0x0b);
  }

  br(label: string): this {
    return this.op(0x0c, ...unsigned(this.depth(label)));
  }

  brIf(label: string): this {
    return this.op(0x0d, ...unsigned(this.depth(label)));
  }

  return(): this {
    return this.op(0x0f);
  }

  get(local: number): this {
    return this.op(0x20, ...unsigned(local));
  }

  set(local: number): this {
    return this.op(0x21, ...unsigned(local));
  }

  tee(local: number): this {
    return this.op(0x22, ...unsigned(local));
  }

  const(value: number): this {
    return this.op(0x41, ...signed(value));
  }

  /** i32.load at the address on the stack plus `offset` (4-byte aligned). */
  load(offset = 0): this {
    return this.op(0x28, 2, ...unsigned(offset));
  }

  load8(offset = 0): this {
    return this.op(0x2d, 0, ...unsigned(offset));
  }

  /** i32.store: pops address, value. */
  store(offset = 0): this {
    return this.op(0x36, 2, ...unsigned(offset));
  }

  eqz(): this { return this.op(0x45); }
  eq(): this { return this.op(0x46); }
  ne(): this { return this.op(0x47); }
  ltU(): this { return this.op(0x49); }
  gtU(): this { return this.op(0x4b); }
  geS(): this { return this.op(0x4e); }
  geU(): this { return this.op(0x4f); }
  ctz(): this { return this.op(0x68); }
  popcnt(): this { return this.op(0x69); }
  add(): this { return this.op(0x6a); }
  sub(): this { return this.op(0x6b); }
  mul(): this { return this.op(0x6c); }
  and(): this { return this.op(0x71); }
  or(): this { return this.op(0x72); }
  xor(): this { return this.op(0x73); }
  shl(): this { return this.op(0x74); }

  /** v128.load at the address on the stack plus `offset` (no alignment promised). */
  v128Load(offset = 0): this {
    return this.simd(0x00, 0, ...unsigned(offset));
  }

  v128Const(bytes: number[]): this {
    if (bytes.length !== 16) throw new Error('v128.const takes 16 bytes');
    return this.simd(0x0c, ...bytes);
  }

  swizzle(): this { return this.simd(0x0e); }
  i8x16Eq(): this { return this.simd(0x23); }
  v128And(): this { return this.simd(0x4e); }
  bitmask(): this { return this.simd(0x64); }
  shrU8(): this { return this.simd(0x6d); }
}

/** A module of the given functions (exported by name) and one memory (exported as `memory`). */
export function moduleBytes(functions: Record<string, FunctionBuilder>, memoryPages: number): Uint8Array<ArrayBuffer> {
  const entries = Object.entries(functions);
  const types = entries.map(([, f]) => [0x60, ...vector(f.params.map((t) => [t])), ...vector(f.results.map((t) => [t]))]);
  const bodies = entries.map(([, f]) => {
    // Locals run-length encoded by type.
    const runs: number[][] = [];
    for (const type of f.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === type) last[0]!++;
      else runs.push([1, type]);
    }
    const body = [...vector(runs.map(([count, type]) => [...unsigned(count!), type!])), ...f.code, 0x0b];
    return [...unsigned(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(3, vector(entries.map((_, i) => unsigned(i)))),
    ...section(5, vector([[0x00, ...unsigned(memoryPages)]])),
    ...section(7, vector([
      ...entries.map(([name], i) => [...vector(utf8(name).map((b) => [b])), 0x00, ...unsigned(i)]),
      [...vector(utf8('memory').map((b) => [b])), 0x02, 0],
    ])),
    ...section(10, vector(bodies)),
  ]);
}
