// tmux's formats (`#{pane_id}`, `#{session_name}`): a template and a table of values. What each
// name means is data (FORMAT_NAMES, for help and tests); the values come from the server.
import { charWidth } from '../emulator/cells.js';
import { strftime } from './strftime.js';

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
  window_width: 'width of the window',
  window_height: 'height of the window',
  window_flags: 'the window\'s flags as the status line shows them: * current, - last, # activity, ! bell, Z zoomed',
  window_last_flag: '1 if the window is the last one shown',
  window_activity_flag: '1 if a pane of the window printed while it was not shown (monitor-activity)',
  window_bell_flag: '1 if a pane of the window rang the bell while it was not shown',
  window_zoomed_flag: '1 if the window has a zoomed pane',
  session_name: 'the session\'s name',
  session_id: 'the session\'s unique id, $N',
  session_windows: 'number of windows in the session',
  session_attached: 'number of clients attached to the session',
  session_created: 'when the session was made (seconds since 1970)',
  session_width: 'the session\'s width',
  session_height: 'the session\'s height',
  client_prefix: '1 while the prefix key has been pressed (the status line\'s only)',
  host: 'the host name',
  host_short: 'the host name up to its first dot',
  pid: 'the server\'s pid',
  socket_path: 'the server\'s socket',
};

export type FormatValues = Readonly<Record<string, string | number | undefined>>;

/** tmux's one-letter aliases: `#S` is `#{session_name}`, `#W` `#{window_name}`, ... */
export const FORMAT_ALIASES: Readonly<Record<string, string>> = {
  D: 'pane_id',
  F: 'window_flags',
  H: 'host',
  h: 'host_short',
  I: 'window_index',
  P: 'pane_index',
  S: 'session_name',
  T: 'pane_title',
  W: 'window_name',
};

/**
 * How deep `#{?...}` and `#{=N:#{...}}` may nest: a user's format is never near it, and a
 * crafted one ends here instead of in a stack overflow (tmux stops at 100 too).
 */
const MAX_NESTING = 100;

/**
 * A tmux format expanded: `#{name}` and the `#S`-style aliases by their values (an unknown name
 * is empty, as in tmux), `#{?cond,then,else}`, `#{==:a,b}` `#{!=:a,b}` `#{||:a,b}` `#{&&:a,b}`,
 * `#{=N:name}` (its first N columns; -N its last; `=/N/…:` marks a cut), `##` `#,` `#}` for
 * the characters themselves. `#[style]` is dropped (the status line reads it: expandFormatMarkup).
 * With `time`, `%H:%M`-style conversions are filled in first, as tmux's status line does.
 */
export function expandFormat(template: string, values: FormatValues, time?: Date): string {
  return markupText(expandFormatMarkup(template, values, time));
}

/**
 * The format expanded as markup: its `#[style]`s kept where they were, every other `#` (a value's
 * too, so a title cannot set a style) written `##`. parseMarkup reads it back.
 */
export function expandFormatMarkup(template: string, values: FormatValues, time?: Date): string {
  return expand(time ? strftime(template, time) : template, values, 0);
}

/** A piece of markup: text to show, or a style to apply from there on. */
export type MarkupPiece = { text: string } | { style: string };

/** Markup read into its pieces: `##` is one `#`, `#[...]` a style. */
export function parseMarkup(markup: string): MarkupPiece[] {
  const pieces: MarkupPiece[] = [];
  let text = '';
  let i = 0;
  while (i < markup.length) {
    const hash = markup.indexOf('#', i);
    if (hash < 0) {
      text += markup.slice(i);
      break;
    }
    text += markup.slice(i, hash);
    if (markup[hash + 1] === '[') {
      const end = markup.indexOf(']', hash + 2);
      if (text) pieces.push({ text });
      text = '';
      if (end < 0) return pieces;
      pieces.push({ style: markup.slice(hash + 2, end) });
      i = end + 1;
    } else {
      text += '#';
      i = hash + (markup[hash + 1] === '#' ? 2 : 1);
    }
  }
  if (text) pieces.push({ text });
  return pieces;
}

/** The text markup shows, its styles left out. */
export function markupText(markup: string): string {
  if (!markup.includes('#')) return markup;
  return parseMarkup(markup).map((piece) => ('text' in piece ? piece.text : '')).join('');
}

/** Text written as markup that shows it as it is. */
export const escapeMarkup = (text: string): string => (text.includes('#') ? text.replaceAll('#', '##') : text);

/** A value, as markup. */
function lookup(values: FormatValues, name: string): string {
  return escapeMarkup(String(values[name] ?? ''));
}

function expand(text: string, values: FormatValues, depth: number): string {
  if (depth > MAX_NESTING) return '';
  let out = '';
  let i = 0;
  while (i < text.length) {
    const hash = text.indexOf('#', i);
    if (hash < 0) {
      out += text.slice(i);
      break;
    }
    if (hash === text.length - 1) {
      out += `${text.slice(i, hash)}##`;
      break;
    }
    out += text.slice(i, hash);
    const next = text[hash + 1]!;
    if (next === '{') {
      const end = closingBrace(text, hash + 2);
      if (end < 0) {
        out += text.slice(hash);
        break;
      }
      out += expandBraces(text.slice(hash + 2, end), values, depth + 1);
      i = end + 1;
    } else if (next === '[') {
      // A style stays, its inside expanded as tmux does (`#[fg=#{?client_prefix,red,green}]`,
      // `#,`); an unclosed one is dropped, with what follows.
      const end = text.indexOf(']', hash + 2);
      if (end >= 0) out += `#[${markupText(expand(text.slice(hash + 2, end), values, depth + 1)).replaceAll(']', '')}]`;
      i = end < 0 ? text.length : end + 1;
    } else if (next === '#') {
      out += '##';
      i = hash + 2;
    } else if (next === ',' || next === '}') {
      out += next;
      i = hash + 2;
    } else {
      const alias = FORMAT_ALIASES[next];
      out += alias ? lookup(values, alias) : `##${next}`;
      i = hash + 2;
    }
  }
  return out;
}

/** Where the `}` closing a `#{` whose inside starts at `from` is, or -1. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#' && i + 1 < text.length) {
      if (text[i + 1] === '{') depth++;
      i++;
    } else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `text` split at the commas outside any `#{...}` (a `#,` is not one). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '#' && i + 1 < text.length) {
      if (text[i + 1] === '{') depth++;
      i++;
    } else if (ch === '}' && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const truthy = (value: string): boolean => value !== '' && value !== '0';

/** A condition or a trimmed value: a format when it has a `#`, else a name to look up. */
function operand(text: string, values: FormatValues, depth: number): string {
  return text.includes('#') ? expand(text, values, depth) : lookup(values, text);
}

/** tmux's `=N`, `=-N` and `=/N/marker` trim modifier, or undefined when `modifier` is another. */
const TRIM_MODIFIER = /^=(?:(-?\d+)|\/(-?\d+)\/(.*))$/s;

/** The inside of one `#{...}`. */
function expandBraces(inside: string, values: FormatValues, depth: number): string {
  if (inside.startsWith('?')) {
    const parts = splitTopLevel(inside.slice(1));
    // #{?c1,a,c2,b,else}: the first true condition's value.
    let at = 0;
    for (; at + 1 < parts.length; at += 2) {
      if (truthy(operand(parts[at]!, values, depth))) return expand(parts[at + 1]!, values, depth);
    }
    return at < parts.length ? expand(parts[at]!, values, depth) : '';
  }
  const colon = inside.indexOf(':');
  if (colon < 0) return lookup(values, inside);
  const modifier = inside.slice(0, colon);
  const rest = inside.slice(colon + 1);
  const operator = ['==', '!=', '||', '&&'].indexOf(modifier);
  if (operator >= 0) {
    const [a = '', b = ''] = splitTopLevel(rest).map((part) => expand(part, values, depth));
    const result = [a === b, a !== b, truthy(a) || truthy(b), truthy(a) && truthy(b)][operator];
    return result ? '1' : '0';
  }
  const trim = TRIM_MODIFIER.exec(modifier);
  if (trim) return trimMarkup(operand(rest, values, depth), Number(trim[1] ?? trim[2]), escapeMarkup(trim[3] ?? ''));
  return lookup(values, inside);
}

/** The first `limit` columns of `text` (the last -limit when negative), `marker` where it was cut. */
export function trimColumns(text: string, limit: number, marker = ''): string {
  const chars = [...text];
  const columns = Math.abs(limit);
  let width = 0;
  for (const ch of chars) width += charWidth(ch);
  if (width <= columns) return text;
  const from = limit >= 0 ? chars : chars.reverse();
  const kept: string[] = [];
  let used = 0;
  for (const ch of from) {
    if (used + charWidth(ch) > columns) break;
    used += charWidth(ch);
    kept.push(ch);
  }
  return limit >= 0 ? kept.join('') + marker : marker + kept.reverse().join('');
}

/**
 * Markup cut to `limit` shown columns (the last -limit when negative; 0 leaves it whole, as tmux's
 * `=0` and status-left-length 0), `marker` (markup) where it was cut. As tmux: styles up to a left
 * cut are kept; a right cut keeps every style.
 */
export function trimMarkup(markup: string, limit: number, marker = ''): string {
  if (limit === 0) return markup;
  const pieces = parseMarkup(markup);
  const columns = Math.abs(limit);
  let width = 0;
  for (const piece of pieces) if ('text' in piece) width += columnsOf(piece.text);
  if (width <= columns) return markup;
  const kept = limit >= 0 ? keepFirst(pieces, columns) : keepLast(pieces, columns);
  const body = kept.map((piece) => ('text' in piece ? escapeMarkup(piece.text) : `#[${piece.style}]`)).join('');
  return limit >= 0 ? body + marker : marker + body;
}

function columnsOf(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

function keepFirst(pieces: readonly MarkupPiece[], columns: number): MarkupPiece[] {
  const kept: MarkupPiece[] = [];
  let used = 0;
  for (const piece of pieces) {
    if (!('text' in piece)) {
      kept.push(piece);
      continue;
    }
    const text = trimColumns(piece.text, columns - used);
    kept.push({ text });
    used += columnsOf(text);
    if (text !== piece.text) break;
  }
  return kept;
}

function keepLast(pieces: readonly MarkupPiece[], columns: number): MarkupPiece[] {
  const kept: MarkupPiece[] = [];
  let used = 0;
  for (const piece of [...pieces].reverse()) {
    if (!('text' in piece)) {
      kept.unshift(piece);
      continue;
    }
    const text = used >= columns ? '' : trimColumns(piece.text, -(columns - used));
    kept.unshift({ text });
    used += columnsOf(text);
  }
  return kept;
}

/** tmux's list-panes line. */
export const LIST_PANES_FORMAT = '#{pane_index}: [#{pane_width}x#{pane_height}] #{pane_current_command} #{pane_id}';
export const LIST_PANES_ALL_FORMAT = '#{session_name}:#{window_index}.#{pane_index}: [#{pane_width}x#{pane_height}] #{pane_current_command} #{pane_id}';
