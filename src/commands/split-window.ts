import type { Action } from './actions.js';
import { joinShellWords } from './quote.js';
import { targetProperty } from './target.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'split-window [-h|-v] [-t PANE] [COMMAND]';

export const splitWindow: CommandSpec = {
  name: 'split-window',
  alias: 'splitw',
  usage: USAGE,
  summary: 'Split a pane: -h side by side, -v stacked (the default); run COMMAND instead of the shell',
  flags: 'hvt:',
  minArgs: 0,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action | CommandError {
    if (parsed.flags.has('h') && parsed.flags.has('v')) return usageError('give -h or -v, not both', USAGE);
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    const command = parsed.args.length > 0 ? { command: joinShellWords(parsed.args) } : {};
    return { type: 'split-window', horizontal: parsed.flags.has('h'), ...command, ...target };
  },
};
