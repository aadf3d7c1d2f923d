// Reads a ZModem byte stream (one direction of a transfer) without taking part in it: which
// headers go by, the file a ZFILE announces, how far the file data has got, and a cancel.
// tmx watches both directions of a silent coprocess with one scanner each, to know when a
// transfer has ended (transfer.ts) and to show its progress. Framing as in Chuck Forsberg's
// ZMODEM spec (1988) and lrzsz: ZPAD* ZDLE then A (binary, CRC-16), B (hex), C (binary, CRC-32).

export const ZPAD = 0x2a; // '*'
export const ZDLE = 0x18; // also CAN
const ZBIN = 0x41; // 'A'
const ZHEX = 0x42; // 'B'
const ZBIN32 = 0x43; // 'C'
/** ZDLE + h, i, j or k (ZCRCE, ZCRCG, ZCRCQ, ZCRCW) ends a data subpacket: E and W end the frame, G and Q go on. */
const ZCRCE = 0x68;
const ZCRCW = 0x6b;
const ZRUB0 = 0x6c; // ZDLE l: 0x7f
const ZRUB1 = 0x6d; // ZDLE m: 0xff

export const ZFRAME_TYPES = [
  'ZRQINIT', 'ZRINIT', 'ZSINIT', 'ZACK', 'ZFILE', 'ZSKIP', 'ZNAK', 'ZABORT', 'ZFIN', 'ZRPOS',
  'ZDATA', 'ZEOF', 'ZFERR', 'ZCRC', 'ZCHALLENGE', 'ZCOMPL', 'ZCAN', 'ZFREECNT', 'ZCOMMAND', 'ZSTDERR',
] as const;
export type ZFrameType = (typeof ZFRAME_TYPES)[number];

/** Headers after which data subpackets follow. */
const WITH_DATA = new Set<ZFrameType>(['ZFILE', 'ZDATA', 'ZSINIT', 'ZCOMMAND']);

/** lrzsz (and the spec) abort a session on this many CAN bytes in a row. */
export const CANCEL_RUN = 5;
/** lrzsz's cancel: ten CAN, then ten backspaces to erase them from a terminal. */
export const CANCEL_SEQUENCE = Buffer.from([...Array<number>(10).fill(ZDLE), ...Array<number>(10).fill(0x08)]);
/** A ZFILE subpacket (name NUL size mtime mode ...) longer than this is not kept whole. */
const MAX_FILE_INFO = 1024;

export type ZmodemEvent =
  /** `end`: index in the chunk just after the header (hex headers: after their CR LF and XON). */
  | { kind: 'header'; type: ZFrameType; position: number; end: number }
  | { kind: 'file'; name: string; size: number | undefined; end: number }
  | { kind: 'cancel'; end: number };

type State =
  | 'text' // outside frames: looking for ZPAD
  | 'pad' // ZPAD seen
  | 'padZdle' // ZPAD ZDLE seen: A, B or C next
  | 'hex' // hex header digits
  | 'hexTrail' // CR, LF (or LF|0x80) and XON after a hex header
  | 'binary' // binary header bytes (ZDLE-escaped)
  | 'data' // a data subpacket
  | 'crc'; // a data subpacket's CRC (ZDLE-escaped)

/** One direction of a ZModem session, scanned chunk by chunk. */
export class ZmodemScanner {
  private state: State = 'text';
  private canRun = 0;
  private escaped = false;
  private hexDigits = '';
  private trailLeft = 0;
  private header: number[] = [];
  private headerLength = 0;
  private crcLength = 2;
  private crcLeft = 0;
  private frameEnds = false;
  private dataType: ZFrameType | undefined;
  private fileInfo: number[] | undefined;
  /** Any well-formed header seen: this stream speaks ZModem. */
  sawHeader = false;
  /** Where the file data has got: the last ZDATA's position plus the bytes decoded since. */
  offset = 0;
  /** File data bytes decoded in all (with resends). */
  dataBytes = 0;

  /** Inside a data subpacket (or its CRC): what comes is file data until the subpacket ends. */
  get inData(): boolean {
    return this.state === 'data' || this.state === 'crc';
  }

  scan(chunk: Uint8Array): ZmodemEvent[] {
    const events: ZmodemEvent[] = [];
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      if (this.state === 'data') {
        // Most of a transfer: its own tight loop, which also counts CAN runs.
        i = this.dataBytesFrom(chunk, i, events);
        continue;
      }
      const byte = chunk[i]!;
      if (byte === ZDLE) {
        if (++this.canRun === CANCEL_RUN) {
          events.push({ kind: 'cancel', end: i + 1 });
          this.reset();
          continue;
        }
      } else this.canRun = 0;
      switch (this.state) {
        case 'text':
          if (byte === ZPAD) this.state = 'pad';
          break;
        case 'pad':
          if (byte === ZDLE) this.state = 'padZdle';
          else if (byte !== ZPAD) this.state = 'text';
          break;
        case 'padZdle':
          this.startHeader(byte);
          break;
        case 'hex':
          this.hexByte(byte, i, events);
          break;
        case 'hexTrail':
          if (this.trailLeft > 0 && (byte === 0x0d || byte === 0x0a || byte === 0x8a || byte === 0x11)) {
            this.trailLeft--;
            const last = events[events.length - 1];
            if (last?.kind === 'header') last.end = i + 1;
            if (this.trailLeft === 0) this.state = 'text';
          } else this.state = byte === ZPAD ? 'pad' : 'text';
          break;
        case 'binary':
          this.binaryByte(byte, i, events);
          break;
        case 'crc':
          if (this.escaped) this.escaped = false;
          else if (byte === ZDLE) {
            this.escaped = true;
            break;
          }
          if (--this.crcLeft === 0) this.state = this.frameEnds ? 'text' : 'data';
          break;
      }
    }
    return events;
  }

  private reset(): void {
    this.state = 'text';
    this.escaped = false;
    this.canRun = 0;
  }

  private startHeader(byte: number): void {
    if (byte === ZHEX) {
      this.state = 'hex';
      this.hexDigits = '';
    } else if (byte === ZBIN || byte === ZBIN32) {
      this.state = 'binary';
      this.header = [];
      this.crcLength = byte === ZBIN32 ? 4 : 2;
      this.headerLength = 5 + this.crcLength;
      this.escaped = false;
    } else this.state = byte === ZPAD ? 'pad' : 'text';
  }

  private hexByte(byte: number, i: number, events: ZmodemEvent[]): void {
    const isHex = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46);
    if (!isHex) {
      this.state = 'text';
      return;
    }
    this.hexDigits += String.fromCharCode(byte);
    // type (2), four data bytes (8), CRC-16 (4)
    if (this.hexDigits.length < 14) return;
    const bytes = [0, 2, 4, 6, 8].map((at) => parseInt(this.hexDigits.slice(at, at + 2), 16));
    this.state = 'hexTrail';
    this.trailLeft = 3;
    // Hex headers never carry data subpackets (lrzsz sends those after binary headers only).
    this.emitHeader(bytes, i + 1, events, false);
  }

  private binaryByte(byte: number, i: number, events: ZmodemEvent[]): void {
    if (this.escaped) {
      this.escaped = false;
      this.header.push(unescape(byte));
    } else if (byte === ZDLE) {
      this.escaped = true;
      return;
    } else this.header.push(byte);
    if (this.header.length < this.headerLength) return;
    this.emitHeader(this.header.slice(0, 5), i + 1, events, true);
  }

  private emitHeader(bytes: number[], end: number, events: ZmodemEvent[], binary: boolean): void {
    const type = ZFRAME_TYPES[bytes[0]!];
    if (!type) {
      this.state = 'text';
      return;
    }
    this.sawHeader = true;
    const position = (bytes[1]! | (bytes[2]! << 8) | (bytes[3]! << 16) | (bytes[4]! << 24)) >>> 0;
    events.push({ kind: 'header', type, position, end });
    if (type === 'ZDATA') this.offset = position;
    if (binary) this.state = WITH_DATA.has(type) ? 'data' : 'text';
    if (this.state === 'data') {
      this.dataType = type;
      this.escaped = false;
      this.fileInfo = type === 'ZFILE' ? [] : undefined;
    }
  }

  /** Data bytes from `start`: returns the index of the last byte consumed. Hot: locals only. */
  private dataBytesFrom(chunk: Uint8Array, start: number, events: ZmodemEvent[]): number {
    const counting = this.dataType === 'ZDATA';
    const info = this.fileInfo;
    let escaped = this.escaped;
    let canRun = this.canRun;
    let decoded = 0;
    let i = start;
    let outcome: 'more' | 'end' | 'cancel' = 'more';
    for (; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === ZDLE) {
        if (++canRun === CANCEL_RUN) {
          outcome = 'cancel';
          break;
        }
        escaped = true;
        continue;
      }
      canRun = 0;
      if (escaped) {
        escaped = false;
        if (byte >= ZCRCE && byte <= ZCRCW) {
          outcome = 'end';
          this.frameEnds = byte === ZCRCE || byte === ZCRCW;
          break;
        }
        if (counting) decoded++;
        else if (info && info.length < MAX_FILE_INFO) info.push(unescape(byte));
      } else if (counting) decoded++;
      else if (info && info.length < MAX_FILE_INFO) info.push(byte);
    }
    this.offset += decoded;
    this.dataBytes += decoded;
    this.escaped = false;
    this.canRun = canRun;
    if (outcome === 'cancel') {
      events.push({ kind: 'cancel', end: i + 1 });
      this.reset();
      return i;
    }
    if (outcome === 'end') {
      this.state = 'crc';
      this.crcLeft = this.crcLength;
      if (info) this.fileAnnounced(info, i + 1, events);
      return i;
    }
    this.escaped = escaped;
    return chunk.length - 1;
  }

  private fileAnnounced(info: number[], end: number, events: ZmodemEvent[]): void {
    this.fileInfo = undefined;
    const nul = info.indexOf(0);
    const name = Buffer.from(nul < 0 ? info : info.slice(0, nul)).toString('utf8');
    const rest = nul < 0 ? '' : Buffer.from(info.slice(nul + 1)).toString('latin1');
    const size = /^(\d+)/.exec(rest);
    events.push({ kind: 'file', name, size: size ? Number(size[1]) : undefined, end });
  }
}

function unescape(byte: number): number {
  if (byte === ZRUB0) return 0x7f;
  if (byte === ZRUB1) return 0xff;
  return byte ^ 0x40;
}

/** The file name as sent (a path's last part), safe for the status line. */
export function displayName(name: string): string {
  return (name.slice(name.lastIndexOf('/') + 1) || name).replace(/[\x00-\x1f\x7f-\x9f]/g, '?');
}
