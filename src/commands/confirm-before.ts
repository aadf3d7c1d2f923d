import type { Action } from './actions.js';
import { joinCommandWords } from './quote.js';
import { flagValue, type CommandSpec, type ParsedCommand } from './types.js';

export const confirmBefore: CommandSpec = {
  name: 'confirm-before',
  alias: 'confirm',
  usage: 'confirm-before [-p PROMPT] COMMAND',
  summary: 'Ask y/n and run COMMAND on y; #P in PROMPT is the pane index',
  flags: 'p:',
  minArgs: 1,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action {
    const prompt = flagValue(parsed, 'p');
    return {
      type: 'confirm-before',
      ...(prompt !== undefined && { prompt }),
      command: joinCommandWords(parsed.args),
    };
  },
};
