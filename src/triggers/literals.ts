// Which literal text a trigger's regex needs: a set of strings such that every match contains
// at least one of them (RE2's prefilter, ripgrep's inner literals). A line containing none of
// them cannot match, so the regex need not run on it. The answer must never be wrong, only
// weak: anything this parser does not fully understand yields "no literal" (run on every line).
//
// Trigger regexes are compiled without flags (no `u`, no `i`: see linear-regexp.ts), so the
// pattern is read with Annex B's rules and matched by UTF-16 code unit, as here.

/** Largest set of strings carried through the analysis; more is no useful prefilter anyway. */
const MAX_SET = 16;
/** A character class of at most this many characters is expanded ([Ee]rror -> Error, error). */
const MAX_CLASS_CHARS = 4;

/** What a piece of pattern matches, as far as literals go. */
interface Info {
  /** Exactly the strings it matches, when few (undefined: too many, or unknown). */
  exact?: Set<string>;
  /** Every match contains one of these (undefined: no such set known). */
  required?: Set<string>;
  /** Every match starts with one of these. */
  prefix?: Set<string>;
  /** Every match ends with one of these. */
  suffix?: Set<string>;
}

/** Matches anything, the empty string included, as far as a filter can tell. */
const ANYTHING: Info = {};
/** Zero-width (^ $ \b \B). */
const EMPTY: Info = { exact: new Set(['']) };
const NO_TEXT = new Set(['']);

class Unsupported extends Error {}

/**
 * Literals one of which every match of `source` contains, or undefined when there is no such
 * set (the regex can match without any fixed text, like `^\d+$`) or the pattern is beyond
 * this parser. An empty array means the regex can never match anything.
 */
export function requiredLiterals(source: string): string[] | undefined {
  let info: Info;
  try {
    info = new Parser(source).parse();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const set = requiredOf(info);
  if (set === undefined || set.has('')) return undefined;
  return minimal([...set]);
}

/** Drops any literal that contains another one: a line with the longer has the shorter too. */
function minimal(literals: string[]): string[] {
  const sorted = literals.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const literal of sorted) if (!kept.some((k) => literal.includes(k))) kept.push(literal);
  return kept;
}

function requiredOf(info: Info): Set<string> | undefined {
  if (info.exact !== undefined) return info.exact.has('') ? undefined : info.exact;
  return info.required;
}

const prefixOf = (info: Info): Set<string> | undefined => info.exact ?? info.prefix;
const suffixOf = (info: Info): Set<string> | undefined => info.exact ?? info.suffix;

/** Higher is a better filter: longer shortest literal, then fewer literals. */
function score(set: Set<string>): number {
  let shortest = Infinity;
  for (const s of set) shortest = Math.min(shortest, s.length);
  return shortest === Infinity ? Infinity : shortest * 1000 - set.size;
}

/** The better requirement of two; a set holding '' requires nothing and never wins. */
function better(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (b === undefined || b.has('')) return a;
  if (a === undefined) return b;
  return score(b) > score(a) ? b : a;
}

function cross(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_SET) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

function union(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (a === undefined || b === undefined) return undefined;
  const out = new Set([...a, ...b]);
  return out.size > MAX_SET ? undefined : out;
}

/**
 * A sequence. `run` holds the text of the exact parts since the last break, joined to the
 * suffix of the part before them; at each break (a part with no exact set, or too many
 * combinations) the run, joined to that part's prefix, is a requirement.
 */
function concat(parts: Info[]): Info {
  let best: Set<string> | undefined;
  let run: Set<string> = NO_TEXT;
  let prefix: Set<string> | undefined;
  let broken = false;
  for (const part of parts) {
    if (part.exact !== undefined) {
      const next = cross(run, part.exact);
      if (next !== undefined) {
        run = next;
        continue;
      }
      // Too many combinations: what the run has so far is a requirement; start again here.
      best = better(best, run);
      if (!broken) prefix = run;
      broken = true;
      run = part.exact;
      continue;
    }
    const joined = cross(run, part.prefix ?? NO_TEXT) ?? run;
    best = better(better(best, joined), part.required);
    if (!broken) prefix = joined;
    broken = true;
    run = part.suffix ?? NO_TEXT;
  }
  if (!broken) return { exact: run };
  return { required: better(best, run), prefix, suffix: run };
}

function alternate(branches: Info[]): Info {
  let exact: Set<string> | undefined = new Set();
  let required: Set<string> | undefined = new Set();
  let prefix: Set<string> | undefined = new Set();
  let suffix: Set<string> | undefined = new Set();
  for (const branch of branches) {
    exact = union(exact, branch.exact);
    required = union(required, requiredOf(branch));
    prefix = union(prefix, prefixOf(branch));
    suffix = union(suffix, suffixOf(branch));
  }
  return exact !== undefined ? { exact } : { required, prefix, suffix };
}

function repeat(info: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return info;
  if (min === 0) {
    // x? is x or nothing; x* and x{0,n} are nothing more that a filter could use.
    return max === 1 && info.exact !== undefined ? { exact: new Set([...info.exact, '']) } : ANYTHING;
  }
  return { required: requiredOf(info), prefix: prefixOf(info), suffix: suffixOf(info) };
}

const HEX = /^[0-9a-fA-F]+$/;
/** Characters with a meaning of their own outside a class (a lone ] { } is literal: Annex B). */
const SPECIAL = '^$\\.|()[*+?{';
const QUANTIFIER_START = '*+?{';
/** \d \w \s and their negations: many characters, no literal. */
const CLASS_ESCAPES = 'dDwWsS';
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', v: '\v', f: '\f', r: '\r' };

/** A recursive-descent reader of a JavaScript pattern (no flags), yielding Info per node. */
class Parser {
  private at = 0;

  constructor(private readonly source: string) {}

  parse(): Info {
    const info = this.alternation();
    if (this.at !== this.source.length) throw new Unsupported();
    return info;
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.at + offset];
  }

  private alternation(): Info {
    const branches = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : alternate(branches);
  }

  private sequence(): Info {
    const parts: Info[] = [];
    for (let ch = this.peek(); ch !== undefined && ch !== '|' && ch !== ')'; ch = this.peek()) {
      const text = this.plainText();
      parts.push(text !== '' ? literal(text) : this.quantified(this.atom()));
    }
    return parts.length === 1 ? parts[0]! : concat(parts);
  }

  /**
   * Ordinary characters read at once (a speed-up: one string, not one set per character); a
   * character with a quantifier after it is left for atom(), since the quantifier is its own.
   */
  private plainText(): string {
    const from = this.at;
    while (this.at < this.source.length && !SPECIAL.includes(this.source[this.at]!) && !isQuantifierStart(this.source[this.at + 1])) {
      this.at++;
    }
    return this.source.slice(from, this.at);
  }

  private quantified(atom: Info): Info {
    const ch = this.peek();
    let min: number;
    let max: number;
    if (ch === '*' || ch === '+' || ch === '?') {
      this.at++;
      [min, max] = ch === '*' ? [0, Infinity] : ch === '+' ? [1, Infinity] : [0, 1];
    } else if (ch === '{') {
      const braces = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (braces === null) return atom; // a literal {, read as the next atom
      this.at += braces[0].length;
      min = Number(braces[1]);
      max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
    } else {
      return atom;
    }
    if (this.peek() === '?') this.at++; // lazy: the same strings
    return repeat(atom, min, max);
  }

  private atom(): Info {
    const ch = this.source[this.at++]!;
    switch (ch) {
      case '^':
      case '$':
        return EMPTY;
      case '.':
        return ANYTHING;
      case '(':
        return this.group();
      case '[':
        return this.characterClass();
      case '\\':
        return this.escape();
      case '*':
      case '+':
      case '?':
        throw new Unsupported(); // a quantifier with nothing before it: not valid, but be sure
      default:
        return literal(ch);
    }
  }

  private group(): Info {
    if (this.peek() === '?') {
      if (this.peek(1) === ':') this.at += 2;
      else if (this.peek(1) === '<' && /^\?<[A-Za-z_$][\w$]*>/.test(this.source.slice(this.at))) {
        this.at = this.source.indexOf('>', this.at) + 1;
      } else {
        throw new Unsupported(); // lookaround, modifiers: nothing a prefilter should guess at
      }
    }
    const inner = this.alternation();
    if (this.source[this.at++] !== ')') throw new Unsupported();
    return inner;
  }

  /** \x escapes outside a class. */
  private escape(): Info {
    const ch = this.source[this.at++];
    if (ch === undefined) throw new Unsupported();
    if (CLASS_ESCAPES.includes(ch)) return ANYTHING;
    if (ch === 'b' || ch === 'B') return EMPTY;
    const code = this.escapedCharacter(ch);
    return literal(code);
  }

  /** The character an escape stands for (after the backslash and `ch`), shared with classes. */
  private escapedCharacter(ch: string): string {
    if (CONTROL_ESCAPES[ch] !== undefined) return CONTROL_ESCAPES[ch];
    if (ch === 'x' || ch === 'u') {
      const digits = this.source.slice(this.at, this.at + (ch === 'x' ? 2 : 4));
      if (digits.length === (ch === 'x' ? 2 : 4) && HEX.test(digits)) {
        this.at += digits.length;
        return String.fromCharCode(parseInt(digits, 16));
      }
      if (ch === 'u' && this.peek() === '{') throw new Unsupported(); // \u{..}: a count of u's without the u flag
      return ch; // Annex B: an incomplete \x or \u is the letter itself
    }
    if (ch === '0' && !/[0-9]/.test(this.peek() ?? '')) return '\0';
    // \c, back-references and octal escapes, \k: their meaning depends on context; don't guess.
    if (ch === 'c' || ch === 'k' || (ch >= '0' && ch <= '9')) throw new Unsupported();
    return ch; // an identity escape: \. \/ \( and (Annex B) any other character
  }

  private characterClass(): Info {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const chars = new Set<string>();
    let many = false;
    for (;;) {
      const ch = this.source[this.at++];
      if (ch === undefined) throw new Unsupported();
      if (ch === ']') break;
      const low = this.classAtom(ch);
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.at++;
        const high = this.classAtom(this.source[this.at++]!);
        if (low === undefined || high === undefined) {
          many = true; // Annex B: [\d-z] is \d, '-' and z
          continue;
        }
        const from = low.charCodeAt(0);
        const to = high.charCodeAt(0);
        if (to - from + 1 > MAX_CLASS_CHARS) many = true;
        else for (let c = from; c <= to; c++) chars.add(String.fromCharCode(c));
      } else if (low === undefined) {
        many = true;
      } else {
        chars.add(low);
      }
    }
    if (negated || many || chars.size > MAX_CLASS_CHARS) return ANYTHING;
    return { exact: chars };
  }

  /** One character of a class, or undefined for \d \w \s and their negations. */
  private classAtom(ch: string): string | undefined {
    if (ch !== '\\') return ch;
    const next = this.source[this.at++];
    if (next === undefined) throw new Unsupported();
    if (CLASS_ESCAPES.includes(next)) return undefined;
    if (next === 'b') return '\b';
    if (next === '-') return '-';
    return this.escapedCharacter(next);
  }
}

function literal(ch: string): Info {
  return { exact: new Set([ch]) };
}

function isQuantifierStart(ch: string | undefined): boolean {
  return ch !== undefined && QUANTIFIER_START.includes(ch);
}
