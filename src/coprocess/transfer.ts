// What a silent coprocess and the pane's program are doing together, and where it ends. It
// sees the pane's output first (how much of it belongs to the transfer and stays hidden) and
// the coprocess's output before it is typed into the pane (what of it may still go in), and
// counts both for the progress shown meanwhile. Pure: the clock and the pane's foreground
// process group are given.
//
// Where the pane's own output starts again (docs/coprocesses.md says the same for users):
// - ZModem: after the end of the session, seen in the streams: the sender's ZFIN answered by
//   the receiver's ZFIN, then the sender's "OO" (which often never arrives: lrzsz flushes its
//   terminal on exit); or a cancel (five CAN bytes and the backspaces after them).
// - Any program: once the pane's foreground process group, which was the program the
//   coprocess talks to, is the shell's again (the program has ended: what follows is the
//   shell's).
import { ZDLE, ZmodemScanner, displayName, type ZmodemEvent } from './zmodem.js';

/** After the session's end is seen, residue (OO, the rest of a cancel) is waited for this long. */
export const RESIDUE_WAIT_MS = 300;
/** Rates are measured over about this long. */
const RATE_WINDOW_MS = 2000;

export interface TransferPorts {
  now(): number;
  /** The pane's foreground process group (undefined: unknown) and its shell's pid. */
  foreground(): number | undefined;
  readonly shellPid: number;
}

export type PaneEnd = 'zmodem' | 'cancelled' | 'program-ended';

interface FileProgress {
  name: string;
  size: number | undefined;
  startedAt: number;
  endedAt?: number;
  offset: number;
  skipped?: boolean;
}

/** Residue a finished session may still leave in the pane's output. */
type Residue = { kind: 'oo'; oLeft: number; until: number } | { kind: 'cancel'; until: number } | { kind: 'fin'; until: number };

export class SilentTransfer {
  private readonly paneScanner = new ZmodemScanner();
  private readonly coprocessScanner = new ZmodemScanner();
  readonly startedAt: number;
  endedAt: number | undefined;
  /** Bytes the pane's program wrote (to the coprocess) and the coprocess typed into the pane. */
  paneBytes = 0;
  coprocessBytes = 0;
  /** Which side the pane's program is on, once a ZModem header says. */
  paneRole: 'sender' | 'receiver' | undefined;
  readonly files: FileProgress[] = [];
  /** The pane's program has ended its part: from here its output is shown. */
  paneEnded: PaneEnd | undefined;
  /** The coprocess has said all it may: its further output is dropped. */
  coprocessDone = false;
  /** Why the user stopped it (prefix X, Ctrl-C), if they did. */
  cancelledBy: string | undefined;
  private paneFinSent = false;
  private coprocessFinSent = false;
  /** The coprocess (sender) may still type this many 'O's (the receiver waits for "OO"). */
  private oToPass = 0;
  private residue: Residue | undefined;
  /** The pane's program the coprocess talks to: its process group, once seen in the foreground. */
  private jobGroup: number | undefined;
  private jobEndSeenAt: number | undefined;
  private readonly samples: Array<{ at: number; pane: number; coprocess: number }> = [];

  constructor(private readonly ports: TransferPorts) {
    this.startedAt = ports.now();
    this.noteForeground();
  }

  get zmodem(): boolean {
    return this.paneScanner.sawHeader || this.coprocessScanner.sawHeader;
  }

  /** Both ZFINs have gone by, or a cancel: the ZModem session is over (or there is none). */
  get sessionOver(): boolean {
    return !this.zmodem || this.residue !== undefined || this.paneEnded !== undefined || (this.paneFinSent && this.coprocessFinSent);
  }

  /**
   * A chunk of the pane's output while it is hidden: returns how many bytes at its start
   * belong to the transfer (hidden, for the coprocess). Less than the whole chunk: the pane's
   * own output starts there, and `paneEnded` says why.
   */
  paneOutput(chunk: Buffer): number {
    if (this.paneEnded) return 0;
    let boundary: number | undefined;
    let lastEventEnd = 0;
    if (this.residue) boundary = this.skipResidue(chunk, 0);
    else {
      for (const event of this.paneScanner.scan(chunk)) {
        lastEventEnd = event.end;
        const end = this.paneEvent(event);
        if (end !== undefined) {
          boundary = this.skipResidue(chunk, end);
          break;
        }
      }
    }
    if (boundary === undefined && this.jobEnded()) {
      // The program has gone: the rest is the shell's, after the program's last bytes. A sender
      // that dies mid-packet (a cancel) leaves data in the pty that arrives after it has ended.
      const end = this.paneScanner.inData ? endOfEscapedData(chunk, lastEventEnd) : this.skipTrailingZmodem(chunk, lastEventEnd);
      if (end < chunk.length) {
        this.residue = undefined;
        this.paneEnded = 'program-ended';
        boundary = end;
      }
    }
    const hidden = boundary ?? chunk.length;
    this.paneBytes += hidden;
    this.sample();
    return hidden;
  }

  /** Coprocess output: the part of it to type into the pane (empty once it has said all it may). */
  coprocessOutput(chunk: Buffer): Buffer {
    if (this.coprocessDone || this.paneEnded === 'program-ended' || this.paneEnded === 'cancelled') return chunk.subarray(0, 0);
    let end = chunk.length;
    if (this.oToPass > 0 || (this.coprocessFinSent && this.paneFinSent)) end = this.passOs(chunk);
    else {
      for (const event of this.coprocessScanner.scan(chunk)) {
        const stop = this.coprocessEvent(event, chunk);
        if (stop !== undefined) {
          end = stop;
          break;
        }
      }
    }
    this.coprocessBytes += end;
    this.sample();
    return chunk.subarray(0, end);
  }

  /** Called a few times a second: the program may have ended quietly, or residue never came. */
  poll(): void {
    this.sample();
    if (this.paneEnded) return;
    if (this.residue && this.ports.now() >= this.residue.until) {
      this.paneEnded = this.residue.kind === 'cancel' ? 'cancelled' : 'zmodem';
      this.residue = undefined;
    } else if (this.jobEnded()) {
      // Seen on two polls in a row: what the program wrote before it ended has been read.
      this.jobEndSeenAt ??= this.ports.now();
      if (this.ports.now() > this.jobEndSeenAt) this.paneEnded = 'program-ended';
    }
  }

  /** The user cancels (prefix X, Ctrl-C): nothing more of the coprocess goes in. */
  cancel(by: string): void {
    this.cancelledBy ??= by;
    this.coprocessDone = true;
  }

  finished(): void {
    this.endedAt ??= this.ports.now();
    this.sample();
  }

  private paneEvent(event: ZmodemEvent): number | undefined {
    if (event.kind === 'cancel') {
      this.residue = { kind: 'cancel', until: this.ports.now() + RESIDUE_WAIT_MS };
      return event.end;
    }
    if (event.kind === 'file') {
      this.fileAnnounced(event.name, event.size);
      return undefined;
    }
    this.paneRole ??= roleOf(event.type);
    this.fileEvent(event, this.paneRole === 'sender');
    if (event.type !== 'ZFIN') return undefined;
    this.paneFinSent = true;
    // The receiver's ZFIN answers the sender's: it is the last thing a receiver in the pane says.
    if (this.paneRole === 'receiver' || this.coprocessFinSent) {
      this.residue = { kind: 'fin', until: this.ports.now() + RESIDUE_WAIT_MS };
      return event.end;
    }
    return undefined;
  }

  private coprocessEvent(event: ZmodemEvent, chunk: Buffer): number | undefined {
    if (event.kind === 'cancel') {
      this.coprocessDone = true;
      let end = event.end;
      while (end < chunk.length && (chunk[end] === ZDLE || chunk[end] === 0x08)) end++;
      return end;
    }
    if (event.kind === 'file') {
      this.fileAnnounced(event.name, event.size);
      return undefined;
    }
    const role = roleOf(event.type);
    this.paneRole ??= role && (role === 'sender' ? 'receiver' : 'sender');
    this.fileEvent(event, this.paneRole === 'receiver');
    if (event.type !== 'ZFIN') return undefined;
    this.coprocessFinSent = true;
    if (this.paneRole === 'sender' || this.paneFinSent) {
      // A receiver's ZFIN is its last word (lrzsz repeats it while it waits for "OO", which
      // may never come): the sender in the pane is done; what it prints next is shown.
      this.coprocessDone = true;
      if (!this.paneEnded && !this.residue) this.residue = { kind: 'oo', oLeft: 2, until: this.ports.now() + RESIDUE_WAIT_MS };
      return event.end;
    }
    // A sender's ZFIN: once the pane's receiver answers, "OO" may follow, and nothing else.
    this.oToPass = 2;
    return undefined;
  }

  /** The sender's "OO" after both ZFINs: up to two 'O's go in, then nothing. */
  private passOs(chunk: Buffer): number {
    let end = 0;
    while (end < chunk.length && this.oToPass > 0 && chunk[end] === 0x4f) {
      end++;
      this.oToPass--;
    }
    if (this.paneFinSent && (this.oToPass === 0 || end < chunk.length)) this.coprocessDone = true;
    if (!this.paneFinSent && end < chunk.length) {
      // No answer yet: the sender repeats its ZFIN. That still goes in.
      this.coprocessScanner.scan(chunk.subarray(end));
      return chunk.length;
    }
    return end;
  }

  private fileEvent(event: Extract<ZmodemEvent, { kind: 'header' }>, fromSender: boolean): void {
    const file = this.files[this.files.length - 1];
    if (!file) return;
    if (fromSender && event.type === 'ZEOF') {
      file.offset = event.position;
      file.endedAt ??= this.ports.now();
    } else if (!fromSender && event.type === 'ZSKIP') {
      file.skipped = true;
      file.endedAt ??= this.ports.now();
    }
  }

  private fileAnnounced(name: string, size: number | undefined): void {
    this.files.push({ name: displayName(name), size, startedAt: this.ports.now(), offset: 0 });
  }

  /** Where the data of the file being sent has got. */
  private currentOffset(): number {
    const scanner = this.paneRole === 'sender' ? this.paneScanner : this.coprocessScanner;
    const file = this.files[this.files.length - 1];
    if (file && file.endedAt === undefined) file.offset = scanner.offset;
    return file?.offset ?? 0;
  }

  /** Skips what a finished session may still send from `from` on; undefined: the chunk is all residue. */
  private skipResidue(chunk: Buffer, from: number): number | undefined {
    const residue = this.residue!;
    let i = from;
    for (; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (residue.kind === 'oo' && byte === 0x4f && residue.oLeft > 0) residue.oLeft--;
      else if (residue.kind === 'cancel' && (byte === ZDLE || byte === 0x08)) continue;
      else if (residue.kind !== 'cancel' && (byte === 0x0d || byte === 0x8a || byte === 0x11) && i - from < 2) continue;
      else break;
    }
    if (i === chunk.length && !this.jobEnded()) return undefined;
    this.paneEnded = residue.kind === 'cancel' ? 'cancelled' : 'zmodem';
    this.residue = undefined;
    return i;
  }

  /** After the last ZModem event of a chunk: a cancel's CANs and backspaces, a header's CR LF. */
  private skipTrailingZmodem(chunk: Buffer, from: number): number {
    if (!this.zmodem) return from; // any other program's output is not second-guessed
    let i = from;
    let oLeft = this.paneFinSent ? 2 : 0; // a sender's "OO"
    for (; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x4f && oLeft > 0) oLeft--;
      else if (byte !== ZDLE && byte !== 0x08 && byte !== 0x8a && byte !== 0x11) break;
    }
    return i;
  }

  private noteForeground(): number | undefined {
    const group = this.ports.foreground();
    if (group !== undefined && group !== this.ports.shellPid) this.jobGroup ??= group;
    return group;
  }

  /** The program the coprocess talked to was in the foreground, and now the shell is. */
  private jobEnded(): boolean {
    const group = this.noteForeground();
    return this.jobGroup !== undefined && group === this.ports.shellPid;
  }

  private sample(): void {
    const at = this.ports.now();
    const last = this.samples[this.samples.length - 1];
    if (last && at - last.at < RATE_WINDOW_MS / 8) return;
    this.samples.push({ at, pane: this.paneBytes, coprocess: this.coprocessBytes });
    while (this.samples.length > 2 && at - this.samples[1]!.at > RATE_WINDOW_MS) this.samples.shift();
  }

  /** Bytes a second each way, over the last couple of seconds. */
  rates(): { pane: number; coprocess: number } {
    const now = this.ports.now();
    const first = this.samples[0];
    if (!first || now - first.at <= 0) return { pane: 0, coprocess: 0 };
    const seconds = (now - first.at) / 1000;
    return { pane: (this.paneBytes - first.pane) / seconds, coprocess: (this.coprocessBytes - first.coprocess) / seconds };
  }

  /** The lines the hidden pane shows while it runs. */
  progressLines(command: string): string[] {
    const name = programName(command);
    const rates = this.rates();
    const elapsed = formatSeconds((this.ports.now() - this.startedAt) / 1000);
    const flow = `pane → ${name} ${formatBytes(this.paneBytes)} (${formatBytes(rates.pane)}/s) · ${name} → pane ${formatBytes(this.coprocessBytes)} (${formatBytes(rates.coprocess)}/s) · ${elapsed}`;
    const lines: string[] = [];
    const file = this.files[this.files.length - 1];
    if (this.zmodem) {
      const direction = this.paneRole === 'sender' ? 'download' : this.paneRole === 'receiver' ? 'upload' : 'transfer';
      const index = this.files.length > 1 ? ` (file ${this.files.length})` : '';
      lines.push(file ? `ZModem ${direction}${index}: ${file.name}` : `ZModem ${direction}: starting`);
      if (file) {
        const offset = this.currentOffset();
        const rate = formatBytes(this.paneRole === 'sender' ? rates.pane : rates.coprocess);
        lines.push(file.size ? `${percent(offset, file.size)}  ${formatBytes(offset)} of ${formatBytes(file.size)}  ${rate}/s` : `${formatBytes(offset)}  ${rate}/s`);
      }
    } else lines.push(`Silent coprocess: ${command}`);
    lines.push(flow);
    lines.push(this.zmodem ? 'Ctrl-C or prefix X cancels' : 'prefix X stops it');
    return lines;
  }

  /** What was moved, or why it stopped: the first half of the end message. */
  summary(): string {
    const seconds = ((this.endedAt ?? this.ports.now()) - this.startedAt) / 1000;
    if (!this.zmodem) {
      return `Silent coprocess read ${formatBytes(this.paneBytes)}, typed ${formatBytes(this.coprocessBytes)} in ${formatSeconds(seconds)}`;
    }
    this.currentOffset();
    const verb = this.paneRole === 'receiver' ? 'sent' : 'received';
    const done = this.files.filter((f) => f.endedAt !== undefined && !f.skipped && (f.size === undefined || f.offset >= f.size));
    const skipped = this.files.filter((f) => f.skipped);
    const parts: string[] = [];
    if (done.length > 0) {
      const bytes = done.reduce((sum, f) => sum + (f.size ?? f.offset), 0);
      const what = done.length === 1 ? `${done[0]!.name} (${formatBytes(bytes)})` : `${done.length} files (${formatBytes(bytes)})`;
      parts.push(`ZModem ${verb} ${what} in ${formatSeconds(seconds)}, ${formatBytes(bytes / Math.max(seconds, 0.001))}/s`);
    }
    if (skipped.length > 0) parts.push(`${skipped.map((f) => f.name).join(', ')} skipped by the receiver (already there?)`);
    const unfinished = this.files.find((f) => f.endedAt === undefined);
    if (unfinished || this.cancelledBy || this.paneEnded === 'cancelled') {
      const file = unfinished ?? this.files[this.files.length - 1];
      const at = file ? ` at ${file.size ? `${formatBytes(file.offset)} of ${formatBytes(file.size)} (${percent(file.offset, file.size)})` : formatBytes(file.offset)}` : '';
      const why = this.cancelledBy ? ` by ${this.cancelledBy}` : this.paneEnded === 'cancelled' ? ' by the pane\'s program' : '';
      parts.push(`ZModem: ${file ? file.name : 'transfer'} stopped${why}${at}`);
    }
    if (parts.length === 0) parts.push(`ZModem session ended with no file moved`);
    return parts.join('; ');
  }
}

/**
 * Where ZModem data cut short ends: at the first byte a sender escaping control characters
 * (lrzsz's --escape: C0 and C1 controls) never sends bare; the shell's output has line ends.
 * A sender that does not escape them leaves no such mark: then the chunk counts as data.
 */
function endOfEscapedData(chunk: Buffer, from: number): number {
  for (let i = from; i < chunk.length; i++) {
    const byte = chunk[i]!;
    if ((byte & 0x60) === 0 && byte !== ZDLE && byte !== 0x11 && byte !== 0x13 && byte !== 0x91 && byte !== 0x93) return i;
  }
  return chunk.length;
}

function roleOf(type: string): 'sender' | 'receiver' | undefined {
  if (type === 'ZRQINIT' || type === 'ZFILE' || type === 'ZDATA') return 'sender';
  if (type === 'ZRINIT' || type === 'ZRPOS') return 'receiver';
  return undefined;
}

function percent(part: number, whole: number): string {
  return `${Math.min(100, Math.floor((part / whole) * 100))}%`;
}

/** Sizes as the README gives them: binary units (KiB, MiB), one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}


/** The program a command line runs, for short messages: `cd dl && exec rz -b` is rz. */
export function programName(command: string): string {
  const last = command.split(/&&|\|\||;/).at(-1)!.trim().replace(/^exec\s+/, '');
  const first = last.split(/\s+/)[0] || command;
  return first.slice(first.lastIndexOf('/') + 1) || first;
}
