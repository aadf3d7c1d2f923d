import type { Action } from '../app/actions.js';
import type { CommandSpec, ParsedCommand } from './types.js';

export const displayMessage: CommandSpec = {
  name: 'display-message',
  alias: 'display',
  usage: 'display-message TEXT',
  summary: 'Show TEXT in the status line',
  flags: '',
  minArgs: 1,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action {
    return { type: 'display-message', text: parsed.args.join(' ') };
  },
};
