// The status line's text as tmux builds it: status-left, then each window through
// window-status-format (window-status-current-format for the current one) joined by
// window-status-separator, and status-right at the right edge. Pure: the values come in.
import { expandFormat, trimColumns, type FormatValues } from '../commands/format.js';
import { charWidth } from '../emulator/cells.js';
import type { Options } from '../config/options.js';

export interface StatusSource {
  options: Options;
  /** Format values of the focused pane: session, window, pane (and tmx's #{panes}, #{title}, #{prefix}). */
  values: FormatValues;
  /** Each window's values (its active pane's), in index order; `window_active` marks the current one. */
  windows: readonly FormatValues[];
  /** The clock, for strftime's %H:%M in the formats. */
  time: Date;
  /** Columns of the terminal: a window list too long is cut, so status-right stays in view. */
  columns: number;
}

/** Where the window list goes when status-left names it itself (tmx's older rc files). */
const WINDOWS_NAME = '#{windows}';

function columnsOf(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** The windows as the list shows them, `0:bash- 1:vim*`. */
export function windowList(source: Pick<StatusSource, 'options' | 'windows' | 'time'>): string {
  const { options } = source;
  return source.windows
    .map((values) => {
      const format = Number(values.window_active) === 1 ? options['window-status-current-format'] : options['window-status-format'];
      return expandFormat(format, values, source.time);
    })
    .join(options['window-status-separator']);
}

/** The two sides of the status line: left (status-left and the window list) and right. */
export function statusLine(source: StatusSource): { left: string; right: string } {
  const { options, time } = source;
  const list = windowList(source);
  const values = { ...source.values, windows: list };
  const left = expandFormat(options['status-left'], values, time);
  const right = expandFormat(options['status-right'], values, time);
  if (options['status-left'].includes(WINDOWS_NAME) || options['status-right'].includes(WINDOWS_NAME)) return { left, right };
  // The list gets what status-left and status-right leave, with one column between it and the right.
  const room = source.columns - columnsOf(left) - columnsOf(right) - 1;
  const shown = columnsOf(list) <= room ? list : trimColumns(list, Math.max(0, room));
  return { left: left + shown, right };
}

