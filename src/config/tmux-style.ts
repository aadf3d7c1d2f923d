// tmux's style strings (`bg=green,fg=black`, status-style) read into the compositor's colours.
// Attributes tmux knows (bold, reverse, align=...) are accepted and not drawn: the status line
// has one pen; a colour tmux would not know is an error naming it.
import { COLOR_DEFAULT, palette16, palette256, rgbColor } from '../emulator/cells.js';

const NAMED = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
/** tmux's attribute words and their no- forms, and the keys of its other style settings. */
const ATTRIBUTES = new Set(['none', 'default', 'bright', 'bold', 'dim', 'underscore', 'blink', 'reverse', 'hidden', 'italics',
  'overline', 'strikethrough', 'double-underscore', 'curly-underscore', 'dotted-underscore', 'dashed-underscore',
  'nobold', 'nodim', 'nounderscore', 'noblink', 'noreverse', 'nohidden', 'noitalics', 'nooverline', 'nostrikethrough']);
const SETTINGS = new Set(['align', 'list', 'range', 'fill', 'us', 'push-default', 'pop-default']);

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

export interface StyleColours {
  fg: number;
  bg: number;
}

/** The fg and bg a style string sets (the terminal's own where it says none), or what is wrong with it. */
export function parseStyle(text: string): StyleColours | { error: string } {
  const colours: StyleColours = { fg: COLOR_DEFAULT, bg: COLOR_DEFAULT };
  for (const word of text.split(/[,\s]+/).filter(Boolean)) {
    const [key, value] = word.includes('=') ? [word.slice(0, word.indexOf('=')).toLowerCase(), word.slice(word.indexOf('=') + 1)] : [word.toLowerCase(), undefined];
    if (value === undefined) {
      if (!ATTRIBUTES.has(key)) return { error: `"${word}" is not a style tmux knows (e.g. bg=green,fg=black)` };
    } else if (key === 'fg' || key === 'bg') {
      const colour = parseColour(value);
      if (colour === undefined) return { error: `"${value}" is not a colour (green, brightred, colour42, #00ff00, default)` };
      colours[key] = colour;
    } else if (!SETTINGS.has(key)) {
      return { error: `"${key}=" is not a style setting (fg=, bg=)` };
    }
  }
  return colours;
}

/** What is wrong with a style string, for the rc file's check, or undefined. */
export function styleProblem(text: string): string | undefined {
  const parsed = parseStyle(text);
  return 'error' in parsed ? parsed.error : undefined;
}
