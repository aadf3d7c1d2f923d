// The commands about a session's windows (new-window, select-window and its neighbours,
// rename-window, kill-window, list-windows, move-window, find-window), and the window list the
// status line shows.
import type { Action, FindWindowFields } from '../commands/actions.js';
import { expandFormat, type FormatValues } from '../commands/format.js';
import { quoteCommandWord } from '../commands/quote.js';
import type { CommandContext, SessionModel } from './app-types.js';
import { fail, noticesOf, runLine, say, targetPane } from './command-context.js';
import type { WindowEntry } from './windows.js';
import type { Pane } from '../panes/pane.js';
import { hostname } from 'node:os';
import { textMatcher } from './window-search.js';

/** tmux's list-windows line. */
export const LIST_WINDOWS_FORMAT = '#{window_index}: #{window_name}#{window_flags} (#{window_panes} panes) [#{window_width}x#{window_height}]';

/** A window's name: its own (rename-window), else its active pane's program (automatic-rename). */
export function windowName(app: SessionModel, entry: WindowEntry): string {
  if (entry.name !== undefined) return entry.name;
  const focused = entry.window.focusedPaneId;
  return (focused === undefined ? undefined : app.panes.get(focused)?.currentCommand) ?? '';
}

/** tmux's flags after a window's name, in its order: `#` activity, `!` bell, `*` current, `-` last, `Z` zoomed. */
export function windowFlags(app: SessionModel, entry: WindowEntry): string {
  const { windows } = app;
  return (entry.activity ? '#' : '') + (entry.bell ? '!' : '') + (entry === windows.current ? '*' : entry === windows.last ? '-' : '')
    + (entry.window.zoomedPaneId !== undefined ? 'Z' : '');
}

/**
 * Output in pane `id` (monitor-activity): its window, when not the one shown, gets tmux's `#`.
 * Returns whether that is news, so the status line is redrawn once, not for every read.
 */
export function noteActivity(app: SessionModel, id: number): boolean {
  if (!app.config.options['monitor-activity']) return false;
  const current = app.windows.current;
  if (current.window.paneOrder.includes(id)) return false;
  const entry = app.windows.holding(id);
  if (!entry || entry.activity) return false;
  entry.activity = true;
  return true;
}

/** A window's own format values (tmux's window_*). */
export function windowValues(app: SessionModel, entry: WindowEntry): FormatValues {
  return {
    window_index: entry.index,
    window_name: windowName(app, entry),
    window_flags: windowFlags(app, entry),
    window_panes: entry.window.paneOrder.length,
    window_active: entry === app.windows.current ? 1 : 0,
    window_last_flag: entry === app.windows.last ? 1 : 0,
    window_activity_flag: entry.activity ? 1 : 0,
    window_bell_flag: entry.bell ? 1 : 0,
    window_zoomed_flag: entry.window.zoomedPaneId !== undefined ? 1 : 0,
    window_width: entry.window.area.width,
    window_height: entry.window.area.height,
  };
}

/** Format values of a window: its active pane's, with the window's own (list-windows, the status line). */
export function windowFormat(app: SessionModel, entry: WindowEntry): FormatValues {
  const focused = entry.window.focusedPaneId;
  return { ...paneFormat(app, focused === undefined ? undefined : app.panes.get(focused)), ...windowValues(app, entry) };
}

/** What the status line expands: the focused pane's values, and each window's. */
export function statusFormats(app: SessionModel): { statusValues: FormatValues; windowValues: FormatValues[] } {
  return { statusValues: paneFormat(app, app.focusedPane()), windowValues: app.windows.all.map((entry) => windowFormat(app, entry)) };
}

/** The window a `-t` names (its index), else the current one; a message when there is none. */
function windowAt(context: CommandContext, index: number | undefined): WindowEntry | undefined {
  const app = context.session;
  if (index === undefined) return app.windows.current;
  const entry = app.windows.byIndex(index);
  if (!entry) fail(context, `can't find window: ${index}`);
  return entry;
}

export function selectWindow(app: SessionModel, entry: WindowEntry): void {
  app.windows.select(entry);
  app.layoutChanged();
}

type WindowAction = Extract<
  Action,
  { type: 'new-window' | 'select-window' | 'rename-window' | 'kill-window' | 'list-windows' | 'choose-tree' | 'break-pane' | 'join-pane' | 'move-window' | 'find-window' }
>;

/** break-pane: the pane leaves its window (which keeps its other panes) for a new window. */
function breakPane(context: CommandContext, action: Extract<Action, { type: 'break-pane' }>): void {
  const app = context.session;
  const pane = targetPane(context, action.source);
  const from = pane && app.windows.holding(pane.id);
  if (!pane || !from) return;
  if (from.window.paneOrder.length < 2) return fail(context, "break-pane: the pane is its window's only one");
  from.window.removePane(pane.id);
  const entry = app.windows.add(from.window.area);
  if (action.name !== undefined) entry.name = action.name;
  entry.window.addPane(pane.id, true);
  if (action.detached) app.layoutChanged();
  else selectWindow(app, entry);
}

/** join-pane: the source pane moves next to the target pane, in the target's window. */
function joinPane(context: CommandContext, action: Extract<Action, { type: 'join-pane' }>): void {
  const app = context.session;
  const source = targetPane(context, action.source);
  const target = source && targetPane(context, action.target);
  if (!source || !target) return;
  const from = app.windows.holding(source.id);
  const to = app.windows.holding(target.id);
  if (!from || !to) return;
  if (from === to) return fail(context, 'join-pane: the panes are in the same window');
  from.window.removePane(source.id);
  // A window ends with its last pane; this one lives on in the other window.
  if (from.window.isEmpty) app.windows.remove(from);
  to.window.addPane(source.id, action.horizontal, target.id);
  if (action.detached) to.window.focus(target.id);
  if (!action.detached && to !== app.windows.current) app.windows.select(to);
  app.layoutChanged();
}

/** choose-tree: the windows (or sessions) in a list; the chosen one is shown in this terminal. */
function chooseTree(context: CommandContext, of: 'sessions' | 'windows'): void {
  const app = context.session;
  if (of === 'windows') {
    const entries = [...app.windows.all];
    const lines = entries.map((e) => `${e.index}: ${windowName(app, e)}${windowFlags(app, e)} (${e.window.paneOrder.length} panes)`);
    noticesOf(context).showOverlay(`Windows of this session`, lines, false, {
      selected: entries.indexOf(app.windows.current),
      choose: (i) => {
        const entry = entries[i];
        if (entry && app.windows.all.includes(entry)) selectWindow(app, entry);
      },
    });
    return;
  }
  const sessions = context.server?.sessionChoices(context) ?? [];
  if (sessions.length === 0) return fail(context, 'choose-tree: this tmx runs without a server');
  noticesOf(context).showOverlay('Sessions', sessions.map((s) => s.line), false, {
    selected: Math.max(0, sessions.findIndex((s) => s.current)),
    choose: (i) => {
      const session = sessions[i];
      if (session) runLine(context, `switch-client -t ${quoteCommandWord(session.name)}`);
    },
  });
}

/** move-window: another index for a window (tmux's "index in use" when taken), or -r: all renumbered. */
function moveWindow(context: CommandContext, action: Extract<Action, { type: 'move-window' }>): void {
  const app = context.session;
  if (action.renumber) return app.windows.renumber();
  const entry = windowAt(context, action.from);
  if (!entry) return;
  const to = action.to ?? app.windows.firstFreeIndex();
  if (!app.windows.move(entry, to)) fail(context, `index in use: ${to}`);
}

/** find-window: the window that matches is shown (its matching pane focused); several are listed. */
function findWindow(context: CommandContext, action: Extract<Action, { type: 'find-window' }>): void {
  const app = context.session;
  const test = textMatcher(action);
  if ('error' in test) return fail(context, `find-window: ${test.error}`);
  const found = app.windows.all.flatMap((entry) => {
    const hit = windowMatch(app, entry, action.in, test);
    return hit ? [{ entry, ...hit }] : [];
  });
  const show = (hit: (typeof found)[number]): void => {
    if (!app.windows.all.includes(hit.entry)) return;
    const { window } = hit.entry;
    if (hit.paneId !== undefined) window.focus(hit.paneId);
    const pane = window.focusedPaneId;
    if (action.zoom && pane !== undefined && window.zoomedPaneId !== pane) window.toggleZoom(pane);
    selectWindow(app, hit.entry);
  };
  if (found.length === 0) return fail(context, `No windows matching: ${action.match}`);
  if (found.length === 1) return show(found[0]!);
  const lines = found.map(({ entry, why }) => `${entry.index}: ${windowName(app, entry)}${windowFlags(app, entry)} (${entry.window.paneOrder.length} panes) ${why}`);
  noticesOf(context).showOverlay(`Windows matching ${action.match}`, lines, false, {
    selected: Math.max(0, found.findIndex((hit) => hit.entry === app.windows.current)),
    choose: (i) => found[i] && show(found[i]),
  });
}

/** The first thing in `entry` that matches: its name, else a pane's title, else a line a pane shows. */
function windowMatch(app: SessionModel, entry: WindowEntry, where: FindWindowFields, test: (text: string) => boolean): { paneId?: number; why: string } | undefined {
  if (where.name && test(windowName(app, entry))) return { why: '- name' };
  for (const id of entry.window.paneOrder) {
    const pane = app.panes.get(id);
    if (!pane) continue;
    if (where.title && test(pane.title())) return { paneId: id, why: `- title: ${pane.title()}` };
    if (!where.content) continue;
    for (let y = 0; y < pane.emulator.rows; y++) {
      const line = pane.emulator.lineText(y) ?? '';
      if (test(line)) return { paneId: id, why: `- "${line.trim()}"` };
    }
  }
  return undefined;
}

export function dispatchWindow(context: CommandContext, action: WindowAction): void {
  const app = context.session;
  switch (action.type) {
    case 'move-window':
      return moveWindow(context, action);
    case 'find-window':
      return findWindow(context, action);
    case 'choose-tree':
      return chooseTree(context, action.of);
    case 'break-pane':
      return breakPane(context, action);
    case 'join-pane':
      return joinPane(context, action);
    case 'new-window': {
      const entry = app.windows.add(app.window.area);
      if (action.name !== undefined) entry.name = action.name;
      const pane = app.openPane(true, action.command, undefined, entry);
      if (pane && !action.detached) selectWindow(app, entry);
      return;
    }
    case 'select-window': {
      const { which } = action;
      if (which === 'last') {
        const last = app.windows.last;
        if (last) selectWindow(app, last);
        else fail(context, 'no last window');
      } else if (which === 'next' || which === 'previous') selectWindow(app, app.windows.neighbour(which === 'next' ? 1 : -1));
      else {
        const entry = windowAt(context, which.index);
        if (entry) selectWindow(app, entry);
      }
      return;
    }
    case 'rename-window': {
      const entry = windowAt(context, action.window);
      if (entry) entry.name = action.name;
      return;
    }
    case 'kill-window': {
      const entry = windowAt(context, action.window);
      if (!entry) return;
      for (const id of entry.window.paneOrder) app.killPane(id);
      return;
    }
    case 'list-windows': {
      const lines = app.windows.all.map((entry) => `${expandFormat(action.format ?? LIST_WINDOWS_FORMAT, windowFormat(app, entry))}\n`);
      say(context, lines.join(''));
      return;
    }
  }
}

/** The host's name, asked once: it is in every status line and does not change under tmx. */
let hostName: string | undefined;
const host = (): string => (hostName ??= hostname());

/** Format values for one pane of a session (tmux's names; see commands/format.ts). */
export function paneFormat(app: SessionModel, pane: Pane | undefined): FormatValues {
  const session = app.ports.host?.sessionFormat(app) ?? {};
  const entry = (pane && app.windows.holding(pane.id)) ?? app.windows.current;
  const order = entry.window.paneOrder;
  const rect = pane && entry.window.placement().panes.get(pane.id);
  return {
    ...session,
    ...windowValues(app, entry),
    host: host(),
    host_short: host().split('.')[0],
    session_windows: app.windows.all.length,
    ...(pane && {
      pane_id: `%${pane.id}`,
      pane_index: order.indexOf(pane.id),
      pane_width: rect?.width ?? pane.emulator.cols,
      pane_height: pane.emulator.rows,
      pane_active: pane.id === entry.window.focusedPaneId ? 1 : 0,
      pane_current_command: pane.currentCommand,
      pane_pid: pane.pid,
      // tmux's: the host name until a title is set (the border shows the command instead).
      pane_title: pane.ownTitle() ?? host(),
    }),
  };
}
