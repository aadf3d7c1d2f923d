import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const killWindow: CommandSpec = {
  name: 'kill-window',
  alias: 'killw',
  usage: 'kill-window [-t WINDOW]',
  summary: 'Close a window and its panes',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    return { type: 'kill-window', ...where };
  },
};
