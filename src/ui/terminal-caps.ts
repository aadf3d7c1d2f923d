// What the outer terminal can draw, from its environment (and terminfo where it was read).
// No blessed here: the client (src/client/client-terminal.ts) decides without loading it.

export function detectTruecolor(env: NodeJS.ProcessEnv, terminfoHas: (cap: string) => boolean): boolean {
  const colorterm = (env.COLORTERM ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return true;
  try {
    return terminfoHas('RGB') || terminfoHas('Tc');
  } catch {
    return false;
  }
}

/**
 * Whether the terminal draws underline styles and colours (SGR 4:n, 58). blessed does not read
 * terminfo's extended capabilities (Smulx, Setulc), so this goes by what is known: tmux parses
 * them whatever its own terminal is (TMUX is set inside it; tmux's terminfo has Smulx), and so
 * do kitty, foot, WezTerm and Ghostty. Anything else gets plain underlines; the option
 * styled-underlines turns them on (or off) by hand.
 */
export function detectStyledUnderlines(env: NodeJS.ProcessEnv): boolean {
  if (env.TMUX) return true;
  const term = (env.TERM ?? '').toLowerCase();
  if (/^(tmux|xterm-kitty|foot|wezterm|xterm-ghostty)/.test(term)) return true;
  return /^(wezterm|ghostty)$/i.test(env.TERM_PROGRAM ?? '');
}
