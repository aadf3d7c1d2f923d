// Every user intent is one Action. Key bindings, the command prompt and the rc file all
// produce Actions by parsing tmux-style command strings (src/commands/), and only
// dispatch (src/app/dispatch.ts) turns them into changes of the model.

import type { CopyModeCommand } from '../keymap/copy-mode-keys.js';

export type Direction = 'left' | 'right' | 'up' | 'down';

export const LAYOUT_NAMES = ['even-horizontal', 'even-vertical', 'main-horizontal', 'main-vertical', 'tiled'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

/** Which pane a command acts on (`-t`). Absent means the focused pane. */
export type PaneTarget = PaneInWindow & {
  /** `-t work:...`: the session by name (or `$ID`); absent: the client's own, else the latest. */
  session?: string;
  /** `-t work:0.1`: the window's index (sessions have one window, index 0, for now). */
  window?: number;
};

type PaneInWindow =
  | { kind: 'index'; index: number } // `-t 2`: position in pane order, as `display-panes` shows
  | { kind: 'id'; id: number } // `-t %5`: the stable pane id (TMX_PANE)
  | { kind: 'next' } // `-t +` or `-t :.+`
  | { kind: 'previous' } // `-t -` or `-t :.-`
  | { kind: 'last' } // `-t !` or `-t {last}`
  | { kind: 'active' }; // `-t work:` or `-t work`: the session's focused pane

/** Where find-window looks: the window's name, its panes' titles, their visible text. */
export interface FindWindowFields {
  name: boolean;
  title: boolean;
  content: boolean;
}

export type Action =
  | { type: 'split-window'; horizontal: boolean; command?: string; target?: PaneTarget }
  | { type: 'select-pane'; direction: Direction; target?: undefined }
  | { type: 'select-pane'; target: PaneTarget; direction?: undefined }
  | { type: 'last-pane' }
  | { type: 'kill-pane'; target?: PaneTarget }
  | { type: 'resize-pane'; direction: Direction; amount: number; target?: PaneTarget }
  | { type: 'zoom-pane'; target?: PaneTarget }
  | { type: 'select-layout'; layout: LayoutName }
  | { type: 'next-layout' }
  /** `display-message [-p] [-t PANE] TEXT`: with -p printed (to a command-line client), else on the status line; tmux formats expanded. */
  | { type: 'display-message'; text: string; print: boolean; target?: PaneTarget }
  /** `capture-pane -p [-e] [-S START] [-E END] [-t PANE]`: the pane's lines (history with a negative START). */
  | { type: 'capture-pane'; escapes: boolean; start?: number; end?: number; target?: PaneTarget }
  /** `list-panes [-a] [-F FORMAT] [-t SESSION]` */
  | { type: 'list-panes'; all: boolean; format?: string; target?: PaneTarget }
  | { type: 'list-commands' }
  /** `new-window [-d] [-n NAME] [-t SESSION] [COMMAND]`: a window with one pane, shown unless -d. */
  | { type: 'new-window'; detached: boolean; name?: string; command?: string; target?: PaneTarget }
  /** `select-window -t N`, `next-window`, `previous-window`, `last-window`. */
  | { type: 'select-window'; which: 'next' | 'previous' | 'last' | { index: number }; target?: PaneTarget }
  | { type: 'rename-window'; name: string; window?: number; target?: PaneTarget }
  | { type: 'kill-window'; window?: number; target?: PaneTarget }
  /** `break-pane [-d] [-n NAME] [-s PANE]`: the pane leaves its window for a new one of its own. */
  | { type: 'break-pane'; detached: boolean; name?: string; source?: PaneTarget }
  /** `join-pane [-h|-v] [-d] -s PANE [-t PANE]`: the pane moves next to the target pane, in its window. */
  | { type: 'join-pane'; horizontal: boolean; detached: boolean; source: PaneTarget; target?: PaneTarget }
  /** `move-window [-s WINDOW] [-t WINDOW]`: the window (`from`, else the current) gets index `to` (else the first free one); `-r` renumbers them all from 0. */
  | { type: 'move-window'; renumber: boolean; from?: number; to?: number; target?: PaneTarget }
  /** `find-window [-CNTirZ] MATCH`: the windows whose name (N), pane titles (T) or visible text (C) match; one is shown, several listed. */
  | { type: 'find-window'; match: string; in: FindWindowFields; regex: boolean; ignoreCase: boolean; zoom: boolean; target?: PaneTarget }
  /** `choose-tree [-s|-w]`: a list of the sessions (-s) or this session's windows (-w) to choose from. */
  | { type: 'choose-tree'; of: 'sessions' | 'windows' }
  /** `list-windows [-F FORMAT] [-t SESSION]` */
  | { type: 'list-windows'; format?: string; target?: PaneTarget }
  /** Server-wide and client commands, run by the server (src/server/). */
  | ServerAction
  | { type: 'display-panes' }
  | { type: 'list-keys' }
  | { type: 'send-prefix' }
  /** `send-keys [-l] [-t PANE] KEY...`: keys by name (`C-c`, `Enter`), or literal text with -l. */
  | { type: 'send-keys'; keys: string[]; literal: boolean; target?: PaneTarget }
  /** `command-prompt [-p PROMPT] [-I INITIAL] [TEMPLATE]`; `%%` in the template is replaced by the answer. */
  | { type: 'command-prompt'; prompt?: string; initial?: string; template?: string }
  /** `confirm-before [-p PROMPT] COMMAND`: runs COMMAND when the user answers y. */
  | { type: 'confirm-before'; prompt?: string; command: string }
  /** `coprocess-prompt`: the "Run coprocess:" prompt with its own persistent history. */
  | { type: 'coprocess-prompt'; silent: boolean }
  | { type: 'run-coprocess'; command: string; silent: boolean; target?: PaneTarget }
  | { type: 'stop-coprocess'; target?: PaneTarget }
  | { type: 'show-coprocess-log'; target?: PaneTarget }
  /** `copy-mode [-u] [-e] [-t PANE]`: the pane's history, scrolled by keys (see app.ts). */
  | { type: 'copy-mode'; pageUp: boolean; leaveAtBottom: boolean; target?: PaneTarget }
  /** A key of copy mode's table (keymap/copy-mode-keys.ts), or the wheel, for a pane's copy mode. */
  | { type: 'copy-mode-command'; command: CopyModeCommand; target?: PaneTarget }
  /**
   * The mouse in a pane's copy mode: its cursor to (x, y) of the pane's view (y -1 or past the
   * last row: the view scrolls a line). `begin`: enter copy mode and start a selection there.
   */
  | { type: 'copy-mode-mouse'; x: number; y: number; begin: boolean; target?: PaneTarget }
  /** A double (word) or triple (line) click at (x, y) of a pane's view: copy what is there. */
  | { type: 'copy-mode-select'; unit: 'word' | 'line'; x: number; y: number; target?: PaneTarget }
  /** `select-layout -E`: the panes of every split share its space evenly. */
  | { type: 'spread-out' }
  /** `rotate-window [-U|-D]`: every pane one place up (the default) or down in pane order. */
  | { type: 'rotate-window'; direction: 'up' | 'down' }
  /** `swap-pane -U|-D [-t PANE]`: the pane and the one before (-U) or after (-D) it change places. */
  | { type: 'swap-pane'; with: 'previous' | 'next'; target?: PaneTarget }
  /** The mouse's resize: the border at `from` (screen cells) dragged towards `to`. */
  | { type: 'drag-border'; from: { x: number; y: number }; to: { x: number; y: number } }
  | { type: 'paste-buffer'; target?: PaneTarget }
  | { type: 'source-file'; path: string }
  | { type: 'reload-config' };

/** Actions about sessions and clients rather than one session's panes. */
export type ServerAction =
  /** `new-session [-d] [-s NAME] [-x W] [-y H] [COMMAND]` */
  | { type: 'new-session'; detached: boolean; name?: string; width?: number; height?: number; command?: string }
  /** `attach-session [-t SESSION]`: the most recent session without -t. */
  | { type: 'attach-session'; target?: string }
  | { type: 'detach-client' }
  /** `list-sessions [-F FORMAT]` */
  | { type: 'list-sessions'; format?: string }
  | { type: 'has-session'; target?: string }
  | { type: 'kill-session'; target?: string }
  | { type: 'rename-session'; target?: string; name: string }
  /** `switch-client -n|-p|-l|-t SESSION`: this client shows another session. */
  | { type: 'switch-client'; to: 'next' | 'previous' | 'last' | { session: string } }
  | { type: 'kill-server' };

export const SERVER_ACTION_TYPES: ReadonlySet<string> = new Set<ServerAction['type']>([
  'new-session', 'attach-session', 'detach-client', 'list-sessions', 'has-session', 'kill-session', 'rename-session', 'switch-client', 'kill-server',
]);

export function isServerAction(action: Action): action is ServerAction {
  return SERVER_ACTION_TYPES.has(action.type);
}

export type ActionType = Action['type'];

/** Ends every `switch` over Actions, so adding a variant is a compile error until handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
