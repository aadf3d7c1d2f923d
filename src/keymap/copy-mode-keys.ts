// Copy mode's keys as data: tmux's copy-mode-vi and copy-mode (emacs) tables together, so
// both sets work at once. Command names are tmux's `send-keys -X` names where tmux has one.
// The README's copy-mode table is generated from this.

export const COPY_MODE_COMMANDS = {
  'cursor-up': { keys: ['Up', 'k', 'C-p'], help: 'Cursor up a line' },
  'cursor-down': { keys: ['Down', 'j', 'C-n'], help: 'Cursor down a line' },
  'cursor-left': { keys: ['Left', 'h'], help: 'Cursor left' },
  'cursor-right': { keys: ['Right', 'l'], help: 'Cursor right' },
  'next-word': { keys: ['w', 'M-f'], help: 'Start of the next word (words are runs of non-blanks)' },
  'previous-word': { keys: ['b', 'M-b'], help: 'Start of this or the previous word' },
  'next-word-end': { keys: ['e'], help: 'End of this or the next word' },
  'start-of-line': { keys: ['0', 'Home'], help: 'Start of the line' },
  'end-of-line': { keys: ['$', 'End'], help: 'End of the line' },
  'history-top': { keys: ['g', 'M-<'], help: 'Top of the history' },
  'history-bottom': { keys: ['G', 'M->'], help: 'Bottom: the live screen' },
  'scroll-up': { keys: ['C-y'], help: 'View up a line' },
  'scroll-down': { keys: ['C-e'], help: 'View down a line' },
  'page-up': { keys: ['PageUp', 'M-v'], help: "View up a page (the pane's rows less one)" },
  'page-down': { keys: ['PageDown', 'C-f'], help: 'View down a page' },
  'halfpage-up': { keys: ['C-u'], help: 'View up half a page' },
  'halfpage-down': { keys: ['C-d'], help: 'View down half a page' },
  'search-forward': { keys: ['/', 'C-s'], help: 'Search down for text (asks; round the ends of the history)' },
  'search-backward': { keys: ['?', 'C-r'], help: 'Search up for text' },
  'search-again': { keys: ['n'], help: 'The last search again' },
  'search-reverse': { keys: ['N'], help: 'The last search again, the other way' },
  'begin-selection': { keys: ['v', 'Space'], help: 'Start a selection at the cursor' },
  'rectangle-toggle': { keys: ['C-v', 'R'], help: 'Select a rectangle (the same columns of every line), or lines again' },
  'copy-selection-and-cancel': { keys: ['Enter', 'y'], help: 'Copy the selection (prefix ] pastes) and leave' },
  'clear-selection-or-cancel': { keys: ['Escape'], help: 'Drop the selection, or leave without one' },
  cancel: { keys: ['q', 'C-c'], help: 'Leave copy mode' },
} as const satisfies Record<string, { keys: readonly string[]; help: string }>;

export type CopyModeCommand = keyof typeof COPY_MODE_COMMANDS;

const COMMAND_BY_KEY = new Map<string, CopyModeCommand>(
  Object.entries(COPY_MODE_COMMANDS).flatMap(([command, { keys }]) => keys.map((key) => [key, command as CopyModeCommand])),
);

/** The copy-mode command a key runs (a canonical key name, as keys.ts gives them), if any. */
export function copyModeCommandFor(key: string): CopyModeCommand | undefined {
  return COMMAND_BY_KEY.get(key);
}
