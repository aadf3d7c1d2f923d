// With several terminals on a session: a prompt, message or overlay opened by a key belongs to
// the terminal whose key it was (its `sink`); one opened otherwise (a pane ended, the rc file's
// problems) belongs to the session and shows on every terminal.
import type { OwnTerminal } from './app-types.js';
import type { ScreenPort, ScreenSink } from '../ui/screen-port.js';

/** The terminal whose keys are being handled, if any. */
export function ownTerminal(screen: ScreenPort): OwnTerminal {
  const sink = screen.currentSink?.();
  return sink ? { sink } : {};
}

/** Whether it no longer has a terminal (that client went): it belongs to the session again. */
function orphaned(owned: OwnTerminal, screen: ScreenPort): boolean {
  return owned.sink !== undefined && !(screen.sinks?.() ?? []).includes(owned.sink);
}

/** The prompt or overlay the keys being handled act on: the session's, or their own terminal's. */
export function actingOn<T extends OwnTerminal>(owned: T | undefined, screen: ScreenPort): T | undefined {
  if (!owned?.sink) return owned;
  const current = screen.currentSink?.();
  return current === undefined || current === owned.sink || orphaned(owned, screen) ? owned : undefined;
}

/** What a frame for `sink` shows of it. */
export function shownOn<T extends OwnTerminal>(owned: T | undefined, sink: ScreenSink | undefined, screen: ScreenPort): T | undefined {
  if (!owned?.sink || !sink || owned.sink === sink || orphaned(owned, screen)) return owned;
  return undefined;
}
