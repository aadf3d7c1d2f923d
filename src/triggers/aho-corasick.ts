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
/** advance(): the state to start a line from. */
export const ROOT_STATE = ROOT;
/** advance(): a literal was found. */
export const FOUND = -1;
/** Code units a JavaScript string holds. */
const CODE_UNITS = 0x10000;

export class LiteralAutomaton {
  /** Character class per code unit; 0 for every unit no literal contains. */
  private readonly classOf = new Uint16Array(CODE_UNITS);
  private readonly classes: number;
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
   * Goes on from `state` (ROOT_STATE at a line's start) over bytes [start, end) taken as code
   * units (ASCII: a byte is its own code unit): the state to go on from, or FOUND as soon as a
   * literal ends there. For text seen in pieces, before it is a string (output-skip.ts).
   */
  advance(state: number, units: Uint8Array, start: number, end: number): number {
    const { table, classOf, classes, literalAt, outputLink } = this;
    if (table !== undefined) {
      for (let i = start; i < end; i++) {
        state = table[state * classes + classOf[units[i]!]!]!;
        if (literalAt[state] !== NONE || outputLink[state] !== NONE) return FOUND;
      }
      return state;
    }
    for (let i = start; i < end; i++) {
      const unitClass = classOf[units[i]!]!;
      if (unitClass === 0) {
        state = ROOT;
        continue;
      }
      state = this.stepSparse(state, unitClass);
      if (literalAt[state] !== NONE || outputLink[state] !== NONE) return FOUND;
    }
    return state;
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
