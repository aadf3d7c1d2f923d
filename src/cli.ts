// Composition root: parse argv, load config, build the real adapters, run, and make sure
// every way out (exit, signal, uncaught error) goes through one cleanup path.
import { readFileSync } from 'node:fs';
import { App } from './app/app.js';
import { defaultOptions } from './config/options.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX } from './keymap/default-bindings.js';
import { spawnPty } from './panes/pty.js';
import { BlessedScreen } from './ui/terminal.js';
import { helpText, parseArgs, shellQuote } from './cli-args.js';

const EXIT_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

function main(argv: string[]): void {
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
  if (args.kind === 'check-config' || args.kind === 'triggers-test') {
    process.stderr.write('tmx: rc files are not supported by this build yet\n');
    process.exit(2);
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('tmx: standard input and output must be a terminal\n');
    process.exit(1);
  }
  run(args.command && args.command.map(shellQuote).join(' '));
}

function run(initialCommand: string | undefined): void {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const screen = new BlessedScreen();
  let hungUp = false;
  const exit = (code: number): void => {
    // Node resets the tty itself at exit and aborts when that fails on a terminal that has
    // hung up; we restored what could be restored, so end without that step.
    if (hungUp || screen.lost) process.kill(process.pid, 'SIGKILL');
    process.exit(code);
  };
  const app = new App(
    { screen, ptyFactory: spawnPty, env, cwd: process.cwd(), exit },
    { options: defaultOptions(), bindings: DEFAULT_BINDINGS, prefix: DEFAULT_PREFIX, initialCommand },
  );
  for (const [signal, number] of Object.entries(EXIT_SIGNALS)) {
    process.on(signal, () => {
      if (signal === 'SIGHUP') hungUp = true;
      app.shutdown(128 + number);
    });
  }
  process.on('uncaughtException', (error) => {
    app.shutdownNow();
    process.stderr.write(`tmx: internal error: ${error.stack ?? error.message}\n`);
    process.exit(70); // EX_SOFTWARE
  });
  process.on('exit', () => {
    if (!app.isStopping) app.shutdownNow();
  });
  app.start();
}

main(process.argv.slice(2));
