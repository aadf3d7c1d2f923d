// A session's screen as its App sees it: every client attached to the session, or none. Frames
// go to every client; the size is the latest client's (tmux's window-size `latest`); detached,
// it draws nothing and keeps its size. Attaching, resizing, or a client catching up after frames
// were dropped for it redraws that client's whole screen; the others' frames stay incremental.
import { MOUSE_OFF, MOUSE_ON, type KeyShortcut, type ScreenPort, type ScreenSink } from '../ui/screen-port.js';
import type { TerminalCapabilities } from '../ui/serialize.js';

/** One attached client as the screen needs it. */
export interface ScreenClient {
  readonly cols: number;
  readonly rows: number;
  readonly capabilities: TerminalCapabilities;
  /** Writes a frame; false when the client is backed up and the frame was dropped for it. */
  send(data: string): boolean;
  /** ScreenSink.keyShortcut: armed by the session, dropped here when the clients change. */
  keyShortcut?: KeyShortcut | undefined;
}

export type WindowSizePolicy = 'latest' | 'smallest' | 'largest';

/** Until a client says what it can show: what every terminal shows. */
const PLAIN_CAPABILITIES: TerminalCapabilities = { truecolor: false, styledUnderlines: false };

export class SharedScreen implements ScreenPort {
  /** Attached clients, the most recently active last. */
  private clients: ScreenClient[] = [];
  private detachedSize: { cols: number; rows: number };
  private mouse = false;
  private readonly inputListeners: Array<(data: Buffer, from: ScreenClient) => void> = [];
  private readonly resizeListeners: Array<(redraw?: readonly ScreenSink[]) => void> = [];
  readonly lost = false;

  constructor(cols: number, rows: number, private readonly policy: () => string = () => 'latest') {
    this.detachedSize = { cols, rows };
  }

  private get latest(): ScreenClient | undefined {
    return this.clients.at(-1);
  }

  /** The window size for the attached clients, by the option window-size. */
  private size(): { cols: number; rows: number } {
    if (this.clients.length === 0) return this.detachedSize;
    const policy = this.policy();
    if (policy === 'latest') return { cols: this.latest!.cols, rows: this.latest!.rows };
    const pick = policy === 'smallest' ? Math.min : Math.max;
    return { cols: pick(...this.clients.map((c) => c.cols)), rows: pick(...this.clients.map((c) => c.rows)) };
  }

  get cols(): number {
    return this.size().cols;
  }

  get rows(): number {
    return this.size().rows;
  }

  get capabilities(): TerminalCapabilities {
    return this.latest?.capabilities ?? PLAIN_CAPABILITIES;
  }

  get attached(): readonly ScreenClient[] {
    return this.clients;
  }

  /** Each client is painted at its own size, the latest first (its painter may draw an echo ahead). */
  sinks(): readonly ScreenClient[] {
    return [...this.clients].reverse();
  }

  start(): void {
    // The client sets its terminal up itself.
  }

  stop(): void {
    // Each client restores its own terminal when told to exit.
  }

  attach(client: ScreenClient): void {
    this.dropKeyShortcuts(client); // the latest changes: keys go the long way until the next frame
    this.clients = [...this.clients.filter((c) => c !== client), client];
    this.redraw(client);
  }

  /** A client's terminal was set up, or caught up after dropped frames: its modes, then its screen anew. */
  catchUp(client: ScreenClient): void {
    client.send(this.mouse ? MOUSE_ON : MOUSE_OFF);
    this.redraw(client);
  }

  detach(client: ScreenClient): void {
    this.dropKeyShortcuts(client); // its keys must not reach this session's panes any more
    if (!this.clients.includes(client)) return;
    this.clients = this.clients.filter((c) => c !== client);
    if (this.clients.length === 0) this.detachedSize = { cols: client.cols, rows: client.rows };
    else this.resized([]); // the size may change; what the others show is known
  }

  /** Shortcuts armed by the session for its terminals (ScreenSink.keyShortcut), and `also`'s. */
  private dropKeyShortcuts(also: ScreenClient): void {
    also.keyShortcut = undefined;
    for (const client of this.clients) client.keyShortcut = undefined;
  }

  /** A client's keys: it becomes the latest (its size counts) and the App reads them. */
  input(client: ScreenClient, data: Buffer): void {
    if (client.keyShortcut?.(data)) return; // armed for the latest client only
    if (this.latest !== client && this.clients.includes(client)) {
      const sizeChanges = client.cols !== this.cols || client.rows !== this.rows;
      this.clients = [...this.clients.filter((c) => c !== client), client];
      if (sizeChanges) this.resized([]);
    }
    for (const listener of this.inputListeners) listener(data, client);
  }

  /** A client's terminal changed size (or its screen is unknown): the window may change size, that client's screen is drawn anew. */
  redraw(client: ScreenClient): void {
    this.resized([client]);
  }

  /** The window may change size; `redraw`: the clients whose next frame is whole (absent: every client). */
  resized(redraw?: readonly ScreenClient[]): void {
    for (const listener of this.resizeListeners) listener(redraw);
  }

  /** Not frames (each client's are its own): the bell, clipboard writes, the mouse mode. */
  write(data: string): void {
    for (const client of this.clients) client.send(data);
  }

  onInput(listener: (data: Buffer, from: ScreenClient) => void): void {
    this.inputListeners.push(listener);
  }

  onResize(listener: (redraw?: readonly ScreenSink[]) => void): void {
    this.resizeListeners.push(listener);
  }

  setMouse(enabled: boolean): void {
    if (enabled === this.mouse) return;
    this.mouse = enabled;
    this.write(enabled ? MOUSE_ON : MOUSE_OFF);
  }
}
