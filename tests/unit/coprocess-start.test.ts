// A coprocess whose spawner answers later (the spawn server): nothing the pane prints in the
// meantime is lost, the program waits past the queue limit, and one that is stopped or
// detached while starting ends as soon as it arrives.
// Also: Ctrl-C in a hidden ZModem pane types the cancel into it once.
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { Coprocess, OUTPUT_QUEUE_LIMIT, STDOUT_CLOSED_GRACE_MS, describeEnd, type CoprocessEnd, type CoprocessPane } from '../../src/coprocess/coprocess.js';
import type { ChildHandle, ProcessSpawner } from '../../src/coprocess/spawner.js';
import type { SilentGate } from '../../src/panes/pane.js';
import { CANCEL_SEQUENCE } from '../../src/coprocess/zmodem.js';

class FakePane implements CoprocessPane {
  silentGate: SilentGate | undefined;
  readonly pid = 1;
  paused = false;
  get silent(): boolean {
    return this.silentGate !== undefined;
  }
  endSilence(): void {
    this.silentGate = undefined;
  }
  foregroundGroup(): number | undefined {
    return undefined;
  }
  private tap: ((data: Buffer) => void) | undefined;
  addOutputTap(tap: (data: Buffer) => void): () => void {
    this.tap = tap;
    return () => (this.tap = undefined);
  }
  print(data: Buffer): void {
    this.tap?.(data);
  }
  /** What the coprocess (or tmx for it) typed into the pane. */
  readonly written: Buffer[] = [];
  write(data: Buffer): void {
    this.written.push(Buffer.from(data));
  }
  pendingInputBytes(): number {
    return 0;
  }
  setPaused(_reason: 'coprocess', paused: boolean): void {
    this.paused = paused;
  }
  markDirty(): void {}
}

function fakeChild(): ChildHandle & { received: Buffer[]; exit(code: number): void } {
  const stdin = new PassThrough();
  const received: Buffer[] = [];
  stdin.on('data', (d: Buffer) => received.push(d));
  let onExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  const stdout = new PassThrough();
  return {
    pid: undefined,
    stdin,
    stdout,
    stderr: new PassThrough(),
    received,
    onExit: (listener) => (onExit = listener),
    onError: () => undefined,
    exit(code) {
      stdout.end();
      onExit?.(code, null);
    },
  };
}

function deferredSpawner(): { spawner: ProcessSpawner; arrive(child: ChildHandle): void } {
  let resolve: ((child: ChildHandle) => void) | undefined;
  const started = new Promise<ChildHandle>((r) => (resolve = r));
  return { spawner: () => started, arrive: (child) => resolve!(child) };
}

const command = { display: 'test', file: '/bin/true', args: [] };
/** Retries `check` until it passes: a child's arrival and the feed's batch take a few event-loop turns. */
const eventually = (check: () => void): Promise<void> => vi.waitFor(check, { timeout: 10_000, interval: 2 });
const received = (child: { received: Buffer[] }): string => Buffer.concat(child.received).toString();

describe('a coprocess that starts later', () => {
  it('gets everything printed while it started, in order, then what follows', async () => {
    const pane = new FakePane();
    const { spawner, arrive } = deferredSpawner();
    const coprocess = new Coprocess(command, false, pane, spawner, { cwd: '/', env: {} }, () => undefined);
    expect(coprocess.running).toBe(true);
    pane.print(Buffer.from('one '));
    pane.print(Buffer.from('two '));
    const child = fakeChild();
    arrive(child);
    await eventually(() => expect(received(child)).toBe('one two '));
    pane.print(Buffer.from('three'));
    await eventually(() => expect(received(child)).toBe('one two three'));
  });

  it('pauses the program past the queue limit and lets it go once started', async () => {
    const pane = new FakePane();
    const { spawner, arrive } = deferredSpawner();
    new Coprocess(command, false, pane, spawner, { cwd: '/', env: {} }, () => undefined);
    pane.print(Buffer.alloc(OUTPUT_QUEUE_LIMIT + 1, 65));
    expect(pane.paused).toBe(true);
    const child = fakeChild();
    arrive(child);
    await eventually(() => expect(pane.paused).toBe(false));
    await eventually(() => expect(Buffer.concat(child.received).length).toBe(OUTPUT_QUEUE_LIMIT + 1));
  });

  it('a backlog bigger than the queue limit, to a slow reader: paused until the reader drains it', async () => {
    const pane = new FakePane();
    const { spawner, arrive } = deferredSpawner();
    new Coprocess(command, false, pane, spawner, { cwd: '/', env: {} }, () => undefined);
    for (let i = 0; i < 32; i++) pane.print(Buffer.alloc(64 * 1024, 65)); // 2 MiB, as a pty hands it over
    expect(pane.paused).toBe(true);
    // A reader that takes 64 KiB every 5 ms: the queue stays over the limit for a while.
    const child = fakeChild();
    let taken = 0;
    const slow = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        taken += chunk.length;
        setTimeout(done, 5);
      },
    });
    arrive({ ...child, stdin: slow });
    // Started: the reader has its first chunk, and the queue is still over the limit, so the
    // program is not let go on starting.
    await eventually(() => expect(taken).toBeGreaterThan(0));
    expect(pane.paused).toBe(true);
    await eventually(() => expect(pane.paused).toBe(false));
    expect(taken).toBeGreaterThan(OUTPUT_QUEUE_LIMIT);
  });

  it('detached while starting: ends at once and the late child gets no input', async () => {
    const pane = new FakePane();
    const { spawner, arrive } = deferredSpawner();
    const ends: CoprocessEnd[] = [];
    const coprocess = new Coprocess(command, false, pane, spawner, { cwd: '/', env: {} }, (end) => ends.push(end));
    pane.print(Buffer.from('lost'));
    void coprocess.detach();
    expect(coprocess.running).toBe(false);
    expect(ends).toHaveLength(1);
    const child = fakeChild();
    arrive(child);
    await eventually(() => expect(child.stdin.destroyed).toBe(true));
    expect(child.received).toEqual([]);
  });

  it('stopped (prefix X) while starting: ends at once, as stopped', async () => {
    const pane = new FakePane();
    const { spawner } = deferredSpawner(); // never arrives
    const ends: CoprocessEnd[] = [];
    const coprocess = new Coprocess(command, false, pane, spawner, { cwd: '/', env: {} }, (end) => ends.push(end));
    await coprocess.stop();
    expect(coprocess.running).toBe(false);
    expect(describeEnd(ends[0]!)).toBe('Coprocess "test" stopped by SIGTERM');
  });

  it('a spawner that fails reports it as could not start', async () => {
    const pane = new FakePane();
    const ends: CoprocessEnd[] = [];
    new Coprocess(command, true, pane, () => Promise.reject(new Error('no launcher')), { cwd: '/', env: {} }, (end) => ends.push(end));
    expect(pane.silent).toBe(true);
    await eventually(() => expect(ends).toHaveLength(1));
    expect(ends[0]!.error).toBe('no launcher');
    expect(pane.silent).toBe(false);
  });
});

describe('a silent coprocess', () => {
  it('whose partner ends before it has started: gets what came before, then end-of-file, and reports its end', async () => {
    const pane = new FakePane();
    let foreground = 200; // the pane's program, then the shell (pid 1)
    pane.foregroundGroup = () => foreground;
    const { spawner, arrive } = deferredSpawner();
    const ends: CoprocessEnd[] = [];
    const coprocess = new Coprocess(command, true, pane, spawner, { cwd: '/', env: {} }, (end) => ends.push(end));
    expect(pane.silentGate!.output(Buffer.from('for it'))).toBe(6);
    foreground = 1;
    expect(pane.silentGate!.output(Buffer.from('$ '))).toBe(0);
    expect(pane.silent).toBe(false);
    const child = fakeChild();
    let ended = false;
    child.stdin.on('finish', () => (ended = true));
    arrive(child);
    await eventually(() => expect(ended).toBe(true));
    expect(received(child)).toBe('for it');
    (child.stderr as PassThrough).end(); // its pipes close as it exits
    child.exit(0);
    await eventually(() => expect(coprocess.running).toBe(false));
    expect(describeEnd(ends[0]!)).toMatch(/^Silent coprocess read 6 B, typed 0 B in [\d.]+ s; test exited with status 0$/);
  });
});

describe('Ctrl-C in a hidden ZModem pane', () => {
  it('types the ZModem cancel into the pane once, though the coprocess it stops ends before the pane\'s program answers', async () => {
    const pane = new FakePane();
    let foreground = 200; // rz, then the shell (pid 1)
    pane.foregroundGroup = () => foreground;
    const child = fakeChild();
    const ends: CoprocessEnd[] = [];
    new Coprocess(command, true, pane, () => child, { cwd: '/', env: {} }, (end) => ends.push(end));
    // rz asks for a file (its ZRINIT, as lrzsz writes it): a ZModem upload is under way.
    const zrinit = Buffer.from('**\x18B0100000063f694\r\x8a\x11', 'latin1');
    expect(pane.silentGate!.output(zrinit)).toBe(zrinit.length);
    expect(pane.silentGate!.typed('\x03')).toBe(true);
    expect(pane.silentGate!.typed('\x03')).toBe(true); // pressed again, impatient
    // sz, stopped by the Ctrl-C, is gone before rz's own cancel comes back through the pane.
    (child.stderr as PassThrough).end();
    child.exit(0);
    await eventually(() => expect(ends).toHaveLength(1));
    // A second cancel would reach the tty after rz has given it back to the shell: echoed as
    // ^X^X…^H^H… in front of the shell's next line.
    expect(pane.written.filter((w) => w.equals(CANCEL_SEQUENCE))).toHaveLength(1);
    expect(Buffer.concat(pane.written).equals(CANCEL_SEQUENCE)).toBe(true);
    expect(pane.silent).toBe(true); // shown once rz answers, or after CANCEL_SHOW_MS
    // rz answers with its own cancel and exits: the shell's next line is shown whole.
    expect(pane.silentGate!.output(CANCEL_SEQUENCE)).toBe(CANCEL_SEQUENCE.length);
    foreground = 1;
    expect(pane.silentGate!.output(Buffer.from('after-800\r\n$ '))).toBe(0);
    expect(pane.silent).toBe(false);
    expect(pane.written).toHaveLength(1);
  });
});

describe('the end message', () => {
  const end = (over: Partial<CoprocessEnd>): CoprocessEnd => ({ command: 'x', code: 0, signal: null, stoppedByUser: false, stderr: Buffer.alloc(0), ...over });
  it('says the status when known, and only "ended" when it could not be learned', () => {
    expect(describeEnd(end({ code: 3 }))).toBe('Coprocess "x" exited with status 3');
    expect(describeEnd(end({ code: null }))).toBe('Coprocess "x" ended');
    expect(describeEnd(end({ code: null, signal: 'SIGTERM', stoppedByUser: true }))).toBe('Coprocess "x" stopped by SIGTERM');
  });
});

describe('stderr written just before the exit', () => {
  it('is in the end report, though the exit was learned before the bytes were read', async () => {
    const pane = new FakePane();
    const child = fakeChild();
    const ends: CoprocessEnd[] = [];
    new Coprocess(command, false, pane, () => child, { cwd: '/', env: {} }, (end) => ends.push(end));
    child.exit(3); // the spawn server's exit line came first
    // The pipe's last bytes come with a later read of the event loop.
    setTimeout(() => (child.stderr as PassThrough).end('oops-on-stderr\n'), 5);
    await eventually(() => expect(ends).toHaveLength(1));
    expect(ends[0]!.stderr.toString()).toBe('oops-on-stderr\n');
    expect(describeEnd(ends[0]!)).toBe('Coprocess "test" exited with status 3 (stderr kept: show-coprocess-log)');
  });
});

describe('a coprocess that closes its stdout', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A child whose process is a real `sleep` in a session of its own, so its end can be seen. */
  function realChild(): { child: ReturnType<typeof fakeChild>; pid: number } {
    const sleeper = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    sleeper.unref();
    const child = fakeChild();
    (child as { pid: number | undefined }).pid = sleeper.pid!;
    return { child, pid: sleeper.pid! };
  }
  const alive = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('has a moment to exit by itself, and its own status is reported', async () => {
    vi.useFakeTimers();
    const kill = vi.spyOn(process, 'kill');
    const { child, pid } = realChild();
    const ends: CoprocessEnd[] = [];
    new Coprocess(command, false, new FakePane(), () => child, { cwd: '/', env: {} }, (end) => ends.push(end));
    (child.stdout as PassThrough).resume();
    (child.stdout as PassThrough).end(); // closed on its way out
    await vi.advanceTimersByTimeAsync(STDOUT_CLOSED_GRACE_MS - 10);
    expect(kill.mock.calls.filter(([, signal]) => signal === 'SIGTERM')).toEqual([]); // no TERM yet
    kill.mockRestore();
    vi.useRealTimers();
    process.kill(pid, 'SIGKILL');
    child.exit(3);
    await eventually(() => expect(ends).toHaveLength(1));
    expect(describeEnd(ends[0]!)).toBe('Coprocess "test" exited with status 3');
  });

  it('that goes on running is ended after that moment', async () => {
    vi.useFakeTimers();
    const { child, pid } = realChild();
    new Coprocess(command, false, new FakePane(), () => child, { cwd: '/', env: {} }, () => undefined);
    (child.stdout as PassThrough).end();
    (child.stdout as PassThrough).resume();
    await vi.advanceTimersByTimeAsync(STDOUT_CLOSED_GRACE_MS + 10);
    vi.useRealTimers();
    await eventually(() => expect(alive(pid)).toBe(false));
  });
});

describe('feeding the coprocess', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends a quiet pane\'s output at once, and a flood in few large writes', async () => {
    // The feed's batching timers and its clock are the test's: time moves 1 ms per chunk
    // however slowly the machine runs (the stream's own ticks stay real).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    /** Moves the clock on, then lets the stream deliver what the timers wrote. */
    const elapse = async (ms: number): Promise<void> => {
      vi.advanceTimersByTime(ms);
      await new Promise((r) => setImmediate(r));
    };
    const pane = new FakePane();
    const child = fakeChild();
    let writes = 0;
    const uncork = child.stdin.uncork.bind(child.stdin);
    child.stdin.uncork = () => {
      writes++;
      uncork();
    };
    new Coprocess(command, false, pane, () => child, { cwd: '/', env: {} }, () => undefined);
    pane.print(Buffer.from('prompt? '));
    await elapse(8);
    expect(received(child)).toBe('prompt? ');
    // 150 ms of 8 KiB a millisecond: at one write per 2 ms that would be ~75 writes.
    const chunk = Buffer.alloc(8192, 120);
    let sent = 0;
    for (let ms = 0; ms < 150; ms++) {
      pane.print(chunk);
      sent += chunk.length;
      await elapse(1);
    }
    await elapse(40);
    expect(Buffer.concat(child.received).length).toBe(8 + sent);
    expect(writes).toBeLessThan(30);
  });
});
