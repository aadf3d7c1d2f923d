// Keys read by the server straight from the client's terminal, opened by its path: with the
// frames written to it directly (tty-writer.ts), an echo never passes through the client. The
// client leaves its terminal unread while the server reads it; the server stops reading before
// the client is told to exit, so nothing typed afterwards is taken from the shell behind it.
import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { ReadStream } from 'node:tty';

/** Only terminals: a client may name its tty, not any file. */
const TTY_PATH = /^\/dev\/(pts\/\d+|tty[\w]*)$/;

export class TtyReader {
  private closed = false;

  private constructor(private readonly stream: ReadStream) {}

  static open(path: string, onData: (data: Buffer) => void): TtyReader | undefined {
    if (!TTY_PATH.test(path)) return undefined;
    let fd: number | undefined;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NOCTTY | constants.O_NONBLOCK);
      const stat = fstatSync(fd);
      if (!stat.isCharacterDevice() || stat.uid !== process.getuid?.()) throw new Error('not our terminal');
      const stream = new ReadStream(fd);
      const reader = new TtyReader(stream);
      stream.on('data', (data: Buffer | string) => {
        if (!reader.closed) onData(Buffer.isBuffer(data) ? data : Buffer.from(data));
      });
      // A terminal that hangs up ends the reading, never the server.
      stream.on('error', () => reader.close());
      return reader;
    } catch {
      if (fd !== undefined) {
        try {
          closeSync(fd);
        } catch {
          // Already closed by the stream.
        }
      }
      return undefined;
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stream.destroy();
  }
}
