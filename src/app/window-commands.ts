// The commands about a session's windows (new-window, select-window and its neighbours,
// rename-window, kill-window, list-windows, move-window, find-window), and the window list the
// status line shows.
import type { Action, FindWindowFields } from '../commands/actions.js';
import { expandFormat } from '../commands/format.js';
import { quoteCommandWord } from '../commands/quote.js';
import type { App } from './app.js';
import type { WindowEntry } from './windows.js';
import { paneFormat } from './dispatch-info.js';
import { textMatcher } from './window-search.js';

/** tmux's list-windows line. */
export const LIST_WINDOWS_FORMAT = '#{window_index}: #{window_name}#{window_flags} (#{window_panes} panes) [#{window_width}x#{window_height}]';

/** A window's name: its own (rename-window), else its active pane's program (automatic-rename). */
export function windowName(app: App, entry: WindowEntry): string {
  if (entry.name !== undefined) return entry.name;
  const focused = entry.window.focusedPaneId;
  return (focused === undefined ? undefined : app.panes.get(focused)?.currentCommand) ?? '';
}

/** tmux's flags after a window's name: `*` current, `-` last, `!` bell. */
export function windowFlags(app: App, entry: WindowEntry): string {
  const { windows } = app;
  return (entry === windows.current ? '*' : entry === windows.last ? '-' : '') + (entry.bell ? '!' : '');
}

/** `0:bash- 1:vim*`, followed by ` | ` to part it from the pane list; empty with one window. */
export function windowListText(app: App): string {
  const all = app.windows.all;
  if (all.length < 2) return '';
  return `${all.map((entry) => `${entry.index}:${windowName(app, entry)}${windowFlags(app, entry)}`).join(' ')} | `;
}

/** The window a `-t` names (its index), else the current one; a message when there is none. */
function windowAt(app: App, index: number | undefined): WindowEntry | undefined {
  if (index === undefined) return app.windows.current;
  const entry = app.windows.byIndex(index);
  if (!entry) app.fail(`can't find window: ${index}`);
  return entry;
}

export function selectWindow(app: App, entry: WindowEntry): void {
  app.windows.select(entry);
  app.layoutChanged();
}

type WindowAction = Extract<
  Action,
  { type: 'new-window' | 'select-window' | 'rename-window' | 'kill-window' | 'list-windows' | 'choose-tree' | 'break-pane' | 'join-pane' | 'move-window' | 'find-window' }
>;

/** break-pane: the pane leaves its window (which keeps its other panes) for a new window. */
function breakPane(app: App, action: Extract<Action, { type: 'break-pane' }>): void {
  const pane = app.resolvePane(action.source);
  const from = pane && app.windows.holding(pane.id);
  if (!pane || !from) return;
  if (from.window.paneOrder.length < 2) return app.fail("break-pane: the pane is its window's only one");
  from.window.removePane(pane.id);
  const entry = app.windows.add(from.window.area);
  if (action.name !== undefined) entry.name = action.name;
  entry.window.addPane(pane.id, true);
  if (action.detached) app.layoutChanged();
  else selectWindow(app, entry);
}

/** join-pane: the source pane moves next to the target pane, in the target's window. */
function joinPane(app: App, action: Extract<Action, { type: 'join-pane' }>): void {
  const source = app.resolvePane(action.source);
  const target = source && app.resolvePane(action.target);
  if (!source || !target) return;
  const from = app.windows.holding(source.id);
  const to = app.windows.holding(target.id);
  if (!from || !to) return;
  if (from === to) return app.fail('join-pane: the panes are in the same window');
  from.window.removePane(source.id);
  // A window ends with its last pane; this one lives on in the other window.
  if (from.window.isEmpty) app.windows.remove(from);
  to.window.addPane(source.id, action.horizontal, target.id);
  if (action.detached) to.window.focus(target.id);
  if (!action.detached && to !== app.windows.current) app.windows.select(to);
  app.layoutChanged();
}

/** choose-tree: the windows (or sessions) in a list; the chosen one is shown in this terminal. */
function chooseTree(app: App, of: 'sessions' | 'windows'): void {
  if (of === 'windows') {
    const entries = [...app.windows.all];
    const lines = entries.map((e) => `${e.index}: ${windowName(app, e)}${windowFlags(app, e)} (${e.window.paneOrder.length} panes)`);
    app.showOverlay(`Windows of this session`, lines, false, {
      selected: entries.indexOf(app.windows.current),
      choose: (i) => {
        const entry = entries[i];
        if (entry && app.windows.all.includes(entry)) selectWindow(app, entry);
      },
    });
    return;
  }
  const sessions = app.ports.host?.sessionChoices() ?? [];
  if (sessions.length === 0) return app.fail('choose-tree: this tmx runs without a server');
  app.showOverlay('Sessions', sessions.map((s) => s.line), false, {
    selected: Math.max(0, sessions.findIndex((s) => s.current)),
    choose: (i) => {
      const session = sessions[i];
      if (session) app.runCommand(`switch-client -t ${quoteCommandWord(session.name)}`);
    },
  });
}

/** move-window: another index for a window (tmux's "index in use" when taken), or -r: all renumbered. */
function moveWindow(app: App, action: Extract<Action, { type: 'move-window' }>): void {
  if (action.renumber) return app.windows.renumber();
  const entry = windowAt(app, action.from);
  if (!entry) return;
  const to = action.to ?? app.windows.firstFreeIndex();
  if (!app.windows.move(entry, to)) app.fail(`index in use: ${to}`);
}

/** find-window: the window that matches is shown (its matching pane focused); several are listed. */
function findWindow(app: App, action: Extract<Action, { type: 'find-window' }>): void {
  const test = textMatcher(action);
  if ('error' in test) return app.fail(`find-window: ${test.error}`);
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
  if (found.length === 0) return app.fail(`No windows matching: ${action.match}`);
  if (found.length === 1) return show(found[0]!);
  const lines = found.map(({ entry, why }) => `${entry.index}: ${windowName(app, entry)}${windowFlags(app, entry)} (${entry.window.paneOrder.length} panes) ${why}`);
  app.showOverlay(`Windows matching ${action.match}`, lines, false, {
    selected: Math.max(0, found.findIndex((hit) => hit.entry === app.windows.current)),
    choose: (i) => found[i] && show(found[i]),
  });
}

/** The first thing in `entry` that matches: its name, else a pane's title, else a line a pane shows. */
function windowMatch(app: App, entry: WindowEntry, where: FindWindowFields, test: (text: string) => boolean): { paneId?: number; why: string } | undefined {
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

export function dispatchWindow(app: App, action: WindowAction): void {
  switch (action.type) {
    case 'move-window':
      return moveWindow(app, action);
    case 'find-window':
      return findWindow(app, action);
    case 'choose-tree':
      return chooseTree(app, action.of);
    case 'break-pane':
      return breakPane(app, action);
    case 'join-pane':
      return joinPane(app, action);
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
        else app.fail('no last window');
      } else if (which === 'next' || which === 'previous') selectWindow(app, app.windows.neighbour(which === 'next' ? 1 : -1));
      else {
        const entry = windowAt(app, which.index);
        if (entry) selectWindow(app, entry);
      }
      return;
    }
    case 'rename-window': {
      const entry = windowAt(app, action.window);
      if (entry) entry.name = action.name;
      return;
    }
    case 'kill-window': {
      const entry = windowAt(app, action.window);
      if (!entry) return;
      for (const id of entry.window.paneOrder) app.killPane(id);
      return;
    }
    case 'list-windows': {
      const lines = app.windows.all.map((entry) => {
        const focused = entry.window.focusedPaneId;
        const values = {
          ...paneFormat(app, focused === undefined ? undefined : app.panes.get(focused)),
          window_index: entry.index,
          window_name: windowName(app, entry),
          window_flags: windowFlags(app, entry),
          window_panes: entry.window.paneOrder.length,
          window_active: entry === app.windows.current ? 1 : 0,
          window_width: entry.window.area.width,
          window_height: entry.window.area.height,
        };
        return `${expandFormat(action.format ?? LIST_WINDOWS_FORMAT, values)}\n`;
      });
      if (app.reply) app.reply.print(lines.join(''));
      else app.showMessage(lines.at(-1)?.trimEnd() ?? '');
      return;
    }
  }
}
