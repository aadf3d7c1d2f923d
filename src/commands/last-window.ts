import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const lastWindow: CommandSpec = {
  name: 'last-window',
  alias: 'last',
  usage: 'last-window [-t SESSION]',
  summary: 'Show the window shown before this one',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    return { type: 'select-window', which: 'last', ...(where.target && { target: where.target }) };
  },
};
