import type { Action } from './actions.js';
import type { CommandSpec } from './types.js';

export const listKeys: CommandSpec = {
  name: 'list-keys',
  alias: 'lsk',
  usage: 'list-keys',
  summary: 'Show the key bindings and the commands',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'list-keys' };
  },
};
