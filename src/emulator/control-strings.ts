// Bounds what a program's control strings (OSC, DCS, SOS, PM, APC) can cost. xterm.js keeps a
// string whole, as JS strings, until its end (its PAYLOAD_LIMIT is 10 MB), and a 10 MB title
// cost ~350 MB of RSS while it was parsed. tmux discards any string longer than its input
// buffer (input.c, INPUT_BUF_LIMIT, 1 MiB). Here a string streams on to xterm until its
// content reaches the same limit; then a CAN goes in its place, which makes xterm drop what it
// held (a cancelled string does nothing), and the rest of the string is dropped as it comes,
// never held, up to its end. No library here: bytes in, bytes out.
//
// Which bytes start and end a string mirrors xterm's parser (EscapeSequenceParser's table):
// - introducers: ESC ] (OSC), ESC P (DCS), ESC X / ESC ^ / ESC _ (SOS, PM, APC; xterm ignores
//   their content), with C0 controls and DEL allowed between ESC and the letter (xterm executes
//   or ignores them and stays in its escape state); and the C1 forms U+009D, U+0090, U+0098,
//   U+009E, U+009F, which xterm honours as UTF-8 (C2 9D ...; a raw 0x9D byte is not UTF-8);
// - ends: ESC (ESC \ is ST; any ESC ends a string and starts a sequence), CAN and SUB (abort),
//   any C1 (U+009C is ST; the others end it too), and BEL for OSC only.
// Plain output costs two native byte searches per chunk: ESC, and 0xC2, the first byte of
// every C1 in UTF-8 (a UTF-8 continuation byte is never 0xC2, so a match is exact).

/**
 * Longest string content (bytes after the introducer, up to its end) passed on: tmux's
 * INPUT_BUF_LIMIT, so a string tmux acts on, tmx acts on too. An OSC 52 clipboard write of
 * 1 MiB of base64 carries 768 KiB, as in tmux; a title or a link is far shorter.
 */
export const MAX_CONTROL_STRING_BYTES = 1024 * 1024;

const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const ESC = 0x1b;
const DEL = 0x7f;
/** The first byte of U+0080..U+00BF in UTF-8, the C1 controls among them. */
const C1_LEAD = 0xc2;
const CAN_BYTES = Uint8Array.of(CAN);
/** How far ground() looks by hand for the next ESC or 0xC2 before a native search (see there). */
const NEAR_SCAN_BYTES = 16;
/** A position not searched for yet (below any index, and not indexOf's -1 for "none"). */
const UNKNOWN = -2;

/** The letters after ESC that open a string: ] OSC, P DCS, X SOS, ^ PM, _ APC. */
const isIntroducer = (byte: number): boolean => byte === 0x5d || byte === 0x50 || byte === 0x58 || byte === 0x5e || byte === 0x5f;
/** The C1 second bytes (after 0xC2) that open a string: OSC, DCS, SOS, PM, APC. */
const isC1Introducer = (byte: number): boolean => byte === 0x9d || byte === 0x90 || byte === 0x98 || byte === 0x9e || byte === 0x9f;
const isC1 = (byte: number): boolean => byte >= 0x80 && byte <= 0x9f;
/** Bytes xterm executes or ignores in its escape state, staying in it (not CAN, SUB, ESC). */
const staysInEscape = (byte: number): boolean => (byte < 0x20 && byte !== CAN && byte !== SUB && byte !== ESC) || byte === DEL;

const enum Mode {
  /** Outside any string: only ESC and 0xC2 are looked at. */
  Ground,
  /** Inside a string within the limit: passed on, counted. */
  Passing,
  /** Inside a string beyond the limit: dropped up to its end. */
  Dropping,
}

/**
 * The last ESC or C1 in `data`, or -1: where xterm's parser state is set afresh for the last
 * time in the chunk. Native searches from the end.
 */
function lastBoundary(data: Buffer): number {
  const esc = data.lastIndexOf(ESC);
  let lead = data.lastIndexOf(C1_LEAD);
  while (lead > esc) {
    // (A 0xC2 as the last byte may or may not begin a C1: the scan from the boundary before decides.)
    if (lead + 1 < data.length && isC1(data[lead + 1]!)) return lead;
    // (lastIndexOf counts a negative offset from the end, so 0 needs its own stop.)
    lead = lead === 0 ? -1 : data.lastIndexOf(C1_LEAD, lead - 1);
  }
  return esc;
}

export class ControlStringFilter {
  private mode = Mode.Ground;
  /** The string is an OSC (which BEL ends too). */
  private osc = false;
  /** Content bytes of the current string so far. */
  private length = 0;
  /** Ground: an ESC was passed on, and only bytes that keep xterm in its escape state since. */
  private afterEsc = false;
  /** Ground: a 0xC2 was passed on as the chunk's last byte. */
  private afterC1Lead = false;
  /** In a string: a 0xC2 ended the last chunk and is held until it is known to be content or an end. */
  private heldC1Lead = false;
  /** Strings dropped for being too long (for tests and diagnostics). */
  dropped = 0;

  /** Within the chunk being filtered: the pieces passed on so far, and where the current run began. */
  private pieces: Uint8Array[] = [];
  private runStart = 0;
  /** Within the chunk: the next ESC and 0xC2 at or after where ground() last looked (-1: none left). */
  private nextEsc = UNKNOWN;
  private nextLead = UNKNOWN;

  constructor(private readonly limit = MAX_CONTROL_STRING_BYTES) {}

  /** Nothing held and no string open: the next bytes are parsed as they are. */
  get idle(): boolean {
    return this.mode === Mode.Ground && !this.afterEsc && !this.afterC1Lead;
  }

  /**
   * The bytes xterm should parse for `chunk`: the chunk itself while no string in it is too
   * long (the usual case, no copy), else what is left of it.
   */
  filter(chunk: Uint8Array): Uint8Array {
    const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const end = data.length;
    if (end === 0) return chunk;
    this.pieces = [];
    this.runStart = 0;
    this.nextEsc = UNKNOWN;
    this.nextLead = UNKNOWN;
    let i = 0;
    if (this.idle && end <= this.limit) {
      // The usual case, outside any string: nothing before the chunk's last ESC or C1 can
      // matter (each ends whatever string came before it, and a string that began and ended
      // in this chunk is within the limit), so only what follows it is looked at.
      i = lastBoundary(data);
      // No ESC or C1: plain output throughout, but a last 0xC2 may begin a C1 in the next chunk.
      if (i < 0 && data[end - 1] !== C1_LEAD) return chunk;
      if (i < 0) i = end - 1;
    }
    if (this.heldC1Lead) i = this.resolveHeldC1Lead(data);
    while (i < end) i = this.mode === Mode.Ground ? this.ground(data, i) : this.inString(data, i);
    if (this.pieces.length === 0 && this.runStart === 0) return chunk;
    this.keepRun(data, end);
    return this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces);
  }

  /** Scans plain output from `i` for the next introducer; returns where to go on. */
  private ground(data: Buffer, i: number): number {
    const end = data.length;
    if (this.afterEsc) {
      while (i < end && staysInEscape(data[i]!)) i++;
      if (i === end) return end;
      this.afterEsc = false;
      if (isIntroducer(data[i]!)) return this.open(data[i]! === 0x5d, i + 1);
      // Any other byte is looked at afresh below (it may be ESC or 0xC2 itself).
    } else if (this.afterC1Lead) {
      this.afterC1Lead = false;
      if (isC1Introducer(data[i]!)) return this.open(data[i]! === 0x9d, i + 1);
    }
    for (;;) {
      // Output dense with sequences (colours every word) has its next ESC a few bytes on: a
      // look by hand costs less there than a call into a native search, which wins on text.
      const near = Math.min(end, i + NEAR_SCAN_BYTES);
      while (i < near && data[i] !== ESC && data[i] !== C1_LEAD) i++;
      if (i === end) return end;
      if (i === near) {
        // Each native search runs once per match, not once per call: output with thousands
        // of ESCs and no 0xC2 would otherwise search the rest of the chunk for 0xC2 after each.
        if (this.nextEsc !== -1 && this.nextEsc < i) this.nextEsc = data.indexOf(ESC, i);
        if (this.nextLead !== -1 && this.nextLead < i) this.nextLead = data.indexOf(C1_LEAD, i);
        const esc = this.nextEsc;
        const lead = this.nextLead;
        i = esc < 0 ? lead : lead < 0 ? esc : Math.min(esc, lead);
        if (i < 0) return end;
      }
      const isEsc = data[i] === ESC;
      if (++i === end) {
        if (isEsc) this.afterEsc = true;
        else this.afterC1Lead = true;
        return end;
      }
      const next = data[i]!;
      if (isEsc) {
        if (isIntroducer(next)) return this.open(next === 0x5d, i + 1);
        if (staysInEscape(next)) {
          this.afterEsc = true;
          return i;
        }
      } else if (isC1Introducer(next)) {
        return this.open(next === 0x9d, i + 1);
      }
    }
  }

  private open(osc: boolean, at: number): number {
    this.mode = Mode.Passing;
    this.osc = osc;
    this.length = 0;
    return at;
  }

  /** Passes or drops string content from `i` up to its end or the chunk's; returns where to go on. */
  private inString(data: Buffer, i: number): number {
    const end = data.length;
    const passing = this.mode === Mode.Passing;
    // While passing, look no further than one byte past the limit.
    const room = passing ? this.limit - this.length : Infinity;
    const stop = Math.min(end, i + room + 1);
    const at = this.findEnd(data, i, stop);
    if (at < stop && !(at === end - 1 && data[at] === C1_LEAD)) {
      // The string ends at `at`: its content before is passed or dropped, the end itself is
      // looked at as plain output (ESC and C1 may start what follows), except BEL, CAN and SUB,
      // which xterm consumes as the end, so they go when the string was dropped.
      if (passing) this.length += at - i;
      else this.dropRun(data, i, at);
      this.mode = Mode.Ground;
      const byte = data[at]!;
      if (!passing && (byte === BEL || byte === CAN || byte === SUB)) {
        this.dropRun(data, at, at + 1);
        return at + 1;
      }
      return at;
    }
    if (at === end - 1 && at < stop) {
      // A 0xC2 as the chunk's last byte: content or the start of a C1 end, known next chunk.
      if (passing) this.length += at - i;
      this.dropRun(data, passing ? at : i, end);
      this.heldC1Lead = true;
      return end;
    }
    if (!passing) {
      this.dropRun(data, i, end);
      return end;
    }
    if (stop === end && end - i <= room) {
      this.length += end - i;
      return end;
    }
    // Past the limit: what xterm has so far is cancelled, the rest is dropped.
    this.overflow(data, i + room);
    return i + room;
  }

  /** The first byte from `i` (before `stop`) that ends the current string, or `stop`. */
  private findEnd(data: Buffer, i: number, stop: number): number {
    const osc = this.osc;
    for (; i < stop; i++) {
      const byte = data[i]!;
      if (byte < 0x20) {
        if (byte === ESC || byte === CAN || byte === SUB || (osc && byte === BEL)) return i;
      } else if (byte === C1_LEAD) {
        if (i + 1 === data.length || isC1(data[i + 1]!)) return i;
      }
    }
    return stop;
  }

  /** At the start of a chunk, the 0xC2 held from the last one is placed; returns where to go on. */
  private resolveHeldC1Lead(data: Buffer): number {
    this.heldC1Lead = false;
    if (isC1(data[0]!)) {
      // It began a C1, which ends the string: passed on, and looked at as plain output.
      this.pieces.push(Uint8Array.of(C1_LEAD));
      this.mode = Mode.Ground;
      this.afterC1Lead = true;
      return 0;
    }
    if (this.mode === Mode.Passing) {
      if (this.length < this.limit) {
        this.pieces.push(Uint8Array.of(C1_LEAD));
        this.length++;
      } else {
        this.overflow(data, 0);
      }
    }
    return 0;
  }

  /** The string went past the limit at `at`: cancelled there, dropped from there on. */
  private overflow(data: Buffer, at: number): void {
    this.keepRun(data, at);
    this.pieces.push(CAN_BYTES);
    this.runStart = at;
    this.mode = Mode.Dropping;
    this.dropped++;
  }

  /** Ends the run of bytes passed on at `at` (exclusive). */
  private keepRun(data: Buffer, at: number): void {
    if (at > this.runStart) this.pieces.push(data.subarray(this.runStart, at));
    this.runStart = at;
  }

  /** Drops [from, to): the run passed on so far ends at `from`. */
  private dropRun(data: Buffer, from: number, to: number): void {
    this.keepRun(data, from);
    this.runStart = to;
  }
}
