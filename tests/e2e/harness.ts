// Runs the real `tmx` inside a real terminal: a private tmux server (its own socket,
// `-f /dev/null`) is the outer terminal; send-keys types, capture-pane reads the screen.
// Every run gets a temporary HOME so no user config leaks in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const TMX_BIN = join(REPO, 'bin/tmx.js');

let serial = 0;
const openTerminals = new Set<OuterTerminal>();

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
    const env: Record<string, string> = {
      HOME: this.home,
      SHELL: '/bin/bash',
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      HISTFILE: '/dev/null',
      TERM: 'screen',
      XDG_CONFIG_HOME: join(this.home, '.config'),
      XDG_STATE_HOME: join(this.home, '.local/state'),
      ...options.env,
    };
    const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shq(v)}`).join('\n');
    const command = options.rawCommand ?? ['node', TMX_BIN, ...(options.args ?? [])].map(shq).join(' ');
    const script = join(this.home, 'run.sh');
    writeFileSync(
      script,
      `#!/bin/sh\nexec 2>${shq(join(this.home, 'stderr.txt'))}\nunset TMUX TMUX_PANE\n${exports}\ncd "$HOME"\n` +
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

  tmxPid(): number | undefined {
    const out = execFileSync('pgrep', ['-P', String(this.wrapperPid()), '-f', 'tmx.js'], { encoding: 'utf8' }).trim();
    return out ? Number(out.split('\n')[0]) : undefined;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    openTerminals.delete(this);
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

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
