import { LAYOUT_NAMES, type Action, type LayoutName } from './actions.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

const USAGE = 'select-layout [-n|-E] [NAME]';
const CHOICES = LAYOUT_NAMES.join(', ');

/** Like tmux, a unique prefix names a layout (`tiled` as `ti`). */
function findLayout(word: string): LayoutName | CommandError {
  const exact = LAYOUT_NAMES.find((name) => name === word);
  if (exact) return exact;
  const matches = word === '' ? [] : LAYOUT_NAMES.filter((name) => name.startsWith(word));
  if (matches.length === 1) return matches[0];
  const problem = matches.length > 1 ? 'ambiguous' : 'unknown';
  return { error: `${problem} layout ${JSON.stringify(word)} (choose one of ${CHOICES})` };
}

export const selectLayout: CommandSpec = {
  name: 'select-layout',
  alias: 'selectl',
  usage: USAGE,
  summary: `Arrange the panes as ${CHOICES}; -n: the next layout; -E: spread them out evenly, keeping the shape`,
  flags: 'En',
  minArgs: 0,
  maxArgs: 1,
  build(parsed: ParsedCommand): Action | CommandError {
    const [name] = parsed.args;
    if (parsed.flags.has('E')) {
      return name === undefined && !parsed.flags.has('n') ? { type: 'spread-out' } : usageError('-E takes no NAME and no -n', USAGE);
    }
    if (parsed.flags.has('n')) {
      return name === undefined ? { type: 'next-layout' } : usageError('give -n or NAME, not both', USAGE);
    }
    if (name === undefined) return usageError(`missing layout NAME (one of ${CHOICES})`, USAGE);
    const layout = findLayout(name);
    return typeof layout === 'string' ? { type: 'select-layout', layout } : layout;
  },
};
