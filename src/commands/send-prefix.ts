import type { Action } from './actions.js';
import type { CommandSpec } from './types.js';

export const sendPrefix: CommandSpec = {
  name: 'send-prefix',
  usage: 'send-prefix',
  summary: 'Send the prefix key to the focused pane',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'send-prefix' };
  },
};
