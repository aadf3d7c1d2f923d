// next-window, previous-window and last-window differ only in their names and which window
// they pick, so one maker builds all three command entries.
import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

type Which = Extract<Action, { type: 'select-window' }>['which'];

export function windowStepCommand(name: string, alias: string, which: Which & string, summary: string): CommandSpec {
  return {
    name,
    alias,
    usage: `${name} [-t SESSION]`,
    summary,
    flags: 't:',
    minArgs: 0,
    maxArgs: 0,
    build(parsed: ParsedCommand): Action | CommandError {
      const where = windowTargetProperty(parsed);
      if ('error' in where) return where;
      return { type: 'select-window', which, ...where };
    },
  };
}
