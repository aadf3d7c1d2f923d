import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const hasSession: CommandSpec = {
  name: 'has-session',
  alias: 'has',
  usage: 'has-session [-t SESSION]',
  summary: 'Exit status 0 when the session exists, 1 when not',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = flagValue(parsed, 't');
    return { type: 'has-session', ...(target !== undefined && { target }) };
  },
};
