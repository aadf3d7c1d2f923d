// The status line as tmux builds it: status-left (cut to status-left-length), then each window
// through window-status-format (window-status-current-format for the current one) in
// window-status-style (-current-style; plus -last-, -bell- or -activity-style as its flags say)
// joined by window-status-separator, where status-justify puts the list, and status-right (cut
// to status-right-length) at the right edge, each side in status-left-style / status-right-style.
// `#[style]`s in them apply as in tmux: from there to the end of their part, on top of
// status-style; `#[default]` goes back to the part's style.
// Pure: the values come in, styled runs go out.
import { expandFormatMarkup, markupText, parseMarkup, trimMarkup, type FormatValues } from '../commands/format.js';
import { charWidth } from '../emulator/cells.js';
import { applyStyle, parsePen, type Pen } from '../config/tmux-style.js';
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
  /** The line's own pen; by default status-style's. */
  base?: Pen;
}

/** Text drawn in one pen. */
export interface StatusRun extends Pen {
  text: string;
}

export interface StatusText {
  left: StatusRun[];
  right: StatusRun[];
  /** The window list where status-justify puts it, other than after status-left: from column x, over the sides. */
  list?: { x: number; runs: StatusRun[] };
}

/** Where the window list goes when status-left names it itself (tmx's older rc files). */
const WINDOWS_NAME = '#{windows}';
/** tmx's older names: a side with one predates status-left-length and is not cut to it. */
const OLDER_NAMES = [WINDOWS_NAME, '#{panes}', '#{title}', '#{prefix}'];

/** tmux's pen when status-style cannot be read: black on green. */
const FALLBACK_PEN = parsePen('bg=green,fg=black') as Pen;

/** status-style's pen. */
export function statusPen(options: Pick<Options, 'status-style'>): Pen {
  const pen = parsePen(options['status-style']);
  return 'error' in pen ? FALLBACK_PEN : pen;
}

/** Markup drawn from `base`: each style on top of the pen before it, `default` back to the pushed default. */
export function markupRuns(markup: string, base: Pen): StatusRun[] {
  const runs: StatusRun[] = [];
  let pen = base;
  let fallback = base;
  for (const piece of parseMarkup(markup)) {
    if ('style' in piece) {
      const applied = applyStyle(piece.style, pen, fallback);
      if ('error' in applied) continue; // tmux skips a style it cannot read
      pen = applied.pen;
      if (applied.push) fallback = pen;
      if (applied.pop) fallback = base;
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && samePen(last, pen)) last.text += piece.text;
    else runs.push({ text: piece.text, fg: pen.fg, bg: pen.bg, attrs: pen.attrs });
  }
  return runs;
}

const samePen = (a: Pen, b: Pen): boolean => a.fg === b.fg && a.bg === b.bg && a.attrs === b.attrs;

/** Columns the runs take. */
export function runsWidth(runs: readonly StatusRun[]): number {
  let width = 0;
  for (const run of runs) for (const ch of run.text) width += charWidth(ch);
  return width;
}

/** The runs' text, their pens left out. */
export const runsText = (runs: readonly StatusRun[]): string => runs.map((run) => run.text).join('');

/** The first `columns` columns of the runs. */
function cutRuns(runs: readonly StatusRun[], columns: number): StatusRun[] {
  const out: StatusRun[] = [];
  let used = 0;
  for (const run of runs) {
    let text = '';
    for (const ch of run.text) {
      if (used + charWidth(ch) > columns) break;
      used += charWidth(ch);
      text += ch;
    }
    if (text) out.push({ ...run, text });
    if (text !== run.text) break;
  }
  return out;
}

type FlagStyle = 'window-status-last-style' | 'window-status-bell-style' | 'window-status-activity-style';

/** What a window's flags add to its entry's style, as tmux's status-format: the last window's, then the bell's, else activity's. */
function flagStyles(options: Options, values: FormatValues): string {
  const added = (flag: unknown, option: FlagStyle): string => (Number(flag) === 1 && options[option] !== 'default' ? `#[${options[option]}]` : '');
  const bell = added(values.window_bell_flag, 'window-status-bell-style');
  return added(values.window_last_flag, 'window-status-last-style') + (bell || added(values.window_activity_flag, 'window-status-activity-style'));
}

/** The window list as markup, each entry in its window-status style, as tmux's status-format has it. */
function windowListMarkup(source: Pick<StatusSource, 'options' | 'windows' | 'time'>): string {
  const { options, time } = source;
  return source.windows
    .map((values, i) => {
      const current = Number(values.window_active) === 1;
      const format = current ? options['window-status-current-format'] : options['window-status-format'];
      const style = current && options['window-status-current-style'] !== 'default' ? options['window-status-current-style'] : options['window-status-style'];
      const separator = i < source.windows.length - 1 ? expandFormatMarkup(options['window-status-separator'], values, time) : '';
      // The entry's style becomes its default; after it, the line's own (the separator's style runs on, as in tmux).
      return `#[${style}]${flagStyles(options, values)}#[push-default]${expandFormatMarkup(format, values, time)}#[pop-default]#[default]${separator}`;
    })
    .join('');
}

/** The two sides of the status line: left (status-left and the window list) and right, as styled runs. */
export function statusLine(source: StatusSource): StatusText {
  const { options, time } = source;
  const base = source.base ?? statusPen(options);
  const list = windowListMarkup(source);
  const listed = options['status-left'].includes(WINDOWS_NAME) || options['status-right'].includes(WINDOWS_NAME);
  const values = listed ? { ...source.values, windows: markupText(list) } : source.values;
  // As tmux's status-format has them: the side's style, pushed as its default, then its text.
  const side = (format: string, length: number, style: string): StatusRun[] => {
    const markup = expandFormatMarkup(format, values, time);
    const text = OLDER_NAMES.some((name) => format.includes(name)) ? markup : trimMarkup(markup, length);
    return markupRuns(`#[${style}]#[push-default]${text}`, base);
  };
  const left = side(options['status-left'], options['status-left-length'], options['status-left-style']);
  const right = side(options['status-right'], options['status-right-length'], options['status-right-style']);
  if (listed) return { left, right };
  const listRuns = markupRuns(list, base);
  const placed = justified(options['status-justify'], listRuns, runsWidth(left), runsWidth(right), source.columns);
  if (placed) return { left, right, list: placed };
  // The list gets what status-left and status-right leave, with one column between it and the right.
  const room = Math.max(0, source.columns - runsWidth(left) - runsWidth(right) - 1);
  return { left: [...left, ...(runsWidth(listRuns) <= room ? listRuns : cutRuns(listRuns, room))], right };
}

/**
 * Where tmux 3.3 puts the window list for status-justify centre, right and absolute-centre
 * (measured against it: tests/e2e/status-line.test.ts): centred on the middle of the room
 * between the sides, against status-right, or centred on the whole line over whatever is
 * there. Undefined for left, and when the list is wider than its room: then it follows
 * status-left, cut at its end (tmux cuts it around the current window, marked with < and >).
 */
function justified(justify: string, runs: StatusRun[], leftWidth: number, rightWidth: number, columns: number): StatusText['list'] {
  const width = runsWidth(runs);
  if (justify === 'absolute-centre') return width <= columns ? { x: Math.floor((columns - width) / 2), runs } : undefined;
  if (justify !== 'centre' && justify !== 'right') return undefined;
  const room = columns - leftWidth - rightWidth;
  if (width > room) return undefined;
  if (justify === 'right') return { x: columns - rightWidth - width, runs };
  // At or after status-left's end, since the list fits the room.
  return { x: leftWidth + Math.floor(room / 2) - Math.floor(width / 2), runs };
}
