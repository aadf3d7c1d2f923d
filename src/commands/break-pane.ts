import type { Action } from './actions.js';
import { parseTarget } from './target.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const breakPane: CommandSpec = {
  name: 'break-pane',
  alias: 'breakp',
  usage: 'break-pane [-d] [-n NAME] [-s PANE]',
  summary: 'Move a pane (the focused one) out of its window into a new window, shown unless -d',
  flags: 'dn:s:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const value = flagValue(parsed, 's');
    const source = value === undefined ? undefined : parseTarget(value);
    if (source && 'error' in source) return source;
    const name = flagValue(parsed, 'n');
    return { type: 'break-pane', detached: parsed.flags.has('d'), ...(name !== undefined && { name }), ...(source && { source }) };
  },
};
