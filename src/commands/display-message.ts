import type { Action } from './actions.js';
import { targetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const displayMessage: CommandSpec = {
  name: 'display-message',
  alias: 'display',
  usage: 'display-message [-p] [-t PANE] TEXT',
  summary: 'Show TEXT in the status line (print it with -p); #{pane_id} and other tmux formats are expanded',
  flags: 'pt:',
  minArgs: 1,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    return { type: 'display-message', text: parsed.args.join(' '), print: parsed.flags.has('p'), ...target };
  },
};
