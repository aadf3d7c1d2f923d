// The command table, like tmux's cmd_table: every way a user names a command (key bindings,
// the command prompt, the rc file) resolves through here to a CommandSpec and then an Action.
import type { Action } from './actions.js';
import { attachSession } from './attach-session.js';
import { capturePane } from './capture-pane.js';
import { detachClient } from './detach-client.js';
import { hasSession } from './has-session.js';
import { killSession } from './kill-session.js';
import { listCommands } from './list-commands.js';
import { listPanes } from './list-panes.js';
import { listSessions } from './list-sessions.js';
import { newSession } from './new-session.js';
import { renameSession } from './rename-session.js';
import { switchClient } from './switch-client.js';
import { newWindow } from './new-window.js';
import { selectWindow } from './select-window.js';
import { nextWindow } from './next-window.js';
import { previousWindow } from './previous-window.js';
import { lastWindow } from './last-window.js';
import { renameWindow } from './rename-window.js';
import { killWindow } from './kill-window.js';
import { listWindows } from './list-windows.js';
import { moveWindow } from './move-window.js';
import { findWindow } from './find-window.js';
import { chooseTree } from './choose-tree.js';
import { breakPane } from './break-pane.js';
import { joinPane } from './join-pane.js';
import { commandPrompt } from './command-prompt.js';
import { confirmBefore } from './confirm-before.js';
import { coprocessPrompt } from './coprocess-prompt.js';
import { copyMode } from './copy-mode.js';
import { displayMessage } from './display-message.js';
import { displayPanes } from './display-panes.js';
import { parseWithSpec } from './parse-one.js';
import { pasteBuffer } from './paste-buffer.js';
import { killPane } from './kill-pane.js';
import { killServer } from './kill-server.js';
import { lastPane } from './last-pane.js';
import { swapPane } from './swap-pane.js';
import { rotateWindow } from './rotate-window.js';
import { listKeys } from './list-keys.js';
import { nextLayout } from './next-layout.js';
import { reloadConfig } from './reload-config.js';
import { resizePane } from './resize-pane.js';
import { runCoprocess } from './run-coprocess.js';
import { selectLayout } from './select-layout.js';
import { selectPane } from './select-pane.js';
import { sendKeys } from './send-keys.js';
import { sendPrefix } from './send-prefix.js';
import { showCoprocessLog } from './show-coprocess-log.js';
import { sourceFile } from './source-file.js';
import { stopCoprocess } from './stop-coprocess.js';
import { splitWindow } from './split-window.js';
import { tokenize } from './tokenize.js';
import { printable, type CommandError, type CommandSpec } from './types.js';

/** In alphabetical order, as list-keys and the README show them. */
export const COMMANDS: readonly CommandSpec[] = [
  attachSession,
  capturePane,
  breakPane,
  chooseTree,
  commandPrompt,
  confirmBefore,
  coprocessPrompt,
  copyMode,
  detachClient,
  displayMessage,
  displayPanes,
  findWindow,
  hasSession,
  joinPane,
  killPane,
  killServer,
  killSession,
  killWindow,
  lastPane,
  lastWindow,
  listCommands,
  listKeys,
  listPanes,
  listSessions,
  listWindows,
  moveWindow,
  newSession,
  newWindow,
  nextLayout,
  nextWindow,
  pasteBuffer,
  previousWindow,
  reloadConfig,
  renameSession,
  renameWindow,
  resizePane,
  rotateWindow,
  runCoprocess,
  selectLayout,
  selectPane,
  selectWindow,
  sendKeys,
  sendPrefix,
  showCoprocessLog,
  sourceFile,
  splitWindow,
  stopCoprocess,
  swapPane,
  switchClient,
];

/**
 * A full name or alias, or, as in tmux, a prefix of exactly one name (`split`, `kill-s`).
 * An exact alias wins over a prefix: `display` is display-message, not display-panes.
 */
export function findCommand(nameOrAlias: string): CommandSpec | CommandError {
  const exact = COMMANDS.find((c) => c.name === nameOrAlias || c.alias === nameOrAlias);
  if (exact) return exact;
  const matches = nameOrAlias === '' ? [] : COMMANDS.filter((c) => c.name.startsWith(nameOrAlias));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) return { error: `unknown command: ${printable(nameOrAlias)}` };
  const names = matches.map((c) => c.name).join(', ');
  return { error: `ambiguous command: ${printable(nameOrAlias)} (could be ${names})` };
}

/** One already-tokenized command (`['split-window', '-h']`) to its Action. */
export function parseCommand(words: readonly string[]): Action | CommandError {
  if (words.length === 0) return { error: 'empty command (type a command name, e.g. split-window)' };
  const spec = findCommand(words[0]);
  if ('error' in spec) return spec;
  return parseWithSpec(spec, words.slice(1));
}

/**
 * A line as typed at the prompt, bound to a key, or read from an rc file: all of its
 * commands (split by `;` or newlines), or the first error. Comments and blank lines give none.
 */
export function parseCommandLine(line: string): { actions: Action[] } | CommandError {
  const tokens = tokenize(line);
  if ('error' in tokens) return tokens;
  const actions: Action[] = [];
  for (const words of tokens.commands) {
    const action = parseCommand(words);
    if ('error' in action) return action;
    actions.push(action);
  }
  return { actions };
}

export interface CommandHelp {
  name: string;
  alias?: string;
  usage: string;
  summary: string;
}

/** For the README and list-keys, so neither can drift from the table. */
export function commandHelp(): CommandHelp[] {
  return COMMANDS.map(({ name, alias, usage, summary }) => ({
    name,
    ...(alias !== undefined && { alias }),
    usage,
    summary,
  }));
}
