// Composition root: parse argv, load config, build the real adapters, run, and make sure
// every way out (exit, signal, uncaught error) goes through one cleanup path.
// Only the argument parser is imported up front: --help and --version answer without loading
// the emulator, blessed or the rc-file machinery, and the run path loads them in parallel.
import { readFileSync } from 'node:fs';
import { helpText, parseArgs, shellQuote } from './cli-args.js';
import type { LoadedConfig } from './config/load.js';

const EXIT_SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function main(argv: string[]): Promise<void> {
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
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('tmx: standard input and output must be a terminal\n');
    process.exit(1);
  }
  const spawnServer = import('./coprocess/spawn-server.js').then((m) => new m.SpawnServer());
  const configModule = import('./config/load.js');
  const load = async (explicitPath?: string): Promise<LoadedConfig> =>
    (await configModule).loadConfig({ explicitPath, env: process.env, cwd: process.cwd() });
  const [config, server] = await Promise.all([load(args.config), spawnServer, loadRuntime()]);
  // exec: the pane runs the command itself (its name is the pane's title), not a shell around it.
  run(args.command && `exec ${args.command.map(shellQuote).join(' ')}`, config, args.config, load, server);
}

type Runtime = {
  App: typeof import('./app/app.js').App;
  spawnPty: typeof import('./panes/pty.js').spawnPty;
  BlessedScreen: typeof import('./ui/terminal.js').BlessedScreen;
};
let runtime: Runtime | undefined;

async function loadRuntime(): Promise<void> {
  const [app, pty, terminal] = await Promise.all([import('./app/app.js'), import('./panes/pty.js'), import('./ui/terminal.js')]);
  runtime = { App: app.App, spawnPty: pty.spawnPty, BlessedScreen: terminal.BlessedScreen };
}

function run(
  initialCommand: string | undefined,
  config: LoadedConfig,
  explicitConfig: string | undefined,
  load: (explicitPath?: string) => Promise<LoadedConfig>,
  spawnServer: import('./coprocess/spawn-server.js').SpawnServer,
): void {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const { App, spawnPty, BlessedScreen } = runtime!;
  const screen = new BlessedScreen();
  let hungUp = false;
  const exit = (code: number): void => {
    // Node resets the tty itself at exit and aborts when that fails on a terminal that has
    // hung up; we restored what could be restored, so end without that step.
    if (hungUp || screen.lost) process.kill(process.pid, 'SIGKILL');
    process.exit(code);
  };
  const app = new App(
    {
      screen,
      ptyFactory: spawnPty,
      spawner: spawnServer.spawner,
      env,
      cwd: process.cwd(),
      exit,
      loadConfig: load,
      report: (text) => void process.stderr.write(`${text}\n`),
    },
    {
      options: config.options,
      bindings: config.bindings,
      prefix: config.prefix,
      triggers: config.triggers,
      file: config.file,
      problems: config.problems,
      explicitConfig,
      initialCommand,
    },
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
  // In the same turn as the first pane's fork: after a fork each page tmx writes takes one
  // copy-on-write fault (see spawn-server.ts); two forks before any write cost one fault a page.
  spawnServer.start();
}

main(process.argv.slice(2)).catch((error: Error) => {
  process.stderr.write(`tmx: ${error.message}\n`);
  process.exit(1);
});
