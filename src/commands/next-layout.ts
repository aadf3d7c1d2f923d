import { LAYOUT_NAMES, type Action } from './actions.js';
import type { CommandSpec } from './types.js';

export const nextLayout: CommandSpec = {
  name: 'next-layout',
  alias: 'nextl',
  usage: 'next-layout',
  summary: `Switch to the next layout (${LAYOUT_NAMES.join(', ')})`,
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'next-layout' };
  },
};
