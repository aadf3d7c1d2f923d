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
// moves the cursor back), and completes in the order of the CR LFs. The first line (begun
// before the interval) and the cursor's line are always read.
import { FOUND, LiteralAutomaton, ROOT_STATE } from './aho-corasick.js';
import type { PendingLine } from './line-tracker.js';
import { literalsOf } from './prefilter.js';
import type { CompiledTrigger } from './types.js';

/** What of the emulator the skipper reads; `Emulator` satisfies it. */
export interface SkipSource {
  plainLinesAhead(): boolean;
  cursorAbsoluteLine(): number;
  bufferLength(): number;
  rowsTrimmed(): number | undefined;
  modes(): { alternateScreen: boolean };
}

const CR = 0x0d;
const LF = 0x0a;
const ESC = 0x1b;
const CSI_OPEN = 0x5b; // [
const SGR_FINAL = 0x6d; // m
const FIRST_PRINTABLE = 0x20;
const LAST_PRINTABLE = 0x7e;

const enum Parse {
  Ground,
  Escape,
  /** Inside CSI, parameters so far digits, ; and : (an SGR if it ends with m). */
  Csi,
}

/** One automaton per list of triggers, shared by every pane (like the prefilters). */
const sharedAutomata = new WeakMap<readonly CompiledTrigger[], LiteralAutomaton | null>();

/** The automaton of every enabled trigger's literals; null when one has none (no skipping). */
function automatonFor(triggers: readonly CompiledTrigger[]): LiteralAutomaton | null {
  let automaton = sharedAutomata.get(triggers);
  if (automaton !== undefined) return automaton;
  const literals = new Set<string>();
  let everyOneHas = true;
  for (const trigger of triggers) {
    if (!trigger.enabled) continue;
    const own = literalsOf(trigger);
    if (own === undefined) everyOneHas = false;
    else for (const literal of own) literals.add(literal);
  }
  automaton = everyOneHas && triggers.some((t) => t.enabled) ? new LiteralAutomaton([...literals]) : null;
  sharedAutomata.set(triggers, automaton);
  return automaton;
}

export class OutputSkipper {
  private readonly automaton: LiteralAutomaton | null;
  /** Whether this interval started as the header says. */
  private armed = false;
  /** Something in this interval was not plain lines: read every line. */
  private tainted = false;
  /** The buffer's last row when the interval started, and rowsTrimmed() then. */
  private lastRow = 0;
  private trimmedThen = 0;
  private parse = Parse.Ground;
  /** A CR was the last byte: the next must be LF. */
  private afterCr = false;
  /** CR LFs in this interval: the line being written is the segment-th after the first. */
  private segment = 0;
  /** Automaton state in the current segment's text, or FOUND. */
  private state = ROOT_STATE;
  /** Segments (1 = the first line begun in the interval) whose text holds a literal, ascending. */
  private readonly hits: number[] = [];

  constructor(
    triggers: readonly CompiledTrigger[],
    private readonly source: SkipSource,
  ) {
    this.automaton = automatonFor(triggers);
  }

  /** Whether skipping can ever happen (every enabled trigger has a literal). */
  get active(): boolean {
    return this.automaton !== null;
  }

  /** Each chunk right before xterm parses it; undefined: the screen changed some other way. */
  observe(data: Uint8Array | undefined): void {
    if (!this.armed || this.tainted) return;
    if (data === undefined || !this.source.plainLinesAhead()) {
      this.tainted = true;
      return;
    }
    if (!this.scan(data) || this.parse !== Parse.Ground) this.tainted = true; // a sequence split over chunks: no guesses
  }

  /** False at the first byte that is not plain lines. */
  private scan(data: Uint8Array): boolean {
    const automaton = this.automaton!;
    const length = data.length;
    let i = 0;
    while (i < length) {
      const byte = data[i]!;
      if (this.parse === Parse.Ground) {
        if (byte >= FIRST_PRINTABLE && byte <= LAST_PRINTABLE) {
          if (this.afterCr) return false;
          let end = i + 1;
          while (end < length && data[end]! >= FIRST_PRINTABLE && data[end]! <= LAST_PRINTABLE) end++;
          if (this.state !== FOUND) this.state = automaton.advance(this.state, data, i, end);
          i = end;
          continue;
        }
        if (byte === CR) {
          if (this.afterCr) return false;
          this.afterCr = true;
        } else if (byte === LF) {
          if (!this.afterCr) return false;
          this.afterCr = false;
          this.endSegment();
        } else if (byte === ESC) {
          if (this.afterCr) return false;
          this.parse = Parse.Escape;
        } else {
          return false;
        }
      } else if (this.parse === Parse.Escape) {
        if (byte !== CSI_OPEN) return false;
        this.parse = Parse.Csi;
      } else if (byte === SGR_FINAL) {
        this.parse = Parse.Ground;
      } else if (!((byte >= 0x30 && byte <= 0x39) || byte === 0x3b || byte === 0x3a)) {
        return false; // not an SGR, or a control inside it (xterm would act on it)
      }
      i++;
    }
    return true;
  }

  private endSegment(): void {
    // Segment 0 went on the line begun before the interval, which is read anyway.
    if (this.state === FOUND && this.segment > 0) this.hits.push(this.segment);
    this.segment++;
    this.state = ROOT_STATE;
  }

  /**
   * For the lines of a pending() of the tracker, made right after the interval: which need
   * not be read (true), or undefined when every one must be.
   */
  skippable(pending: readonly PendingLine[]): boolean[] | undefined {
    if (!this.armed || this.tainted) return undefined;
    const trimmed = this.source.rowsTrimmed();
    if (trimmed === undefined) return undefined;
    const lastRow = this.lastRow - (trimmed - this.trimmedThen);
    if (lastRow < 0) return undefined; // trimmed away: which rows are new is not known
    const skip: boolean[] = new Array<boolean>(pending.length).fill(false);
    let segment = 0;
    let hit = 0;
    for (let i = 0; i < pending.length; i++) {
      const line = pending[i]!;
      if (!line.complete || line.altScreen) continue;
      if (segment === 0) {
        // The first complete line: the one begun before the interval, which is read.
        segment = 1;
        if (line.startRow !== undefined && line.startRow > lastRow) return undefined;
        continue;
      }
      if (line.startRow === undefined || line.startRow <= lastRow) return undefined;
      while (hit < this.hits.length && this.hits[hit]! < segment) hit++;
      skip[i] = this.hits[hit] !== segment;
      segment++;
    }
    // As many lines as CR LFs after the first: otherwise the rows are not what the bytes say.
    const lines = segment === 0 ? 0 : segment - 1;
    const expected = this.segment === 0 ? 0 : this.segment - 1;
    return lines === expected ? skip : undefined;
  }

  /**
   * After a scan: starts the next interval. `caughtUp`: the scan read every line up to the
   * cursor's (the tracker stands on it).
   */
  rearm(caughtUp: boolean): void {
    const clean = this.armed && !this.tainted && this.parse === Parse.Ground;
    // A CR at the very end of a clean interval: its LF may come first in the next one.
    this.afterCr = clean && this.afterCr;
    this.parse = Parse.Ground;
    this.tainted = false;
    this.segment = 0;
    this.state = ROOT_STATE;
    this.hits.length = 0;
    const last = this.source.bufferLength() - 1;
    // Not on the alternate screen: its rows are reused, not new.
    this.armed = this.automaton !== null && caughtUp && this.source.cursorAbsoluteLine() === last && !this.source.modes().alternateScreen;
    if (!this.armed) return;
    this.lastRow = last;
    this.trimmedThen = this.source.rowsTrimmed() ?? this.source.rowsTrimmed()!;
  }

  dispose(): void {
    this.armed = false;
  }
}
