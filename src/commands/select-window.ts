import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const selectWindow: CommandSpec = {
  name: 'select-window',
  alias: 'selectw',
  usage: 'select-window [-n|-p|-l] -t WINDOW',
  summary: 'Show a window: by index (-t 1, -t work:1), the next (-n), previous (-p) or last (-l)',
  flags: 'nplt:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    const which = parsed.flags.has('n') ? 'next' : parsed.flags.has('p') ? 'previous' : parsed.flags.has('l') ? 'last' : where.window !== undefined ? { index: where.window } : undefined;
    if (which === undefined) return { error: 'give -t WINDOW, -n, -p or -l' };
    return { type: 'select-window', which, ...(where.target && { target: where.target }) };
  },
};
