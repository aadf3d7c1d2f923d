// What an App is made of: the ports it is given (screen, ptys, timers, processes) and its
// configuration, plus the shapes of its prompt and overlay.
import type { PromptEditor } from './prompt.js';
import type { TimerPort } from './frame-scheduler.js';
import type { PtyFactory } from '../panes/pty.js';
import type { Options } from '../config/options.js';
import type { KeyTables } from '../keymap/default-bindings.js';
import type { ScreenPort } from '../ui/terminal.js';
import type { ProcessSpawner } from '../coprocess/spawner.js';
import type { HistoryStore } from '../coprocess/history.js';
import type { CompiledTrigger } from '../triggers/types.js';
import type { LoadedConfig } from '../config/validate.js';

export interface AppPorts {
  screen: ScreenPort;
  ptyFactory: PtyFactory;
  timers?: TimerPort;
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
}

export interface OpenPrompt {
  editor: PromptEditor;
  submit(text: string): void;
  /** Escape (or C-c, C-g) closed it without an answer. */
  cancel?(): void;
}

export interface Overlay {
  title: string;
  lines: string[];
  scroll: number;
  /**
   * Shown unasked (rc-file problems at start-up): a key it does not use (q, Escape, C-c close
   * it; the arrows and PageUp/PageDown scroll) closes it and goes on, so typing is not lost.
   */
  passOtherKeys?: boolean;
}
