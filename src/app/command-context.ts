// Where a command's words go: to the shell that ran it (`tmx COMMAND`: stdout, stderr), else to
// the terminal whose key, prompt or mouse ran it, else (the rc file, a trigger) to every terminal
// of the session. The commands say things only through these, so they land on the right client.
import type { Pane } from '../panes/pane.js';
import type { PaneTarget } from '../commands/actions.js';
import { parseCommandLine } from '../commands/registry.js';
import type { Notices } from './attached-client.js';
import type { CommandContext } from './app-types.js';

export type { CommandContext } from './app-types.js';

/** The prompt, overlay, message and display-panes numbers a command opens: its terminal's, else the session's. */
export function noticesOf(context: CommandContext): Notices {
  return context.client ?? context.session.everyTerminal;
}

export function showMessage(context: CommandContext, text: string): void {
  noticesOf(context).showMessage(text);
}

/** A command failed: on stderr of the shell that ran it, else on the status line. */
export function fail(context: CommandContext, text: string): void {
  if (context.reply) context.reply.error(text);
  else showMessage(context, text);
}

/** Output for the shell that asked, or the status line (its last line) when a key or the prompt asked. */
export function say(context: CommandContext, text: string): void {
  if (context.reply) context.reply.print(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  else showMessage(context, text.replace(/\n$/, '').split('\n').at(-1) ?? '');
}

/** The pane a `-t` names (absent: the focused one); the failure said when there is none. */
export function targetPane(context: CommandContext, target: PaneTarget | undefined): Pane | undefined {
  const found = context.session.findPane(target);
  if (!('error' in found)) return found;
  fail(context, found.error);
  return undefined;
}

/** Another command line run as this one was (the same terminal, the same shell's output). */
export function runLine(context: CommandContext, line: string): void {
  const parsed = parseCommandLine(line);
  if ('error' in parsed) return fail(context, parsed.error);
  for (const action of parsed.actions) context.session.run(action, context);
}
