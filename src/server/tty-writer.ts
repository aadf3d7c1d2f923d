// Frames written by the server straight to the client's terminal, opened by its path, as tmux
// once did: one hop less on the way of every echo (pty -> server -> terminal, not -> client ->
// terminal). Never blocks: the terminal is opened non-blocking, what it does not take now waits
// in a bounded queue retried on a timer; past the bound frames are dropped and the whole screen
// is drawn once the terminal has caught up.
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { writeWhatFits } from '../io/write-now.js';

/** How often a backed-up terminal is offered the rest of its queue: one write attempt a millisecond, only while it is behind. */
const RETRY_MS = 1;
/** Only terminals: a client may name its tty, not any file. */
const TTY_PATH = /^\/dev\/(pts\/\d+|tty[\w]*)$/;

export class TtyWriter {
  private queue: Buffer[] = [];
  private queued = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  private constructor(
    private readonly fd: number,
    private readonly limit: number,
    private readonly drained: () => void,
  ) {}

  /** The client's terminal, when it is a terminal of this user; undefined otherwise. */
  static open(path: string, limit: number, drained: () => void): TtyWriter | undefined {
    if (!TTY_PATH.test(path)) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(path, constants.O_WRONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
      const stat = fstatSync(fd);
      if (!stat.isCharacterDevice() || stat.uid !== process.getuid?.()) throw new Error('not our terminal');
      return new TtyWriter(fd, limit, drained);
    } catch {
      if (fd !== undefined) closeSync(fd);
      return undefined;
    }
  }

  /** false when the frame was dropped (the terminal is that far behind). */
  write(data: Buffer): boolean {
    if (this.closed) return false;
    if (this.queued > 0) {
      if (this.queued + data.length > this.limit) return false;
      this.queue.push(data);
      this.queued += data.length;
      return true;
    }
    const rest = writeWhatFits(this.fd, data);
    if (rest.length > 0) {
      this.queue.push(rest);
      this.queued += rest.length;
      this.scheduleRetry();
    }
    return true;
  }

  get backlog(): number {
    return this.queued;
  }

  private scheduleRetry(): void {
    if (this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.flush();
    }, RETRY_MS);
  }

  private flush(): void {
    while (this.queue.length > 0 && !this.closed) {
      const head = this.queue[0]!;
      const rest = writeWhatFits(this.fd, head);
      this.queued -= head.length - rest.length;
      if (rest.length > 0) {
        this.queue[0] = rest;
        this.scheduleRetry();
        return;
      }
      this.queue.shift();
    }
    this.drained();
  }

  /** Before the client is told to exit: nothing more reaches its terminal after this. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.queue = [];
    this.queued = 0;
    closeSync(this.fd);
  }
}
