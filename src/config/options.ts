// Every option in one declarative table: name, type, default, help. The rc file's
// validation, its JSON Schema, `--help` and the README's option table all come from here.

export type OptionType = 'number' | 'boolean' | 'string' | 'enum';

export interface OptionSpec {
  type: OptionType;
  default: number | boolean | string;
  help: string;
  min?: number;
  max?: number;
  values?: readonly string[];
}

export const OPTION_TABLE = {
  'scrollback-lines': {
    type: 'number', default: 10_000, min: 0, max: 1_000_000,
    help: 'Lines of history kept per pane (tmux: history-limit).',
  },
  status: { type: 'boolean', default: true, help: 'Show the status line at the bottom.' },
  'status-left': {
    type: 'string', default: '[tmx] #{windows}#{panes}',
    help: 'Status line left side; #{windows} lists the windows as tmux (0:bash- 1:vim*, with a | after; empty with one window), #{panes} the panes (focused marked *), #{title} is the focused pane\'s title, #{session_name} the session.',
  },
  'status-right': { type: 'string', default: '#{title}', help: 'Status line right side; same variables as status-left.' },
  mouse: { type: 'boolean', default: true, help: 'Click to focus a pane; pass mouse events to programs that ask for them.' },
  'escape-time': {
    type: 'number', default: 10, min: 0, max: 2000,
    help: 'Milliseconds to wait after ESC to tell a lone Escape from an Alt key or sequence.',
  },
  'repeat-time': {
    type: 'number', default: 500, min: 0, max: 5000,
    help: 'Milliseconds in which a repeatable binding (resize) can be pressed again without the prefix.',
  },
  'display-time': { type: 'number', default: 2000, min: 100, max: 60_000, help: 'Milliseconds a status-line message stays.' },
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
  'status-colour': { type: 'number', default: 2, min: 0, max: 255, help: 'Palette colour of the status line background.' },
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
