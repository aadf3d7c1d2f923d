// Command-line arguments of `tmx`. Pure, so the help text and parsing are unit-tested.

/** The flag the client starts the server with; not for users. */
export const SERVER_DAEMON_FLAG = '--server-daemon';

export type CliArgs =
  /**
   * Everything that talks to a server: no words (new-session), `-- CMD ARGS` (new-session
   * running it), or a tmux command (`tmxCommand`: `attach -t work`, `ls`, `send-keys ...`).
   */
  | { kind: 'run'; command?: string[]; config?: string; socketName?: string; socketPath?: string; tmxCommand?: string[] }
  /** The server itself, started by a client (SERVER_DAEMON_FLAG SOCKET). */
  | { kind: 'server'; socketPath: string; config?: string }
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check-config'; file?: string; config?: string }
  | { kind: 'triggers-test'; transcript?: string; config?: string }
  | { kind: 'trust'; action: TrustAction; file?: string }
  | { kind: 'error'; message: string };

/** `tmx trust [FILE]`, `tmx trust --revoke [FILE]`, `tmx trust --list`. */
export type TrustAction = 'trust' | 'revoke' | 'list';

export function helpText(): string {
  return [
    'Usage: tmx [-L NAME | -S PATH] [--config FILE] [-- COMMAND [ARGS...]]',
    '       tmx [-L NAME | -S PATH] COMMAND [FLAGS] [ARGS...]   (a tmux command: new, attach, ls, send-keys, ...)',
    '       tmx --check-config [FILE]',
    '       tmx triggers test [--config FILE] [TRANSCRIPT]',
    '       tmx trust [--revoke | --list] [FILE]',
    '',
    'A terminal multiplexer with split panes, tmux keys and per-pane coprocesses.',
    '',
    'Options:',
    '  -c, --config FILE   use this rc file instead of searching for one (read by the server it starts)',
    '  -L NAME             the server\'s socket name (default: default), in $TMX_TMPDIR (else /tmp)/tmx-UID/',
    '  -S PATH             the server\'s socket path',
    '  --check-config      validate the rc file (or FILE) and exit: 0 when good',
    '  -h, --help          show this help',
    '  -V, --version       show the version',
    '  -- COMMAND ARGS     run COMMAND in the first pane instead of $SHELL',
    '',
    'Without a command tmx runs new-session: it starts the server if none runs, makes a session',
    'and attaches to it. C-b d detaches; tmx attach returns; tmx list-commands lists every command.',
    '',
    'Keys: the prefix is C-b, as in tmux; press C-b ? inside tmx for every binding.',
    '',
    'An rc file in a folder below your home (a cloned repository) loads only once you',
    'trust it: `tmx trust` there trusts it as it is now; --revoke forgets it, --list',
    'shows what you trusted.',
    '',
  ].join('\n');
}

export function parseArgs(argv: string[]): CliArgs {
  let config: string | undefined;
  const socket: { socketName?: string; socketPath?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case SERVER_DAEMON_FLAG: {
        const socketPath = argv[i + 1];
        if (!socketPath) return { kind: 'error', message: `${arg} needs a socket path` };
        return { kind: 'server', socketPath, ...(config !== undefined && { config }) };
      }
      case '-L':
      case '-S':
        if (i + 1 >= argv.length) return { kind: 'error', message: `${arg} needs a ${arg === '-L' ? 'socket name' : 'socket path'}` };
        if (arg === '-L') socket.socketName = argv[++i];
        else socket.socketPath = argv[++i];
        break;
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
      case 'trust':
        return parseTrust(argv.slice(i + 1));
      case '--': {
        const command = argv.slice(i + 1);
        if (command.length === 0) return { kind: 'error', message: '-- must be followed by a command' };
        return { kind: 'run', command, config, ...socket };
      }
      default:
        if (arg.startsWith('--config=')) {
          config = arg.slice('--config='.length);
          break;
        }
        if (!arg.startsWith('-')) return { kind: 'run', config, ...socket, tmxCommand: argv.slice(i) };
        return { kind: 'error', message: `unknown argument: ${arg}` };
    }
  }
  return { kind: 'run', config, ...socket };
}

function parseTrust(rest: string[]): CliArgs {
  let action: TrustAction = 'trust';
  const files: string[] = [];
  for (const arg of rest) {
    if (arg === '--revoke' || arg === '--list') {
      if (action !== 'trust') return { kind: 'error', message: 'tmx trust takes one of --revoke and --list' };
      action = arg === '--revoke' ? 'revoke' : 'list';
    } else if (arg.startsWith('-') && arg !== '-') {
      return { kind: 'error', message: `tmx trust: unknown option ${arg} (known: --revoke, --list)` };
    } else {
      files.push(arg);
    }
  }
  if (files.length > 1) return { kind: 'error', message: 'tmx trust takes one file' };
  if (action === 'list' && files.length > 0) return { kind: 'error', message: 'tmx trust --list takes no file' };
  return { kind: 'trust', action, file: files[0] };
}

/** Quotes one argument for /bin/sh so `tmx -- CMD ARGS` runs exactly those words. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_\-+=.,/:@%]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
