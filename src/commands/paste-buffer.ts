import type { Action } from './actions.js';
import { paneAction } from './target.js';
import type { CommandError, CommandSpec, ParsedCommand } from './types.js';

export const pasteBuffer: CommandSpec = {
  name: 'paste-buffer',
  alias: 'pasteb',
  usage: 'paste-buffer [-t PANE]',
  summary: 'Type what copy mode copied last into a pane (bracketed if its program asked)',
  flags: 't:',
  minArgs: 0,
  maxArgs: 0,
  build(parsed: ParsedCommand): Action | CommandError {
    return paneAction(parsed, 'paste-buffer');
  },
};
