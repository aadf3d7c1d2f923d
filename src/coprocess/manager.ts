// The coprocess slot of every pane: starting (prompt, command, trigger), stopping, the
// border badge, end messages and the stderr log. One coprocess per pane.
import type { Action, PaneTarget } from '../commands/actions.js';
import type { Pane } from '../panes/pane.js';
import { killProcessTreeNow } from './process-tree.js';
import { Coprocess, describeEnd, type CoprocessCommand } from './coprocess.js';
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
  openPrompt(label: string, history: string[], submit: (text: string) => void): void;
  requestRender(): void;
}

type CoprocessAction = Extract<Action, { type: 'coprocess-prompt' | 'run-coprocess' | 'stop-coprocess' | 'show-coprocess-log' }>;


export class CoprocessManager {
  private readonly running = new Map<number, Coprocess>();
  private readonly lastStderr = new Map<number, { command: string; text: string }>();

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

  /** Starts `command` in the pane's coprocess slot; refuses when the slot is taken. Returns whether it started. */
  start(target: PaneTarget | undefined, command: CoprocessCommand, silent: boolean, extraEnv: Record<string, string> = {}): boolean {
    const pane = this.host.pane(target);
    if (!pane) return false;
    if (this.running.has(pane.id)) {
      const current = this.running.get(pane.id)!.command.display;
      this.host.showMessage(`Pane ${this.host.paneIndex(pane.id)} already runs coprocess "${current}" (stop it with prefix X)`);
      return false;
    }
    // $TMX as the pane's (its server, so `tmx` commands from a coprocess reach it), else 1.
    const env = { ...this.host.env, ...extraEnv, TMX: this.host.env.TMX ?? '1', TMX_PANE: `%${pane.id}` };
    const coprocess = new Coprocess(command, silent, pane, this.spawner, { cwd: pane.cwd() ?? this.host.cwd, env }, (end) => {
      if (this.running.get(pane.id) === coprocess) this.running.delete(pane.id);
      this.lastStderr.set(pane.id, { command: end.command, text: end.stderr.toString('utf8') });
      this.host.showMessage(describeEnd(end));
      this.host.requestRender();
    });
    if (coprocess.running) this.running.set(pane.id, coprocess);
    this.host.requestRender();
    return coprocess.running;
  }

  has(paneId: number): boolean {
    return this.running.has(paneId);
  }

  /** Border decorations: the icon and command while one runs, and a wait notice under backpressure. */
  decorations(pane: Pane): { badge?: string; notice?: string } {
    const coprocess = this.running.get(pane.id);
    if (!coprocess) return {};
    // The compositor shortens the badge to fit the border.
    const command = coprocess.command.display.replace(/\s+/g, ' ');
    return {
      badge: `${this.host.icon()} ${command}${coprocess.silent ? ' (silent)' : ''}`,
      notice: pane.isPausedFor('coprocess') ? 'paused' : undefined, // the coprocess is not reading
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

/** A user-typed command runs through the shell, like iTerm2's. */
export function shellCommand(text: string): CoprocessCommand {
  return { display: text, file: '/bin/sh', args: ['-c', text] };
}

