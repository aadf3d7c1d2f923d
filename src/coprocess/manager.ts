// The coprocess slot of every pane: starting (prompt, command, trigger), stopping, the
// border badge, end messages and the stderr log. One coprocess per pane.
import type { Action, PaneTarget } from '../commands/actions.js';
import type { Pane } from '../panes/pane.js';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Options } from '../config/options.js';
import { killProcessTreeNow } from './process-tree.js';
import { Coprocess, describeEnd, type CoprocessCommand } from './coprocess.js';
import { CANCEL_SEQUENCE } from './zmodem.js';
import type { HistoryStore } from './history.js';
import type { ProcessSpawner } from './spawner.js';

/** What the manager needs of the app around it. */
export interface CoprocessHost {
  pane(target: PaneTarget | undefined): Pane | undefined;
  paneIndex(id: number): number;
  env: Record<string, string>;
  cwd: string;
  icon(): string;
  showMessage(text: string): void;
  showOverlay(title: string, lines: string[]): void;
  openPrompt(label: string, history: string[], submit: (text: string) => void, options?: { initial?: string; cancel?: () => void }): void;
  requestRender(): void;
  options(): Options;
}

/**
 * What zmodem-receive and zmodem-send run (lrzsz). --escape keeps every control character out
 * of the stream, so a terminal or ssh on the way can't eat one; --binary sends files as they are.
 */
export const ZMODEM_RECEIVE: CoprocessCommand = { display: 'rz --escape --binary', file: 'rz', args: ['--escape', '--binary'] };
export function zmodemSend(path: string): CoprocessCommand {
  return { display: `sz --escape --binary ${path}`, file: 'sz', args: ['--escape', '--binary', '--', path] };
}

type CoprocessAction = Extract<Action, { type: 'coprocess-prompt' | 'run-coprocess' | 'stop-coprocess' | 'show-coprocess-log' }>;


export class CoprocessManager {
  private readonly running = new Map<number, Coprocess>();
  private readonly lastStderr = new Map<number, { command: string; text: string }>();
  /** Panes whose zmodem-receive/-send prompt is open: the trigger does not ask twice. */
  private readonly asking = new Set<number>();

  constructor(
    private readonly host: CoprocessHost,
    private readonly spawner: ProcessSpawner,
    private readonly history: HistoryStore,
  ) {}

  handle(action: CoprocessAction): void {
    switch (action.type) {
      case 'coprocess-prompt': {
        const label = action.silent ? 'Run silent coprocess: ' : 'Run coprocess: ';
        this.host.openPrompt(label, this.history.load(), (text) => {
          if (!text.trim()) return;
          this.history.add(text);
          this.start(undefined, shellCommand(text), action.silent);
        });
        return;
      }
      case 'run-coprocess':
        this.start(action.target, shellCommand(action.command), action.silent);
        return;
      case 'stop-coprocess': {
        const pane = this.host.pane(action.target);
        const coprocess = pane && this.running.get(pane.id);
        if (!pane) return;
        if (!coprocess) this.host.showMessage(`No coprocess is running in pane ${this.host.paneIndex(pane.id)}`);
        else void coprocess.stop();
        return;
      }
      case 'show-coprocess-log': {
        const pane = this.host.pane(action.target);
        if (!pane) return;
        const live = this.running.get(pane.id);
        const log = live ? { command: live.command.display, text: live.stderrText() } : this.lastStderr.get(pane.id);
        if (!log) this.host.showMessage(`No coprocess log for pane ${this.host.paneIndex(pane.id)}`);
        else this.host.showOverlay(`stderr of coprocess "${log.command}"`, log.text ? log.text.split('\n') : ['(empty)']);
        return;
      }
    }
  }

  /**
   * The zmodem-receive and zmodem-send trigger actions: the status line asks where a download
   * goes (offering the zmodem-download-dir option) or which file to send, then rz or sz runs as a
   * silent coprocess. Escape, or an answer that is no folder or file, cancels the transfer: the
   * pane's sz or rz gets the ZModem cancel instead of waiting for a partner that never comes.
   */
  askZmodem(pane: Pane, direction: 'receive' | 'send'): void {
    if (this.running.has(pane.id) || this.asking.has(pane.id)) return;
    this.asking.add(pane.id);
    const here = pane.cwd() ?? this.host.cwd;
    const home = this.host.env.HOME ?? here;
    const target = { kind: 'id', id: pane.id } as const;
    const cancel = (why: string): void => {
      this.asking.delete(pane.id);
      pane.write(CANCEL_SEQUENCE);
      pane.freshLine(); // sz left the cursor at the start of its "**B0000..." line
      this.host.showMessage(why);
    };
    if (direction === 'receive') {
      const offered = this.host.options()['zmodem-download-dir'] || here;
      const submit = (text: string): void => {
        this.asking.delete(pane.id);
        const dir = expandPath(text.trim() || offered, here, home);
        if (!isDirectory(dir)) return cancel(`ZModem download cancelled: ${dir} is not a folder`);
        this.start(target, ZMODEM_RECEIVE, true, {}, dir);
      };
      this.host.openPrompt('Save ZModem download in: ', [], submit, { initial: offered, cancel: () => cancel('ZModem download cancelled') });
    } else {
      const submit = (text: string): void => {
        this.asking.delete(pane.id);
        const file = expandPath(text.trim(), here, home);
        if (!text.trim() || !isFile(file)) return cancel(`ZModem upload cancelled: ${file} is not a file`);
        this.start(target, zmodemSend(file), true);
      };
      this.host.openPrompt('Send with ZModem: ', [], submit, { initial: `${here}/`, cancel: () => cancel('ZModem upload cancelled') });
    }
  }

  /** Starts `command` in the pane's coprocess slot; refuses when the slot is taken. Returns whether it started. */
  start(target: PaneTarget | undefined, command: CoprocessCommand, silent: boolean, extraEnv: Record<string, string> = {}, cwd?: string): boolean {
    const pane = this.host.pane(target);
    if (!pane) return false;
    if (this.running.has(pane.id)) {
      const current = this.running.get(pane.id)!.command.display;
      this.host.showMessage(`Pane ${this.host.paneIndex(pane.id)} already runs coprocess "${current}" (stop it with prefix X)`);
      return false;
    }
    // $TMX as the pane's (its server, so `tmx` commands from a coprocess reach it), else 1.
    const env = { ...this.host.env, ...extraEnv, TMX: this.host.env.TMX ?? '1', TMX_PANE: `%${pane.id}` };
    const coprocess = new Coprocess(command, silent, pane, this.spawner, { cwd: cwd ?? pane.cwd() ?? this.host.cwd, env }, (end) => {
      if (this.running.get(pane.id) === coprocess) this.running.delete(pane.id);
      this.lastStderr.set(pane.id, { command: end.command, text: end.stderr.toString('utf8') });
      this.host.showMessage(describeEnd(end));
      this.host.requestRender();
    }, () => this.host.requestRender());
    if (coprocess.running) this.running.set(pane.id, coprocess);
    this.host.requestRender();
    return coprocess.running;
  }

  has(paneId: number): boolean {
    return this.running.has(paneId);
  }

  /**
   * Border decorations: the icon and command while one runs, and a wait notice under
   * backpressure; while a silent one holds the pane, the progress panel drawn over it.
   */
  decorations(pane: Pane): { badge?: string; notice?: string; panel?: string[] } {
    const coprocess = this.running.get(pane.id);
    if (!coprocess) return {};
    // The compositor shortens the badge to fit the border.
    const command = coprocess.command.display.replace(/\s+/g, ' ');
    return {
      badge: `${this.host.icon()} ${command}${coprocess.silent ? ' (silent)' : ''}`,
      notice: pane.isPausedFor('coprocess') ? 'paused' : undefined, // the coprocess is not reading
      panel: coprocess.progressLines(),
    };
  }

  /** The pane is closing: its coprocess goes with it. */
  paneClosed(paneId: number): Promise<void> {
    const coprocess = this.running.get(paneId);
    this.running.delete(paneId);
    this.lastStderr.delete(paneId);
    return coprocess ? coprocess.detach() : Promise.resolve();
  }

  stopAll(): Promise<void> {
    const all = [...this.running.keys()].map((id) => this.paneClosed(id));
    return Promise.allSettled(all).then(() => undefined);
  }

  /** Process exit path: no timers will run, so KILL now. */
  killAllNow(): void {
    for (const coprocess of this.running.values()) {
      if (coprocess.pid !== undefined) killProcessTreeNow(coprocess.pid);
    }
    this.running.clear();
  }
}

/** `~` and `~/...` are the home directory; other relative paths start at `base`. */
export function expandPath(path: string, base: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return resolve(home, path.slice(2));
  return resolve(base, path);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A user-typed command runs through the shell, like iTerm2's. */
export function shellCommand(text: string): CoprocessCommand {
  return { display: text, file: '/bin/sh', args: ['-c', text] };
}

