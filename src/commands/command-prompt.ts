import type { Action } from './actions.js';
import { joinCommandWords } from './quote.js';
import { flagValue, type CommandSpec, type ParsedCommand } from './types.js';

export const commandPrompt: CommandSpec = {
  name: 'command-prompt',
  usage: 'command-prompt [-p PROMPT] [-I INITIAL] [TEMPLATE]',
  summary: 'Ask for a command and run it; %% in TEMPLATE is replaced by the answer',
  flags: 'I:p:',
  minArgs: 0,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action {
    const prompt = flagValue(parsed, 'p');
    const initial = flagValue(parsed, 'I');
    return {
      type: 'command-prompt',
      ...(prompt !== undefined && { prompt }),
      ...(initial !== undefined && { initial }),
      ...(parsed.args.length > 0 && { template: joinCommandWords(parsed.args) }),
    };
  },
};
