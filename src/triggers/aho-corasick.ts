// One pass over a line finds every literal of every trigger in it (Aho-Corasick): the cost per
// line is its length, whatever the number of literals. Text is read by UTF-16 code unit, as
// trigger regexes (no `u` flag) read it.

/**
 * The full transition table (states x character classes, 4 bytes each) is built while at most
 * this big (16 MiB): scanning is then one table read per character. Beyond it (tens of
 * thousands of long, varied literals), transitions are looked up in a Map and failure links
 * followed at scan time: slower per character, same answers.
 */
export const DENSE_TABLE_LIMIT = 4 * 1024 * 1024;

const ROOT = 0;
const NONE = -1;
/** Code units a JavaScript string holds. */
const CODE_UNITS = 0x10000;
const BYTE_VALUES = 0x100;
const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;
/** ByteAutomaton's table for a byte that is not printable ASCII (control, DEL, UTF-8). */
export const OTHER_BYTE = -1;

/**
 * Literals found in printable ASCII bytes, one table read a byte: `next = table[state *
 * columns + columnOf[byte]]`, from state 0 at a line's start. `next >= 0`: the next state;
 * OTHER_BYTE for any other byte; below that, `-next - 2` is the next state and literals end
 * there (literalsAt lists them).
 */
export interface ByteAutomaton {
  readonly table: Int32Array;
  readonly columns: number;
  readonly columnOf: Uint16Array;
  /** Appends the index of each literal ending at `state` (a state a hit led to). */
  literalsAt(state: number, found: number[]): void;
  /** How many literals there are (indices are below this). */
  readonly literalCount: number;
}

export class LiteralAutomaton {
  /** Character class per code unit; 0 for every unit no literal contains. */
  private readonly classOf = new Uint16Array(CODE_UNITS);
  private readonly classes: number;
  private readonly literalCount: number;
  /** The literal ending at each state, or NONE. */
  private readonly literalAt: Int32Array;
  /** The nearest state down the failure chain where a literal ends, or NONE. */
  private readonly outputLink: Int32Array;
  /** Last scan that reported each state's literal (each literal is reported once per scan). */
  private readonly reportedIn: Uint32Array;
  private scanSerial = 0;
  /** Dense: next state per (state, class). */
  private readonly table: Int32Array | undefined;
  /** Sparse: the trie's own edges (key state * classes + class) and failure links. */
  private readonly edges: Map<number, number> | undefined;
  private readonly failure: Int32Array | undefined;

  constructor(literals: readonly string[], denseLimit = DENSE_TABLE_LIMIT) {
    let classes = 1;
    for (const literal of literals) {
      for (let i = 0; i < literal.length; i++) {
        const unit = literal.charCodeAt(i);
        if (this.classOf[unit] === 0) this.classOf[unit] = classes++;
      }
    }
    this.classes = classes;
    this.literalCount = literals.length;
    const trie = buildTrie(literals, this.classOf, classes);
    const states = trie.literalAt.length;
    this.literalAt = Int32Array.from(trie.literalAt);
    this.reportedIn = new Uint32Array(states);
    const { failure, order } = failureLinks(trie, states, classes);
    this.outputLink = new Int32Array(states).fill(NONE);
    for (const state of order) {
      const fail = failure[state]!;
      this.outputLink[state] = this.literalAt[fail] !== NONE ? fail : this.outputLink[fail]!;
    }
    if (states * classes <= denseLimit) {
      this.table = denseTable(trie, failure, order, states, classes);
    } else {
      this.edges = trie.edges;
      this.failure = failure;
    }
  }

  /** Appends to `found` the index of each literal occurring in `text`, once each, in the order first seen. */
  scan(text: string, found: number[]): void {
    // A fresh serial per scan marks what this scan reported; on wrap-around, forget old marks.
    if (++this.scanSerial === 0xffffffff) {
      this.reportedIn.fill(0);
      this.scanSerial = 1;
    }
    if (this.table !== undefined) this.scanDense(text, found);
    else this.scanSparse(text, found);
  }

  /**
   * The automaton over bytes, for text seen as output before it is a string (output-skip.ts):
   * one table read a byte finds both a literal and a byte that is not printable ASCII (for
   * which the caller decides). Undefined when the table would be over `limit` entries.
   */
  byteAutomaton(limit = DENSE_TABLE_LIMIT): ByteAutomaton | undefined {
    const states = this.literalAt.length;
    // Columns: one per class printable ASCII falls in (at most 95, plus the class of none), then
    // the column of every other byte.
    const columnOf = new Uint16Array(BYTE_VALUES);
    const columnOfClass = new Map<number, number>();
    const classOfColumn: number[] = [];
    for (let byte = FIRST_PRINTABLE; byte <= LAST_PRINTABLE; byte++) {
      const unitClass = this.classOf[byte]!;
      let column = columnOfClass.get(unitClass);
      if (column === undefined) {
        column = classOfColumn.length;
        columnOfClass.set(unitClass, column);
        classOfColumn.push(unitClass);
      }
      columnOf[byte] = column;
    }
    const other = classOfColumn.length;
    const columns = other + 1;
    if (states * columns > limit) return undefined;
    for (let byte = 0; byte < BYTE_VALUES; byte++) if (byte < FIRST_PRINTABLE || byte > LAST_PRINTABLE) columnOf[byte] = other;
    const hit = (state: number): boolean => this.literalAt[state] !== NONE || this.outputLink[state] !== NONE;
    if (hit(ROOT)) return undefined; // an empty literal (never made: it would require nothing)
    const table = new Int32Array(states * columns);
    for (let state = 0; state < states; state++) {
      for (let column = 0; column < other; column++) {
        const next = this.step(state, classOfColumn[column]!);
        table[state * columns + column] = hit(next) ? -next - 2 : next;
      }
      table[state * columns + other] = OTHER_BYTE;
    }
    const { literalAt, outputLink } = this;
    const literalsAt = (state: number, found: number[]): void => {
      for (let at = literalAt[state] !== NONE ? state : outputLink[state]!; at !== NONE; at = outputLink[at]!) found.push(literalAt[at]!);
    };
    return { table, columns, columnOf, literalsAt, literalCount: this.literalCount };
  }

  /** One transition, dense or sparse. */
  private step(state: number, unitClass: number): number {
    if (this.table !== undefined) return this.table[state * this.classes + unitClass]!;
    return unitClass === 0 ? ROOT : this.stepSparse(state, unitClass);
  }

  /** One step of the sparse automaton: follow failure links until an edge for the class is found. */
  private stepSparse(state: number, unitClass: number): number {
    const { edges, failure, classes } = this;
    let next = edges!.get(state * classes + unitClass);
    while (next === undefined && state !== ROOT) {
      state = failure![state]!;
      next = edges!.get(state * classes + unitClass);
    }
    return next ?? ROOT;
  }

  private scanDense(text: string, found: number[]): void {
    const { table, classOf, classes } = this;
    let state = ROOT;
    for (let i = 0; i < text.length; i++) {
      state = table![state * classes + classOf[text.charCodeAt(i)]!]!;
      if (this.literalAt[state] !== NONE || this.outputLink[state] !== NONE) this.report(state, found);
    }
  }

  private scanSparse(text: string, found: number[]): void {
    const { classOf } = this;
    let state = ROOT;
    for (let i = 0; i < text.length; i++) {
      const unitClass = classOf[text.charCodeAt(i)]!;
      if (unitClass === 0) {
        state = ROOT;
        continue;
      }
      state = this.stepSparse(state, unitClass);
      if (this.literalAt[state] !== NONE || this.outputLink[state] !== NONE) this.report(state, found);
    }
  }

  /** The literals ending here; a state already reported this scan had its whole chain reported. */
  private report(state: number, found: number[]): void {
    let at = this.literalAt[state] !== NONE ? state : this.outputLink[state]!;
    while (at !== NONE && this.reportedIn[at] !== this.scanSerial) {
      this.reportedIn[at] = this.scanSerial;
      found.push(this.literalAt[at]!);
      at = this.outputLink[at]!;
    }
  }
}

interface Trie {
  edges: Map<number, number>;
  /** Each state's children, for the breadth-first walk. */
  children: number[][];
  /** The class of the edge into each state. */
  viaClass: number[];
  literalAt: number[];
}

function buildTrie(literals: readonly string[], classOf: Uint16Array, classes: number): Trie {
  const edges = new Map<number, number>();
  const children: number[][] = [[]];
  const literalAt: number[] = [NONE];
  const viaClass: number[] = [0];
  literals.forEach((literal, index) => {
    let state = ROOT;
    for (let i = 0; i < literal.length; i++) {
      const unitClass = classOf[literal.charCodeAt(i)]!;
      const key = state * classes + unitClass;
      let next = edges.get(key);
      if (next === undefined) {
        next = literalAt.length;
        literalAt.push(NONE);
        viaClass.push(unitClass);
        children.push([]);
        children[state]!.push(next);
        edges.set(key, next);
      }
      state = next;
    }
    if (literalAt[state] === NONE) literalAt[state] = index;
  });
  return { edges, children, viaClass, literalAt };
}

/** Failure links, and the states in breadth-first order (each after its failure state). */
function failureLinks({ edges, children, viaClass }: Trie, states: number, classes: number): { failure: Int32Array; order: number[] } {
  const failure = new Int32Array(states);
  const order: number[] = [];
  for (const child of children[ROOT]!) order.push(child);
  for (let i = 0; i < order.length; i++) {
    const state = order[i]!;
    for (const child of children[state]!) {
      const unitClass = viaClass[child]!;
      let fail = failure[state]!;
      let next = edges.get(fail * classes + unitClass);
      while (next === undefined && fail !== ROOT) {
        fail = failure[fail]!;
        next = edges.get(fail * classes + unitClass);
      }
      failure[child] = next ?? ROOT;
      order.push(child);
    }
  }
  return { failure, order };
}

function denseTable({ children, viaClass }: Trie, failure: Int32Array, order: number[], states: number, classes: number): Int32Array {
  const table = new Int32Array(states * classes);
  const fillRow = (state: number): void => {
    for (const child of children[state]!) table[state * classes + viaClass[child]!] = child;
  };
  fillRow(ROOT);
  for (const state of order) {
    // Where the trie has no edge, go where the failure state goes.
    const from = failure[state]! * classes;
    table.copyWithin(state * classes, from, from + classes);
    fillRow(state);
  }
  return table;
}
