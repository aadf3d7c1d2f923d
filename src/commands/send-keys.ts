import type { Action } from './actions.js';
import { targetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const sendKeys: CommandSpec = {
  name: 'send-keys',
  alias: 'send',
  usage: 'send-keys [-l] [-t PANE] KEY...',
  summary: 'Type keys into a pane: names like C-c or Enter, or text as is with -l',
  flags: 'lt:',
  minArgs: 1,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    return { type: 'send-keys', keys: [...parsed.args], literal: parsed.flags.has('l'), ...target };
  },
};
