// One client's socket as the server sees it: framing, the hello, and output that never queues
// without bound (a stalled client has frames dropped and gets the whole screen when it drains).
import type { Socket } from 'node:net';
import { FramingError, MessageDecoder, RAW_CHUNK_BYTES, encodeMessage, type Message } from '../protocol/framing.js';
import { encodeJson, isKnownType, MessageType, type ClientTerminalInfo, type ExitMessage } from '../protocol/messages.js';
import type { ScreenClient } from './shared-screen.js';
import type { TerminalCapabilities } from '../ui/serialize.js';
import type { KeyShortcut } from '../ui/screen-port.js';
import { TtyWriter } from './tty-writer.js';
import { TtyReader } from './tty-reader.js';

/**
 * Bytes queued for a client beyond which its frames are dropped: a few full screens. A stalled
 * ssh connection then costs the server this much, never more, and never slows the panes.
 */
export const CLIENT_BACKLOG_BYTES = 4 * 1024 * 1024;

export class ClientConnection implements ScreenClient {
  private readonly decoder = new MessageDecoder(isKnownType);
  cols = 80;
  rows = 24;
  capabilities: TerminalCapabilities = { truecolor: false, styledUnderlines: false };
  /** Frames were dropped (or the terminal is not set up yet): the screen is drawn whole once it can. */
  private stale = true;
  /** The client said its terminal is set up: frames may go. */
  private ready = false;
  private ttyPath: string | undefined;
  private ttyInPath: string | undefined;
  /** Keys straight from the client's terminal, when it could be opened. */
  private ttyIn: TtyReader | undefined;
  /** Keys read from the terminal (or sent by the client). */
  onInput: ((data: Buffer) => void) | undefined;
  keyShortcut: KeyShortcut | undefined;
  /** Frames straight to the client's terminal, when it could be opened. */
  private tty: TtyWriter | undefined;
  private ended = false;
  onStaleDrained: (() => void) | undefined;

  constructor(
    readonly socket: Socket,
    private readonly onMessage: (connection: ClientConnection, message: Message) => void,
    onClose: (connection: ClientConnection) => void,
    log: (text: string) => void,
  ) {
    socket.on('data', (chunk: Buffer) => {
      if (this.ended) return;
      let messages: Message[];
      try {
        messages = this.decoder.feed(chunk);
      } catch (error) {
        if (!(error instanceof FramingError)) throw error;
        log(`client dropped: ${error.message}`);
        this.destroy();
        return;
      }
      for (const message of messages) {
        if (this.ended) return;
        this.onMessage(this, message);
      }
    });
    socket.on('drain', () => {
      if (this.ready && !this.tty) this.caughtUp();
    });
    socket.on('error', () => this.destroy());
    socket.on('close', () => {
      this.ended = true;
      this.ttyIn?.close();
      this.tty?.close();
      onClose(this);
    });
  }

  setTerminal(terminal: ClientTerminalInfo): void {
    this.cols = Math.max(1, Math.floor(terminal.cols) || 80);
    this.rows = Math.max(1, Math.floor(terminal.rows) || 24);
    this.capabilities = { truecolor: Boolean(terminal.truecolor), styledUnderlines: Boolean(terminal.styledUnderlines) };
    if (typeof terminal.tty === 'string') this.ttyPath = terminal.tty;
    if (typeof terminal.ttyIn === 'string') this.ttyInPath = terminal.ttyIn;
  }

  /** The client set its terminal up: frames go from now on, the first one whole. */
  markReady(): void {
    if (this.ready || this.ended) return;
    this.ready = true;
    if (this.ttyPath) this.tty = TtyWriter.open(this.ttyPath, CLIENT_BACKLOG_BYTES, () => this.caughtUp());
    // Read directly only along with writing directly: the terminal is then the server's alone.
    if (this.tty && this.ttyInPath) this.ttyIn = TtyReader.open(this.ttyInPath, (data) => {
      // The shortcut first: a typed letter then reaches its pane past the layers that would send it there.
      if (!this.keyShortcut?.(data)) this.onInput?.(data);
    });
    this.socket.write(encodeJson(MessageType.InputMode, { serverReads: this.ttyIn !== undefined }));
    this.caughtUp();
  }

  private caughtUp(): void {
    if (!this.stale) return;
    this.stale = false;
    this.onStaleDrained?.();
  }

  /** A frame for the terminal; dropped (false) while the client is backed up. */
  send(data: string): boolean {
    if (this.ended || !this.ready) return false;
    if (this.tty) {
      if (!this.stale && this.tty.write(Buffer.from(data, 'utf8'))) return true;
      this.stale = true;
      return false;
    }
    if (this.stale || this.socket.writableLength > CLIENT_BACKLOG_BYTES) {
      this.stale = true;
      return false;
    }
    const bytes = Buffer.from(data, 'utf8');
    for (let at = 0; at < bytes.length; at += RAW_CHUNK_BYTES) {
      this.socket.write(encodeMessage(MessageType.Output, bytes.subarray(at, at + RAW_CHUNK_BYTES)));
    }
    return true;
  }

  sendText(type: typeof MessageType.Stdout | typeof MessageType.Stderr, text: string): void {
    if (this.ended || text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    for (let at = 0; at < bytes.length; at += RAW_CHUNK_BYTES) this.socket.write(encodeMessage(type, bytes.subarray(at, at + RAW_CHUNK_BYTES)));
  }

  sendAttached(): void {
    if (!this.ended) this.socket.write(encodeJson(MessageType.Attached, {}));
  }

  /** The last word: the client restores its terminal, prints `message`, exits with `status`. */
  exit(exit: ExitMessage): void {
    if (this.ended) return;
    this.ended = true;
    this.ttyIn?.close();
    this.tty?.close();
    this.socket.end(encodeJson(MessageType.Exit, exit));
  }

  destroy(): void {
    this.ended = true;
    this.ttyIn?.close();
    this.tty?.close();
    this.socket.destroy();
  }

  get isEnded(): boolean {
    return this.ended;
  }
}
