// What the screen should show, as plain data for the compositor: pane rectangles and
// borders, the status line, a message, a prompt or an overlay. Read-only over the model.
import type { Window } from './window.js';
import type { Pane } from '../panes/pane.js';
import type { Options } from '../config/options.js';
import type { FormatValues } from '../commands/format.js';
import type { Pen } from '../config/tmux-style.js';
import { statusLine, statusPen, type StatusText } from './status-line.js';
import { charWidth, palette16, palette256 } from '../emulator/cells.js';
import type { TerminalCapabilities } from '../ui/serialize.js';
import { DEFAULT_STYLE, type BorderStyle, type FrameView, type PaneView } from '../ui/compose.js';

export interface FrameSource {
  window: Window;
  /** Format values of the focused pane (session, window, pane), for the status line. */
  statusValues: FormatValues;
  /** Each window's format values (its active pane's), in index order. */
  windowValues: readonly FormatValues[];
  /** The wall clock, for the status line's %H:%M. */
  now: Date;
  panes: ReadonlyMap<number, Pane>;
  decorations(pane: Pane): { badge?: string; notice?: string; panel?: string[] };
  screen: { cols: number; rows: number };
  /** Columns of the terminal this view is for, when not the screen's: its status line is laid out to them, as tmux's per client. */
  terminalColumns?: number;
  options: Options;
  message: string | undefined;
  messageUntil?: number;
  prompt: { label: string; text: string; cursor: number } | undefined;
  overlay: FrameView['overlay'];
  paneNumbers: boolean;
  awaitingPrefixKey: boolean;
}

/** A 0-255 option colour as a program would set it: 0-15 as ESC[3Xm/9Xm, above as 256-colour. */
const paletteColour = (n: number): number => (n < 16 ? palette16(n) : palette256(n));

/** status-colour's default: while it is left there, status-style says the background. */
const STATUS_COLOUR_DEFAULT = 2;

const statusStyle = (pen: Pen): { statusFg: number; statusBg: number; statusAttrs: number } => ({ statusFg: pen.fg, statusBg: pen.bg, statusAttrs: pen.attrs });

/** The status line's pen: status-style, its bg overridden by tmx's older status-colour when set. */
function statusBase(options: Options): Pen {
  const pen = statusPen(options);
  const colour = options['status-colour'];
  return colour === STATUS_COLOUR_DEFAULT ? pen : { ...pen, bg: paletteColour(colour) };
}

export function buildFrameView(source: FrameSource): FrameView {
  const { window: session, options } = source;
  const placement = session.placement();
  const order = session.paneOrder;
  const panes: PaneView[] = [];
  for (const [id, rect] of placement.panes) {
    const pane = source.panes.get(id);
    if (!pane) continue;
    panes.push({
      id,
      index: order.indexOf(id),
      rect,
      focused: id === session.focusedPaneId,
      title: pane.title(),
      ...source.decorations(pane),
      content: pane.emulator,
      cursor: pane.shownCursor(),
    });
  }
  const prompt = source.prompt && { label: source.prompt.label, text: source.prompt.text, cursor: source.prompt.cursor };
  return {
    width: source.screen.cols,
    height: source.screen.rows,
    panes,
    separators: placement.separators,
    status: options.status ? statusText(source) : undefined,
    message: source.message,
    messageUntil: source.message === undefined ? undefined : source.messageUntil,
    prompt,
    overlay: source.overlay,
    paneNumbers: source.paneNumbers,
    style: {
      ...DEFAULT_STYLE,
      activeBorder: paletteColour(options['active-border-colour']),
      ...statusStyle(statusBase(options)),
      lines: options['border-style'] as BorderStyle,
    },
  };
}

/**
 * Columns one pane title may take in the status line: tmux's default status-right shows
 * `#{=21:pane_title}`. A program may set a title of 256 characters; cut, it leaves the
 * other panes and the right side in view.
 */
export const STATUS_TITLE_MAX_COLUMNS = 21;
/** And at most this share of the line, so a narrow terminal still shows more than one pane. */
export const STATUS_TITLE_MAX_SHARE = 1 / 3;
/** Marks a title cut short (tmux's `#{=/21/…:pane_title}`), so it is not read as the whole. */
const CUT_MARK = '…';

/** `title` in at most `columns` columns (wide characters count two), its end replaced by … when cut. */
export function cutTitle(title: string, columns: number): string {
  let width = 0;
  for (const ch of title) width += charWidth(ch);
  if (width <= columns) return title;
  let kept = '';
  let used = 0;
  for (const ch of title) {
    const w = charWidth(ch);
    if (used + w > columns - 1) break;
    kept += ch;
    used += w;
  }
  return columns > 0 ? `${kept}${CUT_MARK}` : '';
}

/** The status line's two sides, with tmx's older #{panes}, #{title} and #{prefix} among the values. */
function statusText(source: FrameSource): StatusText {
  const { window: session, panes, options } = source;
  const focused = session.focusedPaneId;
  const width = source.terminalColumns ?? source.screen.cols;
  const columns = Math.min(STATUS_TITLE_MAX_COLUMNS, Math.max(1, Math.floor(width * STATUS_TITLE_MAX_SHARE)));
  const titleOf = (id: number | undefined): string => cutTitle((id === undefined ? undefined : panes.get(id)?.title()) ?? '', columns);
  const legacy = {
    panes: session.paneOrder.map((id, index) => `${index}:${titleOf(id)}${id === focused ? '*' : ''}`).join(' '),
    title: titleOf(focused),
    prefix: source.awaitingPrefixKey ? '^' : '',
    client_prefix: source.awaitingPrefixKey ? 1 : 0,
  };
  return statusLine({
    options,
    values: { ...source.statusValues, ...legacy },
    windows: source.windowValues.map((values) => ({ ...values, ...legacy })),
    time: source.now,
    columns: width,
    base: statusBase(options),
  });
}

/** What the outer terminal can show: as detected, with the rc file's say (styled-underlines). */
export function outputCapabilities(detected: TerminalCapabilities, choice: string): TerminalCapabilities {
  const styled = choice === 'auto' ? Boolean(detected.styledUnderlines) : choice === 'on';
  return styled === Boolean(detected.styledUnderlines) ? detected : { ...detected, styledUnderlines: styled };
}
