// The only node-pty import. Everything else talks to the PtyProcess port, so tests can
// inject a fake and a later server/client split can move ptys without touching panes.
import { createRequire } from 'node:module';
import { writeWhatFits } from '../io/write-now.js';
import type * as NodePty from 'node-pty';
import { cleanLaunch } from './launcher.js';

// require, not import: node-pty is CommonJS; no ESM wrapper to build at start-up.
const nodePty = createRequire(import.meta.url)('node-pty') as typeof NodePty;

export interface PtySpawnOptions {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

export interface PtyExit {
  exitCode: number;
  signal?: number;
}

export interface PtyProcess {
  readonly pid: number;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  /** Raw output bytes, exactly as the program wrote them. */
  onData(listener: (data: Buffer) => void): { dispose(): void };
  onExit(listener: (exit: PtyExit) => void): { dispose(): void };
  /** Closes the master side: the kernel hangs up the terminal (SIGHUP to its session). */
  destroy(): void;
  /** Bytes written but not yet accepted by the kernel (input backpressure). */
  pendingWriteBytes(): number;
}

export type PtyFactory = (options: PtySpawnOptions) => PtyProcess;

/** node-pty's UnixTerminal has these, its typings don't. */
interface NodePtyInternals {
  destroy?(): void;
  _fd?: number;
  _writeStream?: { _writeQueue?: Array<{ buffer: Buffer; offset: number }> };
}

/** Writes this small are tried at once, synchronously: a typed key reaches the program without a thread-pool round trip. */
const DIRECT_WRITE_MAX = 4096;

/**
 * node-pty queues every write for libuv's thread pool. For a keystroke with nothing queued
 * ahead of it, a direct non-blocking write is faster; whatever the kernel doesn't take (or any
 * error) falls back to node-pty's queue, which keeps the order.
 */
function writeNow(proc: NodePty.IPty, data: string | Buffer): void {
  const internals = proc as unknown as NodePtyInternals;
  const queued = internals._writeStream?._writeQueue?.length ?? 1;
  const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const rest = queued === 0 && internals._fd !== undefined && buffer.length <= DIRECT_WRITE_MAX
    ? writeWhatFits(internals._fd, buffer)
    : buffer;
  if (rest.length > 0) proc.write(rest as unknown as string);
}

export const spawnPty: PtyFactory = (options) => {
  const launch = cleanLaunch(options.file, options.args);
  const proc = nodePty.spawn(launch.file, launch.args, {
    name: options.env.TERM ?? 'xterm-256color',
    cols: Math.max(1, options.cols),
    rows: Math.max(1, options.rows),
    cwd: options.cwd,
    env: options.env,
    // null: deliver Buffers, so coprocesses get the program's exact bytes (invalid UTF-8 too).
    encoding: null,
  } as NodePty.IPtyForkOptions);
  return {
    pid: proc.pid,
    write: (data) => writeNow(proc, data),
    resize: (cols, rows) => {
      try {
        proc.resize(Math.max(1, cols), Math.max(1, rows));
      } catch {
        // The pty may already be closed while its pane is being removed; nothing to resize.
      }
    },
    pause: () => proc.pause(),
    resume: () => proc.resume(),
    onData: (listener) => proc.onData(listener as unknown as (data: string) => void),
    onExit: (listener) => proc.onExit(listener),
    destroy: () => (proc as unknown as NodePtyInternals).destroy?.(),
    pendingWriteBytes: () => {
      const queue = (proc as unknown as NodePtyInternals)._writeStream?._writeQueue ?? [];
      let total = 0;
      for (const task of queue) total += task.buffer.length - task.offset;
      return total;
    },
  };
};
