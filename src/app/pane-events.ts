// What the app makes of a pane's program ending and of its clipboard writes. Pure: the
// exit becomes a sentence, a write becomes the escape sequence for the outer terminal (or
// a refusal); app.ts shows or writes them.
import type { PtyExit } from '../panes/pty.js';
import { signalName } from '../panes/process-group.js';
import type { Options } from '../config/options.js';

/** How a pane's program ended, when it is worth telling (not a plain exit 0), else undefined. */
export function describePaneExit(exit: PtyExit): string | undefined {
  if (exit.signal) return `killed by ${signalName(exit.signal) ?? `signal ${exit.signal}`}`;
  if (exit.exitCode !== 0) return `exited with status ${exit.exitCode}`;
  return undefined;
}

/** How a pane's program ended and what it last printed, when worth telling (see describePaneExit). */
export function paneExitText(exit: PtyExit, lastOutputLine: string | undefined): string | undefined {
  const how = describePaneExit(exit);
  return how && `${how}${lastOutputLine ? `: ${lastOutputLine}` : ''}`;
}

/**
 * A program's OSC 52 clipboard write, as the sequence to pass to the outer terminal, or why
 * not. Off unless `clipboard-write` is on; capped at `clipboard-max-bytes`. The data is
 * re-encoded here, so only base64 characters ever reach the outer terminal.
 */
export function clipboardForOuterTerminal(
  data: Buffer,
  options: Pick<Options, 'clipboard-write' | 'clipboard-max-bytes'>,
): { sequence: string } | { refused: string } | undefined {
  if (!options['clipboard-write']) return undefined;
  const max = options['clipboard-max-bytes'];
  if (data.length > max) return { refused: `Clipboard write of ${data.length} bytes refused (clipboard-max-bytes is ${max})` };
  return { sequence: clipboardSequence(data) };
}

/** OSC 52: sets the outer terminal's clipboard to `data`, base64 encoded (nothing else gets through). */
export function clipboardSequence(data: Buffer): string {
  return `\x1b]52;c;${data.toString('base64')}\x07`;
}
