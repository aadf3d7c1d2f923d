// Turns words back into one string for commands that carry another command: what
// confirm-before and command-prompt keep is parsed again by tokenize(), and what
// split-window and run-coprocess keep is run by a shell. Quoting each word keeps
// `confirm-before send-keys -l "a b"` meaning what the user wrote.

/** Words that read back as themselves in both syntaxes. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./!{}^~-]+$/;

const COMMAND_ESCAPES: ReadonlyMap<string, string> = new Map<string, string>([
  ['\\', '\\\\'],
  ['"', '\\"'],
  ['$', '\\$'],
  ['\n', '\\n'],
  ['\t', '\\t'],
  ['\r', '\\r'],
  ['\x1b', '\\e'],
]);

/** Quotes a word so tokenize() gives it back unchanged. */
export function quoteCommandWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `"${[...word].map((ch) => COMMAND_ESCAPES.get(ch) ?? ch).join('')}"`;
}

/** Quotes a word so `sh -c` gives it back unchanged. */
export function quoteShellWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * A single word is already a whole command (`confirm-before "kill-pane -t 2"`), as in tmux;
 * several words are quoted where needed and joined with spaces.
 */
export function joinCommandWords(words: readonly string[]): string {
  return words.length === 1 ? words[0] : words.map(quoteCommandWord).join(' ');
}

/** As joinCommandWords, for a command line that a shell will run. */
export function joinShellWords(words: readonly string[]): string {
  return words.length === 1 ? words[0] : words.map(quoteShellWord).join(' ');
}
