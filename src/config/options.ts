// Every option in one declarative table: name, type, default, help. The rc file's
// validation, its JSON Schema, `--help` and the README's option table all come from here.

import { styleProblem } from './tmux-style.js';

export type OptionType = 'number' | 'boolean' | 'string' | 'enum';

export interface OptionSpec {
  type: OptionType;
  default: number | boolean | string;
  help: string;
  min?: number;
  max?: number;
  values?: readonly string[];
  /** A string option's own check: what is wrong with the value, or undefined. */
  check?: (value: string) => string | undefined;
}

/** A tmux style string option (status-style and the like), checked as tmux reads styles. */
function styleOption(value: string, help: string) {
  return { type: 'string', default: value, help, check: styleProblem } as const;
}

export const OPTION_TABLE = {
  'scrollback-lines': {
    type: 'number', default: 10_000, min: 0, max: 1_000_000,
    help: 'Lines of history kept per pane (tmux: history-limit).',
  },
  status: { type: 'boolean', default: true, help: 'Show the status line at the bottom.' },
  'status-left': {
    type: 'string', default: '[#{session_name}] ',
    help: 'Status line left side, a tmux format: #{session_name} (#S), #{pane_title} (#T), #{window_name} (#W), #{?client_prefix,^,}, #{=21:pane_title}, strftime\'s %H:%M, #[fg=red,bold] styles (#[default] goes back to status-left-style), and tmx\'s older #{panes}, #{windows}, #{title}. The window list follows it (unless it has #{windows}; see status-justify).',
  },
  'status-right': {
    type: 'string', default: '"#{=21:pane_title}" %H:%M %d-%b-%y',
    help: 'Status line right side, a tmux format as status-left, at the right edge.',
  },
  'status-left-length': {
    type: 'number', default: 10, min: 0, max: 32_767,
    help: 'Columns status-left is cut to, as tmux\'s (styles do not count; 0: not cut); not one with tmx\'s older #{panes}, #{windows}, #{title}, #{prefix}.',
  },
  'status-right-length': {
    type: 'number', default: 40, min: 0, max: 32_767,
    help: 'Columns status-right is cut to, as status-left-length.',
  },
  'status-interval': {
    type: 'number', default: 15, min: 0, max: 86_400,
    help: 'Seconds between redraws of the status line for its clock (and at each new minute); 0: only when something else changes.',
  },
  'status-style': styleOption('bg=green,fg=black', 'Status line style as tmux writes it: fg= and bg= a colour name (green, brightred), colourN, #rrggbb or default; bold, reverse, ... .'),
  'status-left-style': styleOption('default', 'Style of status-left, on top of status-style (e.g. bg=blue,bold).'),
  'status-right-style': styleOption('default', 'Style of status-right, on top of status-style.'),
  'status-justify': {
    type: 'enum', default: 'left', values: ['left', 'centre', 'right', 'absolute-centre'],
    help: 'Where the window list goes: after status-left, centred or right-aligned between the two sides, or centred on the whole line (over the sides if they reach it), as tmux places it.',
  },
  'window-status-format': {
    type: 'string', default: '#I:#W#{?window_flags,#{window_flags}, }',
    help: 'Each window but the current one in the status line\'s list, a tmux format; #{window_flags} (#F): * current, - last, # activity, ! bell, Z zoomed.',
  },
  'window-status-current-format': {
    type: 'string', default: '#I:#W#{?window_flags,#{window_flags}, }',
    help: 'The current window in the status line\'s list, a tmux format.',
  },
  'window-status-style': styleOption('default', 'Style of each window\'s entry in the status line\'s list, on top of status-style (e.g. fg=colour250).'),
  'window-status-current-style': styleOption('default', 'Style of the current window\'s entry; default: window-status-style\'s.'),
  'window-status-last-style': styleOption('default', 'Added to the style of the last window\'s entry (tmux\'s - flag).'),
  'window-status-bell-style': styleOption('reverse', 'Added to the style of a window\'s entry while it has a bell (tmux\'s ! flag).'),
  'window-status-activity-style': styleOption('reverse', 'Added to the style of a window\'s entry while it has activity (tmux\'s # flag, with monitor-activity), unless it has a bell.'),
  'window-status-separator': { type: 'string', default: ' ', help: 'Between two windows in the status line\'s list.' },
  'monitor-activity': {
    type: 'boolean', default: false,
    help: 'A window not shown whose pane prints gets the # flag in the status line, until it is shown.',
  },
  mouse: { type: 'boolean', default: true, help: 'Click to focus a pane; pass mouse events to programs that ask for them.' },
  'escape-time': {
    type: 'number', default: 10, min: 0, max: 2000,
    help: 'Milliseconds to wait after ESC to tell a lone Escape from an Alt key or sequence.',
  },
  'repeat-time': {
    type: 'number', default: 500, min: 0, max: 5000,
    help: 'Milliseconds in which a repeatable binding (resize) can be pressed again without the prefix.',
  },
  'display-time': { type: 'number', default: 2000, min: 100, max: 60_000, help: 'Milliseconds a status-line message stays; a key puts it away sooner (as tmux).' },
  'display-panes-time': { type: 'number', default: 1000, min: 100, max: 60_000, help: 'Milliseconds pane numbers (prefix q) stay.' },
  'main-pane-height': {
    type: 'number', default: 24, min: 1, max: 10_000,
    help: 'Rows of the first pane in the main-horizontal layout, as far as the others keep room (as tmux\'s).',
  },
  'main-pane-width': {
    type: 'number', default: 80, min: 1, max: 10_000,
    help: 'Columns of the first pane in the main-vertical layout, as far as the others keep room (as tmux\'s).',
  },
  'border-style': {
    type: 'enum', default: 'single', values: ['single', 'double', 'heavy', 'ascii'],
    help: 'Line characters for pane borders and separators.',
  },
  'active-border-colour': { type: 'number', default: 2, min: 0, max: 255, help: 'Palette colour of the focused pane\'s border.' },
  'status-colour': {
    type: 'number', default: 2, min: 0, max: 255,
    help: 'Palette colour of the status line background when not 2 (tmx\'s older option); else status-style\'s bg.',
  },
  'styled-underlines': {
    type: 'enum', default: 'auto', values: ['auto', 'on', 'off'],
    help: 'Underline styles (double, curly, dotted, dashed) and colours on the outer terminal: auto draws them inside tmux, kitty, foot, WezTerm and Ghostty; elsewhere, and with off, they are plain underlines.',
  },
  'window-size': {
    type: 'enum', default: 'latest', values: ['latest', 'smallest', 'largest'],
    help: 'With several terminals on one session, the size of its windows (as tmux\'s): the terminal that typed last, the smallest, or the largest. Each terminal shows the windows cut at (or short of) its own edges.',
  },
  'coprocess-icon': { type: 'string', default: '⚙', help: 'Shown in a pane\'s border while its coprocess runs.' },
  'zmodem-download-dir': {
    type: 'string', default: '',
    help: 'Folder the zmodem-receive trigger action offers for a download (~ is your home); empty: the pane\'s current directory.',
  },
  'clipboard-write': {
    type: 'boolean', default: false,
    help: 'Let programs set the outer terminal\'s clipboard (OSC 52). Reading it is never allowed.',
  },
  'copy-to-clipboard': {
    type: 'boolean', default: true,
    help: 'Copy mode\'s copies also go to the outer terminal\'s clipboard (OSC 52), as tmux\'s set-clipboard; terminals without OSC 52 ignore it. Capped at clipboard-max-bytes.',
  },
  'clipboard-max-bytes': {
    type: 'number', default: 100_000, min: 0, max: 5_000_000,
    help: 'Largest clipboard write (OSC 52) sent on, a program\'s (with clipboard-write on) or a copy mode copy; larger ones are refused with a message.',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_TABLE;

type ValueOf<S> = S extends { type: 'number' } ? number : S extends { type: 'boolean' } ? boolean : string;
export type Options = { -readonly [K in OptionName]: ValueOf<(typeof OPTION_TABLE)[K]> };

export function defaultOptions(): Options {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(OPTION_TABLE)) out[name] = spec.default;
  return out as Options;
}
