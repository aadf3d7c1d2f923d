import type { Action } from './actions.js';
import { joinShellWords } from './quote.js';
import { targetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const runCoprocess: CommandSpec = {
  name: 'run-coprocess',
  usage: 'run-coprocess [-s] [-t PANE] COMMAND',
  summary: "Run COMMAND beside a pane: it reads the pane's output and what it prints is typed in (-s: silent)",
  flags: 'st:',
  minArgs: 1,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    return { type: 'run-coprocess', command: joinShellWords(parsed.args), silent: parsed.flags.has('s'), ...target };
  },
};
