import type { Action } from './actions.js';
import { targetProperty } from './target.js';
import { flagValue, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

/** `-S -`/`-E -` mean the start of history and the end of the screen, as in tmux. */
function line(parsed: ParsedCommand, letter: string): number | undefined | CommandError {
  const value = flagValue(parsed, letter);
  if (value === undefined) return undefined;
  if (value === '-') return letter === 'S' ? -Infinity : Infinity;
  if (!/^-?\d{1,9}$/.test(value)) return { error: `-${letter} wants a line number (negative: history) or -, got ${JSON.stringify(value)}` };
  return Number(value);
}

export const capturePane: CommandSpec = {
  name: 'capture-pane',
  alias: 'capturep',
  usage: 'capture-pane -p [-e] [-S START] [-E END] [-t PANE]',
  summary: "Print a pane's lines: the screen, or from START to END (negative: history); -e with colours",
  flags: 'epJS:E:t:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    if (!parsed.flags.has('p')) return { error: 'tmx has no paste buffers to capture into: give -p to print the lines' };
    const start = line(parsed, 'S');
    if (typeof start === 'object') return start;
    const end = line(parsed, 'E');
    if (typeof end === 'object') return end;
    const target = targetProperty(parsed);
    if ('error' in target) return target;
    return {
      type: 'capture-pane',
      escapes: parsed.flags.has('e'),
      ...(start !== undefined && { start }),
      ...(end !== undefined && { end }),
      ...target,
    };
  },
};
