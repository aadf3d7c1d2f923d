// Runs the real `tmx` inside a real terminal: a private tmux server (its own socket,
// `-f /dev/null`) is the outer terminal; send-keys types, capture-pane reads the screen.
// Every run gets a temporary HOME so no user config leaks in, and its own tmx server (a socket
// directory inside that HOME, `-L e2e`), which close() ends: no tmx server outlives its test.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const TMX_BIN = join(REPO, 'bin/tmx.js');

let serial = 0;
const openTerminals = new Set<OuterTerminal>();
/** Every HOME this file's tests made: no tmx server may still run from one after the file. */
const homesUsed: string[] = [];
/** How long close() lets a server end its panes after kill-server before it is killed. */
const SERVER_EXIT_WAIT_MS = 3000;
/** The tmx socket name every test uses (in its own $TMX_TMPDIR). */
export const SOCKET_NAME = 'e2e';

/** pids of tmx servers still running whose command line names one of `homes`. */
export function serversRunningFrom(homes: readonly string[]): number[] {
  const found = spawnSync('pgrep', ['-f', '--', '--server-daemon'], { encoding: 'utf8' }).stdout.trim();
  const pids = found ? found.split('\n').map(Number) : [];
  return pids.filter((pid) => {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return homes.some((home) => cmdline.includes(home));
    } catch {
      return false;
    }
  });
}

afterAll(() => {
  const left = serversRunningFrom(homesUsed);
  for (const pid of left) process.kill(pid, 'SIGKILL');
  if (left.length > 0) throw new Error(`tmx servers outlived their tests: ${left.join(', ')}`);
});

/** For afterEach: closes every outer terminal a test started. */
export function closeAllTerminals(): void {
  for (const t of openTerminals) t.close();
}

/** Starts tmx (with bash and a `$` prompt) and waits until `ready` is on screen. */
export async function startTmx(options: StartOptions = {}, ready: string | RegExp = /^\$/m): Promise<OuterTerminal> {
  const t = OuterTerminal.start(options);
  await t.waitFor(ready);
  return t;
}

/**
 * Types a command line into the focused pane and presses Enter; waits for `marker` if given.
 * The marker must be something only the command's output shows: the typed line is on screen
 * before the command runs, so a marker it contains would be found too early (compute it,
 * `echo done-$((6*7))`, or anchor it, /^done$/m). A marker the command line matches throws.
 */
export async function runInPane(t: OuterTerminal, command: string, marker?: ScreenTest): Promise<string> {
  if (marker !== undefined && markerMatchesCommand(marker, command)) {
    throw new Error(`runInPane: the marker ${String(marker)} is on the typed command line "${command}" itself; wait for what only its output shows`);
  }
  t.type(command);
  t.keys('Enter');
  return marker === undefined ? t.screen() : t.waitFor(marker);
}

/**
 * Ctrl-C to the shell in the focused pane, then waits for the fresh prompt under the `^C`.
 * Typing on at once races the shell: when the next keys are already waiting as bash takes the
 * SIGINT, readline may read them on instead of dropping the line (seen in the `:` history
 * search that a terminal reply, ESC P …, starts), and the command typed next is lost. See
 * docs/e2e-flakes.md.
 */
export async function interruptShell(t: OuterTerminal): Promise<string> {
  t.keys('C-c');
  return t.waitFor(/\^C *\n\$ *$/m);
}

/** Types `line` at tmx's command prompt (prefix :) once it is open, then Enter. */
export async function tmxCommand(t: OuterTerminal, line: string): Promise<void> {
  t.prefix(':');
  await t.waitFor(/^:/m);
  t.type(line);
  t.keys('Enter');
}

/** What waitFor waits for: text on screen, a pattern, or a test of the whole screen. */
export type ScreenTest = string | RegExp | ((screen: string) => boolean);

/** Whether `marker` would already match the screen row that shows `command` as typed. */
export function markerMatchesCommand(marker: ScreenTest, command: string): boolean {
  // As the prompt shows it ("$ "), and on its own, for a marker anchored at a line's start.
  const shown = [`$ ${command}`, command];
  if (typeof marker === 'function') return shown.some((line) => marker(line));
  if (typeof marker === 'string') return shown.some((line) => line.includes(marker));
  return shown.some((line) => new RegExp(marker.source, marker.flags.replace('g', '')).test(line));
}

export interface StartOptions {
  cols?: number;
  rows?: number;
  /** Arguments for tmx (e.g. ['--', 'cat']). */
  args?: string[];
  env?: Record<string, string>;
  /** Files to create under the temporary HOME before starting, path -> content. */
  homeFiles?: Record<string, string>;
  /** Run this instead of tmx (e.g. a plain program, for fidelity baselines). */
  rawCommand?: string;
  /** Called with the temporary HOME after its files are written, before tmx starts. */
  beforeStart?: (home: string) => void;
}

export class OuterTerminal {
  readonly socket: string;
  readonly home: string;
  private closed = false;

  private constructor(readonly cols: number, readonly rows: number) {
    this.socket = `tmx-e2e-${process.pid}-${serial++}`;
    this.home = mkdtempSync(join(tmpdir(), 'tmx-e2e-home-'));
    homesUsed.push(this.home);
  }

  /** tmx's socket directory root for this test ($TMX_TMPDIR). */
  get tmxTmpdir(): string {
    return join(this.home, 'tmx-sockets');
  }

  /** The environment tmx runs with (in the outer terminal, and for tmxCommand). */
  tmxEnv(extra: Record<string, string> = {}): Record<string, string> {
    return {
      HOME: this.home,
      SHELL: '/bin/bash',
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HISTFILE: '/dev/null',
      TERM: 'screen',
      XDG_CONFIG_HOME: join(this.home, '.config'),
      XDG_STATE_HOME: join(this.home, '.local/state'),
      TMX_TMPDIR: this.tmxTmpdir,
      ...extra,
    };
  }

  /** Runs `tmx -L e2e ARGS...` from outside (a script's view): its stdout, stderr and exit status. */
  tmxCommand(...args: string[]): { stdout: string; stderr: string; status: number } {
    const result = spawnSync('node', [TMX_BIN, '-L', SOCKET_NAME, ...args], { encoding: 'utf8', env: this.tmxEnv(), cwd: this.home, timeout: 20_000 });
    return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
  }

  private knownServerPid: number | undefined;

  /** pid of the tmx server (its `#{pid}`), asked once and remembered. */
  serverPid(): number | undefined {
    if (this.knownServerPid === undefined) {
      const { stdout, status } = this.tmxCommand('display-message', '-p', '#{pid}');
      if (status === 0 && /^\d+$/.test(stdout.trim())) this.knownServerPid = Number(stdout.trim());
    }
    return this.knownServerPid;
  }

  /** The server's log (its stderr): internal errors land there. */
  serverLog(): string {
    const file = join(this.tmxTmpdir, `tmx-${process.getuid?.() ?? 0}`, `${SOCKET_NAME}.log`);
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** Starts tmx (or `rawCommand`) in a fresh outer terminal of cols x rows. */
  static start(options: StartOptions = {}): OuterTerminal {
    const term = new OuterTerminal(options.cols ?? 80, options.rows ?? 24);
    openTerminals.add(term);
    term.writeHomeFiles(options);
    options.beforeStart?.(term.home);
    const script = term.wrapperScript(options);
    term.tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(term.cols), '-y', String(term.rows), '-s', 'outer', script);
    term.tmux('set-option', '-g', 'remain-on-exit', 'on');
    term.tmux('set-option', '-g', 'status', 'off');
    return term;
  }

  private writeHomeFiles(options: StartOptions): void {
    // A predictable prompt, so tests can wait for it.
    writeFileSync(join(this.home, '.bashrc'), "PS1='$ '\nunset PROMPT_COMMAND\n");
    for (const [path, content] of Object.entries(options.homeFiles ?? {})) {
      const full = join(this.home, path);
      execFileSync('mkdir', ['-p', join(full, '..')]);
      writeFileSync(full, content);
    }
  }

  /** The command the outer pane runs: records stty before/after and tmx's exit status. */
  private wrapperScript(options: StartOptions): string {
    const env = this.tmxEnv(options.env);
    const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shq(v)}`).join('\n');
    const command = options.rawCommand ?? ['node', TMX_BIN, '-L', SOCKET_NAME, ...(options.args ?? [])].map(shq).join(' ');
    const script = join(this.home, 'run.sh');
    writeFileSync(
      script,
      `#!/bin/sh\nexec 2>${shq(join(this.home, 'stderr.txt'))}\nunset TMUX TMUX_PANE TMX TMX_PANE\n${exports}\ncd "$HOME"\n` +
        `stty -g > ${shq(join(this.home, 'stty-before'))}\n` +
        `echo $$ > ${shq(join(this.home, 'wrapper.pid'))}\n` +
        `${command}\necho $? > ${shq(join(this.home, 'exit-status'))}\n` +
        `stty -g > ${shq(join(this.home, 'stty-after'))}\necho TMX-EXITED\nsleep 600\n`,
    );
    chmodSync(script, 0o755);
    return script;
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /** Keys by tmux name (`C-b`, `Enter`, `Up`) or literal words. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'outer', ...keys);
  }

  /** Literal text, typed as is. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 'outer', '-l', text);
  }

  /** Prefix then one key, as a user presses them. */
  prefix(key: string): void {
    this.keys('C-b');
    this.keys(key);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'outer');
  }

  screenWithEscapes(): string {
    return this.tmux('capture-pane', '-p', '-e', '-N', '-t', 'outer');
  }

  lines(): string[] {
    return this.screen().split('\n');
  }

  cursor(): { x: number; y: number } {
    const [x, y] = this.tmux('display-message', '-p', '-t', 'outer', '#{cursor_x} #{cursor_y}').trim().split(' ').map(Number);
    return { x: x!, y: y! };
  }

  /**
   * Resizes the outer terminal's screen at once; its tty (what tmx reads at SIGWINCH) follows
   * later: tmux 3.2+ sends a pane at most one resize per 250 ms. Until then tmx still draws at
   * the older size, and such a frame, cut to the new screen, can look right: wait with
   * waitForTtySize before typing anything whose result depends on the size.
   */
  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'outer', '-x', String(cols), '-y', String(rows));
  }

  /** The outer terminal's tty size as the kernel has it now (what tmx reads at SIGWINCH). */
  ttySize(): { cols: number; rows: number } {
    const tty = this.tmux('display-message', '-p', '-t', 'outer', '#{pane_tty}').trim();
    const [rows, cols] = execFileSync('stty', ['-F', tty, 'size'], { encoding: 'utf8' }).trim().split(' ').map(Number);
    return { cols: cols!, rows: rows! };
  }

  /**
   * Resolves once the outer tty has this size. tmx has its SIGWINCH by then, and handles it
   * before any key typed afterwards (the signal is ready first), so a command typed next runs
   * in panes of the new size.
   */
  async waitForTtySize(cols: number, rows: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let size = this.ttySize();
    while (size.cols !== cols || size.rows !== rows) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for the outer tty to be ${cols}x${rows}; it is ${size.cols}x${size.rows}`);
      await sleep(50);
      size = this.ttySize();
    }
  }

  async waitFor(test: ScreenTest, timeoutMs = 10_000): Promise<string> {
    const check = typeof test === 'function' ? test : (s: string) => (typeof test === 'string' ? s.includes(test) : test.test(s));
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.screen();
      if (check(screen)) return screen;
      await sleep(50);
    }
    throw new Error(`timed out waiting for ${String(test)}; screen was:\n${screen}\nstderr:\n${this.stderr()}`);
  }

  /**
   * Waits until tmx says pane `index` of the current window has the focus (`#{pane_index}`):
   * the status line lists windows, as tmux's, so the screen shows the focus only in colour.
   */
  async waitForFocus(index: number, timeoutMs = 10_000): Promise<string> {
    const paneFocused = (): boolean => this.focusedPaneIndex() === index;
    return this.waitFor(paneFocused, timeoutMs);
  }

  /** The index of the focused pane in the current window, as tmx says (`#{pane_index}`). */
  focusedPaneIndex(): number | undefined {
    const { stdout, status } = this.tmxCommand('display-message', '-p', '#{pane_index}');
    return status === 0 && /^\d+$/.test(stdout.trim()) ? Number(stdout.trim()) : undefined;
  }

  /** Resolves when tmx has exited; returns its exit status. */
  async waitForExit(timeoutMs = 10_000): Promise<number> {
    await this.waitFor('TMX-EXITED', timeoutMs);
    return Number(readFileSync(join(this.home, 'exit-status'), 'utf8').trim());
  }

  sttyBefore(): string {
    return readFileSync(join(this.home, 'stty-before'), 'utf8');
  }

  sttyAfter(): string {
    return readFileSync(join(this.home, 'stty-after'), 'utf8');
  }

  stderr(): string {
    const file = join(this.home, 'stderr.txt');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  }

  /** pid of the process running in the outer pane (the wrapper, whose child is tmx). */
  wrapperPid(): number {
    return Number(readFileSync(join(this.home, 'wrapper.pid'), 'utf8'));
  }

  /** pid of the tmx client in the outer terminal (the wrapper's child). */
  clientPid(): number | undefined {
    const out = execFileSync('pgrep', ['-P', String(this.wrapperPid()), '-f', 'tmx.js'], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : undefined;
  }

  /** The process that holds the panes: the tmx server. */
  tmxPid(): number | undefined {
    return this.serverPid();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    openTerminals.delete(this);
    if (this.knownServerPid !== undefined || existsSync(this.tmxTmpdir)) {
      const pid = this.knownServerPid ?? this.serverPid();
      this.tmxCommand('kill-server');
      // kill-server ends the panes first; then the server exits.
      for (let waited = 0; pid !== undefined && processAlive(pid) && waited < SERVER_EXIT_WAIT_MS; waited += 50) spawnSync('sleep', ['0.05']);
      // A server that did not answer is ended anyway: none outlives its test.
      for (const left of [...(pid !== undefined ? [pid] : []), ...serversRunningFrom([this.home])]) {
        try {
          process.kill(left, 'SIGKILL');
        } catch {
          // Gone.
        }
      }
    }
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    // Shells killed with the server may still be writing into HOME for a moment.
    try {
      rmSync(this.home, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    } catch {
      setTimeout(() => rmSync(this.home, { recursive: true, force: true }), 2000).unref();
    }
  }
}

export function shq(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Running: a zombie has ended (the tmx server's parent is whoever adopted it, which reaps when it will). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
