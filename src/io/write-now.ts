// A direct write(2) before a stream's queue: Node's streams (and node-pty's thread-pool queue)
// sit on the way of every keystroke and every echo's frame, and a small write to a terminal or
// a pty with nothing queued ahead of it goes through at once.
import { writeSync } from 'node:fs';

/**
 * Writes to `fd` what the kernel takes of `bytes` now and returns the rest (empty when all of
 * it went), for the caller's queue, which keeps the order. Any error (EAGAIN on a full pty,
 * EIO on a terminal going away) counts as nothing written: the queue meets it and handles it.
 */
export function writeWhatFits(fd: number, bytes: Buffer): Buffer {
  let written = 0;
  try {
    written = writeSync(fd, bytes);
  } catch {
    written = 0;
  }
  return bytes.subarray(written);
}
