// What an App is made of: the ports it is given (screen, ptys, timers, processes) and its
// configuration, plus the shapes of its prompt and overlay.
import type { PromptEditor } from './prompt.js';
import type { TimerPort } from './frame-scheduler.js';
import type { PtyFactory } from '../panes/pty.js';
import type { Options } from '../config/options.js';
import type { KeyTables } from '../keymap/default-bindings.js';
import type { ScreenPort } from '../ui/screen-port.js';
import type { ScreenSink } from '../ui/screen-port.js';
import type { ProcessSpawner } from '../coprocess/spawner.js';
import type { HistoryStore } from '../coprocess/history.js';
import type { CompiledTrigger } from '../triggers/types.js';
import type { LoadedConfig } from '../config/validate.js';
import type { ServerAction } from '../commands/actions.js';
import type { FormatValues } from '../commands/format.js';
import type { App } from './app.js';

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

/** A session's App as the server sees it, and the server as the App sees it. */
export interface SessionHost {
  serverAction(action: ServerAction, from: App, reply: CommandReply | undefined): void;
  /** tmux format values about the session (session_name, pid, ...). */
  sessionFormat(from: App): FormatValues;
  /** reload-config, source-file: a new rc file for every session. */
  configLoaded(loaded: LoadedConfig, explicitConfig: string | undefined): void;
  /** list-panes -a: every session's panes. */
  allSessions(): App[];
  /** choose-tree -s: the sessions by name, each as list-sessions shows it. */
  sessionChoices(): Array<{ name: string; line: string; current: boolean; app: App }>;
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

/** Shown on one terminal (the one whose keys opened it), or on all of a session's when absent. */
export interface OwnTerminal {
  sink?: ScreenSink;
}

export interface OpenPrompt extends OwnTerminal {
  editor: PromptEditor;
  submit(text: string): void;
  /** Escape (or C-c, C-g) closed it without an answer. */
  cancel?(): void;
}

export interface Overlay extends OwnTerminal {
  title: string;
  lines: string[];
  scroll: number;
  /** A list to choose from (choose-tree): the line under the cursor, and what choosing it does. */
  chooser?: { selected: number; choose(index: number): void };
  /**
   * Shown unasked (rc-file problems at start-up): a key it does not use (q, Escape, C-c close
   * it; the arrows and PageUp/PageDown scroll) closes it and goes on, so typing is not lost.
   */
  passOtherKeys?: boolean;
}
