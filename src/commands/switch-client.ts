import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const switchClient: CommandSpec = {
  name: 'switch-client',
  alias: 'switchc',
  usage: 'switch-client -n|-p|-l|-t SESSION',
  summary: 'Show another session in this terminal: the next (-n), previous (-p), last (-l) or named one',
  flags: 'nplt:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = flagValue(parsed, 't');
    const given = [parsed.flags.has('n'), parsed.flags.has('p'), parsed.flags.has('l'), target !== undefined].filter(Boolean).length;
    if (given !== 1) return { error: 'give exactly one of -n, -p, -l or -t SESSION' };
    const to = target !== undefined ? { session: target } : parsed.flags.has('n') ? 'next' : parsed.flags.has('p') ? 'previous' : 'last';
    return { type: 'switch-client', to };
  },
};
