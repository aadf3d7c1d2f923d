// find-window's matching, as tmux's: MATCH is a glob (fnmatch's `*`, `?`, `[...]`) found anywhere
// in the text (tmux wraps it in `*...*`), or with -r a regular expression; -i ignores case.
// Pure: the windows and panes are looked through by window-commands.ts.

export interface TextMatch {
  match: string;
  regex: boolean;
  ignoreCase: boolean;
}

/** A test for one line of text, or a message when MATCH is not a valid regular expression. */
export function textMatcher(spec: TextMatch): ((text: string) => boolean) | { error: string } {
  const flags = spec.ignoreCase ? 'iu' : 'u';
  let pattern: RegExp;
  try {
    pattern = new RegExp(spec.regex ? spec.match : globSource(spec.match), flags);
  } catch (error) {
    return { error: `bad regular expression ${JSON.stringify(spec.match)}: ${(error as Error).message}` };
  }
  return (text) => pattern.test(text);
}

/** fnmatch's glob as a regular expression's source, unanchored (tmux's `*MATCH*`). */
export function globSource(glob: string): string {
  let out = '';
  const chars = [...glob];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '\\' && i + 1 < chars.length) out += escapeChar(chars[++i]!);
    else if (c === '[') {
      const close = bracketEnd(chars, i);
      if (close < 0) out += '\\[';
      else {
        // `[!a-z]` is fnmatch's negation; inside, only `\` and `]` need care for RegExp.
        let body = chars.slice(i + 1, close).join('');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\').replace(/^(\^?)\]/, '$1\\]')}]`;
        i = close;
      }
    } else out += escapeChar(c);
  }
  return out;
}

function escapeChar(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/** Where the bracket expression opened at `open` ends (`]` first inside is a member), or -1. */
function bracketEnd(chars: readonly string[], open: number): number {
  let i = open + 1;
  if (chars[i] === '!') i++;
  if (chars[i] === ']') i++;
  for (; i < chars.length; i++) if (chars[i] === ']') return i;
  return -1;
}
