// The default key tables as data, in the syntax users write in an rc file: canonical key names
// (keys.ts) mapped to tmux-style command strings. list-keys, the `?` screen and the README's key
// table are generated from this, so they cannot drift from what the keys do.

export const DEFAULT_PREFIX = 'C-b';

export interface Binding {
  /** A tmux-style command string, run through the command parser. */
  command: string;
  /** One line shown by list-keys, the `?` screen and the README. */
  note: string;
  /** After this binding, bound repeatable keys work without the prefix for repeat-time ms. */
  repeat?: boolean;
}

export type KeyTables = { prefix: Record<string, Binding>; root: Record<string, Binding> };

export const DEFAULT_BINDINGS: KeyTables = {
  prefix: {
    'C-b': { command: 'send-prefix', note: 'Send the prefix key to the pane' },
    '%': { command: 'split-window -h', note: 'Split the pane left and right' },
    '"': { command: 'split-window -v', note: 'Split the pane top and bottom' },
    Up: { command: 'select-pane -U', note: 'Select the pane above' },
    Down: { command: 'select-pane -D', note: 'Select the pane below' },
    Left: { command: 'select-pane -L', note: 'Select the pane to the left' },
    Right: { command: 'select-pane -R', note: 'Select the pane to the right' },
    o: { command: 'select-pane -t :.+', note: 'Select the next pane' },
    ';': { command: 'last-pane', note: 'Select the previously focused pane' },
    x: { command: 'confirm-before -p "kill-pane #P? (y/n)" kill-pane', note: 'Kill the pane (asks first)' },
    z: { command: 'resize-pane -Z', note: 'Zoom the pane to the whole window, or unzoom' },
    'C-Up': { command: 'resize-pane -U', note: 'Move the pane edge up by 1', repeat: true },
    'C-Down': { command: 'resize-pane -D', note: 'Move the pane edge down by 1', repeat: true },
    'C-Left': { command: 'resize-pane -L', note: 'Move the pane edge left by 1', repeat: true },
    'C-Right': { command: 'resize-pane -R', note: 'Move the pane edge right by 1', repeat: true },
    'M-Up': { command: 'resize-pane -U 5', note: 'Move the pane edge up by 5', repeat: true },
    'M-Down': { command: 'resize-pane -D 5', note: 'Move the pane edge down by 5', repeat: true },
    'M-Left': { command: 'resize-pane -L 5', note: 'Move the pane edge left by 5', repeat: true },
    'M-Right': { command: 'resize-pane -R 5', note: 'Move the pane edge right by 5', repeat: true },
    Space: { command: 'next-layout', note: 'Arrange the panes in the next layout' },
    '{': { command: 'swap-pane -U', note: 'Swap the pane with the one before it' },
    '}': { command: 'swap-pane -D', note: 'Swap the pane with the one after it' },
    'M-1': { command: 'select-layout even-horizontal', note: 'Arrange the panes side by side, evenly' },
    'M-2': { command: 'select-layout even-vertical', note: 'Arrange the panes one above another, evenly' },
    'M-3': { command: 'select-layout main-horizontal', note: 'One large pane on top, the rest below it' },
    'M-4': { command: 'select-layout main-vertical', note: 'One large pane on the left, the rest beside it' },
    'M-5': { command: 'select-layout tiled', note: 'Arrange the panes in a grid' },
    E: { command: 'select-layout -E', note: 'Spread the panes out evenly' },
    'C-o': { command: 'rotate-window', note: 'Rotate the panes: each one place up' },
    'M-o': { command: 'rotate-window -D', note: 'Rotate the panes: each one place down' },
    q: { command: 'display-panes', note: 'Show pane numbers; type one to select that pane' },
    ':': { command: 'command-prompt', note: 'Type a tmx command' },
    '[': { command: 'copy-mode', note: "Copy mode: scroll and copy the pane's history" },
    ']': { command: 'paste-buffer', note: 'Paste what copy mode copied' },
    PageUp: { command: 'copy-mode -u', note: "Scroll the pane's history, a page up at once" },
    '?': { command: 'list-keys', note: 'List key bindings and commands' },
    R: { command: 'coprocess-prompt', note: 'Run a coprocess in the pane (asks for the command)' },
    X: { command: 'stop-coprocess', note: "Stop the pane's coprocess" },
    c: { command: 'new-window', note: 'Make a new window' },
    n: { command: 'next-window', note: 'Show the next window' },
    p: { command: 'previous-window', note: 'Show the previous window' },
    l: { command: 'last-window', note: 'Show the window shown before' },
    ...Object.fromEntries([...'0123456789'].map((digit) => [digit, { command: `select-window -t :${digit}`, note: `Show window ${digit}` }])),
    "'": { command: 'command-prompt -p index "select-window -t :%%"', note: 'Show the window of the index typed' },
    ',': { command: 'command-prompt "rename-window %%"', note: 'Rename the window' },
    '&': { command: 'confirm-before -p "kill-window? (y/n)" kill-window', note: 'Kill the window (asks first)' },
    '!': { command: 'break-pane', note: 'Move the pane into a window of its own' },
    '.': { command: "command-prompt -p index \"move-window -t ':%%'\"", note: 'Give the window the index typed' },
    f: { command: "command-prompt -p find \"find-window -Z -- '%%'\"", note: 'Find a window by its name, a title or text' },
    w: { command: 'choose-tree -w', note: 'Choose a window from a list' },
    s: { command: 'choose-tree -s', note: 'Choose a session from a list' },
    d: { command: 'detach-client', note: 'Detach: the session keeps running (tmx attach returns)' },
    $: { command: 'command-prompt "rename-session %%"', note: 'Rename the session' },
    '(': { command: 'switch-client -p', note: 'Show the previous session' },
    ')': { command: 'switch-client -n', note: 'Show the next session' },
    L: { command: 'switch-client -l', note: 'Show the session shown before' },
  },
  root: {},
};

/** What tmx offers instead, the keys after the prefix the user just pressed. */
const ONE_BUFFER = 'tmx keeps one buffer: ] pastes it';
const NO_SUSPEND = 'tmx cannot suspend a client: d detaches';

/**
 * tmux's default prefix keys for what tmx does not have (paste buffers, suspending): pressed
 * while unbound, they say so on the status line, where tmux's users would otherwise see nothing
 * happen. Key -> [tmux's command, what to do in tmx].
 */
export const TMUX_ONLY_KEYS: Readonly<Record<string, readonly [string, string]>> = {
  '=': ['choose-buffer', ONE_BUFFER],
  'C-z': ['suspend-client', NO_SUSPEND],
};

/** What tmx says when `key`, unbound, follows the prefix; undefined for keys tmux leaves unbound too. */
export function tmuxOnlyHint(key: string, prefix: string): string | undefined {
  if (!Object.hasOwn(TMUX_ONLY_KEYS, key)) return undefined;
  const [command, instead] = TMUX_ONLY_KEYS[key]!;
  return `${prefix} ${key}: tmux's ${command}; ${instead}`;
}
