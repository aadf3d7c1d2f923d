// The process-spawning port for coprocesses. The real one uses child_process; tests may
// inject another. `detached` puts the child in its own session and process group, so
// stopping it can signal everything it started.
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { cleanLaunch } from '../panes/launcher.js';

export interface ChildHandle {
  readonly pid: number | undefined;
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly stderr: Readable;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  onError(listener: (error: Error) => void): void;
}

export interface SpawnRequest {
  file: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

/** A spawner may hand the child over later (the spawn server does): output waits for it. */
export type ProcessSpawner = (request: SpawnRequest) => ChildHandle | Promise<ChildHandle>;

export const spawnChild: ProcessSpawner = (request) => {
  // Node opens its own descriptors close-on-exec; the launcher closes the pty masters too.
  const launch = cleanLaunch(request.file, request.args);
  const child = spawn(launch.file, launch.args, {
    cwd: request.cwd,
    env: request.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  return {
    pid: child.pid,
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    onExit: (listener) => child.on('exit', listener),
    onError: (listener) => child.on('error', listener),
  };
};
