// tmux's style strings (`bg=green,fg=black`, status-style, `#[fg=red,bold]` in a format) read into
// the compositor's colours and attributes. Settings that place things (align=, list=, range=, fill=)
// are accepted and not drawn; a word or colour tmux would not know is an error naming it.
import { Attr, COLOR_DEFAULT, palette16, palette256, rgbColor, underlineAttrs, UnderlineStyle } from '../emulator/cells.js';

const NAMED = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const UNDERLINES = Attr.UNDERLINE | Attr.UNDERLINE_STYLE;
/** tmux's attribute words and the cell attributes each sets (bright is bold, as in tmux). */
const ATTRIBUTE_BITS: Readonly<Record<string, number>> = {
  bright: Attr.BOLD, bold: Attr.BOLD, dim: Attr.DIM, underscore: Attr.UNDERLINE, blink: Attr.BLINK,
  reverse: Attr.INVERSE, hidden: Attr.INVISIBLE, italics: Attr.ITALIC, overline: Attr.OVERLINE,
  strikethrough: Attr.STRIKE, 'double-underscore': underlineAttrs(UnderlineStyle.DOUBLE),
  'curly-underscore': underlineAttrs(UnderlineStyle.CURLY), 'dotted-underscore': underlineAttrs(UnderlineStyle.DOTTED),
  'dashed-underscore': underlineAttrs(UnderlineStyle.DASHED),
};
/** The keys of tmux's other style settings, and its words that set no attribute. */
const SETTINGS = new Set(['align', 'list', 'range', 'fill', 'us', 'width']);
const OTHER_WORDS = new Set(['ignore', 'noignore', 'nolist', 'norange', 'noalign']);

/** A colour as tmux writes it (green, brightred, colour42, #00ff00, default), or undefined. */
export function parseColour(text: string): number | undefined {
  const name = text.toLowerCase();
  if (name === 'default' || name === 'terminal') return COLOR_DEFAULT;
  const basic = NAMED.indexOf(name);
  if (basic >= 0) return palette16(basic);
  if (name.startsWith('bright') && NAMED.includes(name.slice(6))) return palette16(8 + NAMED.indexOf(name.slice(6)));
  const numbered = /^colou?r(\d{1,3})$/.exec(name);
  if (numbered && Number(numbered[1]) <= 255) {
    const n = Number(numbered[1]);
    return n < 16 ? palette16(n) : palette256(n);
  }
  const rgb = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(name);
  if (rgb) return rgbColor(parseInt(rgb[1]!, 16), parseInt(rgb[2]!, 16), parseInt(rgb[3]!, 16));
  return undefined;
}

/** A pen: colours and cell attributes (Attr bits). */
export interface Pen {
  fg: number;
  bg: number;
  attrs: number;
}

/** The terminal's own colours, no attributes: what status-style is read on top of. */
export const PLAIN_PEN: Pen = { fg: COLOR_DEFAULT, bg: COLOR_DEFAULT, attrs: 0 };

/** A style applied: the new pen, and whether it said push-default or pop-default. */
export interface AppliedStyle {
  pen: Pen;
  push: boolean;
  pop: boolean;
}

/** One word of a style, ready to apply. */
type StyleStep =
  | { op: 'default' | 'none' | 'push' | 'pop' }
  | { op: 'set' | 'clear'; bits: number }
  | { op: 'colour'; key: 'fg' | 'bg'; colour: number; fromBase: boolean };

/** A style string read once into steps (the status line applies the same few on every frame). */
const compiled = new Map<string, StyleStep[] | { error: string }>();
const COMPILED_MAX = 512;

function compileStyle(text: string): StyleStep[] | { error: string } {
  let steps = compiled.get(text);
  if (steps) return steps;
  steps = readStyle(text);
  if (compiled.size >= COMPILED_MAX) compiled.clear();
  compiled.set(text, steps);
  return steps;
}

function readStyle(text: string): StyleStep[] | { error: string } {
  const steps: StyleStep[] = [];
  for (const word of text.split(/[,\s]+/).filter(Boolean)) {
    const eq = word.indexOf('=');
    const key = (eq < 0 ? word : word.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? undefined : word.slice(eq + 1);
    if (value === undefined) {
      const bits = ATTRIBUTE_BITS[key];
      const cleared = key.startsWith('no') ? ATTRIBUTE_BITS[key.slice(2)] : undefined;
      if (key === 'default' || key === 'none') steps.push({ op: key });
      else if (key === 'push-default' || key === 'pop-default') steps.push({ op: key === 'push-default' ? 'push' : 'pop' });
      // An underline of one style replaces one of another; nounderscore drops any.
      else if (bits !== undefined) steps.push({ op: 'clear', bits: bits & UNDERLINES ? UNDERLINES : 0 }, { op: 'set', bits });
      else if (cleared !== undefined) steps.push({ op: 'clear', bits: cleared & UNDERLINES ? UNDERLINES : cleared });
      else if (!OTHER_WORDS.has(key)) return { error: `"${word}" is not a style tmux knows (e.g. bg=green,fg=black)` };
    } else if (key === 'fg' || key === 'bg') {
      const colour = parseColour(value);
      if (colour === undefined) return { error: `"${value}" is not a colour (green, brightred, colour42, #00ff00, default)` };
      steps.push({ op: 'colour', key, colour, fromBase: value.toLowerCase() === 'default' });
    } else if (!SETTINGS.has(key)) {
      return { error: `"${key}=" is not a style setting (fg=, bg=)` };
    }
  }
  return steps;
}

/**
 * `text` applied on top of `pen`, as tmux's style_parse: `default` (and fg=default, bg=default)
 * go back to `base`, `none` drops the attributes, `noX` drops one, `terminal` is the terminal's colour.
 */
export function applyStyle(text: string, pen: Pen, base: Pen): AppliedStyle | { error: string } {
  const steps = compileStyle(text);
  if ('error' in steps) return steps;
  const out = { ...pen };
  let push = false;
  let pop = false;
  for (const step of steps) {
    if (step.op === 'colour') out[step.key] = step.fromBase ? base[step.key] : step.colour;
    else if (step.op === 'set') out.attrs |= step.bits;
    else if (step.op === 'clear') out.attrs &= ~step.bits;
    else if (step.op === 'default') Object.assign(out, base);
    else if (step.op === 'none') out.attrs = 0;
    else if (step.op === 'push') push = true;
    else pop = true;
  }
  return { pen: out, push, pop };
}

/** The pen a style string gives on the terminal's own colours (status-style), or what is wrong with it. */
export function parsePen(text: string): Pen | { error: string } {
  const applied = applyStyle(text, PLAIN_PEN, PLAIN_PEN);
  return 'error' in applied ? applied : applied.pen;
}

/** What is wrong with a style string, for the rc file's check, or undefined. */
export function styleProblem(text: string): string | undefined {
  const parsed = applyStyle(text, PLAIN_PEN, PLAIN_PEN);
  return 'error' in parsed ? parsed.error : undefined;
}
