import type { Action } from './actions.js';
import type { CommandSpec } from './types.js';

export const killServer: CommandSpec = {
  name: 'kill-server',
  usage: 'kill-server',
  summary: 'End every session, pane and coprocess, and the server',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'kill-server' };
  },
};
