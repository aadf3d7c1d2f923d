import type { Action } from './actions.js';
import { paneAction } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const killPane: CommandSpec = {
  name: 'kill-pane',
  alias: 'killp',
  usage: 'kill-pane [-t PANE]',
  summary: 'Close a pane and end its process',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    return paneAction(parsed, 'kill-pane');
  },
};
