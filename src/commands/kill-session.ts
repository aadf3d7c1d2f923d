import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const killSession: CommandSpec = {
  name: 'kill-session',
  usage: 'kill-session [-t SESSION]',
  summary: 'End a session, its panes and their coprocesses',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = flagValue(parsed, 't');
    return { type: 'kill-session', ...(target !== undefined && { target }) };
  },
};
