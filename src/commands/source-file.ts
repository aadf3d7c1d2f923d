import type { Action } from './actions.js';
import type { CommandSpec, ParsedCommand } from './types.js';

export const sourceFile: CommandSpec = {
  name: 'source-file',
  alias: 'source',
  usage: 'source-file PATH',
  summary: 'Load the rc file at PATH (prefix, keys, options, triggers) in place of the current one',
  flags: '',
  minArgs: 1,
  maxArgs: 1,
  build(parsed: ParsedCommand): Action {
    return { type: 'source-file', path: parsed.args[0] };
  },
};
