import type { Action } from './actions.js';
import { windowTargetProperty } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const findWindow: CommandSpec = {
  name: 'find-window',
  alias: 'findw',
  usage: 'find-window [-CNTirZ] [-t SESSION] MATCH',
  summary: 'Show the window whose name (-N), pane title (-T) or visible text (-C; all three by default) holds MATCH, a glob (-r: a regex; -i: any case); several are listed',
  flags: 'CNTirZt:',
  minArgs: 1,
  maxArgs: 1,
  build(parsed: ParsedCommand): Action | CommandError {
    const where = windowTargetProperty(parsed);
    if ('error' in where) return where;
    if (where.window !== undefined) return { error: 'it looks through every window of a session: give -t SESSION' };
    const any = ['C', 'N', 'T'].some((letter) => parsed.flags.has(letter));
    const match = parsed.args[0]!;
    if (match === '') return { error: 'give something to find' };
    return {
      type: 'find-window',
      match,
      in: { name: !any || parsed.flags.has('N'), title: !any || parsed.flags.has('T'), content: !any || parsed.flags.has('C') },
      regex: parsed.flags.has('r'),
      ignoreCase: parsed.flags.has('i'),
      zoom: parsed.flags.has('Z'),
      ...(where.target && { target: where.target }),
    };
  },
};
