import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const attachSession: CommandSpec = {
  name: 'attach-session',
  alias: 'attach',
  usage: 'attach-session [-t SESSION]',
  summary: 'Attach this terminal to a session (the most recent without -t)',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = flagValue(parsed, 't');
    return { type: 'attach-session', ...(target !== undefined && { target }) };
  },
};
