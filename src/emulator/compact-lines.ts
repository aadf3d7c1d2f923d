// xterm's buffer lines made smaller, and recycled without allocating. Knows xterm's line layout
// but imports nothing of it: the emulator (the only @xterm/headless import) hands its core over.
//
// A pane's history is up to 10,000 of xterm's BufferLine objects, each its cells (a Uint32Array,
// 12 bytes a cell, the pane's width) and two maps, of the cells' combined characters and of
// their extended attributes, nearly always empty. Beyond the cells, a line cost ~650 bytes
// (bench/README.md, "Memory"); three changes bring that down, each leaving every line's content
// exactly as xterm's own code would:
// - The maps are made on first use: an accessor on the prototype keeps `undefined` while a map
//   is empty (112 bytes a line). xterm reads them only for cells flagged as combined or extended,
//   and writes through a read, which then makes the map.
// - The cells of the lines a pane's scrolling adds come from slabs of that pane (up to ~370
//   lines of 59 columns each) instead of an ArrayBuffer each: V8's ArrayBuffer object, its
//   backing store and malloc's headers were ~255 bytes a line. A slab is freed with its last
//   line; as only the lines bound for the history take slab space (the history drops its lines
//   oldest first, or all at once), a slab is not kept alive for long by a few lines among dead
//   ones. A resize that changes the width moves every line to new slabs of the pane (xterm
//   would grow a line inside its buffer from offset 0, which in a slab holds other lines).
// - Recycling: once the history is full, every line feed recycles the oldest line with
//   copyFrom(blank line), and xterm's copyFrom gives the line two new empty maps each time: two
//   allocations per few bytes of output that survive the young generation (4% of the seq profile
//   and much of the GC's 8%). The recycled line keeps its cells (in its slab) and no maps.

/** The fields and methods of xterm's BufferLine this module reads, writes or replaces. */
interface XBufferLine {
  _data: Uint32Array;
  length: number;
  isWrapped: boolean;
  _combined: Record<number, unknown>;
  _extendedAttrs: Record<number, unknown>;
  /** What `_combined` holds once it is an accessor: undefined while empty. */
  _combinedOrNone?: Record<number, unknown>;
  _extendedAttrsOrNone?: Record<number, unknown>;
  setCell(index: number, cell: unknown): void;
  copyFrom(line: XBufferLine): void;
  clone(): XBufferLine;
  resize(cols: number, fillCellData: unknown): boolean;
  cleanupMemory(): number;
}

interface XLineList {
  length: number;
  get(index: number): XBufferLine | undefined;
  set(index: number, line: XBufferLine): void;
}

/** The parts of xterm's core this module needs. */
export interface XCoreLines {
  buffers: { normal: { lines: XLineList; _bufferService?: object }; alt: { lines: XLineList } };
  _bufferService: { scroll(eraseAttr: unknown, isWrapped?: boolean): void; _cachedBlankLine?: XBufferLine; buffer?: { scrollTop?: number } };
}

/** A pane's slabs of cells double from 32 KiB (an idle pane's few lines) up to 256 KiB. */
const FIRST_SLAB_BYTES = 32 * 1024;
const SLAB_BYTES = 256 * 1024;
/** Wider lines (over 1,365 columns) get their own array, as in xterm: a slab would hold too few. */
const MAX_SLAB_LINE_BYTES = SLAB_BYTES / 16;

/** The words of a cell in xterm's line: its content (character, width), foreground and background. */
const CELL_WORDS = 3;

/** Every slab handed out, to tell a slab's line from one with a buffer of its own. */
const slabBuffers = new WeakSet<ArrayBufferLike>();

/** One pane's slabs: its new lines' cells, one after the other. */
class LineSlabs {
  private slab: ArrayBuffer | undefined;
  private used = 0;

  cells(length: number): Uint32Array {
    const bytes = length * Uint32Array.BYTES_PER_ELEMENT;
    if (bytes > MAX_SLAB_LINE_BYTES) return new Uint32Array(length);
    if (this.slab === undefined || this.used + bytes > this.slab.byteLength) {
      const size = this.slab === undefined ? FIRST_SLAB_BYTES : Math.min(SLAB_BYTES, this.slab.byteLength * 2);
      this.slab = new ArrayBuffer(Math.max(size, bytes));
      slabBuffers.add(this.slab);
      this.used = 0;
    }
    const cells = new Uint32Array(this.slab, this.used, length);
    this.used += bytes;
    return cells;
  }
}

/** Each compact terminal's slabs, by its buffer service (whose scroll adds the lines). */
const slabsByService = new WeakMap<object, LineSlabs>();
/** The slabs of the terminal whose scroll or resize runs: new and resized lines' cells come from them. */
let scrolling: LineSlabs | undefined;

/** A copy of `map`'s entries, or undefined when it has none (a line's map is never shared). */
function copyOf(map: Record<number, unknown> | undefined): Record<number, unknown> | undefined {
  let copy: Record<number, unknown> | undefined;
  if (map !== undefined) for (const key in map) (copy ??= {})[key as unknown as number] = map[key as unknown as number];
  return copy;
}

function isEmpty(map: object): boolean {
  for (const _key in map) return false;
  return true;
}

type Methods = Pick<XBufferLine, 'copyFrom' | 'clone' | 'resize' | 'cleanupMemory'>;

/** The prototype's methods and accessors, replaced once; `xterm` holds xterm's own. */
function patchPrototype(proto: Methods & object, xterm: Methods): void {
  for (const [name, slot] of [['_combined', '_combinedOrNone'], ['_extendedAttrs', '_extendedAttrsOrNone']] as const) {
    Object.defineProperty(proto, name, {
      configurable: true,
      get(this: XBufferLine) {
        return (this[slot] ??= {});
      },
      set(this: XBufferLine, map: Record<number, unknown>) {
        this[slot] = isEmpty(map) ? undefined : map;
      },
    });
  }
  // The same effect as xterm 6's copyFrom, keeping the line's cells and making no maps.
  proto.copyFrom = function (this: XBufferLine, line: XBufferLine): void {
    if (this.length !== line.length) this._data = new Uint32Array(line._data);
    else this._data.set(line._data);
    this.length = line.length;
    this._combinedOrNone = copyOf(line._combinedOrNone);
    this._extendedAttrsOrNone = copyOf(line._extendedAttrsOrNone);
    this.isWrapped = line.isWrapped;
  };
  // xterm's clone, with the cells in the scrolling pane's slab (outside a scroll, xterm's own).
  proto.clone = function (this: XBufferLine): XBufferLine {
    const slabs = scrolling;
    if (slabs === undefined) return xterm.clone.call(this);
    const line = new (this.constructor as new (cols: number) => XBufferLine)(0);
    line._data = slabs.cells(this._data.length);
    line._data.set(this._data);
    line.length = this.length;
    line._combinedOrNone = copyOf(this._combinedOrNone);
    line._extendedAttrsOrNone = copyOf(this._extendedAttrsOrNone);
    line.isWrapped = this.isWrapped;
    return line;
  };
  // During a compact pane's resize (see compactBufferLines) each line whose width changes moves
  // to that pane's slabs, the lines xterm made on its own too. Outside one, a slab's line grows
  // into an array of its own: xterm would grow it inside its buffer from offset 0, over other lines.
  proto.resize = function (this: XBufferLine, cols: number, fillCellData: unknown): boolean {
    const inSlab = slabBuffers.has(this._data.buffer);
    if (cols === this.length) return inSlab ? false : xterm.resize.call(this, cols, fillCellData);
    const slabs = scrolling;
    if (cols > this.length && inSlab) {
      // xterm's growth by copy: the cells so far, then the new ones filled.
      const cells = slabs ? slabs.cells(cols * CELL_WORDS) : new Uint32Array(cols * CELL_WORDS);
      cells.set(this._data);
      this._data = cells;
      for (let i = this.length; i < cols; i++) this.setCell(i, fillCellData);
      this.length = cols;
      return false;
    }
    const dirty = xterm.resize.call(this, cols, fillCellData);
    // Narrowing reads both maps (their keys), which made them: empty ones go again.
    if (this._combinedOrNone !== undefined && isEmpty(this._combinedOrNone)) this._combinedOrNone = undefined;
    if (this._extendedAttrsOrNone !== undefined && isEmpty(this._extendedAttrsOrNone)) this._extendedAttrsOrNone = undefined;
    if (slabs === undefined) return inSlab ? false : dirty;
    const cells = slabs.cells(this._data.length);
    cells.set(this._data);
    this._data = cells;
    return false;
  };
  // xterm would copy a slab's line out, the slab being bigger than the line.
  proto.cleanupMemory = function (this: XBufferLine): number {
    return slabBuffers.has(this._data.buffer) ? 0 : xterm.cleanupMemory.call(this);
  };
}

/** `line`, made before the accessors, as a line of the patched class (its maps own data properties). */
function converted(line: XBufferLine): XBufferLine {
  const own = Object.getOwnPropertyDescriptor(line, '_combined');
  if (!own) return line;
  const extended = Object.getOwnPropertyDescriptor(line, '_extendedAttrs');
  const fresh = new (line.constructor as new (cols: number) => XBufferLine)(0);
  fresh._data = line._data;
  fresh.length = line.length;
  fresh._combinedOrNone = copyOf(own.value as Record<number, unknown>);
  fresh._extendedAttrsOrNone = copyOf(extended?.value as Record<number, unknown> | undefined);
  fresh.isWrapped = line.isWrapped;
  return fresh;
}

const patchedLines = new WeakSet<object>();
const patchedServices = new WeakSet<object>();
const patchedBuffers = new WeakSet<object>();

/** Whether `line` looks as this module expects xterm's BufferLine to look. */
function knownLine(line: Partial<XBufferLine>, proto: Partial<Methods> | null): proto is Methods {
  return line._data instanceof Uint32Array && typeof line.length === 'number' && typeof line.isWrapped === 'boolean' &&
    typeof line._combined === 'object' && typeof line._extendedAttrs === 'object' &&
    proto !== null && typeof proto.copyFrom === 'function' && proto.copyFrom.length === 1 &&
    typeof proto.clone === 'function' && typeof proto.resize === 'function' && typeof proto.cleanupMemory === 'function';
}

/**
 * Makes `core`'s lines compact (xterm's classes are patched once, shared by every terminal; each
 * terminal gets its own slabs). When xterm's lines or buffer service do not look as expected
 * (a future xterm), nothing changes: tmx keeps working, only without this saving. Returns
 * whether the lines are compact.
 */
export function compactBufferLines(core: XCoreLines): boolean {
  const normal = core.buffers?.normal?.lines;
  const sample = normal?.get(0);
  const service = core._bufferService;
  if (!sample || typeof service?.scroll !== 'function') return false;
  const proto = Object.getPrototypeOf(sample) as (Methods & object) | null;
  const serviceProto = Object.getPrototypeOf(service) as { scroll: XCoreLines['_bufferService']['scroll'] } | null;
  if (!proto || !serviceProto) return false;
  if (!patchedLines.has(proto)) {
    if (!knownLine(sample, proto)) return false;
    patchPrototype(proto, { copyFrom: proto.copyFrom, clone: proto.clone, resize: proto.resize, cleanupMemory: proto.cleanupMemory });
    patchedLines.add(proto);
  }
  if (!patchedServices.has(serviceProto)) {
    const scroll = serviceProto.scroll;
    serviceProto.scroll = function (this: { buffer?: { scrollTop?: number } }, eraseAttr: unknown, isWrapped?: boolean): void {
      const outer = scrolling;
      // Only lines bound for the history (no top margin) take slab space: a line a scroll region
      // drops would leave its piece dead in a slab the history's lines keep alive.
      scrolling = this.buffer?.scrollTop === 0 ? slabsByService.get(this) : undefined;
      try {
        scroll.call(this, eraseAttr, isWrapped);
      } finally {
        scrolling = outer;
      }
    };
    patchedServices.add(serviceProto);
  }
  const buffer = core.buffers.normal;
  const bufferProto = Object.getPrototypeOf(buffer) as { resize?: (cols: number, rows: number) => void } | null;
  if (bufferProto && typeof bufferProto.resize === 'function' && buffer._bufferService === service && !patchedBuffers.has(bufferProto)) {
    const resize = bufferProto.resize;
    bufferProto.resize = function (this: { _bufferService?: object }, cols: number, rows: number): void {
      const outer = scrolling;
      scrolling = this._bufferService && slabsByService.get(this._bufferService);
      try {
        resize.call(this, cols, rows);
      } finally {
        scrolling = outer;
      }
    };
    patchedBuffers.add(bufferProto);
  }
  for (const lines of [normal, core.buffers.alt?.lines]) {
    if (!lines) continue;
    for (let i = 0; i < lines.length; i++) {
      const line = lines.get(i);
      if (line) lines.set(i, converted(line));
    }
  }
  service._cachedBlankLine = undefined;
  slabsByService.set(service, new LineSlabs());
  return true;
}
