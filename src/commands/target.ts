// `-t` values, in tmux's target syntax: `session:window.pane`, with names, indexes and `%ID`s.
import type { Action, PaneTarget } from './actions.js';
import { flagValue, type CommandError, type ParsedCommand } from './types.js';

const NEXT: PaneTarget = { kind: 'next' };
const PREVIOUS: PaneTarget = { kind: 'previous' };
const LAST: PaneTarget = { kind: 'last' };

/** tmux's spellings: bare, with the `:.` window-and-pane prefix, and the `{token}` forms. */
const NAMED_TARGETS: ReadonlyMap<string, PaneTarget> = new Map<string, PaneTarget>([
  ['+', NEXT],
  ['.+', NEXT],
  [':.+', NEXT],
  ['{next}', NEXT],
  ['-', PREVIOUS],
  ['.-', PREVIOUS],
  [':.-', PREVIOUS],
  ['{previous}', PREVIOUS],
  ['!', LAST],
  ['.!', LAST],
  [':.!', LAST],
  ['{last}', LAST],
]);

/** Nine digits: far more panes than fit on any screen, and always a safe integer. */
const INDEX_PATTERN = /^(?::?\.)?(\d{1,9})$/;
const ID_PATTERN = /^(?::?\.)?%(\d{1,9})$/;

/** A session part: a name (no `:` or `.`), or empty for the client's own session. */
const SESSION_PATTERN = /^([^:.]*):(.*)$/;
/** After `session:`: an optional window index, then an optional `.pane`. */
const WINDOW_PANE_PATTERN = /^(\d{1,9})?(?:\.(.*))?$/;

/**
 * `2` (or `.2`, `:.2`) is an index, `%5` an id, `+` `-` `!` next, previous and last; with a
 * session in front (`work:0.1`, `work:`, `work:.+`); a bare name is a session, as tmux tries it.
 */
export function parseTarget(value: string): PaneTarget | CommandError {
  const inSession = SESSION_PATTERN.exec(value);
  if (inSession && !NAMED_TARGETS.has(value)) {
    const rest = WINDOW_PANE_PATTERN.exec(inSession[2]!);
    if (!rest) return badTarget(value);
    const pane = rest[2] === undefined || rest[2] === '' ? { kind: 'active' as const } : parsePaneTarget(rest[2]);
    if ('error' in pane) return badTarget(value);
    return {
      ...pane,
      ...(inSession[1] !== '' && { session: inSession[1] }),
      ...(rest[1] !== undefined && { window: Number(rest[1]) }),
    };
  }
  const pane = parsePaneTarget(value);
  if (!('error' in pane)) return pane;
  if (/^[^:.%+!{}-][^:.]*$/.test(value) && !/^\d+$/.test(value)) return { kind: 'active', session: value };
  return pane;
}

function badTarget(value: string): CommandError {
  return {
    error:
      `bad target ${JSON.stringify(value)} ` +
      '(use session:window.pane, an index like 2, an id like %5, + or - for next or previous, ! for the last pane)',
  };
}

function parsePaneTarget(value: string): PaneTarget | CommandError {
  const named = NAMED_TARGETS.get(value);
  if (named) return { ...named };
  const index = INDEX_PATTERN.exec(value);
  if (index) return { kind: 'index', index: Number(index[1]) };
  const id = ID_PATTERN.exec(value);
  if (id) return { kind: 'id', id: Number(id[1]) };
  return badTarget(value);
}

/** The `-t` flag as a property to spread into an Action, so an absent target adds no key. */
export function targetProperty(parsed: ParsedCommand): { target?: PaneTarget } | CommandError {
  const value = flagValue(parsed, 't');
  if (value === undefined) return {};
  const target = parseTarget(value);
  return 'error' in target ? target : { target };
}

/** The actions whose only parameter is the pane they act on. */
type PaneAction = Extract<Action, { type: 'kill-pane' | 'zoom-pane' | 'stop-coprocess' | 'show-coprocess-log' | 'paste-buffer' }>;

/** The action `type` aimed at the `-t` pane (or, without -t, the focused one). */
export function paneAction(parsed: ParsedCommand, type: PaneAction['type']): PaneAction | CommandError {
  const target = targetProperty(parsed);
  return 'error' in target ? target : { type, ...target };
}

/** A window's `-t`: `2`, `:2`, `work:2`, `work:` or `work`; the index (if any) and the session to route by. */
const WINDOW_TARGET_PATTERN = /^(?:([^:.]+)?:)?(\d{1,9})?$/;

export function windowTargetProperty(parsed: ParsedCommand, flag = 't'): { window?: number; target?: PaneTarget } | CommandError {
  const value = flagValue(parsed, flag);
  if (value === undefined) return {};
  const match = WINDOW_TARGET_PATTERN.exec(value);
  const bareSession = /^[^:.\d][^:.]*$/.test(value);
  if ((!match || value === '') && !bareSession) {
    return { error: `bad window target ${JSON.stringify(value)} (use an index like 1, :1, or session:1)` };
  }
  if (bareSession) return { target: { kind: 'active', session: value } };
  const session = match![1];
  const window = match![2] === undefined ? undefined : Number(match![2]);
  return {
    ...(window !== undefined && { window }),
    ...(session !== undefined && { target: { kind: 'active', session } }),
  };
}
