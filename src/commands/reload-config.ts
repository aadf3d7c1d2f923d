import type { Action } from './actions.js';
import type { CommandSpec } from './types.js';

export const reloadConfig: CommandSpec = {
  name: 'reload-config',
  usage: 'reload-config',
  summary: 'Read the config file again',
  flags: '',
  minArgs: 0,
  maxArgs: 0,
  build(): Action {
    return { type: 'reload-config' };
  },
};
