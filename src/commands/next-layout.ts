import type { Action } from '../app/actions.js';
import type { CommandSpec } from './types.js';

export const nextLayout: CommandSpec = {
  name: 'next-layout',
  alias: 'nextl',
  usage: 'next-layout',
  summary: 'Switch to the next layout (even-horizontal, even-vertical, tiled)',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'next-layout' };
  },
};
