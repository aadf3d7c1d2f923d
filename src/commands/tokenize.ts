// Splits a command line into commands and words the way tmux reads its config and command
// prompt, so bindings, the prompt and the rc file all share one syntax users already know.
import type { CommandError } from './types.js';

export type TokenizeResult = { commands: string[][] } | CommandError;

/** Escapes honoured inside "double quotes"; any other backslash pair is kept as written. */
const DOUBLE_QUOTE_ESCAPES: ReadonlyMap<string, string> = new Map<string, string>([
  ['"', '"'],
  ['\\', '\\'],
  ['$', '$'],
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['e', '\x1b'],
]);

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f';
}

function endsWord(ch: string | undefined): boolean {
  return ch === undefined || ch === '\n' || isBlank(ch);
}

/** 1-based place of a character, so an error can point at it. */
function position(line: string, index: number): string {
  const before = line.slice(0, index);
  const lineNumber = before.split('\n').length;
  const column = index - (before.lastIndexOf('\n') + 1) + 1;
  return lineNumber > 1 ? `line ${lineNumber}, column ${column}` : `column ${column}`;
}

function unterminated(quote: string, line: string, open: number): CommandError {
  return { error: `unterminated ${quote} quote starting at ${position(line, open)} (add the closing ${quote})` };
}

interface QuotedPart {
  text: string;
  end: number;
}

function readSingleQuoted(line: string, open: number): QuotedPart | CommandError {
  const close = line.indexOf("'", open + 1);
  if (close < 0) return unterminated("'", line, open);
  return { text: line.slice(open + 1, close), end: close + 1 };
}

function readDoubleQuoted(line: string, open: number): QuotedPart | CommandError {
  let text = '';
  let i = open + 1;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '"') return { text, end: i + 1 };
    if (ch === '\\' && i + 1 < line.length) {
      const next = line[i + 1];
      // Backslash-newline continues the line, as in sh.
      if (next !== '\n') text += DOUBLE_QUOTE_ESCAPES.get(next) ?? `\\${next}`;
      i += 2;
      continue;
    }
    text += ch;
    i += 1;
  }
  return unterminated('"', line, open);
}

interface Word {
  text: string;
  /** False for a bare `;`, which separates commands but is not a word. */
  isWord: boolean;
  end: number;
  endsCommand: boolean;
}

/** Reads one word starting at a non-blank character that does not begin a comment. */
function readWord(line: string, start: number): Word | CommandError {
  let text = '';
  let isWord = false;
  let i = start;
  while (!endsWord(line[i])) {
    const ch = line[i];
    if (ch === "'" || ch === '"') {
      const part = ch === "'" ? readSingleQuoted(line, i) : readDoubleQuoted(line, i);
      if ('error' in part) return part;
      text += part.text;
      isWord = true;
      i = part.end;
    } else if (ch === ';' && endsWord(line[i + 1])) {
      return { text, isWord, end: i + 1, endsCommand: true };
    } else if (ch === '\\' && i + 1 < line.length) {
      if (line[i + 1] !== '\n') {
        text += line[i + 1];
        isWord = true;
      }
      i += 2;
    } else {
      text += ch;
      isWord = true;
      i += 1;
    }
  }
  return { text, isWord, end: i, endsCommand: false };
}

/**
 * Words are separated by blanks; 'single quotes' are literal; "double quotes" honour \" \\ \n
 * \t \e \$; a backslash outside quotes makes the next character literal; an unquoted `#` at the
 * start of a word comments out the rest of the line; a `;` alone or ending a word, and a newline,
 * end a command (`\;` is a literal semicolon). Empty commands are dropped.
 */
export function tokenize(line: string): TokenizeResult {
  const commands: string[][] = [];
  let words: string[] = [];
  const endCommand = (): void => {
    if (words.length > 0) commands.push(words);
    words = [];
  };
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\n') {
      endCommand();
      i += 1;
    } else if (isBlank(ch)) {
      i += 1;
    } else if (ch === '#') {
      const newline = line.indexOf('\n', i);
      i = newline < 0 ? line.length : newline;
    } else {
      const word = readWord(line, i);
      if ('error' in word) return word;
      if (word.isWord) words.push(word.text);
      if (word.endsCommand) endCommand();
      i = word.end;
    }
  }
  endCommand();
  return { commands };
}
