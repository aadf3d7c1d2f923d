import type { Action } from './actions.js';
import { joinShellWords } from './quote.js';
import { windowTargetProperty } from './target.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const newWindow: CommandSpec = {
  name: 'new-window',
  alias: 'neww',
  usage: 'new-window [-d] [-n NAME] [-t SESSION] [COMMAND]',
  summary: 'Make a window with one pane running COMMAND or the shell, and show it (not with -d)',
  flags: 'dn:t:',
  minArgs: 0,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    const name = flagValue(parsed, 'n');
    return {
      type: 'new-window',
      detached: parsed.flags.has('d'),
      ...(name !== undefined && { name }),
      ...(parsed.args.length > 0 && { command: joinShellWords(parsed.args) }),
      ...(where.target && { target: where.target }),
    };
  },
};
