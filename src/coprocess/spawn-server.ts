// Coprocesses are started by a small shell that tmx starts once, at launch, instead of by
// forking tmx itself. Why: after a fork, every page tmx writes takes a copy-on-write fault,
// even once the child has exec'd; on the 2-core VM tmx is measured on that is ~14 µs a page
// (`node bench/fork-cost.mjs`: 25,600 pages rewritten in 0.7 ms without a fork, 360 ms after
// one). tmx holds 100+ MB, so each coprocess start cost its pane's output ~20% throughput for
// the next seconds (5,000-6,000 extra faults in the next 20 MiB). Forking the shell costs tmx
// nothing.
//
// Node can't pass descriptors to another process, so the coprocess's stdin, stdout and
// stderr are named pipes in a private directory: the server makes them and starts the
// command with them as its stdio, tmx opens the other ends, then removes the directory.
//
// The protocol on the server's stdin: one line per coprocess, the directory; tmx has written
// the command's `start` script there. On its stdout: `ready` once, then `pid PID DIR`, then
// `exit STATUS DIR` (or `fail 0 DIR` when the pipes could not be made).
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, close, closeSync, mkdtempSync, open, openSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { cleanLaunch } from '../panes/launcher.js';
import { killSessionNow, signalName } from '../panes/process-group.js';
import { spawnChild, type ChildHandle, type ProcessSpawner, type SpawnRequest } from './spawner.js';

// bash, not dash: it reaps finished background jobs on its own, so ended subshells never
// linger as zombies of a long-lived server.
const SERVER_SHELL = '/bin/bash';

/**
 * Makes the server a child subreaper (prctl PR_SET_CHILD_SUBREAPER = 36; it survives the exec
 * of bash): a process a coprocess left behind whose parent ended (a double fork, `setsid`
 * from a subshell) is then adopted by the server, not by init, and ended with the server.
 * Node has no prctl; python3 has one through ctypes (Debian and Ubuntu install it; where it is
 * missing or refuses, the server runs as before, without adopting). SIGPIPE goes back to the
 * default python changed it from.
 */
const SUBREAPER_PY = `import os, signal, sys
try:
    import ctypes
    ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)
except Exception:
    pass
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
os.execv("${SERVER_SHELL}", ["bash", "-c", sys.argv[1], "tmx-spawn-server", "adopting"])`;

/** The distribution's python first: a pyenv shim on the PATH takes a second to start. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

/** How long the server's final sweep waits after TERM before it sends KILL (tenths of a second). */
const SWEEP_GRACE_TENTHS = 10;

// `setsid` gives the coprocess its own session (stop signals its whole session, as with a
// pane); `env -i --default-signal` gives it exactly tmx's environment and default signal
// handling (a background job of a script starts with SIGINT and SIGQUIT ignored).
const SERVER_SCRIPT = `
if [ "$1" != adopting ]; then
  for py in ${PYTHONS.join(' ')}; do
    command -v "$py" >/dev/null 2>&1 && exec "$py" -c ${sq(SUBREAPER_PY)} "$BASH_EXECUTION_STRING"
  done
fi
command -v setsid >/dev/null 2>&1 && command -v mkfifo >/dev/null 2>&1 &&
  env -i --default-signal true 2>/dev/null || { echo unsupported; exit 0; }
echo ready
dirs=()
while IFS= read -r dir; do
  if mkfifo -m 600 "$dir/in" "$dir/out" "$dir/err" 2>/dev/null; then
    dirs+=("$dir")
    ( setsid /bin/sh "$dir/start" & echo "pid $! $dir"; wait $!; echo "exit $? $dir" ) &
  else
    echo "fail 0 $dir"
  fi
done
# tmx has gone (its end of our stdin closed). A coprocess whose pipes tmx had not opened yet
# would wait for it forever: open their other ends here instead (a directory tmx finished
# with is gone), and tidy up.
for dir in "\${dirs[@]}"; do
  [ -d "$dir" ] || continue
  exec {a}<>"$dir/in" {b}<>"$dir/out" {c}<>"$dir/err" 2>/dev/null
  rm -rf -- "$dir"
done
# Then end everything still below this shell: coprocesses tmx did not stop (it was killed),
# what they started, and what was adopted here. TERM, a grace, KILL. Only builtins while
# scanning, so no process of the sweep's own is below it then.
declare -A seen
scan() {
  local f s pid grew=1
  local -A parent=()
  for f in /proc/[0-9]*/stat; do
    IFS= read -r s < "$f" 2>/dev/null || continue
    pid=\${f//[^0-9]/}; s=\${s##*) }; set -- $s
    [ "$1" = Z ] || parent[$pid]=$2
  done
  seen[$$]=1
  while [ $grew = 1 ]; do
    grew=0
    for pid in "\${!parent[@]}"; do
      [ -n "\${seen[\${parent[$pid]}]}" ] && [ -z "\${seen[$pid]}" ] && { seen[$pid]=1; grew=1; }
    done
  done
  unset 'seen[$$]'
  alive=()
  for pid in "\${!seen[@]}"; do [ -n "\${parent[$pid]}" ] && alive+=("$pid"); done
}
scan
if [ \${#alive[@]} -gt 0 ]; then
  kill -TERM "\${alive[@]}" 2>/dev/null
  for ((i = 0; i < ${SWEEP_GRACE_TENTHS}; i++)); do
    sleep 0.1
    scan
    [ \${#alive[@]} -eq 0 ] && break
  done
  [ \${#alive[@]} -gt 0 ] && kill -KILL "\${alive[@]}" 2>/dev/null
fi
exit 0
`;

/** How the server is started: exported for the test that plays a tmx that dies. */
export function serverLaunch(): { file: string; args: string[] } {
  return cleanLaunch(SERVER_SHELL, ['-c', SERVER_SCRIPT]);
}

/**
 * Shell word for any string (single quotes; a quote inside becomes '\\''). Always quoted, unlike
 * commands/quote.ts's quoteShellWord, whose plain words (`~x`) a shell would still expand:
 * here every word must reach the program exactly.
 */
function sq(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The per-coprocess script. Its first line opens the pipes, in the order tmx opens their
 * other ends (each open waits for its peer), so whatever comes after can fail without
 * leaving tmx waiting on a pipe nobody will open.
 */
export function startScript(dir: string, request: SpawnRequest): string {
  const env = Object.entries(request.env).map(([k, v]) => sq(`${k}=${v}`));
  return [
    `exec <${sq(join(dir, 'in'))} >${sq(join(dir, 'out'))} 2>${sq(join(dir, 'err'))}`,
    // A 1 MiB pipe for the pane's output (F_SETPIPE_SZ = 1031; perl is essential on Debian):
    // a flood's batches then go in one write each. Without perl the pipe stays 64 KiB.
    "command -v perl >/dev/null 2>&1 && perl -e 'fcntl(STDIN, 1031, 1048576)' 2>/dev/null",
    `cd -- ${sq(request.cwd)} || exit 126`,
    // A file name with '=' would read as one more variable: run it through sh instead.
    request.file.includes('=')
      ? `exec env -i --default-signal -- ${env.join(' ')} /bin/sh -c 'exec "$0" "$@"' ${[request.file, ...request.args].map(sq).join(' ')}`
      : `exec env -i --default-signal -- ${env.join(' ')} ${[request.file, ...request.args].map(sq).join(' ')}`,
    '',
  ].join('\n');
}

/** A wait status from the shell (128+N for signal N) as Node reports exits. */
export function decodeStatus(status: number): { code: number | null; signal: NodeJS.Signals | null } {
  if (status > 128 && status <= 128 + 64) {
    const signal = signalName(status - 128);
    if (signal) return { code: null, signal };
  }
  return { code: status, signal: null };
}

/** How long the server may take to report a coprocess started before tmx forks it itself. */
const START_TIMEOUT_MS = 5000;

/** How often a coprocess whose server has gone is checked for having ended. */
const GONE_POLL_MS = 200;

const openAsync = (path: string, flags: number): Promise<number> =>
  new Promise((resolve, reject) => open(path, flags, (error, fd) => (error ? reject(error) : resolve(fd))));

/** One coprocess started by the server: its pipes once open, its pid, its exit. */
class ServedChild implements ChildHandle {
  pid: number | undefined;
  stdin!: Writable;
  stdout!: Readable;
  stderr!: Readable;
  private exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private pipesOpen = false;

  constructor(readonly dir: string) {}

  /** Opens tmx's ends in the start script's order; each open returns once the coprocess opened its end. */
  async openPipes(): Promise<void> {
    const fds: number[] = [];
    try {
      fds.push(await openAsync(join(this.dir, 'in'), constants.O_WRONLY));
      fds.push(await openAsync(join(this.dir, 'out'), constants.O_RDONLY));
      fds.push(await openAsync(join(this.dir, 'err'), constants.O_RDONLY));
    } catch (error) {
      for (const fd of fds) close(fd, () => undefined);
      throw error;
    }
    this.pipesOpen = true;
    this.removeDir();
    // Pipes as sockets: non-blocking reads and writes on the event loop, no thread pool.
    this.stdin = new Socket({ fd: fds[0], readable: false, writable: true, allowHalfOpen: true });
    this.stdout = new Socket({ fd: fds[1], readable: true, writable: false });
    this.stderr = new Socket({ fd: fds[2], readable: true, writable: false });
  }

  /**
   * The coprocess ended (or never ran) before opening its pipes: open their other ends
   * ourselves so the opens waiting in openPipes return, and let the caller see the failure.
   */
  releasePendingOpens(): void {
    if (this.pipesOpen) return;
    for (const name of ['in', 'out', 'err']) {
      try {
        // O_RDWR on a FIFO opens at once on Linux and counts as both a reader and a writer.
        const fd = openSync(join(this.dir, name), constants.O_RDWR | constants.O_NONBLOCK);
        setTimeout(() => closeSync(fd), 100).unref();
      } catch {
        // Not made, or already gone.
      }
    }
  }

  removeDir(): void {
    try {
      rmSync(this.dir, { recursive: true, force: true });
    } catch {
      // A leftover empty directory in tmp is harmless.
    }
  }

  ended(status: number): void {
    this.report(decodeStatus(status));
  }

  /** Polls until the process has gone, then reports an exit whose status nobody knows. */
  endedWhenGone(): void {
    const poll = setInterval(() => {
      if (this.exited) {
        clearInterval(poll);
        return;
      }
      try {
        process.kill(this.pid!, 0);
      } catch {
        clearInterval(poll);
        this.report({ code: null, signal: null });
      }
    }, GONE_POLL_MS);
    poll.unref();
  }

  private report(exit: { code: number | null; signal: NodeJS.Signals | null }): void {
    if (this.exited) return;
    this.exited = exit;
    for (const listener of this.exitListeners) listener(exit.code, exit.signal);
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    if (this.exited) listener(this.exited.code, this.exited.signal);
    else this.exitListeners.push(listener);
  }

  onError(): void {
    // Start-up failures reject the spawn promise instead; once running, exit covers the rest.
  }
}

interface Pending {
  child: ServedChild;
  started: (pid: number) => void;
  failed: (error: Error) => void;
}

export class SpawnServer {
  private proc: ChildProcess | undefined;
  private readonly children = new Map<string, Pending>();
  private lineBuffer = '';
  private state: 'starting' | 'ready' | 'gone' = 'starting';
  private readonly readyWaiters: Array<(ok: boolean) => void> = [];

  /** Starts the server (once); a coprocess asked for before this starts it too. */
  start(): void {
    if (this.proc) return;
    const launch = serverLaunch();
    const proc = spawn(launch.file, launch.args, { stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    this.proc = proc;
    proc.on('error', () => this.gone());
    proc.on('exit', () => this.gone());
    proc.stdin!.on('error', () => this.gone());
    proc.stdout!.setEncoding('utf8');
    proc.stdout!.on('data', (text: string) => this.receive(text));
    // The server must never keep tmx (or a test) running.
    proc.unref();
    (proc.stdin as unknown as Socket).unref?.();
    (proc.stdout as unknown as Socket).unref?.();
  }

  /** The spawner for the coprocess manager; falls back to a direct spawn if the server is gone. */
  readonly spawner: ProcessSpawner = (request) => this.spawn(request);

  private async spawn(request: SpawnRequest): Promise<ChildHandle> {
    this.start();
    if (!(await this.whenReady())) return spawnChild(request);
    let dir: string;
    try {
      // A request is one line: a directory whose name holds a newline can't be sent.
      if (tmpdir().includes('\n')) throw new Error('newline in the temp directory');
      dir = mkdtempSync(join(tmpdir(), 'tmx-coprocess-'));
      writeFileSync(join(dir, 'start'), startScript(dir, request), { mode: 0o600 });
    } catch {
      return spawnChild(request); // no usable temp directory: fork tmx after all
    }
    const child = new ServedChild(dir);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = new Promise<number>((resolve, reject) => {
      this.children.set(dir, { child, started: resolve, failed: reject });
      // A server that never answers (wedged, stopped) must not leave the coprocess starting forever.
      timer = setTimeout(() => reject(new Error('the coprocess launcher did not answer')), START_TIMEOUT_MS);
    });
    this.proc!.stdin!.write(`${dir}\n`);
    try {
      child.pid = await started.finally(() => clearTimeout(timer));
      await child.openPipes();
    } catch {
      // The server could not start it (it went away, or the pipes could not be made there), or
      // tmx could not open them: end what may have started, then fork it from tmx after all.
      if (child.pid !== undefined) {
        child.releasePendingOpens();
        killSessionNow(child.pid);
      }
      child.removeDir();
      this.children.delete(dir);
      return spawnChild(request);
    }
    return child;
  }

  private whenReady(): Promise<boolean> {
    if (this.state !== 'starting') return Promise.resolve(this.state === 'ready');
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  private receive(text: string): void {
    this.lineBuffer += text;
    let newline: number;
    while ((newline = this.lineBuffer.indexOf('\n')) >= 0) {
      const line = this.lineBuffer.slice(0, newline);
      this.lineBuffer = this.lineBuffer.slice(newline + 1);
      this.handleLine(line);
    }
  }

  private handleLine(line: string): void {
    if (line === 'ready' || line === 'unsupported') {
      this.settle(line === 'ready' ? 'ready' : 'gone');
      return;
    }
    const match = /^(pid|exit|fail) (\d+) (.*)$/.exec(line);
    const pending = match && this.children.get(match[3]!);
    if (!match || !pending) return;
    const number = Number(match[2]);
    if (match[1] === 'pid') pending.started(number);
    else if (match[1] === 'fail') pending.failed(new Error('could not make its pipes'));
    else {
      this.children.delete(match[3]!);
      pending.child.releasePendingOpens();
      pending.child.ended(number);
    }
  }

  private settle(state: 'ready' | 'gone'): void {
    if (this.state === 'starting') this.state = state;
    for (const waiter of this.readyWaiters.splice(0)) waiter(this.state === 'ready');
  }

  private gone(): void {
    this.settle('gone');
    this.state = 'gone';
    for (const [dir, pending] of this.children) {
      if (pending.child.pid === undefined) {
        this.children.delete(dir);
        pending.failed(new Error('the coprocess launcher ended'));
        pending.child.removeDir();
      } else {
        // Started: it keeps running with its pipes. Its waiting subshell may still report the
        // exit; if that is gone too, the end is noticed by polling (and reported without a status).
        pending.child.releasePendingOpens();
        pending.child.endedWhenGone();
      }
    }
  }

  /** The server's pid (tests end it to check what tmx does then). */
  get serverPid(): number | undefined {
    return this.proc?.pid;
  }

  /** Ends the server (its running coprocesses are stopped by their own owners). */
  close(): void {
    this.proc?.stdin!.end();
  }
}
