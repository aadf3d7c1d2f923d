import type { Action } from './actions.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const chooseTree: CommandSpec = {
  name: 'choose-tree',
  usage: 'choose-tree [-s|-w]',
  summary: "Choose from a list: the sessions (-s) or this session's windows (-w, the default)",
  flags: 'sw',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    if (parsed.flags.has('s') && parsed.flags.has('w')) return { error: 'give -s or -w, not both' };
    return { type: 'choose-tree', of: parsed.flags.has('s') ? 'sessions' : 'windows' };
  },
};
