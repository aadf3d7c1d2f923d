// The one place Actions change the model. Every user intent, from a key binding, the
// command prompt, the mouse, the rc file or a shell (`tmx COMMAND`), arrives here with the
// context it runs in (command-context.ts): the session, the terminal it came from, if any.
import { assertNever, type Action, type PaneTarget } from '../commands/actions.js';
import type { CommandContext } from './app-types.js';
import { fail, noticesOf, runLine, showMessage, targetPane as paneOf } from './command-context.js';
import { encodeKey } from '../keymap/keys.js';
import { describeBindings } from '../keymap/keymap.js';
import { commandHelp } from '../commands/registry.js';
import { listKeysLines } from './list-keys.js';
import { dispatchInfo } from './dispatch-info.js';
import { dispatchWindow } from './window-commands.js';
import type { MainPaneSize } from './layout.js';
import { copyUnitAt, pointCopyMode, runCopyModeCommand, startCopyMode } from './copy-mode-commands.js';

/** Resolves `-t` to a pane id, or reports that the pane does not exist. */
function targetPane(context: CommandContext, target: PaneTarget | undefined): number | undefined {
  return paneOf(context, target)?.id;
}

export function dispatch(context: CommandContext, action: Action): void {
  const app = context.session;
  switch (action.type) {
    case 'split-window': {
      const target = targetPane(context, action.target);
      if (target !== undefined) app.openPane(action.horizontal, action.command, target);
      return;
    }
    case 'select-pane': {
      if (action.direction) app.window.focusDirection(action.direction);
      else {
        const id = targetPane(context, action.target);
        if (id !== undefined) app.window.focus(id);
      }
      app.layoutChanged();
      return;
    }
    case 'last-pane':
      if (!app.window.focusLast()) showMessage(context, 'no last pane');
      app.layoutChanged();
      return;
    case 'kill-pane': {
      const id = targetPane(context, action.target);
      if (id !== undefined) app.killPane(id);
      return;
    }
    case 'resize-pane': {
      const id = targetPane(context, action.target);
      if (id !== undefined) app.window.resize(id, action.direction, action.amount);
      app.layoutChanged();
      return;
    }
    case 'spread-out':
      app.window.spreadOut();
      app.layoutChanged();
      return;
    case 'rotate-window':
      app.window.rotate(action.direction);
      app.layoutChanged();
      return;
    case 'swap-pane': {
      const id = targetPane(context, action.target);
      if (id !== undefined) app.window.swap(id, action.with);
      app.layoutChanged();
      return;
    }
    case 'drag-border':
      app.window.dragBorder(action.from, action.to);
      app.layoutChanged();
      return;
    case 'zoom-pane': {
      const id = targetPane(context, action.target);
      if (id !== undefined) app.window.toggleZoom(id);
      app.layoutChanged();
      return;
    }
    case 'select-layout':
      app.window.selectLayout(action.layout, mainPaneSize(app));
      app.layoutChanged();
      return;
    case 'next-layout':
      showMessage(context, `layout: ${app.window.selectLayout(undefined, mainPaneSize(app))}`);
      app.layoutChanged();
      return;
    case 'display-message':
    case 'capture-pane':
    case 'list-panes':
    case 'list-commands':
      dispatchInfo(context, action);
      return;
    case 'new-window':
    case 'select-window':
    case 'rename-window':
    case 'kill-window':
    case 'list-windows':
    case 'choose-tree':
    case 'break-pane':
    case 'join-pane':
    case 'move-window':
    case 'find-window':
      dispatchWindow(context, action);
      return;
    case 'new-session':
    case 'attach-session':
    case 'detach-client':
    case 'list-sessions':
    case 'has-session':
    case 'kill-session':
    case 'rename-session':
    case 'switch-client':
      if (context.server) context.server.serverAction(action, context);
      else fail(context, `${action.type}: this tmx runs without a server`);
      return;
    case 'display-panes':
      noticesOf(context).showPaneNumbers();
      return;
    case 'list-keys':
      noticesOf(context).showOverlay('Key bindings', listKeysLines(describeBindings(app.config.bindings, app.config.prefix), commandHelp(), app.config.prefix, context.client?.sink?.cols ?? app.ports.screen.cols));
      return;
    case 'kill-server':
      if (context.server) context.server.serverAction(action, context);
      else app.shutdown(0);
      return;
    case 'send-prefix':
      sendKeys(context, [app.config.prefix], false, undefined);
      return;
    case 'send-keys':
      sendKeys(context, action.keys, action.literal, action.target);
      return;
    case 'command-prompt':
      openCommandPrompt(context, action.prompt, action.initial, action.template);
      return;
    case 'confirm-before': {
      const label = action.prompt ?? `${action.command}? (y/n) `;
      const focused = app.window.paneOrder.indexOf(app.window.focusedPaneId ?? -1);
      noticesOf(context).openPrompt('confirm', label.replaceAll('#P', String(focused)), () => runLine(context, action.command));
      return;
    }
    case 'coprocess-prompt':
    case 'run-coprocess':
    case 'stop-coprocess':
    case 'show-coprocess-log':
      app.coprocessActions(action);
      return;
    case 'copy-mode': {
      const pane = paneOf(context, action.target);
      if (pane) startCopyMode(context, pane, { pageUp: action.pageUp, leaveAtBottom: action.leaveAtBottom });
      return;
    }
    case 'copy-mode-command': {
      const pane = paneOf(context, action.target);
      if (pane) runCopyModeCommand(context, pane, action.command);
      return;
    }
    case 'copy-mode-mouse': {
      const pane = paneOf(context, action.target);
      if (pane) pointCopyMode(context, pane, action);
      return;
    }
    case 'copy-mode-select': {
      const pane = paneOf(context, action.target);
      if (pane) copyUnitAt(context, pane, action);
      return;
    }
    case 'paste-buffer': {
      const pane = paneOf(context, action.target);
      if (pane) app.copies.pasteInto(pane);
      return;
    }
    case 'source-file':
    case 'reload-config':
      app.configActions(action);
      return;
    default:
      assertNever(action);
  }
}

function sendKeys(context: CommandContext, keys: string[], literal: boolean, target: PaneTarget | undefined): void {
  const pane = paneOf(context, target);
  if (!pane) return;
  const modes = pane.modes();
  for (const key of keys) {
    if (literal) {
      pane.typeUserInput(key);
      continue;
    }
    const bytes = encodeKey(key, { applicationCursor: modes.applicationCursor, applicationKeypad: modes.applicationKeypad });
    // Like tmux: a word that is not a key name is sent as text.
    pane.typeUserInput(bytes ?? key);
  }
}

/** The main-* layouts' main pane, from the options main-pane-height and main-pane-width. */
function mainPaneSize(app: CommandContext['session']): MainPaneSize {
  return { height: app.config.options['main-pane-height'], width: app.config.options['main-pane-width'] };
}

function openCommandPrompt(context: CommandContext, prompt = ':', initial = '', template?: string): void {
  noticesOf(context).openPrompt('command', prompt, (text) => {
    if (!text.trim()) return;
    runLine(context, template ? template.replaceAll('%%', text) : text);
  }, initial);
}

