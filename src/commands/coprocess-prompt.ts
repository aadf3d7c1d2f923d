import type { Action } from './actions.js';
import type { CommandSpec, ParsedCommand } from './types.js';

export const coprocessPrompt: CommandSpec = {
  name: 'coprocess-prompt',
  usage: 'coprocess-prompt [-s]',
  summary: "Ask for a coprocess for the focused pane (-s: silent, the pane's output is hidden while it runs)",
  flags: 's',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action {
    return { type: 'coprocess-prompt', silent: parsed.flags.has('s') };
  },
};
