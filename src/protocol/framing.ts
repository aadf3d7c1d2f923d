// Length-prefixed messages on a byte stream (a Unix socket): 4 bytes big-endian payload length,
// 1 byte message type, then the payload. Raw bytes for keys and frames (no JSON round trip on
// the way of every echo), JSON for control messages. Pure: no sockets, so tests feed it bytes.

/** Length (4) + type (1). */
export const HEADER_BYTES = 5;
/**
 * The largest payload accepted: a full redraw of a very large screen in truecolor is a few
 * megabytes, and writers split raw output into chunks far below this. A bigger length prefix
 * is garbage (or hostile) and is refused before anything is allocated for it.
 */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
/** Raw output is sent in pieces of at most this, so no message nears the maximum. */
export const RAW_CHUNK_BYTES = 1024 * 1024;

export interface Message {
  type: number;
  payload: Buffer;
}

export function encodeMessage(type: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (body.length > MAX_MESSAGE_BYTES) throw new Error(`message of ${body.length} bytes exceeds ${MAX_MESSAGE_BYTES}`);
  const header = Buffer.allocUnsafe(HEADER_BYTES);
  header.writeUInt32BE(body.length, 0);
  header.writeUInt8(type, 4);
  return Buffer.concat([header, body]);
}

export class FramingError extends Error {}

/**
 * Collects stream chunks into whole messages. Holds at most one partial message (bounded by
 * MAX_MESSAGE_BYTES); after an error it stays broken, and the connection should be closed.
 */
export class MessageDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private broken: FramingError | undefined;

  constructor(private readonly knownType: (type: number) => boolean = () => true) {}

  /** Whole messages completed by this chunk; throws FramingError on garbage. */
  feed(chunk: Buffer): Message[] {
    if (this.broken) throw this.broken;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Message[] = [];
    while (this.buffered >= HEADER_BYTES) {
      const head = this.peek(HEADER_BYTES);
      const length = head.readUInt32BE(0);
      const type = head.readUInt8(4);
      if (length > MAX_MESSAGE_BYTES) return this.fail(`message length ${length} exceeds the maximum ${MAX_MESSAGE_BYTES}`);
      if (!this.knownType(type)) return this.fail(`unknown message type ${type}`);
      if (this.buffered < HEADER_BYTES + length) break;
      const whole = this.take(HEADER_BYTES + length);
      messages.push({ type, payload: whole.subarray(HEADER_BYTES) });
    }
    return messages;
  }

  /** Bytes held for a message not yet complete. */
  get pendingBytes(): number {
    return this.buffered;
  }

  private fail(reason: string): never {
    this.broken = new FramingError(reason);
    this.chunks = [];
    this.buffered = 0;
    throw this.broken;
  }

  private peek(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, bytes);
  }

  private take(bytes: number): Buffer {
    if (this.chunks[0]!.length < bytes) this.chunks = [Buffer.concat(this.chunks)];
    const first = this.chunks[0]!;
    const taken = first.subarray(0, bytes);
    if (first.length === bytes) this.chunks.shift();
    else this.chunks[0] = first.subarray(bytes);
    this.buffered -= bytes;
    return taken;
  }
}
