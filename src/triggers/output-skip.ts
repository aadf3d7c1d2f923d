// Lines of a flood that no trigger can match, told from the pane's output bytes as xterm parses
// them, so that a scan need not read them off the screen (reading a line costs more than
// parsing it: bench/README.md, Triggers). Exact, never a guess: a line is skipped only when
// its text on screen is provably the bytes that wrote it, and those hold none of the triggers'
// literals; whenever that is in doubt, every line is read as before.
//
// Why it is exact. Between two scans (an interval), when at its start
//   - every enabled trigger has literals, one of which each of its matches contains
//     (prefilter.ts): a line with none of them fires nothing;
//   - the scan before read every line (the tracker stands on the cursor's line), the cursor is
//     on the buffer's last row (every row after it is new, made blank by a line feed), and
//     that row is still in the history (rows trimmed since are counted);
// and every chunk parsed in the interval starts with xterm in the state of plainLinesAhead()
// (ground state, no character set, auto-wrap, no insert mode, normal screen, no scroll
// region) and holds only printable ASCII, SGR sequences (CSI digits ; : m) and CR LF, then
// each line after the first starts on a new row, holds exactly the printable bytes between
// its CR LF and the next (ASCII is one cell a character, wrapped rows are joined, nothing
// moves the cursor back), and completes in the order of the CR LFs. The cursor's line is
// always read; so is the first line (begun before the interval), unless it began after a CR LF
// of an earlier interval and every interval since was plain lines too: then its text is all
// the bytes written since that CR LF, and it is told like the others.
import { type ByteAutomaton, LiteralAutomaton, OTHER_BYTE } from './aho-corasick.js';
import type { PendingLine } from './line-tracker.js';
import { type ByteScanState, WasmByteScanner } from './byte-scan.js';
import { literalsOf } from './prefilter.js';
import type { CompiledTrigger } from './types.js';

/** What of the emulator the skipper reads; `Emulator` satisfies it. */
export interface SkipSource {
  plainLinesAhead(): boolean;
  cursorAbsoluteLine(): number;
  bufferLength(): number;
  isWrapped(row: number): boolean;
  alternateScreenActive(): boolean;
}

/**
 * The pane's triggers as the skipper asks about them (TriggerMatcher): whether one may fire
 * now, until when it cannot, a version that changes with firings, and the matcher's clock.
 */
export interface QuietTriggers {
  mayFire(trigger: number): boolean;
  quietUntil(trigger: number): number;
  readonly version: number;
  now(): number;
}

/**
 * Above this many triggers literals are not muted: working out which are (on each firing)
 * would cost more than the lines it saves reading.
 */
export const MAX_MUTED_TRIGGERS = 2000;

/**
 * Rows trimmed off the top of the normal screen's history so far (LineTracker.rowsTrimmed):
 * undefined when not known, and once whenever the count starts again.
 */
export interface TrimCount {
  rowsTrimmed(): number | undefined;
}

const CR = 0x0d;
const LF = 0x0a;
const ESC = 0x1b;
const CSI_OPEN = 0x5b; // [
const SGR_FINAL = 0x6d; // m

/** Bytes an SGR's parameters may hold: digits, ; and : (anything else is another sequence). */
const SGR_PARAMETER = new Uint8Array(0x100);
for (const c of '0123456789;:') SGR_PARAMETER[c.charCodeAt(0)] = 1;

/** The literals' automaton over bytes, and which triggers each literal is one of. */
interface SkipAutomaton {
  bytes: ByteAutomaton;
  /** Per literal (the automaton's index), the indices of the enabled triggers it is a literal of. */
  triggersOf: number[][];
  /**
   * The scan in WebAssembly (byte-scan.ts), which passes over bytes that leave the start state
   * as it is sixteen at a time; undefined where it cannot run (then the JavaScript table scan).
   */
  wasm: WasmByteScanner | undefined;
  /** The automaton's states. */
  states: number;
  /** The states where literals end, and the literals ending at each (in the same order). */
  hitStates: Int32Array;
  literalsAtHit: number[][];
}

/** One per list of triggers, shared by every pane (like the prefilters). */
const sharedAutomata = new WeakMap<readonly CompiledTrigger[], SkipAutomaton | null>();

/**
 * The byte automaton of every enabled trigger's literals; null when one has none, or when its
 * table would be too big (tens of thousands of long, varied literals): then no line is skipped.
 */
function automatonFor(triggers: readonly CompiledTrigger[]): SkipAutomaton | null {
  let automaton = sharedAutomata.get(triggers);
  if (automaton !== undefined) return automaton;
  const literalIndex = new Map<string, number>();
  const triggersOf: number[][] = [];
  let everyOneHas = triggers.some((t) => t.enabled);
  triggers.forEach((trigger, index) => {
    if (!trigger.enabled) return;
    const own = literalsOf(trigger);
    if (own === undefined) everyOneHas = false;
    else {
      for (const literal of own) {
        let at = literalIndex.get(literal);
        if (at === undefined) {
          at = triggersOf.length;
          literalIndex.set(literal, at);
          triggersOf.push([]);
        }
        triggersOf[at]!.push(index);
      }
    }
  });
  const bytes = everyOneHas ? new LiteralAutomaton([...literalIndex.keys()]).byteAutomaton() : undefined;
  automaton = bytes !== undefined ? { bytes, triggersOf, wasm: WasmByteScanner.for(bytes, stopsOf(bytes)), ...hitStatesOf(bytes) } : null;
  sharedAutomata.set(triggers, automaton);
  return automaton;
}

/** Every state where literals end, with them. */
function hitStatesOf(bytes: ByteAutomaton): Pick<SkipAutomaton, 'states' | 'hitStates' | 'literalsAtHit'> {
  const states = bytes.table.length / bytes.columns;
  const hits: number[] = [];
  const literalsAtHit: number[][] = [];
  for (let state = 0; state < states; state++) {
    const found: number[] = [];
    bytes.literalsAt(state, found);
    if (found.length === 0) continue;
    hits.push(state);
    literalsAtHit.push(found);
  }
  return { states, hitStates: Int32Array.from(hits), literalsAtHit };
}

/**
 * 1 for each byte where the scan must look from the automaton's start state: every byte that
 * is not printable ASCII, and every one that starts a literal (moves the automaton off it).
 * Any other byte leaves the start state as it is, so a run of them can be passed over.
 */
function stopsOf(bytes: ByteAutomaton): Uint8Array {
  const stops = new Uint8Array(0x100);
  for (let byte = 0; byte < 0x100; byte++) if (bytes.table[bytes.columnOf[byte]!] !== 0) stops[byte] = 1;
  return stops;
}

/**
 * Bytes of an interval kept for its scan at most: past this they are scanned at once (a flood
 * of ~25 MB/s brings ~100 KB between two scans 4 ms apart).
 */
export const MAX_UNSCANNED_BYTES = 256 * 1024;

/** skippable(): a line to read. */
export const LINE_READ = -1;
/** skippable(): a line that holds no literal, so no trigger can match it. */
export const LINE_SKIP = -2;

export class OutputSkipper {
  private readonly automaton: SkipAutomaton | null;
  /** Whether this interval started as the header says. */
  private armed = false;
  /** Something in this interval was not plain lines: read every line. */
  private tainted = false;
  /** The buffer's last row when the interval started, and rowsTrimmed() then. */
  private lastRow = 0;
  private trimmedThen = 0;
  /** A CR was the last byte of the last chunk: the next must be LF. */
  private afterCr = false;
  /** CR LFs in this interval: the line being written is the segment-th after the first. */
  private segment = 0;
  /**
   * Whether the first line's text is known from the bytes (see the header): then its literals
   * are hit segment 0, and the automaton's state runs on from the interval before.
   */
  private firstKnown = false;
  /** Byte automaton state in the current segment's text (its `found` once a literal was seen). */
  private state = 0;
  /** Segments (1 = the first line begun in the interval) whose text holds a literal, ascending. */
  private readonly hits: number[] = [];
  /** Where each hit's literals start in `hitLiterals` (they end where the next hit's start). */
  private readonly hitFrom: number[] = [];
  /** The literals found in each hit segment, each once a segment. */
  private readonly hitLiterals: number[] = [];
  /** Per literal, the hit (a serial over all intervals) it was last listed for. */
  private readonly listedFor: Uint32Array;
  private hitSerial = 0;
  private readonly found: number[] = [];
  /**
   * Muted states (1 a byte): every literal ending there belongs only to triggers that cannot
   * fire now (over their rate limit, cooling down), so a hit there is not recorded, and a line
   * holding nothing else is skipped like one with no literal: a rate-limited trigger matching
   * every line of a flood costs no line read. Exact while no muted trigger may fire again:
   * until `mutedUntil` (matcher time). Worked out at each interval's start; a plan made later
   * than that reads every line instead.
   */
  private readonly muted: { states: Uint8Array; stamp: number };
  private mutedUntil = Infinity;
  private mutedVersion = -1;
  /** Per literal, until when its triggers cannot fire (scratch for refreshMuting). */
  private readonly literalQuietUntil: Float64Array;
  /** No chunk was observed since the interval started (muting may still change). */
  private intervalFresh = true;

  constructor(
    triggers: readonly CompiledTrigger[],
    private readonly source: SkipSource,
    private readonly trims: TrimCount,
    /** The pane's matcher; undefined: no literal is ever muted. */
    private readonly quiet: QuietTriggers | undefined,
    /** False: every byte through the JavaScript table (tests compare the two paths). */
    private readonly accelerated = true,
  ) {
    this.automaton = automatonFor(triggers);
    this.listedFor = new Uint32Array(this.automaton?.bytes.literalCount ?? 0);
    this.muted = { states: new Uint8Array(this.automaton?.states ?? 0), stamp: 0 };
    this.literalQuietUntil = new Float64Array(this.automaton?.bytes.literalCount ?? 0);
    if (triggers.length > MAX_MUTED_TRIGGERS) this.quiet = undefined;
  }

  /**
   * Marks the states whose literals' triggers cannot fire now (see `muted`), when a firing or
   * the time since says it may have changed. Only between intervals, or before an interval's
   * first chunk: a state unmuted then may hold literals of the line begun before, unrecorded,
   * so that line is read.
   */
  private refreshMuting(): void {
    const quiet = this.quiet;
    if (quiet === undefined) return;
    const now = quiet.now();
    // Apart from the rest: this runs every interval, the rest after firings (V8 compiled the
    // whole, loops and all, in the middle of floods).
    if (quiet.version === this.mutedVersion && now < this.mutedUntil) return;
    this.recomputeMuting(quiet, now);
  }

  private recomputeMuting(quiet: QuietTriggers, now: number): void {
    this.mutedVersion = quiet.version;
    const { triggersOf, hitStates, literalsAtHit } = this.automaton!;
    const literalUntil = this.literalQuietUntil;
    for (let literal = 0; literal < triggersOf.length; literal++) {
      const triggers = triggersOf[literal]!;
      let until = Infinity;
      for (let t = 0; t < triggers.length && until > now; t++) {
        const q = quiet.quietUntil(triggers[t]!);
        if (q < until) until = q;
      }
      literalUntil[literal] = until;
    }
    const states = this.muted.states;
    let mutedUntil = Infinity;
    let changed = false;
    let unmuted = false;
    for (let k = 0; k < hitStates.length; k++) {
      const literals = literalsAtHit[k]!;
      let until = Infinity;
      for (let l = 0; l < literals.length && until > now; l++) {
        const q = literalUntil[literals[l]!]!;
        if (q < until) until = q;
      }
      const mute = until > now ? 1 : 0;
      if (mute === 1 && until < mutedUntil) mutedUntil = until;
      const state = hitStates[k]!;
      if (states[state] === mute) continue;
      changed = true;
      if (mute === 0) unmuted = true;
      states[state] = mute;
    }
    this.mutedUntil = mutedUntil;
    if (changed) this.muted.stamp++;
    if (unmuted) this.firstKnown = false;
  }

  /** Whether a plan made now may count on the muting (no muted trigger may fire again yet). */
  private mutingHolds(): boolean {
    return this.mutedUntil === Infinity || this.quiet!.now() < this.mutedUntil;
  }

  /** Whether skipping can ever happen (every enabled trigger has a literal). */
  get active(): boolean {
    return this.automaton !== null;
  }

  /** Each chunk right before xterm parses it; undefined: the screen changed some other way. */
  observe(data: Uint8Array | undefined): void {
    if (!this.armed || this.tainted) return;
    if (this.intervalFresh) {
      this.intervalFresh = false;
      this.refreshMuting();
    }
    // xterm's state is checked now, before the chunk's parse; its bytes are scanned with the
    // interval's others when a plan asks (one scan an interval, not a call a chunk: bench/README.md).
    if (data === undefined || !this.source.plainLinesAhead()) {
      this.tainted = true;
      this.unscanned = 0;
      return;
    }
    this.keep(data);
  }

  /** The interval's bytes not scanned yet (copied: a pty's buffers are not ours to keep). */
  private unscannedBytes = new Uint8Array(0);
  private unscanned = 0;

  private keep(data: Uint8Array): void {
    const length = this.unscanned + data.length;
    if (length > this.unscannedBytes.length) {
      if (this.unscanned >= MAX_UNSCANNED_BYTES) {
        this.scanKept();
        if (this.tainted) return;
        return this.keep(data);
      }
      const grown = new Uint8Array(Math.max(length, Math.min(2 * this.unscannedBytes.length, MAX_UNSCANNED_BYTES), 16 * 1024));
      grown.set(this.unscannedBytes.subarray(0, this.unscanned));
      this.unscannedBytes = grown;
    }
    this.unscannedBytes.set(data, this.unscanned);
    this.unscanned = length;
  }

  /** Scans the bytes kept so far (before anything reads what the scan finds). */
  private scanKept(): void {
    if (this.unscanned === 0) return;
    const bytes = this.unscannedBytes.subarray(0, this.unscanned);
    this.unscanned = 0;
    if (!this.tainted && !this.scan(bytes)) this.tainted = true;
  }

  /**
   * False at the first byte that is not plain lines, and for a sequence split over chunks (no
   * guesses). In WebAssembly where it runs (byte-scan.ts), else one table read a byte: it both
   * steps the automaton and tells the other bytes apart.
   */
  private scan(data: Uint8Array): boolean {
    const wasm = this.accelerated ? this.automaton!.wasm : undefined;
    return wasm !== undefined ? this.scanWasm(wasm, data) : this.scanTable(data);
  }

  /** Where the WebAssembly scan starts and ends (the skipper's own fields, copied in and out). */
  private readonly scanState: ByteScanState = { state: 0, segment: 0, afterCr: false };

  private scanWasm(wasm: WasmByteScanner, data: Uint8Array): boolean {
    const at = this.scanState;
    at.state = this.state;
    at.segment = this.segment;
    at.afterCr = this.afterCr;
    if (!wasm.scan(data, at, this.muted)) return false;
    const hits = wasm.hitCount();
    for (let k = 0; k < hits; k++) {
      const segment = wasm.hitSegment(k);
      // Segment 0 went on the line begun before the interval: read anyway unless it is known.
      if (segment > 0 || this.firstKnown) this.noteLiterals(wasm.hitState(k), segment);
    }
    this.state = at.state;
    this.segment = at.segment;
    this.afterCr = at.afterCr;
    return true;
  }

  private scanTable(data: Uint8Array): boolean {
    const { table, columns, columnOf } = this.automaton!.bytes;
    const length = data.length;
    let state = this.state;
    let i = 0;
    if (this.afterCr && length > 0) {
      if (data[0] !== LF) return false;
      this.afterCr = false;
      this.segment++;
      state = 0;
      i = 1;
    }
    while (i < length) {
      const byte = data[i]!;
      const next = table[state * columns + columnOf[byte]!]!;
      if (next >= 0) {
        state = next;
        i++;
      } else if (next !== OTHER_BYTE) {
        state = -next - 2;
        if ((this.segment > 0 || this.firstKnown) && this.muted.states[state] === 0) this.noteLiterals(state, this.segment);
        i++;
      } else if (byte === CR) {
        if (i + 1 === length) {
          this.afterCr = true; // its LF comes with the next chunk
          i++;
        } else {
          if (data[i + 1] !== LF) return false;
          this.segment++;
          state = 0;
          i += 2;
        }
      } else if (byte === ESC) {
        // An SGR (ESC [ digits ; : m), whole in this chunk; nothing else.
        let end = i + 1;
        if (end >= length || data[end] !== CSI_OPEN) return false;
        end++;
        while (end < length && SGR_PARAMETER[data[end]!] === 1) end++;
        if (end >= length || data[end] !== SGR_FINAL) return false;
        i = end + 1;
      } else {
        return false; // a lone LF, any other control, DEL, or UTF-8
      }
    }
    this.state = state;
    return true;
  }

  /** The literals ending at `state` are in the line of `segment` (the current one or before). */
  private noteLiterals(state: number, segment: number): void {
    if (this.hits.length === 0 || this.hits[this.hits.length - 1] !== segment) this.newHit(segment);
    const found = this.found;
    found.length = 0;
    this.automaton!.bytes.literalsAt(state, found);
    for (const literal of found) {
      if (this.listedFor[literal] === this.hitSerial) continue;
      this.listedFor[literal] = this.hitSerial;
      this.hitLiterals.push(literal);
    }
  }

  /** A hit for `segment`, with no literals listed yet. */
  private newHit(segment: number): void {
    this.hits.push(segment);
    this.hitFrom.push(this.hitLiterals.length);
    if (++this.hitSerial === 0xffffffff) {
      this.listedFor.fill(0);
      this.hitSerial = 1;
    }
  }

  /**
   * Whether a line skippable() gave as hit `hit` (>= 0) may fire: whether `triggers.mayFire`
   * says so of one of the triggers whose literals it holds (none other can match it). An object
   * with the method, not a function: a closure per pane made V8 throw away this compiled code
   * ("wrong call target") when a second pane's came, and compile it again during a flood.
   */
  mayFire(hit: number, matcher: { mayFire(trigger: number): boolean }): boolean {
    const end = hit + 1 < this.hitFrom.length ? this.hitFrom[hit + 1]! : this.hitLiterals.length;
    const { triggersOf } = this.automaton!;
    for (let at = this.hitFrom[hit]!; at < end; at++) {
      const triggers = triggersOf[this.hitLiterals[at]!]!;
      for (let t = 0; t < triggers.length; t++) if (matcher.mayFire(triggers[t]!)) return true;
    }
    return false;
  }

  /**
   * For the lines of a pending() of the tracker, made right after the interval: LINE_SKIP for
   * those no trigger can match, LINE_READ for those to read, and for the complete lines
   * holding a literal, the hit to ask mayFire() about; undefined when every line must be read.
   */
  skippable(pending: readonly PendingLine[]): number[] | undefined {
    this.scanKept();
    if (!this.armed || this.tainted || !this.mutingHolds()) return undefined;
    const trimmed = this.trims.rowsTrimmed();
    if (trimmed === undefined) return undefined;
    const lastRow = this.lastRow - (trimmed - this.trimmedThen);
    if (lastRow < 0) return undefined; // trimmed away: which rows are new is not known
    const plan: number[] = new Array<number>(pending.length).fill(LINE_READ);
    let segment = 0;
    let hit = 0;
    for (let i = 0; i < pending.length; i++) {
      const line = pending[i]!;
      if (!line.complete || line.altScreen) continue;
      if (segment === 0) {
        // The first complete line: the one begun before the interval.
        segment = 1;
        if (line.startRow !== undefined && line.startRow > lastRow) return undefined;
        plan[i] = this.firstPlan();
        continue;
      }
      if (line.startRow === undefined || line.startRow <= lastRow) return undefined;
      while (hit < this.hits.length && this.hits[hit]! < segment) hit++;
      plan[i] = this.hits[hit] === segment ? hit : LINE_SKIP;
      segment++;
    }
    // As many lines as CR LFs after the first: otherwise the rows are not what the bytes say.
    const lines = segment === 0 ? 0 : segment - 1;
    const expected = this.segment === 0 ? 0 : this.segment - 1;
    return lines === expected ? plan : undefined;
  }

  /**
   * The lines worth reading since the interval started, told without walking the rows: when
   * no line after the first took more than one row, the k-th line after it is on the k-th row
   * after its end, and only those holding a literal need be read (a flood of 20,000 lines was
   * 20,000 calls into xterm, objects and plan entries; bench/README.md, Triggers). `from`: the
   * row the tracker stands on; `to`: where the cursor's line starts. Undefined: let the
   * tracker walk the rows (then skippable() plans them).
   */
  chosen(from: number, to: number): { lines: PendingLine[]; plan: number[] } | undefined {
    this.scanKept();
    if (!this.armed || this.tainted || this.segment === 0 || !this.mutingHolds()) return undefined;
    const trimmed = this.trims.rowsTrimmed();
    if (trimmed === undefined) return undefined;
    const lastRow = this.lastRow - (trimmed - this.trimmedThen);
    if (lastRow < 0 || from > lastRow) return undefined;
    // The line begun before the interval ends where its rows stop wrapping (it was on lastRow).
    let end = lastRow;
    const length = this.source.bufferLength();
    while (end + 1 < length && this.source.isWrapped(end + 1)) end++;
    // Each CR LF put the next line on a new row (the cursor was on the last one), and a line
    // wider than the screen took more: when the cursor's line is the segment-th row after the
    // first line's, every line between took one row. Else the tracker walks them.
    if (to !== end + this.segment) return undefined;
    // The first line as pending() gives it (its start is walked back to when it is read).
    const lines: PendingLine[] = [{ endRow: end, complete: true, altScreen: false }];
    const plan = [this.firstPlan()];
    for (let hit = 0; hit < this.hits.length; hit++) {
      const segment = this.hits[hit]!;
      if (segment === 0) continue; // the first line's literals
      if (segment >= this.segment) break; // the cursor's line: pending() adds it when wanted
      lines.push({ endRow: end + segment, startRow: end + segment, complete: true, altScreen: false });
      plan.push(hit);
    }
    return { lines, plan };
  }

  /** The plan for the first line: read it, unless its text is known (then as any other line). */
  private firstPlan(): number {
    if (!this.firstKnown) return LINE_READ;
    return this.hits[0] === 0 ? 0 : LINE_SKIP;
  }

  /**
   * After a scan: starts the next interval. `caughtUp`: the scan read every line up to the
   * cursor's (the tracker stands on it).
   */
  rearm(caughtUp: boolean): void {
    this.scanKept();
    const clean = this.armed && !this.tainted;
    // A CR at the very end of a clean interval: its LF may come first in the next one.
    this.afterCr = clean && this.afterCr;
    // The cursor's line, the next interval's first, is known when it began after a CR LF of
    // this clean interval, or was known at its start and this interval only added to it.
    const carry = clean && (this.segment > 0 || this.firstKnown);
    const last = this.source.bufferLength() - 1;
    // Not on the alternate screen: its rows are reused, not new. Trimmed rows must be counted.
    const onLastRow = this.automaton !== null && caughtUp && this.source.cursorAbsoluteLine() === last && !this.source.alternateScreenActive();
    const trimmedNow = onLastRow ? (this.trims.rowsTrimmed() ?? this.trims.rowsTrimmed()) : undefined;
    const armed = trimmedNow !== undefined;
    this.firstKnown = carry && armed;
    // The literals found so far in the cursor's line become those of the first line (hit 0).
    const lastHit = this.hits.length - 1;
    const carried = this.firstKnown && lastHit >= 0 && this.hits[lastHit] === this.segment ? this.hitLiterals.slice(this.hitFrom[lastHit]) : undefined;
    this.tainted = false;
    this.segment = 0;
    if (!this.firstKnown) this.state = 0;
    this.hits.length = 0;
    this.hitFrom.length = 0;
    this.hitLiterals.length = 0;
    if (carried !== undefined) {
      this.newHit(0);
      for (const literal of carried) {
        this.listedFor[literal] = this.hitSerial;
        this.hitLiterals.push(literal);
      }
    }
    this.armed = armed;
    this.intervalFresh = true;
    if (trimmedNow === undefined) return;
    this.lastRow = last;
    this.trimmedThen = trimmedNow;
    this.refreshMuting();
  }

  dispose(): void {
    this.armed = false;
    this.unscanned = 0;
  }
}
