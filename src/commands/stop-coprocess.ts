import type { Action } from './actions.js';
import { paneAction } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const stopCoprocess: CommandSpec = {
  name: 'stop-coprocess',
  usage: 'stop-coprocess [-t PANE]',
  summary: 'Stop the coprocess attached to a pane',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    return paneAction(parsed, 'stop-coprocess');
  },
};
