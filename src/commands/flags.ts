// getopt-style flags driven by a tmux-style spec string such as 'dhvt:'.
import { printable, type CommandError, type ParsedCommand } from './types.js';

/** Each flag letter in a spec, and whether it takes a value (`t:`). */
export function parseFlagSpec(spec: string): Map<string, boolean> {
  const letters = new Map<string, boolean>();
  const chars = [...spec];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === ':') continue;
    letters.set(chars[i], chars[i + 1] === ':');
  }
  return letters;
}

function isFlagWord(word: string): boolean {
  return word.length > 1 && word.startsWith('-');
}

/** Reads one word of flags (`-hd`, `-t2`); returns whether it used the next word as a value. */
function readFlagWord(
  word: string,
  nextWord: string | undefined,
  spec: Map<string, boolean>,
  flags: Map<string, string | true>,
): { usedNextWord: boolean } | CommandError {
  const letters = [...word.slice(1)];
  for (let i = 0; i < letters.length; i++) {
    const letter = letters[i];
    const takesValue = spec.get(letter);
    if (takesValue === undefined) return { error: `unknown flag -${printable(letter)}` };
    if (!takesValue) {
      flags.set(letter, true);
      continue;
    }
    const attached = letters.slice(i + 1).join('');
    if (attached !== '') {
      flags.set(letter, attached);
      return { usedNextWord: false };
    }
    if (nextWord === undefined) return { error: `flag -${letter} needs a value` };
    flags.set(letter, nextWord);
    return { usedNextWord: true };
  }
  return { usedNextWord: false };
}

/**
 * Flags come first: combined (`-hd`), with attached or separate values (`-t2`, `-t 2`).
 * `--` or the first word that is not a flag (a lone `-` included) ends them. A repeated flag
 * keeps its last value.
 */
export function parseFlags(spec: string, argv: readonly string[]): ParsedCommand | CommandError {
  const letters = parseFlagSpec(spec);
  const flags = new Map<string, string | true>();
  let i = 0;
  while (i < argv.length && isFlagWord(argv[i])) {
    if (argv[i] === '--') {
      i += 1;
      break;
    }
    const read = readFlagWord(argv[i], argv[i + 1], letters, flags);
    if ('error' in read) return read;
    i += read.usedNextWord ? 2 : 1;
  }
  return { flags, args: argv.slice(i) };
}
