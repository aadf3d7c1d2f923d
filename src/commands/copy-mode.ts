import type { Action } from './actions.js';
import { targetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const copyMode: CommandSpec = {
  name: 'copy-mode',
  usage: 'copy-mode [-u] [-e] [-t PANE]',
  summary: "Copy mode: a pane's history, to scroll and copy from (q leaves); -u: a page up at once; -e: leave on scrolling back to the bottom",
  flags: 'uet:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    return { type: 'copy-mode', pageUp: parsed.flags.has('u'), leaveAtBottom: parsed.flags.has('e'), ...target };
  },
};
