// Copy mode's commands: the copy-mode command itself, and what each key of copy mode's table
// (keymap/copy-mode-keys.ts) does to a pane's copy mode.
// Reached only through dispatch: keys -> copy-mode-keys -> Action -> here.
import { assertNever } from '../commands/actions.js';
import type { CommandContext } from './app-types.js';
import { noticesOf, showMessage } from './command-context.js';
import type { Pane } from '../panes/pane.js';
import type { CopyModeCommand } from '../keymap/copy-mode-keys.js';

/** The copy-mode command: `pageUp` moves the view a page back at once. */
export function startCopyMode(context: CommandContext, pane: Pane, how: { pageUp: boolean; leaveAtBottom: boolean }): void {
  const copy = pane.enterCopyMode(how.leaveAtBottom);
  if (how.pageUp) pane.scrollCopyMode(-copy.page);
  context.session.requestRender();
}

/** The mouse's way: the copy cursor to a cell of the view; `begin` enters copy mode and starts a selection. */
export function pointCopyMode(context: CommandContext, pane: Pane, to: { x: number; y: number; begin: boolean }): void {
  const copy = to.begin ? pane.enterCopyMode(false) : pane.copyMode;
  if (!copy) return;
  copy.pointAt(to.x, to.y);
  if (to.begin) copy.startSelection();
  context.session.requestRender();
}

/**
 * A double or triple click: the word or the line at a cell of the view is selected, copied,
 * and copy mode left, as tmux's select-word / select-line then copy-pipe-and-cancel.
 */
export function copyUnitAt(context: CommandContext, pane: Pane, at: { unit: 'word' | 'line'; x: number; y: number }): void {
  const copy = pane.enterCopyMode(false);
  copy.pointAt(at.x, at.y);
  const selected = at.unit === 'word' ? copy.selectWord() : copy.selectLine();
  runCopyModeCommand(context, pane, selected ? 'copy-selection-and-cancel' : 'cancel');
}

export function runCopyModeCommand(context: CommandContext, pane: Pane, command: CopyModeCommand): void {
  const copy = pane.copyMode;
  if (!copy) return;
  const { page } = copy;
  const half = Math.max(1, Math.floor(page / 2));
  switch (command) {
    case 'cursor-up': copy.moveCursor(-1, 0); break;
    case 'cursor-down': copy.moveCursor(1, 0); break;
    case 'cursor-left': copy.moveCursor(0, -1); break;
    case 'cursor-right': copy.moveCursor(0, 1); break;
    case 'next-word': copy.moveByWord('next-start'); break;
    case 'previous-word': copy.moveByWord('previous-start'); break;
    case 'next-word-end': copy.moveByWord('end'); break;
    case 'start-of-line': copy.cursorTo(copy.cursor.line, 0); break;
    case 'end-of-line': copy.cursorTo(copy.cursor.line, 'end'); break;
    case 'history-top': copy.cursorTo(0, copy.cursor.col); break;
    case 'history-bottom': copy.cursorTo(Number.MAX_SAFE_INTEGER, copy.cursor.col); break;
    case 'scroll-up': pane.scrollCopyMode(-1); break;
    case 'scroll-down': pane.scrollCopyMode(1); break;
    case 'page-up': pane.scrollCopyMode(-page); break;
    case 'page-down': pane.scrollCopyMode(page); break;
    case 'halfpage-up': pane.scrollCopyMode(-half); break;
    case 'halfpage-down': pane.scrollCopyMode(half); break;
    case 'search-forward': askSearch(context, pane, 'down'); break;
    case 'search-backward': askSearch(context, pane, 'up'); break;
    case 'search-again':
    case 'search-reverse': {
      const text = copy.lastSearchText;
      if (text === undefined) showMessage(context, 'no search yet (/ or ? in copy mode)');
      else if (!copy.searchAgain(command === 'search-reverse')) showMessage(context, `not found: ${text}`);
      break;
    }
    case 'begin-selection': copy.startSelection(); break;
    case 'rectangle-toggle': copy.toggleRectangle(); break;
    case 'copy-selection-and-cancel': {
      const text = copy.selectedText();
      pane.leaveCopyMode();
      if (text !== undefined) context.session.copies.keep(text);
      break;
    }
    case 'clear-selection-or-cancel':
      if (!copy.clearSelection()) pane.leaveCopyMode();
      break;
    case 'cancel': pane.leaveCopyMode(); break;
    default:
      assertNever(command);
  }
  context.session.requestRender();
}

/** Asks for text to search for, as tmux's (search down) and (search up) prompts. */
function askSearch(context: CommandContext, pane: Pane, direction: 'down' | 'up'): void {
  const copy = pane.copyMode!;
  noticesOf(context).openPrompt('search', `(search ${direction}) `, (text) => {
    if (pane.copyMode !== copy || !text) return;
    if (!copy.search(text, direction)) showMessage(context, `not found: ${text}`);
    context.session.requestRender();
  });
}
