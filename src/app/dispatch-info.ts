// The commands that answer with text (capture-pane, list-panes, display-message -p,
// list-commands): printed for a command-line client, shown on the status line otherwise.
import type { Action } from '../commands/actions.js';
import { commandHelp } from '../commands/registry.js';
import { expandFormat, LIST_PANES_ALL_FORMAT, LIST_PANES_FORMAT } from '../commands/format.js';
import { captureLines } from './capture.js';
import { paneFormat } from './window-commands.js';
import type { CommandContext } from './app-types.js';
import { say, showMessage, targetPane } from './command-context.js';

type InfoAction = Extract<Action, { type: 'display-message' | 'capture-pane' | 'list-panes' | 'list-commands' }>;

export function dispatchInfo(context: CommandContext, action: InfoAction): void {
  const app = context.session;
  switch (action.type) {
    case 'display-message': {
      const pane = action.target ? targetPane(context, action.target) : app.focusedPane();
      if (action.target && !pane) return;
      const text = expandFormat(action.text, paneFormat(app, pane));
      if (action.print && context.reply) say(context, text);
      else showMessage(context, text);
      return;
    }
    case 'capture-pane': {
      const pane = targetPane(context, action.target);
      if (pane) say(context, captureLines(pane.emulator, action.start, action.end, action.escapes));
      return;
    }
    case 'list-panes': {
      const apps = action.all ? context.server?.allSessions() ?? [app] : [app];
      const format = action.format ?? (action.all ? LIST_PANES_ALL_FORMAT : LIST_PANES_FORMAT);
      const lines = apps.flatMap((each) =>
        each.windows.all.flatMap((entry) => entry.window.paneOrder.map((id) => expandFormat(format, paneFormat(each, each.panes.get(id))))),
      );
      say(context, lines.map((l) => `${l}\n`).join(''));
      return;
    }
    case 'list-commands':
      say(context, commandHelp().map((c) => `${c.usage}${c.alias ? ` (${c.alias})` : ''}\n`).join(''));
      return;
  }
}
