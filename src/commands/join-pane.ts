import type { Action } from './actions.js';
import { parseTarget, targetProperty } from './target.js';
import { flagValue, usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'join-pane [-h|-v] [-d] -s PANE [-t PANE]';

export const joinPane: CommandSpec = {
  name: 'join-pane',
  alias: 'joinp',
  usage: USAGE,
  summary: 'Move a pane (-s, e.g. :1 or %3) next to another (-t, the focused one): beside it with -h, below with -v',
  flags: 'hvds:t:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    if (parsed.flags.has('h') && parsed.flags.has('v')) return usageError('give -h or -v, not both', USAGE);
    const value = flagValue(parsed, 's');
    if (value === undefined) return usageError('give the pane to move with -s', USAGE);
    const source = parseTarget(value);
    if ('error' in source) return source;
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    return { type: 'join-pane', horizontal: parsed.flags.has('h'), detached: parsed.flags.has('d'), source, ...target };
  },
};
