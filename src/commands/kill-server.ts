import type { Action } from '../app/actions.js';
import type { CommandSpec } from './types.js';

export const killServer: CommandSpec = {
  name: 'kill-server',
  usage: 'kill-server',
  summary: 'Close every pane and quit tmx',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'kill-server' };
  },
};
