// The -L -R -U -D flags shared by select-pane and resize-pane.
import type { Direction } from './actions.js';
import type { ParsedCommand } from './types.js';

const DIRECTION_FLAGS: ReadonlyArray<readonly [string, Direction]> = [
  ['L', 'left'],
  ['R', 'right'],
  ['U', 'up'],
  ['D', 'down'],
];

/** The directions given; callers decide whether none or several is an error. */
export function directionsGiven(parsed: ParsedCommand): Direction[] {
  return DIRECTION_FLAGS.filter(([letter]) => parsed.flags.has(letter)).map(([, direction]) => direction);
}
