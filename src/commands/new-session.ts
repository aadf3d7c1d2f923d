import type { Action } from './actions.js';
import { joinShellWords } from './quote.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

/** A session's size given with -x/-y: at least a pane's minimum, at most what any terminal shows. */
const MAX_SESSION_SIZE = 10_000;

function size(parsed: ParsedCommand, letter: string): number | undefined | CommandError {
  const value = flagValue(parsed, letter);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SESSION_SIZE) return { error: `-${letter} wants a whole number 1..${MAX_SESSION_SIZE}, got ${JSON.stringify(value)}` };
  return n;
}

export const newSession: CommandSpec = {
  name: 'new-session',
  alias: 'new',
  usage: 'new-session [-d] [-s NAME] [-x W] [-y H] [COMMAND]',
  summary: 'Start a session (and attach to it, unless -d) running COMMAND or the shell',
  flags: 'ds:x:y:',
  minArgs: 0,
  maxArgs: Infinity,
  build(parsed: ParsedCommand): Action | CommandError {
    const width = size(parsed, 'x');
    if (typeof width === 'object') return width;
    const height = size(parsed, 'y');
    if (typeof height === 'object') return height;
    const name = flagValue(parsed, 's');
    if (name !== undefined && !/^[^:.\s]+$/.test(name)) return { error: `bad session name ${JSON.stringify(name)} (no spaces, colons or dots)` };
    return {
      type: 'new-session',
      detached: parsed.flags.has('d'),
      ...(name !== undefined && { name }),
      ...(width !== undefined && { width }),
      ...(height !== undefined && { height }),
      ...(parsed.args.length > 0 && { command: joinShellWords(parsed.args) }),
    };
  },
};
