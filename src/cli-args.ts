// Command-line arguments of `tmx`. Pure, so the help text and parsing are unit-tested.

export type CliArgs =
  | { kind: 'run'; command?: string[]; config?: string }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check-config'; file?: string; config?: string }
  | { kind: 'triggers-test'; transcript?: string; config?: string }
  | { kind: 'error'; message: string };

export function helpText(): string {
  return [
    'Usage: tmx [--config FILE] [-- COMMAND [ARGS...]]',
    '       tmx --check-config [FILE]',
    '       tmx triggers test [--config FILE] [TRANSCRIPT]',
    '',
    'A terminal multiplexer with split panes, tmux keys and per-pane coprocesses.',
    '',
    'Options:',
    '  -c, --config FILE   use this rc file instead of searching for one',
    '  --check-config      validate the rc file (or FILE) and exit: 0 when good',
    '  -h, --help          show this help',
    '  -V, --version       show the version',
    '  -- COMMAND ARGS     run COMMAND in the first pane instead of $SHELL',
    '',
    'Keys: the prefix is C-b, as in tmux; press C-b ? inside tmx for every binding.',
    '',
  ].join('\n');
}

export function parseArgs(argv: string[]): CliArgs {
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case '-h':
      case '--help':
        return { kind: 'help' };
      case '-V':
      case '--version':
        return { kind: 'version' };
      case '-c':
      case '--config':
        if (i + 1 >= argv.length) return { kind: 'error', message: `${arg} needs a file name` };
        config = argv[++i];
        break;
      case '--check-config':
        return { kind: 'check-config', file: argv[i + 1], config };
      case 'triggers': {
        if (argv[i + 1] !== 'test') return { kind: 'error', message: 'did you mean "tmx triggers test"?' };
        const rest = argv.slice(i + 2);
        let transcript: string | undefined;
        for (let j = 0; j < rest.length; j++) {
          if (rest[j] === '--config' || rest[j] === '-c') config = rest[++j];
          else transcript = rest[j];
        }
        return { kind: 'triggers-test', transcript, config };
      }
      case '--': {
        const command = argv.slice(i + 1);
        if (command.length === 0) return { kind: 'error', message: '-- must be followed by a command' };
        return { kind: 'run', command, config };
      }
      default:
        if (arg.startsWith('--config=')) {
          config = arg.slice('--config='.length);
          break;
        }
        return { kind: 'error', message: `unknown argument: ${arg}` };
    }
  }
  return { kind: 'run', config };
}

/** Quotes one argument for /bin/sh so `tmx -- CMD ARGS` runs exactly those words. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_\-+=.,/:@%]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
