import type { Action } from './actions.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

export const renameSession: CommandSpec = {
  name: 'rename-session',
  alias: 'rename',
  usage: 'rename-session [-t SESSION] NAME',
  summary: 'Give a session a new name',
  flags: 't:',
  minArgs: 1,
  maxArgs: 1,
  build(parsed: ParsedCommand): Action | CommandError {
    const target = flagValue(parsed, 't');
    const name = parsed.args[0]!;
    if (!/^[^:.\s]+$/.test(name)) return { error: `bad session name ${JSON.stringify(name)} (no spaces, colons or dots)` };
    return { type: 'rename-session', name, ...(target !== undefined && { target }) };
  },
};
