import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const detachClient: CommandSpec = {
  name: 'detach-client',
  alias: 'detach',
  usage: 'detach-client',
  summary: 'Detach this terminal: the session keeps running (tmx attach returns to it)',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    void parsed;
    return { type: 'detach-client' };
  },
};
