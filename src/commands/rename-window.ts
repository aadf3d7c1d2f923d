import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const renameWindow: CommandSpec = {
  name: 'rename-window',
  alias: 'renamew',
  usage: 'rename-window [-t WINDOW] NAME',
  summary: 'Give a window a name (it no longer follows its program)',
  flags: 't:',
  minArgs: 1,
  maxArgs: 1,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    return { type: 'rename-window', name: parsed.args[0]!, ...where };
  },
};
