import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const switchClient: CommandSpec = {
  name: 'switch-client',
  alias: 'switchc',
  usage: 'switch-client -n|-p|-t SESSION',
  summary: 'Show another session in this terminal: the next (-n), previous (-p) or named one',
  flags: 'npt:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = flagValue(parsed, 't');
    const given = [parsed.flags.has('n'), parsed.flags.has('p'), target !== undefined].filter(Boolean).length;
    if (given !== 1) return { error: 'give exactly one of -n, -p or -t SESSION' };
    return { type: 'switch-client', to: target !== undefined ? { session: target } : parsed.flags.has('n') ? 'next' : 'previous' };
  },
};
