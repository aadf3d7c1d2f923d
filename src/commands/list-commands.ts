import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const listCommands: CommandSpec = {
  name: 'list-commands',
  alias: 'lscm',
  usage: 'list-commands',
  summary: 'List every command with its usage',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    void parsed;
    return { type: 'list-commands' };
  },
};
