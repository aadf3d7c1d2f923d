import type { Action } from './actions.js';
import type { CommandSpec } from './types.js';

export const lastPane: CommandSpec = {
  name: 'last-pane',
  alias: 'lastp',
  usage: 'last-pane',
  summary: 'Focus the previously focused pane',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'last-pane' };
  },
};
