// What an App is made of: the ports it is given (screen, ptys, timers, processes) and its
// configuration; and what commands run against (CommandContext): the session as a model, the
// terminal a command came from, the server. Nothing here imports app.ts, so the commands
// (dispatch.ts and its helpers) do not either.
import type { TimerPort } from './frame-scheduler.js';
import type { PtyFactory } from '../panes/pty.js';
import type { Options } from '../config/options.js';
import type { KeyTables } from '../keymap/default-bindings.js';
import type { ScreenPort } from '../ui/screen-port.js';
import type { ProcessSpawner } from '../coprocess/spawner.js';
import type { HistoryStore } from '../coprocess/history.js';
import type { CompiledTrigger } from '../triggers/types.js';
import type { LoadedConfig } from '../config/validate.js';
import type { Action, PaneTarget, ServerAction } from '../commands/actions.js';
import type { FormatValues } from '../commands/format.js';
import type { Pane } from '../panes/pane.js';
import type { Window } from './window.js';
import type { WindowEntry, WindowList } from './windows.js';
import type { Copies } from './copies.js';
import type { AttachedClient, Notices } from './attached-client.js';

export interface AppPorts {
  screen: ScreenPort;
  ptyFactory: PtyFactory;
  timers?: TimerPort;
  /** The wall clock (ms since 1970) the status line's %H:%M shows; Date.now when absent. */
  wallClock?(): number;
  spawner?: ProcessSpawner;
  coprocessHistory?: HistoryStore;
  env: Record<string, string>;
  cwd: string;
  /** Re-reads the rc file (`reload-config`) or loads another (`source-file PATH`). */
  loadConfig?(explicitPath?: string): Promise<LoadedConfig>;
  /** A line for the user after the terminal is given back (stderr). */
  report?(text: string): void;
  /** Called once when tmx is done (last pane closed, kill-server, a signal). */
  exit(code: number): void;
  /** The server this session belongs to: runs the commands about sessions and clients. */
  host?: SessionHost;
  /** Pane ids unique in the whole server (`%N`); without it each App counts its own. */
  allocatePaneId?(): number;
}

/** Where a command run from outside (`tmx send-keys ...`) says what it has to say. */
export interface CommandReply {
  print(text: string): void;
  error(text: string): void;
}

/** The server as a session sees it: it runs the commands about sessions and clients. */
export interface SessionHost {
  serverAction(action: ServerAction, context: CommandContext): void;
  /** tmux format values about the session (session_name, pid, ...). */
  sessionFormat(session: SessionModel): FormatValues;
  /** reload-config, source-file: a new rc file for every session. */
  configLoaded(loaded: LoadedConfig, explicitConfig: string | undefined): void;
  /** list-panes -a: every session's panes. */
  allSessions(): SessionModel[];
  /** choose-tree -s: the sessions by name, each as list-sessions shows it; `current`: the context's. */
  sessionChoices(context: CommandContext): Array<{ name: string; line: string; current: boolean }>;
}

/**
 * What a command runs against, from a key, the prompt, the mouse, the rc file or a shell
 * (`tmx send-keys ...`) alike. `client` is the terminal it came from: its prompt, messages and
 * display-panes numbers, the one detach-client detaches; absent for the rc file and a shell.
 */
export interface CommandContext {
  /** The server; absent for a session run on its own (tests). */
  readonly server: SessionHost | undefined;
  readonly session: SessionModel;
  readonly client: AttachedClient | undefined;
  /** Where a command from a shell prints and fails; absent: on the status line. */
  readonly reply: CommandReply | undefined;
}

/** A session as the commands see it: windows, panes and what changes them (App implements it). */
export interface SessionModel {
  readonly config: AppConfig;
  readonly ports: AppPorts;
  readonly windows: WindowList;
  /** The window shown. */
  readonly window: Window;
  readonly panes: ReadonlyMap<number, Pane>;
  readonly copies: Copies;
  /** What is shown on every terminal of the session (a command from no terminal). */
  readonly everyTerminal: Notices;
  /** The pane a `-t` target names (absent: the focused one), or why there is none. */
  findPane(target: PaneTarget | undefined): Pane | { error: string };
  openPane(sideBySide: boolean, command?: string, target?: number, window?: WindowEntry): Pane | undefined;
  killPane(id: number): void;
  focusedPane(): Pane | undefined;
  layoutChanged(): void;
  requestRender(): void;
  /** Runs an Action in `context` (a failure is a message, never a crash). */
  run(action: Action, context: CommandContext): void;
  coprocessActions(action: Extract<Action, { type: 'coprocess-prompt' | 'run-coprocess' | 'stop-coprocess' | 'show-coprocess-log' }>): void;
  configActions(action: Extract<Action, { type: 'source-file' | 'reload-config' }>): void;
  shutdown(code: number): void;
}

export interface AppConfig {
  options: Options;
  bindings: KeyTables;
  prefix: string;
  /** `tmx -- CMD ARGS`: the first pane runs this instead of the shell. */
  initialCommand?: string;
  triggers?: readonly CompiledTrigger[];
  /** The rc file in use, if any, and what was wrong with it (shown at start). */
  file?: string;
  problems?: string[];
  /** `--config FILE`, so reload-config re-reads the same file. */
  explicitConfig?: string;
  /** Set in every pane's environment (`TMX`: the server's socket, pid and the session id). */
  paneEnv?: Record<string, string>;
}
