// The client: connects to the server (starting it when the command may), says hello with the
// command and, to attach, its terminal; then it is a pipe: keys and size changes up, frames
// down. The only process that touches the real terminal, and it gives it back on every way out.
import { connect, type Socket } from 'node:net';
import { spawn } from 'node:child_process';
import { openSync, closeSync, readlinkSync } from 'node:fs';
import { CLOSED_OUTPUT_STATUS } from '../io/closed-output.js';
import { MessageDecoder, encodeMessage, type Message } from '../protocol/framing.js';
import { decodeJson, encodeJson, isKnownType, MessageType, PROTOCOL_VERSION, type ClientTerminalInfo, type ExitMessage, type HelloMessage } from '../protocol/messages.js';
import type { ClientTerminal } from './client-terminal.js';

/**
 * How often a client that started the server tries to connect, and for how long at most. A
 * try is one connect(2) that fails at once; at 20 ms the prompt waited 10 ms on average for
 * the next one after the server listened.
 */
const CONNECT_RETRY_MS = 5;
const SERVER_START_TIMEOUT_MS = 15_000;

export interface ClientRequest {
  /** The tmux command words ([] for new-session). */
  argv: string[];
  socketPath: string;
  /** new-session may start a server; other commands need one running. */
  mayStartServer: boolean;
  /** new-session (not -d) and attach-session take over this terminal. */
  attaches: boolean;
  config?: string;
  /** This program (bin/tmx.js), to start the server with. */
  bin: string;
  serverFlag: string;
}

function tryConnect(path: string): Promise<Socket | NodeJS.ErrnoException> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      // Until runClient listens (it may still be setting up the terminal), an error is no crash.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error));
  });
}

/** The server, detached from this terminal and session; its output to a log beside the socket. */
function startServer(request: ClientRequest): void {
  let log: number | 'ignore' = 'ignore';
  try {
    log = openSync(`${request.socketPath}.log`, 'a', 0o600);
  } catch {
    // No log then.
  }
  // The node flags this client runs with (bin/tmx.js's #! line: --max-semi-space-size) are the server's too.
  const args = [...process.execArgv, request.bin, ...(request.config !== undefined ? ['--config', request.config] : []), request.serverFlag, request.socketPath];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], cwd: process.cwd(), env: process.env });
  child.unref();
  if (typeof log === 'number') closeSync(log);
}

async function connectToServer(request: ClientRequest): Promise<Socket | string> {
  const first = await tryConnect(request.socketPath);
  if (!(first instanceof Error)) return first;
  const absent = first.code === 'ENOENT' || first.code === 'ECONNREFUSED';
  if (!absent) return `error connecting to ${request.socketPath} (${first.message})`;
  if (!request.mayStartServer) return `no server running on ${request.socketPath}`;
  startServer(request);
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, CONNECT_RETRY_MS));
    const socket = await tryConnect(request.socketPath);
    if (!(socket instanceof Error)) return socket;
  }
  return `server did not start on ${request.socketPath} (see ${request.socketPath}.log)`;
}

/** This terminal's path, for the server to draw on directly (see server/tty-writer.ts). */
function ttyPath(fd: 0 | 1): string | undefined {
  try {
    const path = readlinkSync(`/proc/self/fd/${fd}`);
    return path.startsWith('/dev/') ? path : undefined;
  } catch {
    return undefined;
  }
}

function environment(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
}

export async function runClient(request: ClientRequest): Promise<void> {
  let screen: ClientTerminal | undefined;
  let hungUp = false;
  const finish = (status: number, exit: Omit<ExitMessage, 'status'> = {}): never => {
    screen?.stop();
    if (exit.error) process.stderr.write(`${exit.error}\n`);
    if (exit.message && !hungUp) process.stdout.write(`${exit.message}\n`);
    // Node resets the tty itself at exit and aborts when that fails on a terminal that has hung up.
    if (hungUp || screen?.lost) process.kill(process.pid, 'SIGKILL');
    process.exit(status);
  };
  process.on('uncaughtException', (error) => finish(70, { error: `tmx: internal error: ${error.stack ?? error.message}` }));
  process.on('exit', () => screen?.stop());

  // Connecting first: a server this starts loads while the terminal is set up here.
  const connecting = connectToServer(request);
  let terminal: ClientTerminalInfo | undefined;
  if (request.attaches) {
    const { ClientTerminal } = await import('./client-terminal.js');
    screen = new ClientTerminal();
    terminal = {
      cols: screen.cols,
      rows: screen.rows,
      truecolor: Boolean(screen.capabilities.truecolor),
      styledUnderlines: Boolean(screen.capabilities.styledUnderlines),
      ...(ttyPath(1) && { tty: ttyPath(1) }),
      ...(ttyPath(0) && { ttyIn: ttyPath(0) }),
    };
  }
  const socket = await connecting;
  if (typeof socket === 'string') return finish(1, { error: socket });
  // The server may have gone while the terminal was set up.
  if (socket.destroyed) return finish(1, { message: '[lost server]' });

  for (const [signal, number] of [['SIGTERM', 15], ['SIGINT', 2], ['SIGHUP', 1]] as const) {
    process.on(signal, () => {
      if (signal === 'SIGHUP') hungUp = true;
      socket.destroy();
      finish(128 + number, { message: signal === 'SIGHUP' ? undefined : '[terminated]' });
    });
  }
  const send = (type: number, payload: Buffer): void => void socket.write(encodeMessage(type, payload));
  const hello: HelloMessage = {
    protocol: PROTOCOL_VERSION,
    argv: request.argv,
    cwd: process.cwd(),
    env: environment(),
    ...(terminal && { terminal }),
    ...(request.config !== undefined && { config: request.config }),
  };
  socket.write(encodeJson(MessageType.Hello, hello));

  let exited = false;
  const decoder = new MessageDecoder(isKnownType);
  const onMessage = (message: Message): void => {
    switch (message.type) {
      case MessageType.Attached:
        if (!screen) return;
        // Unread until the server says whether it reads the terminal itself: never both.
        screen.start({ read: false });
        screen.onResize(() => void socket.write(encodeJson(MessageType.Resize, { cols: screen!.cols, rows: screen!.rows })));
        socket.write(encodeJson(MessageType.Ready, {}));
        return;
      case MessageType.InputMode:
        if (!screen || decodeJson<{ serverReads?: boolean }>(message)?.serverReads === true) return;
        screen.onInput((data) => send(MessageType.Input, data));
        screen.readInput();
        return;
      case MessageType.Output:
        screen?.writeBytes(message.payload);
        return;
      case MessageType.Stdout:
        process.stdout.write(message.payload);
        return;
      case MessageType.Stderr:
        process.stderr.write(message.payload);
        return;
      case MessageType.Exit: {
        exited = true;
        const exit = decodeJson<ExitMessage>(message) ?? { status: 1 };
        // A command's output may still be queued on stdout: exit once it is written. Always a
        // turn later, also when nothing is queued: a write that met a closed reader (`tmx ls |
        // head -1`) reports EPIPE then, and the exit is the quiet one of io/closed-output.ts.
        let status = typeof exit.status === 'number' ? exit.status : 1;
        let pending = 2;
        const done = (error?: Error | null): void => {
          if ((error as NodeJS.ErrnoException | null | undefined)?.code === 'EPIPE') status = CLOSED_OUTPUT_STATUS;
          if (--pending === 0) finish(status, status === CLOSED_OUTPUT_STATUS ? {} : exit);
        };
        process.stdout.write('', done);
        process.stderr.write('', done);
        return;
      }
    }
  };
  socket.on('data', (chunk: Buffer) => {
    let messages: Message[];
    try {
      messages = decoder.feed(chunk);
    } catch (error) {
      return finish(1, { error: `tmx: bad message from the server: ${(error as Error).message}` });
    }
    for (const message of messages) onMessage(message);
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    if (!exited) finish(1, { message: '[lost server]' });
  });
}
