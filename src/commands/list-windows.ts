import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const listWindows: CommandSpec = {
  name: 'list-windows',
  alias: 'lsw',
  usage: 'list-windows [-F FORMAT] [-t SESSION]',
  summary: "One line per window of the session, in tmux's format or FORMAT",
  flags: 'F:t:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    const format = flagValue(parsed, 'F');
    return { type: 'list-windows', ...(format !== undefined && { format }), ...(where.target && { target: where.target }) };
  },
};
