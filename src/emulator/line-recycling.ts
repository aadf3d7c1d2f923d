// xterm's BufferLine.copyFrom without the two objects it allocates per scrolled line. Knows
// xterm's line layout but imports nothing of it: the emulator (the only @xterm/headless
// import) hands the prototype over.
//
// Once a pane's scrollback is full, every line feed recycles the oldest line with
// copyFrom(blank line), and xterm's copyFrom gives the line two new empty objects (its map of
// combined characters, its map of extended attributes) each time. Under a flood of short
// lines that is two allocations per few bytes of output, and since the line lives on in the
// scrollback they survive the young generation and are copied and promoted: 4% of the seq
// profile in copyFrom and much of the GC's 8%. An empty map is kept instead; a map with
// entries is replaced by a fresh one, as xterm does.

/** The fields of xterm's BufferLine that copyFrom reads and writes. */
interface XBufferLineData {
  _data: Uint32Array;
  length: number;
  _combined: Record<number, unknown>;
  _extendedAttrs: Record<number, unknown>;
  isWrapped: boolean;
}

type CopyFrom = (this: XBufferLineData, line: XBufferLineData) => void;

const patched = new WeakSet<object>();

/** `own` emptied and given `from`'s entries: the same object when it is already empty. */
function copyEntries(own: Record<number, unknown>, from: Record<number, unknown>): Record<number, unknown> {
  let target = own;
  for (const _key in own) {
    target = {};
    break;
  }
  for (const key in from) target[key as unknown as number] = from[key as unknown as number];
  return target;
}

/** The same effect as xterm 6's BufferLine.copyFrom, without allocating for empty maps. */
const copyFrom: CopyFrom = function (this: XBufferLineData, line: XBufferLineData): void {
  if (this.length !== line.length) this._data = new Uint32Array(line._data);
  else this._data.set(line._data);
  this.length = line.length;
  this._combined = copyEntries(this._combined, line._combined);
  this._extendedAttrs = copyEntries(this._extendedAttrs, line._extendedAttrs);
  this.isWrapped = line.isWrapped;
};

/**
 * Replaces copyFrom on the prototype of `sample` (one of xterm's buffer lines), once, when
 * the line has the fields this copy knows; otherwise xterm's own stays (a future xterm whose
 * lines look different keeps working, only without this saving). Returns whether it is in place.
 */
export function recycleLinesWithoutAllocating(sample: object | undefined): boolean {
  if (!sample) return false;
  const proto = Object.getPrototypeOf(sample) as { copyFrom?: unknown } | null;
  if (!proto || patched.has(proto)) return Boolean(proto);
  const line = sample as Partial<XBufferLineData>;
  const known = line._data instanceof Uint32Array && typeof line.length === 'number' && typeof line.isWrapped === 'boolean' &&
    typeof line._combined === 'object' && typeof line._extendedAttrs === 'object' && typeof proto.copyFrom === 'function' &&
    proto.copyFrom.length === 1;
  if (!known) return false;
  proto.copyFrom = copyFrom;
  patched.add(proto);
  return true;
}
