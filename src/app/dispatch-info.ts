// The commands that answer with text (capture-pane, list-panes, display-message -p,
// list-commands): printed for a command-line client, shown on the status line otherwise.
import type { Action } from '../commands/actions.js';
import { commandHelp } from '../commands/registry.js';
import { expandFormat, LIST_PANES_ALL_FORMAT, LIST_PANES_FORMAT, type FormatValues } from '../commands/format.js';
import type { Pane } from '../panes/pane.js';
import { captureLines } from './capture.js';
import { windowValues } from './window-commands.js';
import type { App } from './app.js';
import { hostname } from 'node:os';

/** The host's name, asked once: it is in every status line and does not change under tmx. */
let hostName: string | undefined;
const host = (): string => (hostName ??= hostname());

/** Format values for one pane of an App (tmux's names; see commands/format.ts). */
export function paneFormat(app: App, pane: Pane | undefined): FormatValues {
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
      pane_title: pane.title(),
    }),
  };
}

/** Output for the client that asked, or the status line when a key or the prompt asked. */
function say(app: App, text: string): void {
  if (app.reply) app.reply.print(text.endsWith('\n') || text === '' ? text : `${text}\n`);
  else app.showMessage(text.replace(/\n$/, '').split('\n').at(-1) ?? '');
}

type InfoAction = Extract<Action, { type: 'display-message' | 'capture-pane' | 'list-panes' | 'list-commands' }>;

export function dispatchInfo(app: App, action: InfoAction): void {
  switch (action.type) {
    case 'display-message': {
      const pane = action.target ? app.resolvePane(action.target) : app.focusedPane();
      if (action.target && !pane) return;
      const text = expandFormat(action.text, paneFormat(app, pane));
      if (action.print && app.reply) say(app, text);
      else app.showMessage(text);
      return;
    }
    case 'capture-pane': {
      const pane = app.resolvePane(action.target);
      if (pane) say(app, captureLines(pane.emulator, action.start, action.end, action.escapes));
      return;
    }
    case 'list-panes': {
      const apps = action.all ? app.ports.host?.allSessions() ?? [app] : [app];
      const format = action.format ?? (action.all ? LIST_PANES_ALL_FORMAT : LIST_PANES_FORMAT);
      const lines = apps.flatMap((each) =>
        each.windows.all.flatMap((entry) => entry.window.paneOrder.map((id) => expandFormat(format, paneFormat(each, each.panes.get(id))))),
      );
      say(app, lines.map((l) => `${l}\n`).join(''));
      return;
    }
    case 'list-commands':
      say(app, commandHelp().map((c) => `${c.usage}${c.alias ? ` (${c.alias})` : ''}\n`).join(''));
      return;
  }
}
