import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const previousWindow: CommandSpec = {
  name: 'previous-window',
  alias: 'prev',
  usage: 'previous-window [-t SESSION]',
  summary: 'Show the previous window',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    return { type: 'select-window', which: 'previous', ...(where.target && { target: where.target }) };
  },
};
