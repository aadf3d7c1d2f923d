// One measured session: a private OUTER tmux server (120x40 pane, no status line) whose pane
// runs either tmx or an attached client of a second private tmux server (the INNER one).
// Both multiplexers see the same outer terminal; both get a temp HOME, SHELL=/bin/sh and a
// fixed prompt. Everything a session starts is registered for cleanup (see cleanupAll).
import { execFileSync } from 'node:child_process';
import {
  unlinkSync, chmodSync, closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ControlClient, tq } from './control.mjs';

export const REPO = resolve(import.meta.dirname, '../..');
export const TMX_BIN = join(REPO, 'bin/tmx.js');
export const OUTER_COLS = 120;
export const OUTER_ROWS = 40;
/** The shell prompt in every pane; start-up ends when it is on screen. */
export const PROMPT = 'READY$ ';
/** capture-pane trims trailing blanks, so the prompt shows as this. */
const PROMPT_SHOWN = 'READY$';
const PROMPT_RE = /READY\$/g;

/** Clock ticks per second for /proc/PID/stat (Linux: 100 on every common architecture). */
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.now();

/** Environment for our own tmux commands: no $TMUX, so nothing thinks it is nested. */
const TMUX_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'TMUX' && k !== 'TMUX_PANE'));

const live = new Set();
let serial = 0;

/** Kills every server and process a session started; safe to call more than once. */
export function cleanupAll() {
  for (const session of [...live]) session.forceCleanup();
}

function tmuxSync(socket, ...args) {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env: TMUX_ENV, stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
}

/** Running (a zombie has ended: tmx's server is adopted by whoever reaps when it will). */
function alive(pid) {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** tmx runs as a client and a server: the bench's own socket in the session's HOME. */
const TMX_SOCKET_NAME = 'bench';

function shq(s) {
  return `'${String(s).replaceAll("'", `'\\''`)}'`;
}

export class Session {
  /** Typed lines that did not show within 5 s and were typed again (see typeMarked). */
  static retypes = 0;
  /**
   * @param {'tmx'|'tmux'} kind
   * @param {{ data: { files: Record<string,{path:string}> }, controlOutput?: boolean, nodeArgs?: string[], homeFiles?: Record<string,string> }} options
   */
  constructor(kind, options) {
    this.kind = kind;
    this.options = options;
    const id = `${process.pid}-${serial++}`;
    this.outerSocket = `tmx-bench-outer-${id}`;
    this.innerSocket = `tmx-bench-inner-${id}`;
    this.home = mkdtempSync(join(tmpdir(), 'tmx-bench-home-'));
    this.markerSerial = 0;
    this.socketPaths = [];
    this.done = false;
    live.add(this);
  }

  /** Starts the outer server and the multiplexer in it; returns ms from launch to the first prompt. */
  async start() {
    const { home } = this;
    for (const [name, file] of Object.entries(this.options.data.files)) symlinkSync(file.path, join(home, `${name[0]}.txt`)); // c.txt, a.txt, q.txt, s.txt, w.txt, r.txt: short commands never wrap
    const go = join(home, 'go.fifo');
    execFileSync('mkfifo', [go]);
    const bin = this.options.tmxBin ? resolve(this.options.tmxBin) : TMX_BIN;
    const command = this.kind === 'tmx'
      ? ['node', ...shebangNodeArgs(bin), ...(this.options.nodeArgs ?? []), bin, ...(/tmx\.js$/.test(bin) ? ['-L', TMX_SOCKET_NAME] : [])].map(shq).join(' ')
      // history-limit must be set before the first pane exists; 10000 matches tmx's scrollback.
      : `tmux -L ${shq(this.innerSocket)} -f /dev/null set-option -g history-limit 10000 \\; new-session`;
    const env = {
      HOME: home,
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      SHELL: '/bin/sh',
      PS1: PROMPT,
      // dash sets PS1 to '# ' for root whatever the environment says; $ENV is read by every interactive sh.
      ENV: join(home, '.shrc'),
      TMX_TMPDIR: join(home, 'tmx-sockets'),
    };
    this.tmxEnv = env;
    writeFileSync(join(home, '.shrc'), `PS1=${shq(PROMPT)}\n`);
    // Files the case needs in HOME (an rc file: private, as tmx requires of one that runs things).
    for (const [name, text] of Object.entries(this.options.homeFiles ?? {})) writeFileSync(join(home, name), text, { mode: 0o600 });
    const script = join(home, 'run.sh');
    writeFileSync(
      script,
      `#!/bin/sh\nset -e\nexec 2>${shq(join(home, 'stderr.txt'))}\ncd ${shq(home)}\n` +
        `echo $$ > wrapper.pid\n: > waiting\nread _ < go.fifo\n` +
        `exec env -i ${Object.entries(env).map(([k, v]) => `${k}=${shq(v)}`).join(' ')} TERM="$TERM" ${command}\n`,
    );
    chmodSync(script, 0o755);
    // The attach case (cases.attachBusy) respawns the outer pane with this after a detach.
    const attach = this.kind === 'tmx' ? `${command} attach` : `tmux -L ${shq(this.innerSocket)} attach`;
    this.attachScript = join(home, 'attach.sh');
    writeFileSync(
      this.attachScript,
      `#!/bin/sh\nexec 2>>${shq(join(home, 'stderr.txt'))}\ncd ${shq(home)}\necho $$ > wrapper.pid\n` +
        `exec env -i ${Object.entries(env).map(([k, v]) => `${k}=${shq(v)}`).join(' ')} TERM="$TERM" ${attach}\n`,
    );
    chmodSync(this.attachScript, 0o755);
    this.outerStarted = true;
    tmuxSync(
      this.outerSocket, '-f', '/dev/null',
      'new-session', '-d', '-x', String(OUTER_COLS), '-y', String(OUTER_ROWS), '-s', 'outer', '-c', home, script,
      ';', 'set-option', '-g', 'status', 'off',
      ';', 'set-option', '-g', 'default-terminal', 'screen-256color',
    );
    this.socketPaths.push(tmuxSync(this.outerSocket, 'display-message', '-p', '#{socket_path}').trim());
    const size = tmuxSync(this.outerSocket, 'display-message', '-p', '-t', 'outer', '#{pane_width}x#{pane_height}').trim();
    if (size !== `${OUTER_COLS}x${OUTER_ROWS}`) throw new Error(`outer pane is ${size}, wanted ${OUTER_COLS}x${OUTER_ROWS}`);
    this.ctl = new ControlClient(['-L', this.outerSocket], { env: TMUX_ENV, output: Boolean(this.options.controlOutput) });
    await this.ctl.start();
    await this.until(() => existsSync(join(home, 'waiting')), 5000, 'the wrapper script to start');
    await sleep(50);
    const t0 = now();
    const fd = openSync(go, constants.O_WRONLY | constants.O_NONBLOCK);
    writeSync(fd, 'go\n');
    closeSync(fd);
    await this.waitScreen((s) => s.includes(PROMPT_SHOWN), 15_000, 'the first prompt', 2);
    const startup = now() - t0;
    if (this.kind === 'tmux') this.socketPaths.push(tmuxSync(this.innerSocket, 'display-message', '-p', '#{socket_path}').trim());
    // The server (panes, emulators, rendering) and the client in front of it (tmux's exec'd client, or tmx's).
    this.frontPid = Number(readFileSync(join(home, 'wrapper.pid'), 'utf8'));
    // The echo floor (a single pass-through process, no server) stands where tmx would.
    const single = this.kind === 'tmx' && this.options.tmxBin !== undefined && !/tmx\.js$/.test(this.options.tmxBin);
    this.pid = single ? this.frontPid : this.kind === 'tmx'
      ? Number(execFileSync('node', [this.tmxBin(), '-L', TMX_SOCKET_NAME, 'display-message', '-p', '#{pid}'], { encoding: 'utf8', env: this.tmxEnv, timeout: 10_000 }).trim())
      : Number(tmuxSync(this.innerSocket, 'display-message', '-p', '#{pid}').trim());
    return startup;
  }

  tmxBin() {
    return this.options.tmxBin ? resolve(this.options.tmxBin) : TMX_BIN;
  }

  /** A command to the inner tmux server (the tmux side of a case; e.g. pipe-pane). */
  innerTmux(...args) {
    if (this.kind !== 'tmux') throw new Error('innerTmux is for tmux');
    return tmuxSync(this.innerSocket, ...args);
  }

  // ---- screen and keys ---------------------------------------------------------------

  async screen() {
    return (await this.ctl.command('capture-pane -p -t outer')).join('\n');
  }

  async keys(...keys) {
    await this.ctl.command(`send-keys -t outer ${keys.map(tq).join(' ')}`);
  }

  async type(text) {
    await this.ctl.command(`send-keys -t outer -l ${tq(text)}`);
  }

  async prefix(key) {
    await this.keys('C-b');
    await this.keys(key);
  }

  promptCount(screen) {
    return (screen.match(PROMPT_RE) ?? []).length;
  }

  /** A fresh marker: `echo` line to type, and the text that shows only once it has run. */
  marker() {
    const n = ++this.markerSerial;
    return { echo: `echo X"DONE"${n}X`, shown: `XDONE${n}X`, file: `d${n}` };
  }

  async until(test, timeoutMs, what, intervalMs = 5) {
    const deadline = now() + timeoutMs;
    for (;;) {
      if (await test()) return;
      if (now() > deadline) throw new Error(`${this.kind}: timed out after ${timeoutMs} ms waiting for ${what}\n${await this.describe()}`);
      await sleep(intervalMs);
    }
  }

  async waitScreen(test, timeoutMs, what, intervalMs = 5) {
    let screen = '';
    await this.until(async () => test((screen = await this.screen())), timeoutMs, what, intervalMs);
    return screen;
  }

  async describe() {
    let screen = '';
    try {
      screen = await this.screen();
    } catch (e) {
      screen = `(no screen: ${e.message})`;
    }
    let stderr = '';
    try {
      stderr = readFileSync(join(this.home, 'stderr.txt'), 'utf8').slice(-2000);
    } catch {
      // none
    }
    return `screen:\n${screen}\nstderr of ${this.kind}:\n${stderr}`;
  }

  /** Types `command; echo MARKER; touch FILE` at the prompt of the focused pane (no Enter). */
  async typeMarked(command) {
    const m = this.marker();
    const line = `${command};${m.echo};touch ${m.file}`;
    await this.type(line);
    try {
      await this.waitScreen((s) => s.includes(`touch ${m.file}`), 5000, `the typed command "${line}"`, 10);
    } catch (error) {
      // Typed keys that never show are a multiplexer bug worth seeing, but one lost line
      // should not cost the whole run: say so, clear the line (C-u) and type it once more.
      process.stderr.write(`bench: warning: ${error.message.split('\n')[0]}; retyping\n`);
      Session.retypes++;
      await this.keys('C-u');
      await this.type(line);
      await this.waitScreen((s) => s.includes(`touch ${m.file}`), 10_000, `the typed command "${line}" (second try)`, 10);
    }
    return m;
  }

  /** Waits until the marked command has run and its marker is on the outer screen. */
  async waitMarker(m, timeoutMs) {
    const file = join(this.home, m.file);
    await this.until(() => existsSync(file), timeoutMs, `${m.file} (command finished)`, 2);
    await this.waitScreen((s) => s.includes(m.shown), timeoutMs, `marker ${m.shown} on screen`, 3);
    return now();
  }

  /** Enter to the marker on screen, in ms. */
  async timedCommand(command, timeoutMs) {
    const m = await this.typeMarked(command);
    await sleep(200);
    const t0 = now();
    await this.keys('Enter');
    const t1 = await this.waitMarker(m, timeoutMs);
    return { ms: t1 - t0, t0, marker: m };
  }

  /** Splits into a 2x2 grid (C-b %, C-b ", C-b Left, C-b "), each pane at a prompt. Same keys for both. */
  async fourPanes() {
    for (const key of ['%', '"', 'Left', '"']) {
      const before = this.promptCount(await this.screen());
      if (key === 'Left') {
        await this.prefix(key);
        await sleep(100);
        continue;
      }
      await this.prefix(key);
      await this.waitScreen((s) => this.promptCount(s) > before, 10_000, `a new pane after C-b ${key}`, 10);
    }
    await sleep(200);
  }

  /** Whether the outer pane's program (tmx's client, tmux's) has exited (remain-on-exit keeps the pane). */
  async outerPaneDead() {
    return (await this.ctl.command("display-message -p -t outer '#{pane_dead}'")).join('').trim() === '1';
  }

  /** Runs `tmx attach` / `tmux attach` in the outer pane (dead after a detach); returns when it is sent. */
  async reattach() {
    await this.ctl.command(`respawn-pane -k -t outer ${tq(this.attachScript)}`);
  }

  /** Runs a tmx command through the command prompt (C-b : ... Enter). */
  async tmxCommand(line) {
    if (this.kind !== 'tmx') throw new Error('tmxCommand is for tmx');
    await this.prefix(':');
    await sleep(50);
    await this.type(line);
    await sleep(50);
    await this.keys('Enter');
  }

  /**
   * CPU seconds used so far by the multiplexer (server + client, tmx's and tmux's alike), by the
   * outer tmux server, and bytes written to the outer terminal (tmx's client, the inner tmux
   * server: it writes to the client's terminal itself). Deltas around a case show where the machine's time went.
   */
  resources() {
    // /proc/PID/stat after the command name (which may hold spaces): field 3 (state) is [0].
    const stat = (pid) => {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
    };
    const ticks = (pid) => {
      const f = stat(pid);
      return (f[11] + f[12]) / CLK_TCK; // utime + stime
    };
    const wchar = (pid) => Number(/wchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))[1]);
    const minorFaults = (pid) => stat(pid)[7]; // minflt
    this.outerPid ??= Number(tmuxSync(this.outerSocket, 'display-message', '-p', '#{pid}').trim());
    const mux = ticks(this.pid) + (this.frontPid === this.pid ? 0 : ticks(this.frontPid));
    // Both servers write to the client's terminal themselves (tmux: the fd its client passes; tmx: the terminal opened by its path).
    return { muxCpuSec: mux, outerCpuSec: ticks(this.outerPid), outerBytes: wchar(this.pid), muxMinorFaults: minorFaults(this.pid) };
  }

  /** Server + client, for tmx and tmux alike. */
  rssKiB() {
    const rss = (pid) => {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (!match) throw new Error(`no VmRSS for pid ${pid}`);
      return Number(match[1]);
    };
    return rss(this.pid) + (this.frontPid === this.pid ? 0 : rss(this.frontPid));
  }

  /**
   * Server and client apart, KiB: each one's VmRSS, and the client's private pages (smaps_rollup
   * Private_*): the client's binary and libraries are mostly the server's own pages too (the same
   * node or tmux binary), which the plain sum counts twice.
   */
  rssSplitKiB() {
    const field = (pid, file, name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'))?.[1] ?? NaN);
    const client = this.frontPid === this.pid ? undefined : this.frontPid;
    return {
      server: field(this.pid, 'status', 'VmRSS'),
      client: client ? field(client, 'status', 'VmRSS') : 0,
      clientPrivate: client ? field(client, 'smaps_rollup', 'Private_Clean') + field(client, 'smaps_rollup', 'Private_Dirty') : 0,
    };
  }

  /**
   * The multiplexer's RSS by kind of mapping, KiB: `files` (its binary and libraries, mostly
   * shared with other processes), `mallocHeap` (brk: malloc's small blocks; for tmx, the
   * ArrayBuffers of xterm's lines among them), `anonymous` (V8's heap, malloc's big blocks).
   */
  rssPartsKiB() {
    const parts = { files: 0, mallocHeap: 0, anonymous: 0, other: 0 };
    let kind = 'anonymous';
    for (const line of readFileSync(`/proc/${this.pid}/smaps`, 'utf8').split('\n')) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) kind = head[1] === '' ? 'anonymous' : head[1].startsWith('/') ? 'files' : head[1] === '[heap]' ? 'mallocHeap' : 'other';
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) parts[kind] += Number(rss[1]);
    }
    return parts;
  }

  // ---- teardown ----------------------------------------------------------------------

  /** Ends the multiplexer the way a user would (tmx: C-b :kill-server), then the servers. */
  async stop() {
    if (this.done) return;
    try {
      if (this.kind === 'tmx' && this.pid && alive(this.pid) && this.ctl && !this.ctl.closed) {
        await this.tmxCommand('kill-server');
        const deadline = now() + 5000;
        while (alive(this.pid) && now() < deadline) await sleep(20);
      }
    } finally {
      this.forceCleanup();
    }
  }

  forceCleanup() {
    if (this.done) return;
    this.done = true;
    live.delete(this);
    this.ctl?.close();
    try {
      tmuxSync(this.innerSocket, 'kill-server');
    } catch {
      // Not started or already gone.
    }
    if (this.kind === 'tmx' && this.pid && alive(this.pid)) {
      try {
        process.kill(this.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    if (this.outerStarted) {
      try {
        tmuxSync(this.outerSocket, 'kill-server');
      } catch {
        // gone
      }
    }
    // kill-server leaves the socket file behind.
    for (const path of this.socketPaths) {
      try {
        unlinkSync(path);
      } catch {
        // gone
      }
    }
    rmSync(this.home, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  }
}

/**
 * The node flags in a script's `#!/usr/bin/env -S node FLAGS` line: tmx is measured as it
 * runs when started as `tmx` (through that line), though the bench starts it with `node`.
 */
export function shebangNodeArgs(path) {
  const first = readFileSync(path, 'utf8').split('\n', 1)[0];
  const match = /^#!\S*env -S node((?: --?[\w=.-]+)*)\s*$/.exec(first);
  return match ? match[1].split(' ').filter(Boolean) : [];
}

/** Opens a FIFO for writing without blocking (fails if nobody reads it) and writes a line. */
export function pokeFifo(path) {
  const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
  try {
    writeSync(fd, 'go\n');
  } finally {
    closeSync(fd);
  }
}
