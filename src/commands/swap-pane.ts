import type { Action } from './actions.js';
import { targetProperty } from './target.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'swap-pane -U|-D [-t PANE]';

export const swapPane: CommandSpec = {
  name: 'swap-pane',
  alias: 'swapp',
  usage: USAGE,
  summary: 'Swap a pane with the one before it (-U) or after it (-D), round the ends',
  flags: 'DUt:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const up = parsed.flags.has('U');
    if (up === parsed.flags.has('D')) return usageError('give one of -U (the pane before) or -D (the pane after)', USAGE);
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    return { type: 'swap-pane', with: up ? 'previous' : 'next', ...target };
  },
};
