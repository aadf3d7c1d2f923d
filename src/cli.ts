// Composition root: parse argv, then be one of three things: a one-shot tool (--help,
// --check-config, triggers test), the server (started by a client, src/server/daemon.ts), or a
// client (src/client/client.ts) that attaches a terminal or runs one command on the server.
// Only the argument parser is imported up front: --help and --version answer without loading
// the emulator or the rc-file machinery.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exitQuietlyWhenClosed } from './io/closed-output.js';
import { helpText, parseArgs, shellQuote, SERVER_DAEMON_FLAG, type CliArgs } from './cli-args.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<void> {
  exitQuietlyWhenClosed(process.stdout);
  exitQuietlyWhenClosed(process.stderr);
  const args = parseArgs(argv);
  if (args.kind === 'error') {
    process.stderr.write(`tmx: ${args.message}\n${helpText()}`);
    process.exit(2);
  }
  if (args.kind === 'help') {
    process.stdout.write(helpText());
    return;
  }
  if (args.kind === 'version') {
    process.stdout.write(`tmx ${version()}\n`);
    return;
  }
  const out = (text: string): void => void process.stdout.write(text);
  if (args.kind === 'trust') {
    const { trustCommand } = await import('./cli-tools.js');
    process.exitCode = await trustCommand(args.action, args.file, process.env, process.cwd(), out);
    return;
  }
  if (args.kind === 'check-config') {
    const { checkConfig } = await import('./cli-tools.js');
    process.exitCode = await checkConfig(args.file ?? args.config, process.env, process.cwd(), out);
    return;
  }
  if (args.kind === 'triggers-test') {
    const { triggersTest } = await import('./cli-tools.js');
    process.exitCode = await triggersTest(args.transcript, args.config, process.env, process.cwd(), process.stdin, out);
    return;
  }
  if (args.kind === 'server') {
    const { runServer } = await import('./server/daemon.js');
    await runServer(args.socketPath, args.config);
    return;
  }
  await startClient(args);
}

/** tmux's guard against a session inside one of its own panes. */
const NESTING_MESSAGE = 'sessions should be nested with care, unset $TMX to force';

async function startClient(args: Extract<CliArgs, { kind: 'run' }>): Promise<void> {
  // exec: the pane runs the command itself (its name is the pane's title), not a shell around it.
  const argv = args.tmxCommand ?? (args.command ? ['new-session', `exec ${args.command.map(shellQuote).join(' ')}`] : []);
  const [action, paths, { runClient }] = await Promise.all([
    import('./client/client-command.js').then(({ parseClientCommand }) => parseClientCommand(argv.length > 0 ? argv : ['new-session'])),
    import('./protocol/socket-path.js'),
    import('./client/client.js'),
  ]);
  if ('error' in action) fail(action.error);
  const attaches = (action.type === 'new-session' && !action.detached) || action.type === 'attach-session';
  if (attaches && process.env.TMX) fail(NESTING_MESSAGE);
  if (attaches && (!process.stdin.isTTY || !process.stdout.isTTY)) fail('open terminal failed: not a terminal');
  const uid = process.getuid?.() ?? 0;
  const fromPane = args.socketName === undefined && args.socketPath === undefined ? paths.socketFromTmxVariable(process.env.TMX) : undefined;
  const socketPath = fromPane ?? paths.socketPath({ name: args.socketName, path: args.socketPath }, process.env, uid);
  if (args.socketPath === undefined && fromPane === undefined) {
    const problem = paths.prepareSocketDirectory(paths.socketDirectory(process.env, uid), uid);
    if (problem) fail(problem);
  }
  await runClient({
    argv,
    socketPath,
    mayStartServer: action.type === 'new-session',
    attaches,
    config: args.config === undefined ? undefined : resolve(args.config),
    bin: process.argv[1]!,
    serverFlag: SERVER_DAEMON_FLAG,
  });
}

function fail(message: string): never {
  process.stderr.write(`${message.startsWith('tmx:') ? message : `tmx: ${message}`}\n`);
  process.exit(1);
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`tmx: ${error.message}\n`);
  process.exit(1);
});
