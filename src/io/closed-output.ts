// `tmx --check-config | head -1`, `tmx list-commands | head -1`: the reader goes away before tmx
// has written everything. Node ignores SIGPIPE, so the next write fails with EPIPE, emitted
// as an 'error' nobody handled: a stack trace. A C program would die of SIGPIPE quietly, and a
// shell (with pipefail) would see 128 + 13; tmx ends the same way.
import { constants } from 'node:os';

/** The status a shell reports for a program killed by SIGPIPE. */
export const CLOSED_OUTPUT_STATUS = 128 + constants.signals.SIGPIPE;

/**
 * Makes `stream` end the process quietly, with CLOSED_OUTPUT_STATUS, when what it writes to is
 * closed (EPIPE). Other errors are left to whoever else listens (a terminal's EIO is the
 * client's: it restores what it can), or, with no other listener, thrown as before.
 */
export function exitQuietlyWhenClosed(stream: NodeJS.WritableStream, exit: (status: number) => void = (status) => process.exit(status)): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return exit(CLOSED_OUTPUT_STATUS);
    if (stream.listenerCount('error') === 1) throw error;
  });
}
