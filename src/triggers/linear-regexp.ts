// The only place that switches on V8's linear-time regexp engine. Pane output is untrusted,
// so a trigger's regex must not be able to backtrack for minutes on a crafted line: with the
// `l` flag V8 runs an automaton whose time grows linearly with the text, and refuses (at
// compile time) the features an automaton cannot run.
import v8 from 'node:v8';

let engineEnabled = false;

function enableLinearEngine(): void {
  if (engineEnabled) return;
  v8.setFlagsFromString('--enable-experimental-regexp-engine');
  engineEnabled = true;
}

/** Hints for why V8 refused a pattern in linear mode, checked in order; the first found is named. */
const UNSUPPORTED_FEATURES: ReadonlyArray<{ test: RegExp; what: string; fix: string }> = [
  { test: /\\[1-9]|\\k</, what: 'a backreference (\\1, \\k<name>)', fix: 'repeat the group\'s pattern instead of referring back to it' },
  { test: /\(\?<?[=!]/, what: 'lookahead or lookbehind ((?=, (?!, (?<=, (?<!)', fix: 'match the surrounding text too and capture the part you need' },
  { test: /\{\s*\d{3,}/, what: 'a large counted repetition ({n} with n in the hundreds or more)', fix: 'use + or * or a smaller count' },
];

export type LinearRegExpResult = RegExp | { error: string };

/**
 * Compiles `source` for the linear engine. A syntax error is reported as JavaScript sees it;
 * a valid pattern the engine cannot run names the feature and a rewrite.
 */
export function compileLinearRegExp(source: string): LinearRegExpResult {
  try {
    new RegExp(source);
  } catch (e) {
    return { error: `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  enableLinearEngine();
  try {
    const linear = new RegExp(source, 'l');
    // Without a choice to go back on, V8's usual engine cannot backtrack either, and runs such
    // a regex ~20x faster (bench/README.md, Triggers); the linear engine vouched for the rest.
    return choiceFree(source) ? new RegExp(source) : linear;
  } catch {
    const feature = UNSUPPORTED_FEATURES.find((f) => f.test.test(source));
    const what = feature ? `it uses ${feature.what}` : 'it uses a feature the linear-time engine lacks';
    const fix = feature ? feature.fix : 'avoid backreferences, lookaround and large {n} counts';
    return {
      error: `tmx runs trigger regexes in linear time so pane output cannot freeze it, and this one cannot run that way: ${what}; ${fix}`,
    };
  }
}

/**
 * Whether a pattern has nothing to backtrack over: no quantifier (`* + ? {`) and no alternation
 * (`|`), so every atom matches one fixed way and a search costs at most (text x pattern) steps
 * with any engine. Conservative: such a character inside a class or a `{` that JavaScript would
 * take literally count too (they only mean the linear engine runs it). Back-references and
 * lookaround never get here (the linear engine refuses them).
 */
export function choiceFree(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++; // an escape is one atom, whatever follows
    else if (c === '*' || c === '+' || c === '{' || c === '|') return false;
    else if (c === '?' && !(i > 0 && source[i - 1] === '(' && !escaped(source, i - 1))) return false; // (?: (?<name> are groups
  }
  return true;
}

/** Whether the character at `at` is escaped (preceded by an odd number of backslashes). */
function escaped(source: string, at: number): boolean {
  let slashes = 0;
  for (let i = at - 1; i >= 0 && source[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** A global copy for finding every match in a line (highlight); same engine as the regex's. */
export function globalCopy(regex: RegExp): RegExp {
  return new RegExp(regex.source, `${regex.flags}g`);
}
