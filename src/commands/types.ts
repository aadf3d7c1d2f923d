// The shape every command file exports, like a `cmd_entry` in tmux's cmd-*.c: the registry
// (registry.ts) owns tokenizing, flag parsing and argument counts, so a command's `build` only
// turns already-checked flags and words into one Action.
import type { Action } from './actions.js';

/** A mistake the user made, as a one-line message that says how to fix it. */
export interface CommandError {
  error: string;
}

/** Flags by letter (`true` for a boolean flag, the value for `x:` flags) and the remaining words. */
export interface ParsedCommand {
  flags: Map<string, string | true>;
  args: string[];
}

export interface CommandSpec {
  name: string;
  alias?: string;
  /** e.g. `split-window [-h|-v] [-t PANE] [COMMAND]`; shown in errors and help. */
  usage: string;
  /** One line for `list-keys` and the README. */
  summary: string;
  /** getopt-style: letters are boolean flags, `t:` takes a value. */
  flags: string;
  minArgs: number;
  maxArgs: number;
  /** Errors returned here leave out the command name; parseCommand adds it. */
  build(parsed: ParsedCommand): Action | CommandError;
}

/** The value of an `x:` flag, or undefined when it was not given. */
export function flagValue(parsed: ParsedCommand, letter: string): string | undefined {
  const value = parsed.flags.get(letter);
  return typeof value === 'string' ? value : undefined;
}

/** For mistakes of form (wrong flags or words) the usage line is the fix. */
export function usageError(message: string, usage: string): CommandError {
  return { error: `${message} (usage: ${usage})` };
}

/** Shows a user's word in a message without letting it break the message onto two lines. */
export function printable(word: string): string {
  return /^[\x21-\x7e]+$/.test(word) ? word : JSON.stringify(word);
}
