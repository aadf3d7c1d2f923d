import type { Action } from './actions.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'rotate-window [-U|-D]';

export const rotateWindow: CommandSpec = {
  name: 'rotate-window',
  alias: 'rotatew',
  usage: USAGE,
  summary: 'Move every pane one place up in pane order (the first to the last), or down with -D',
  flags: 'DU',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    if (parsed.flags.has('U') && parsed.flags.has('D')) return usageError('give -U or -D, not both', USAGE);
    return { type: 'rotate-window', direction: parsed.flags.has('D') ? 'down' : 'up' };
  },
};
