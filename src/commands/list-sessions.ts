import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const listSessions: CommandSpec = {
  name: 'list-sessions',
  alias: 'ls',
  usage: 'list-sessions [-F FORMAT]',
  summary: 'One line per session: its windows, size, and whether attached',
  flags: 'F:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const format = flagValue(parsed, 'F');
    return { type: 'list-sessions', ...(format !== undefined && { format }) };
  },
};
