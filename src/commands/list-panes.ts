import type { Action } from './actions.js';
import { targetProperty } from './target.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const listPanes: CommandSpec = {
  name: 'list-panes',
  alias: 'lsp',
  usage: 'list-panes [-a] [-F FORMAT] [-t SESSION]',
  summary: "One line per pane of the session (of every session with -a), in tmux's format or FORMAT",
  flags: 'asF:t:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    const format = flagValue(parsed, 'F');
    return { type: 'list-panes', all: parsed.flags.has('a'), ...(format !== undefined && { format }), ...target };
  },
};
