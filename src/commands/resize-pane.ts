import type { Action, Direction } from './actions.js';
import { directionsGiven } from './direction.js';
import { paneAction, targetProperty } from './target.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'resize-pane [-L|-R|-U|-D] [-Z] [-t PANE] [AMOUNT]';

/** Cells; no terminal is wider than this, so anything bigger is a typo. */
const MAX_RESIZE_AMOUNT = 1000;
const DEFAULT_RESIZE_AMOUNT = 1;

function parseAmount(word: string | undefined): number | CommandError {
  if (word === undefined) return DEFAULT_RESIZE_AMOUNT;
  const amount = /^\d{1,9}$/.test(word) ? Number(word) : 0;
  if (amount < 1) return { error: `amount must be a positive whole number, got ${JSON.stringify(word)}` };
  if (amount > MAX_RESIZE_AMOUNT) {
    return { error: `amount must be at most ${MAX_RESIZE_AMOUNT}, got ${JSON.stringify(word)}` };
  }
  return amount;
}

function resize(parsed: ParsedCommand, direction: Direction): Action | CommandError {
  const amount = parseAmount(parsed.args[0]);
  if (typeof amount !== 'number') return amount;
  const target = targetProperty(parsed);
  if ('error' in target) return target;
  return { type: 'resize-pane', direction, amount, ...target };
}

export const resizePane: CommandSpec = {
  name: 'resize-pane',
  alias: 'resizep',
  usage: USAGE,
  summary: 'Grow or shrink a pane by AMOUNT cells (default 1) towards a side, or toggle zoom (-Z)',
  flags: 'DLRUZt:',
  minArgs: 0,
  maxArgs: 1,
  build(parsed: ParsedCommand): Action | CommandError {
    const directions = directionsGiven(parsed);
    if (parsed.flags.has('Z')) {
      if (directions.length > 0 || parsed.args.length > 0) {
        return usageError('-Z toggles zoom and takes no direction or amount', USAGE);
      }
      return paneAction(parsed, 'zoom-pane');
    }
    if (directions.length !== 1) return usageError('give exactly one of -L, -R, -U, -D, or -Z', USAGE);
    return resize(parsed, directions[0]);
  },
};
