import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const nextWindow: CommandSpec = {
  name: 'next-window',
  alias: 'next',
  usage: 'next-window [-t SESSION]',
  summary: 'Show the next window',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    return { type: 'select-window', which: 'next', ...(where.target && { target: where.target }) };
  },
};
