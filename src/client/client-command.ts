// The client's parse of its command line (see parseClientCommand).
import type { Action } from '../commands/actions.js';
import type { CommandError } from '../commands/types.js';

/**
 * The command's Action. The client lives as long as the terminal is attached: the commands that
 * attach are parsed with their own two specs, not the registry of every command (~50 modules:
 * ~20 ms of start-up and ~1 MB of the client's memory; bench/README.md, "Attach and the client"). Only an exact
 * name or alias takes this way, so the answer is the registry's (an exact name wins there too).
 */
export async function parseClientCommand(words: readonly string[]): Promise<Action | CommandError> {
  const [{ newSession }, { attachSession }, { parseWithSpec }] = await Promise.all([
    import('../commands/new-session.js'),
    import('../commands/attach-session.js'),
    import('../commands/parse-one.js'),
  ]);
  const spec = [newSession, attachSession].find((c) => c.name === words[0] || c.alias === words[0]);
  if (spec) return parseWithSpec(spec, words.slice(1));
  const { parseCommand } = await import('../commands/registry.js');
  return parseCommand(words);
}
