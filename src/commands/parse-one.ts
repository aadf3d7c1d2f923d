// One command's words through its spec: flags, argument count, build. Apart from the registry
// so the client can parse the commands that attach with their two specs, without loading all
// the others (see src/client/client-command.ts).
import type { Action } from './actions.js';
import { parseFlags } from './flags.js';
import { usageError, type CommandError, type CommandSpec, type ParsedCommand } from './types.js';

function checkArgumentCount(spec: CommandSpec, parsed: ParsedCommand): CommandError | undefined {
  const { args } = parsed;
  if (args.length < spec.minArgs) return usageError(`${spec.name}: missing argument`, spec.usage);
  if (args.length > spec.maxArgs) {
    return usageError(`${spec.name}: unexpected argument ${JSON.stringify(args[spec.maxArgs])}`, spec.usage);
  }
  return undefined;
}

/** The words after the command's name (`['-h']` for split-window -h) to its Action. */
export function parseWithSpec(spec: CommandSpec, rest: readonly string[]): Action | CommandError {
  const parsed = parseFlags(spec.flags, rest);
  if ('error' in parsed) return usageError(`${spec.name}: ${parsed.error}`, spec.usage);
  const countError = checkArgumentCount(spec, parsed);
  if (countError) return countError;
  const built = spec.build(parsed);
  return 'error' in built ? { error: `${spec.name}: ${built.error}` } : built;
}
