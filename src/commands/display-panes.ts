import type { Action } from './actions.js';
import type { CommandSpec } from './types.js';

export const displayPanes: CommandSpec = {
  name: 'display-panes',
  alias: 'displayp',
  usage: 'display-panes',
  summary: 'Show each pane\'s index over it, for -t and select-pane',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'display-panes' };
  },
};
