import type { Action } from './actions.js';
import { paneAction } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const showCoprocessLog: CommandSpec = {
  name: 'show-coprocess-log',
  usage: 'show-coprocess-log [-t PANE]',
  summary: 'Show what a pane\'s coprocess wrote to stderr and how it ended',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    return paneAction(parsed, 'show-coprocess-log');
  },
};
