// The server process: started detached by a client (cli.ts SERVER_DAEMON_FLAG), it loads the rc
// file, listens on the socket and lives until its last session ends or kill-server. It ignores
// SIGHUP (its starter's terminal closing is none of its business) and ends every pane and
// coprocess on every way out.
//
// Start-up order (bench/README.md, "Start-up"): the coprocess launcher is started first, before
// the server's ~150 modules are loaded: its bash and python3 start on the other core while this
// one loads, instead of beside the first pane's shell, and the fork copies the smallest heap.
import { connect } from 'node:net';
import { unlinkSync } from 'node:fs';
import { SpawnServer } from '../coprocess/spawn-server.js';

const EXIT_SIGNALS = { SIGINT: 2, SIGTERM: 15 } as const;
/** After an internal error, clients get this long to read why before the process exits. */
const CRASH_FLUSH_MS = 200;

/** Whether a server already answers on the socket (two clients may start one at once). */
function serverAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function runServer(socketPath: string, explicitConfig: string | undefined): Promise<void> {
  process.on('SIGHUP', () => undefined);
  const log = (text: string): void => void process.stderr.write(`${new Date().toISOString()} ${text}\n`);
  if (await serverAnswers(socketPath)) {
    log('a server already runs on this socket');
    process.exit(0);
  }
  try {
    unlinkSync(socketPath); // a stale socket of a server that died
  } catch {
    // None.
  }
  const spawnServer = new SpawnServer();
  spawnServer.start();
  const [{ loadConfig }, { spawnPty }, { TmxServer }] = await Promise.all([
    import('../config/load.js'),
    import('../panes/pty.js'),
    import('./server.js'),
  ]);
  const env = process.env;
  const load = (explicitPath?: string) => loadConfig({ explicitPath, env, cwd: process.cwd() });
  const config = await load(explicitConfig);
  const server = new TmxServer({
    socketPath,
    config,
    explicitConfig,
    loadConfig: load,
    ptyFactory: spawnPty,
    spawner: spawnServer.spawner,
    log,
    exit: (code) => {
      spawnServer.close();
      process.exit(code);
    },
  });
  for (const [signal, number] of Object.entries(EXIT_SIGNALS)) process.on(signal, () => server.killServer(128 + number));
  process.on('uncaughtException', (error) => {
    log(`internal error: ${error.stack ?? error.message}`);
    server.crash(error);
    setTimeout(() => {
      spawnServer.close();
      process.exit(70); // EX_SOFTWARE
    }, CRASH_FLUSH_MS);
  });
  await server.listen();
  log(`listening on ${socketPath} (pid ${process.pid})`);
}
