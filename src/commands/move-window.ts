import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'move-window [-r] [-s WINDOW] [-t WINDOW]';

export const moveWindow: CommandSpec = {
  name: 'move-window',
  alias: 'movew',
  usage: USAGE,
  summary: 'Give a window (-s, the current one) another index (-t, the first free one); -r renumbers them all from 0',
  flags: 'rs:t:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    const from = windowTargetProperty(parsed, 's');
    if ('error' in from) return from;
    const to = windowTargetProperty(parsed, 't');
    if ('error' in to) return to;
    // Each session's windows are its own (one App each): a window cannot change session.
    const sessions = [from.target?.session, to.target?.session];
    if (sessions[0] !== undefined && sessions[1] !== undefined && sessions[0] !== sessions[1]) {
      return usageError(`windows move within their session only (-s names ${sessions[0]}, -t ${sessions[1]})`, USAGE);
    }
    const target = to.target ?? from.target;
    const renumber = parsed.flags.has('r');
    if (renumber && (from.window !== undefined || to.window !== undefined)) return usageError('-r renumbers every window: give no index with it', USAGE);
    return {
      type: 'move-window',
      renumber,
      ...(from.window !== undefined && { from: from.window }),
      ...(to.window !== undefined && { to: to.window }),
      ...(target && { target }),
    };
  },
};
