import type { Action } from './actions.js';
import { directionsGiven } from './direction.js';
import { targetProperty } from './target.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'select-pane -L|-R|-U|-D|-l|-t PANE';

export const selectPane: CommandSpec = {
  name: 'select-pane',
  alias: 'selectp',
  usage: USAGE,
  summary: 'Focus the pane in a direction, the last pane (-l), or a given pane (-t)',
  flags: 'DLRUlt:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const directions = directionsGiven(parsed);
    const last = parsed.flags.has('l');
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    const choices = directions.length + (last ? 1 : 0) + (target.target ? 1 : 0);
    if (choices !== 1) return usageError('give exactly one of -L, -R, -U, -D, -l or -t', USAGE);
    if (last) return { type: 'last-pane' };
    if (target.target) return { type: 'select-pane', target: target.target };
    return { type: 'select-pane', direction: directions[0] };
  },
};
