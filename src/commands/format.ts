// tmux's formats (`#{pane_id}`, `#{session_name}`): a template and a table of values. What each
// name means is data (FORMAT_NAMES, for help and tests); the values come from the server.

/** The names tmx fills in, with what they mean, as tmux documents them. */
export const FORMAT_NAMES: Readonly<Record<string, string>> = {
  pane_id: 'the pane\'s unique id, %N (as $TMX_PANE)',
  pane_index: 'the pane\'s index in its window',
  pane_width: 'width of the pane',
  pane_height: 'height of the pane',
  pane_active: '1 if the pane is the window\'s active one',
  pane_current_command: 'the program running in the pane',
  pane_pid: 'pid of the pane\'s first process',
  pane_title: 'the pane\'s title',
  window_index: 'the window\'s index',
  window_name: 'the window\'s name',
  window_panes: 'number of panes in the window',
  window_active: '1 if the window is the session\'s current one',
  session_name: 'the session\'s name',
  session_id: 'the session\'s unique id, $N',
  session_windows: 'number of windows in the session',
  session_attached: 'number of clients attached to the session',
  session_created: 'when the session was made (seconds since 1970)',
  session_width: 'the session\'s width',
  session_height: 'the session\'s height',
  pid: 'the server\'s pid',
  socket_path: 'the server\'s socket',
};

export type FormatValues = Readonly<Record<string, string | number | undefined>>;

/** Nested braces are not formats tmx knows; the longest name is far below this. */
const FORMAT_PATTERN = /#\{([a-z_]{1,64})\}/g;

/** `#{name}` replaced by its value; unknown names become empty, as in tmux. `##` is a `#`. */
export function expandFormat(template: string, values: FormatValues): string {
  return template
    .split('##')
    .map((part) => part.replace(FORMAT_PATTERN, (_, name: string) => String(values[name] ?? '')))
    .join('#');
}

/** tmux's list-panes line. */
export const LIST_PANES_FORMAT = '#{pane_index}: [#{pane_width}x#{pane_height}] #{pane_current_command} #{pane_id}';
export const LIST_PANES_ALL_FORMAT = '#{session_name}:#{window_index}.#{pane_index}: [#{pane_width}x#{pane_height}] #{pane_current_command} #{pane_id}';
