// Builds the whole screen as a CellGrid from a FrameView: pane contents, borders with
// titles and badges, separators, the status line, prompts and overlays. Pure: the app
// hands in a view, this returns cells; nothing here knows about ptys or terminals.
import { Attr, CellGrid, charWidth, COLOR_DEFAULT, palette16, stripControls } from '../emulator/cells.js';
import type { CursorState } from './serialize.js';
import type { DrawnRows } from './drawn-rows.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What a pane shows, as cells (an Emulator is one). */
export interface PaneContent {
  /** The whole visible screen into `grid` at (left, top), clipped to width x height. */
  copyViewport(grid: CellGrid, left: number, top: number, width: number, height: number): void;
  /**
   * Per viewport row, a number that changes whenever the row's cells may have (Emulator.rowGenerations):
   * a painter that remembers the ones it drew redraws only the rows that moved since.
   */
  rowGenerations(): Float64Array;
  /** Rows [from, to] only, placed as copyViewport places them. */
  copyRows(grid: CellGrid, left: number, top: number, width: number, height: number, from: number, to: number): void;
}

export interface PaneView {
  /** The pane's identity: the same content source from frame to frame. */
  id: number;
  index: number;
  rect: Rect; // includes the top border row
  focused: boolean;
  title: string;
  /** Shown at the border's right end, e.g. the coprocess icon and command. */
  badge?: string;
  /** Shown at the border's left before the title, e.g. "paused" while a coprocess is not reading. */
  notice?: string;
  content: PaneContent;
  /** Lines in a box over the pane's middle (a silent coprocess's progress). */
  panel?: string[];
  /** Content-relative cursor as the pane's program left it. */
  cursor: CursorState;
}

export interface ChromeStyle {
  border: number;
  activeBorder: number;
  statusFg: number;
  statusBg: number;
  /** status-style's attributes (Attr bits): the empty part of the line has them too. */
  statusAttrs: number;
  messageFg: number;
  messageBg: number;
  lines: BorderStyle;
}

export const DEFAULT_STYLE: ChromeStyle = {
  border: COLOR_DEFAULT,
  activeBorder: palette16(2), // tmux's default pane-active-border-style: green
  statusFg: palette16(0),
  statusBg: palette16(2), // tmux's default status-style: black on green
  statusAttrs: 0,
  messageFg: palette16(0),
  messageBg: palette16(3), // tmux's default message-style: black on yellow
  lines: 'single',
};

export interface FrameView {
  width: number;
  height: number;
  panes: PaneView[];
  separators: Array<{ x: number; y: number; length: number }>;
  /** The status line's two sides, as runs of text each in its pen (the formats' #[style]s). */
  status?: { left: readonly StyledText[]; right: readonly StyledText[]; list?: { x: number; runs: readonly StyledText[] } };
  message?: string;
  /** When the message goes, on the clock FramePainter.paint is given: its view is not reused after. */
  messageUntil?: number;
  prompt?: { label: string; text: string; cursor: number };
  overlay?: { title: string; lines: string[]; scroll: number; chooser?: { selected: number } };
  paneNumbers: boolean;
  style: ChromeStyle;
}

/** Text in one pen. */
export interface StyledText {
  text: string;
  fg: number;
  bg: number;
  attrs: number;
}

export interface ComposedFrame {
  grid: CellGrid;
  cursor: CursorState;
}

/** Line characters for each `border-style`: horizontal, vertical, and the junctions. */
export const BORDER_LINES = {
  single: { h: '─', v: '│', top: '┬', cross: '┼', left: '┤', right: '├' },
  double: { h: '═', v: '║', top: '╦', cross: '╬', left: '╣', right: '╠' },
  heavy: { h: '━', v: '┃', top: '┳', cross: '╋', left: '┫', right: '┣' },
  ascii: { h: '-', v: '|', top: '+', cross: '+', left: '+', right: '+' },
} as const;
export type BorderStyle = keyof typeof BORDER_LINES;

/** `reuse`: a grid of an earlier frame, cleared and drawn into when its size still fits (less GC). */
export function composeFrame(view: FrameView, reuse?: CellGrid): ComposedFrame {
  const width = Math.max(0, view.width);
  const height = Math.max(0, view.height);
  const grid = reuse && reuse.width === width && reuse.height === height ? reuse : new CellGrid(width, height);
  if (grid === reuse) grid.clear();
  let cursor = paneCursor(view);
  const borderRows = new Set<string>();
  for (const pane of view.panes) drawPane(grid, pane, view.style, borderRows);
  drawSeparators(grid, view, borderRows);
  if (view.paneNumbers) for (const pane of view.panes) drawPaneNumber(grid, pane);
  if (view.overlay) {
    drawOverlay(grid, view.overlay, view.height - (view.status || view.prompt || view.message ? 1 : 0));
    cursor = { ...cursor, visible: false };
  }
  const bottom = view.height - 1;
  if (view.prompt && bottom >= 0) {
    cursor = drawPrompt(grid, bottom, view.prompt, view.style);
  } else if (view.message !== undefined && bottom >= 0) {
    grid.fill(0, bottom, grid.width, 1, ' ', view.style.messageFg, view.style.messageBg);
    grid.text(0, bottom, stripControls(view.message), grid.width, view.style.messageFg, view.style.messageBg);
  } else if (view.status && bottom >= 0) {
    drawStatus(grid, bottom, view.status, view.style);
  }
  return { grid, cursor };
}

/** Where the focused pane's program left its cursor, in screen cells. */
function paneCursor(view: FrameView): CursorState {
  for (const pane of view.panes) {
    if (!pane.focused || pane.rect.height <= 1) continue;
    const c = pane.cursor;
    const inside = c.x < pane.rect.width && c.y < pane.rect.height - 1;
    return { x: pane.rect.x + c.x, y: pane.rect.y + 1 + c.y, visible: c.visible && inside };
  }
  return { x: 0, y: 0, visible: false };
}

/**
 * Everything a frame shows except pane contents and the cursor, as one string: when it is the
 * same as the last frame's, only changed pane rows need drawing (see patchFrame). Undefined when
 * something is drawn over panes (overlay, pane numbers), a prompt is open (its cursor), or a
 * message covers the bottom row of a screen without a status line: then every frame is whole.
 */
export function chromeKey(view: FrameView): string | undefined {
  // A message takes the status line's row, which pane rows never reach (patchFrame stops above
  // it): frames stay patched while a trigger's notice shows through a flood. Without a status
  // line it covers a pane's last row, and frames are whole.
  if (view.overlay || view.paneNumbers || view.prompt || (view.message !== undefined && !view.status)) return undefined;
  const parts: Array<string | number | boolean | undefined> = [view.width, view.height, view.style.border,
    view.style.activeBorder, view.style.statusFg, view.style.statusBg, view.style.statusAttrs, view.style.lines,
    view.status && runsKey(view.status.left), view.status && runsKey(view.status.right),
    view.status?.list && `${view.status.list.x}:${runsKey(view.status.list.runs)}`, view.message];
  for (const p of view.panes) {
    parts.push(p.id, p.index, p.rect.x, p.rect.y, p.rect.width, p.rect.height, p.focused, p.title, p.badge, p.notice, p.panel?.join('\n'));
  }
  for (const s of view.separators) parts.push(s.x, s.y, s.length);
  return parts.join('\u0000');
}

const runsKey = (runs: readonly StyledText[]): string => runs.map((r) => `${r.fg},${r.bg},${r.attrs},${r.text}`).join('\u0001');

/**
 * A frame that redraws only pane rows changed since `drawn` was recorded. `shown` is the last
 * frame (composed from a view with the same chromeKey); the changed rows are drawn into `next`, a
 * scratch grid of the same size whose other rows are stale. Returns those screen rows, ascending.
 */
export function patchFrame(view: FrameView, shown: CellGrid, next: CellGrid, drawn: DrawnRows): { rows: number[]; cursor: CursorState } {
  const changes: Array<{ pane: PaneView; runs: Array<[number, number]> }> = [];
  let touched: Uint8Array | undefined;
  // The status line is drawn over the panes: on a terminal smaller than the window they reach under it.
  const bottom = view.status ? view.height - 1 : view.height;
  for (const pane of view.panes) {
    const contentHeight = Math.min(pane.rect.height - 1, bottom - pane.rect.y - 1);
    if (contentHeight <= 0 || pane.rect.width <= 0) continue;
    const runs = drawn.takeChanged(pane, contentHeight);
    if (runs.length === 0) continue;
    changes.push({ pane, runs });
    touched ??= new Uint8Array(next.height);
    for (const [from, to] of runs) {
      for (let row = from; row <= to; row++) {
        const y = pane.rect.y + 1 + row;
        if (y >= 0 && y < next.height) touched[y] = 1;
      }
    }
  }
  const rows: number[] = [];
  if (touched) for (let y = 0; y < next.height; y++) if (touched[y]) rows.push(y);
  // Each touched row starts as shown (borders, separators, the panes beside), then changes land on it.
  for (const y of rows) next.copyRowFrom(shown, y);
  for (const { pane, runs } of changes) {
    const { x, y, width } = pane.rect;
    const height = Math.min(pane.rect.height, bottom - y);
    for (const [from, to] of runs) pane.content.copyRows(next, x, y + 1, width, height - 1, from, to);
  }
  return { rows, cursor: paneCursor(view) };
}

function drawPane(grid: CellGrid, pane: PaneView, style: ChromeStyle, borderRows: Set<string>): void {
  const { x, y, width, height } = pane.rect;
  if (width <= 0 || height <= 0) return;
  const color = pane.focused ? style.activeBorder : style.border;
  grid.fill(x, y, width, 1, BORDER_LINES[style.lines].h, color);
  for (let col = x; col < x + width; col++) borderRows.add(`${col},${y}`);
  // Priority when space is short: the index, then the notice (it explains a stalled pane),
  // then the badge (something runs here, at most half the border), then the title.
  const notice = pane.notice ? `[${stripControls(pane.notice)}] ` : '';
  const badge = pane.badge ? ` ${shorten(stripControls(pane.badge), Math.floor((width - 2) / 2) - 2)} ` : '';
  const badgeX = x + width - 1 - [...badge].length;
  const end = pane.badge ? badgeX : x + width - 1;
  const attrs = pane.focused ? Attr.BOLD : 0;
  let next = grid.text(x + 1, y, ` ${pane.index}: `, end, color, COLOR_DEFAULT, attrs);
  next = grid.text(next, y, notice, end, palette16(1), COLOR_DEFAULT, Attr.BOLD);
  grid.text(next, y, `${stripControls(pane.title)} `, end, color, COLOR_DEFAULT, attrs);
  if (pane.badge && badge.length > 2) grid.text(badgeX, y, badge, x + width - 1, palette16(6), COLOR_DEFAULT, Attr.BOLD);
  if (height > 1) pane.content.copyViewport(grid, x, y + 1, width, height - 1);
  if (pane.panel && height > 1) drawPanel(grid, pane.rect, pane.panel, style);
}

/** A box of lines over the middle of a pane's content, in the message colours. */
function drawPanel(grid: CellGrid, rect: Rect, lines: string[], style: ChromeStyle): void {
  const clean = lines.map((line) => ` ${stripControls(line)} `);
  const contentHeight = rect.height - 1;
  const boxWidth = Math.min(rect.width, Math.max(...clean.map((line) => [...line].length)));
  const shown = clean.slice(0, contentHeight);
  const left = rect.x + Math.floor((rect.width - boxWidth) / 2);
  const top = rect.y + 1 + Math.floor((contentHeight - shown.length) / 2);
  shown.forEach((line, i) => {
    grid.fill(left, top + i, boxWidth, 1, ' ', style.messageFg, style.messageBg);
    grid.text(left, top + i, shorten(line, boxWidth), left + boxWidth, style.messageFg, style.messageBg);
  });
}

function drawSeparators(grid: CellGrid, view: FrameView, borderRows: Set<string>): void {
  const color = view.style.border;
  const lines = BORDER_LINES[view.style.lines];
  for (const sep of view.separators) {
    for (let row = sep.y; row < sep.y + sep.length; row++) {
      const left = borderRows.has(`${sep.x - 1},${row}`);
      const right = borderRows.has(`${sep.x + 1},${row}`);
      const ch = left && right ? (row === 0 ? lines.top : lines.cross) : left ? lines.left : right ? lines.right : lines.v;
      grid.set(sep.x, row, ch, color);
    }
  }
}

function drawPaneNumber(grid: CellGrid, pane: PaneView): void {
  const { x, y, width, height } = pane.rect;
  const label = ` ${pane.index} `;
  const cx = x + Math.max(0, Math.floor((width - label.length) / 2));
  const cy = y + Math.floor(height / 2);
  const bg = pane.focused ? palette16(1) : palette16(4); // tmux: red for the active pane, blue otherwise
  grid.text(cx, cy, label, x + width, palette16(7), bg, Attr.BOLD);
}

function drawOverlay(grid: CellGrid, overlay: NonNullable<FrameView['overlay']>, rows: number): void {
  if (rows <= 0) return;
  grid.fill(0, 0, grid.width, rows, ' ');
  const keys = overlay.chooser ? 'Enter or a digit to choose, Up/Down to move, q or Escape to close' : 'q or Escape to close, Up/Down/PageUp/PageDown to scroll';
  const title = `${stripControls(overlay.title)}  (${keys})`;
  grid.text(0, 0, title, grid.width, palette16(0), palette16(3), Attr.BOLD);
  if (overlay.chooser) {
    // One line per choice (cut, not wrapped, so lines and choices stay one to one).
    const selected = overlay.chooser.selected;
    overlay.lines.slice(overlay.scroll, overlay.scroll + rows - 1).forEach((line, i) => {
      const chosen = overlay.scroll + i === selected;
      grid.text(0, i + 1, stripControls(line).padEnd(grid.width), grid.width, undefined, undefined, chosen ? Attr.INVERSE : 0);
    });
    return;
  }
  // Long lines (file paths, messages) wrap rather than being cut off.
  const wrapped = overlay.lines.flatMap((line) => wrapText(stripControls(line), Math.max(1, grid.width)));
  const visible = wrapped.slice(overlay.scroll, overlay.scroll + rows - 1);
  visible.forEach((line, i) => grid.text(0, i + 1, line, grid.width));
}

function wrapText(line: string, width: number): string[] {
  const chars = [...line];
  if (chars.length <= width) return [line];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}

function drawPrompt(grid: CellGrid, row: number, prompt: NonNullable<FrameView['prompt']>, style: ChromeStyle): CursorState {
  grid.fill(0, row, grid.width, 1, ' ', style.messageFg, style.messageBg);
  const label = stripControls(prompt.label);
  const chars = [...prompt.text];
  const labelEnd = grid.text(0, row, label, grid.width, style.messageFg, style.messageBg);
  // Scroll long input so the cursor stays visible.
  const room = Math.max(1, grid.width - labelEnd - 1);
  const start = Math.max(0, prompt.cursor - room);
  grid.text(labelEnd, row, chars.slice(start).join(''), grid.width, style.messageFg, style.messageBg);
  const before = chars.slice(start, prompt.cursor).join('');
  let cursorX = labelEnd;
  for (const ch of before) cursorX += ch.length > 0 ? 1 : 0;
  return { x: Math.min(cursorX, grid.width - 1), y: row, visible: true };
}

function drawStatus(grid: CellGrid, row: number, status: NonNullable<FrameView['status']>, style: ChromeStyle): void {
  grid.fill(0, row, grid.width, 1, ' ', style.statusFg, style.statusBg, style.statusAttrs);
  const right = status.right.map((run) => ({ ...run, text: stripControls(run.text) }));
  let rightWidth = 0;
  for (const run of right) for (const ch of run.text) rightWidth += charWidth(ch);
  let x = 0;
  for (const run of status.left) x = grid.text(x, row, stripControls(run.text), grid.width, run.fg, run.bg, run.attrs);
  x = Math.max(x + 1, grid.width - rightWidth);
  for (const run of right) x = grid.text(x, row, run.text, grid.width, run.fg, run.bg, run.attrs);
  // status-justify's list, last: absolute-centre draws it over the sides, as tmux does.
  if (status.list) {
    x = status.list.x;
    for (const run of status.list.runs) x = grid.text(x, row, stripControls(run.text), grid.width, run.fg, run.bg, run.attrs);
  }
}

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
function shorten(text: string, max: number): string {
  const chars = [...text];
  if (max <= 0) return '';
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
