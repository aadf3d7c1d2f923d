// The tmx server: owns every session (each an App over a SharedScreen), listens on the socket,
// and runs what clients ask: attach a terminal, or one command whose output goes back to the
// client's stdout and stderr. It outlives any client and ends with its last session.
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { unlinkSync } from 'node:fs';
import { App, type CommandContext, type CommandReply, type SessionHost, type SessionModel } from '../app/app.js';
import type { Action, ServerAction } from '../commands/actions.js';
import { isServerAction } from '../commands/actions.js';
import { parseCommand } from '../commands/registry.js';
import type { FormatValues } from '../commands/format.js';
import type { LoadedConfig } from '../config/validate.js';
import type { PtyFactory } from '../panes/pty.js';
import type { ProcessSpawner } from '../coprocess/spawner.js';
import type { Message } from '../protocol/framing.js';
import { decodeJson, isHello, MessageType, PROTOCOL_VERSION, versionMismatch, type HelloMessage } from '../protocol/messages.js';
import { ClientConnection } from './connection.js';
import { SharedScreen } from './shared-screen.js';
import { runServerAction, type ActionContext } from './session-commands.js';
import type { ServerSession, SessionServer } from './server-types.js';

export { DEFAULT_SIZE, type ServerSession } from './server-types.js';

/** A client that says nothing this long after connecting is dropped (garbage, a port scan). */
const HELLO_TIMEOUT_MS = 5000;
/** A server started for a client that never asks for a session ends after this. */
const STARTUP_GRACE_MS = 10_000;
/** After its last session, the server waits at most this for clients to read their last words. */
const EXIT_FLUSH_MS = 1000;
export interface ServerPorts {
  socketPath: string;
  config: LoadedConfig;
  explicitConfig?: string;
  loadConfig(explicitPath?: string): Promise<LoadedConfig>;
  ptyFactory: PtyFactory;
  spawner: ProcessSpawner;
  log(text: string): void;
  /** The server process is done. */
  exit(code: number): void;
}

export class TmxServer implements SessionHost, SessionServer {
  readonly sessions: ServerSession[] = [];
  private nextSessionId = 0;
  private nextPaneId = 0;
  private readonly connections = new Set<ClientConnection>();
  readonly attachedTo = new Map<ClientConnection, ServerSession>();
  private readonly hellos = new Map<ClientConnection, HelloMessage>();
  private listener: NetServer | undefined;
  private stopping = false;
  private exitStatus = 0;
  private startupTimer: ReturnType<typeof setTimeout> | undefined;

  /** The rc file in use: loaded at start, replaced by reload-config and source-file. */
  private config: LoadedConfig;
  private explicitConfig: string | undefined;

  constructor(readonly ports: ServerPorts) {
    this.config = ports.config;
    this.explicitConfig = ports.explicitConfig;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const listener = createServer((socket) => this.accept(socket));
      listener.once('error', reject);
      // The socket file is the user's alone (its directory is already 0700).
      const umask = process.umask(0o177);
      listener.listen(this.ports.socketPath, () => {
        process.umask(umask);
        listener.off('error', reject);
        listener.on('error', (error) => this.ports.log(`listener: ${error.message}`));
        this.listener = listener;
        this.startupTimer = setTimeout(() => {
          if (this.sessions.length === 0) this.finish();
        }, STARTUP_GRACE_MS);
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    const connection = new ClientConnection(
      socket,
      (c, m) => this.onMessage(c, m),
      (c) => this.onClose(c),
      (text) => this.ports.log(text),
    );
    this.connections.add(connection);
    const timer = setTimeout(() => {
      if (!this.hellos.has(connection)) connection.destroy();
    }, HELLO_TIMEOUT_MS);
    timer.unref();
  }

  private onClose(connection: ClientConnection): void {
    this.connections.delete(connection);
    this.hellos.delete(connection);
    const session = this.attachedTo.get(connection);
    if (session) {
      this.attachedTo.delete(connection);
      session.screen.detach(connection);
    }
  }

  private onMessage(connection: ClientConnection, message: Message): void {
    const hello = this.hellos.get(connection);
    if (!hello) {
      if (message.type !== MessageType.Hello) return connection.destroy();
      return this.onHello(connection, decodeJson(message));
    }
    const session = this.attachedTo.get(connection);
    if (!session) return;
    if (message.type === MessageType.Input) connection.onInput?.(message.payload);
    else if (message.type === MessageType.Ready) connection.markReady();
    else if (message.type === MessageType.Resize) {
      const size = decodeJson<{ cols: number; rows: number }>(message);
      if (!size) return;
      connection.setTerminal({ truecolor: Boolean(connection.capabilities.truecolor), styledUnderlines: Boolean(connection.capabilities.styledUnderlines), cols: size.cols, rows: size.rows });
      session.screen.redraw(connection);
    }
  }

  private onHello(connection: ClientConnection, hello: unknown): void {
    const protocol = (hello as { protocol?: unknown } | undefined)?.protocol;
    if (protocol !== PROTOCOL_VERSION) return connection.exit({ status: 1, error: versionMismatch(protocol) });
    if (!isHello(hello)) return connection.exit({ status: 1, error: 'tmx: malformed hello from the client' });
    this.hellos.set(connection, hello);
    if (hello.terminal) connection.setTerminal(hello.terminal);
    const action = parseCommand(hello.argv.length > 0 ? hello.argv : ['new-session']);
    if ('error' in action) return connection.exit({ status: 1, error: action.error });
    let failed = false;
    const reply: CommandReply = {
      print: (text) => connection.sendText(MessageType.Stdout, text),
      error: (text) => {
        failed = true;
        connection.sendText(MessageType.Stderr, text.endsWith('\n') ? text : `${text}\n`);
      },
    };
    try {
      this.runForClient(action, connection, hello, reply);
    } catch (error) {
      reply.error(`${action.type}: ${(error as Error).message}`);
    }
    // Attached, the client stays; a command's client is done once the command ran.
    if (!this.attachedTo.has(connection)) connection.exit({ status: failed ? 1 : 0 });
  }

  private runForClient(action: Action, connection: ClientConnection, hello: HelloMessage, reply: CommandReply): void {
    const context: ActionContext = { server: this, connection, hello, reply };
    if (isServerAction(action)) return runServerAction(action, context);
    const target = 'target' in action && typeof action.target === 'object' ? action.target : undefined;
    const session = target?.session !== undefined ? this.findSession(target.session) : this.defaultSession(hello);
    if (!session) {
      reply.error(target?.session !== undefined ? `can't find session: ${target.session}` : 'no sessions');
      return;
    }
    session.app.run(action, session.app.commandContext(undefined, reply));
  }

  // ---- SessionHost: what a session's App asks of the server -------------------------------

  serverAction(action: ServerAction, context: CommandContext): void {
    const session = this.sessions.find((s) => s.app === context.session);
    // The terminal the command came from is one of the connections attached to its session.
    const sink = context.client?.sink;
    const client = [...this.attachedTo.keys()].find((connection) => connection === sink);
    runServerAction(action, { server: this, session, client, reply: context.reply, from: context });
  }

  sessionFormat(from: SessionModel): FormatValues {
    const session = this.sessions.find((s) => s.app === from);
    if (!session) return {};
    return {
      session_name: session.name,
      session_id: `$${session.id}`,
      session_windows: session.app.windows.all.length,
      session_attached: session.screen.attached.length,
      session_created: Math.floor(session.created.getTime() / 1000),
      session_width: session.screen.cols,
      session_height: session.screen.rows,
      pid: process.pid,
      socket_path: this.ports.socketPath,
    };
  }

  configLoaded(loaded: LoadedConfig, explicitConfig: string | undefined): void {
    this.config = loaded;
    this.explicitConfig = explicitConfig;
    for (const session of this.sessions) session.app.applyConfig(loaded, explicitConfig);
  }

  allSessions(): App[] {
    return this.sessions.map((s) => s.app);
  }

  sessionChoices(context: CommandContext): Array<{ name: string; line: string; current: boolean }> {
    return [...this.sessions]
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
      .map((s) => ({
        name: s.name,
        line: `${s.name}: ${s.app.windows.all.length} windows${s.screen.attached.length > 0 ? ' (attached)' : ''}`,
        current: s.app === context.session,
      }));
  }

  // ---- sessions ---------------------------------------------------------------------------

  /** By exact name, `$ID`, or (as tmux) a prefix of exactly one name. */
  findSession(name: string): ServerSession | undefined {
    const exact = this.sessions.find((s) => s.name === name || `$${s.id}` === name);
    if (exact) return exact;
    const prefixed = this.sessions.filter((s) => s.name.startsWith(name));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }

  /** The session a client means without -t: the one of the pane it runs in ($TMX), else the latest used. */
  defaultSession(hello?: HelloMessage): ServerSession | undefined {
    const fromPane = hello?.env.TMX?.split(',').at(-1);
    const own = fromPane !== undefined ? this.sessions.find((s) => String(s.id) === fromPane) : undefined;
    if (own) return own;
    return [...this.sessions].sort((a, b) => b.lastAttached - a.lastAttached || b.id - a.id)[0];
  }

  createSession(options: { name?: string; cols: number; rows: number; command?: string; cwd: string; env: Record<string, string> }): ServerSession | string {
    if (this.stopping) return 'server exiting';
    if (options.name !== undefined && this.findSessionExact(options.name)) return `duplicate session: ${options.name}`;
    let name = options.name;
    for (let n = 0; name === undefined; n++) if (!this.findSessionExact(String(n))) name = String(n);
    const id = this.nextSessionId++;
    const screen = new SharedScreen(options.cols, options.rows, () => holder.session?.app.config.options['window-size'] ?? 'latest');
    const { config } = this;
    const holder: { session?: ServerSession } = {};
    const app = new App(
      {
        screen,
        ptyFactory: this.ports.ptyFactory,
        spawner: this.ports.spawner,
        env: options.env,
        cwd: options.cwd,
        exit: (code) => this.sessionEnded(holder.session!, code),
        loadConfig: (path) => this.ports.loadConfig(path),
        report: (text) => (holder.session!.farewell = text),
        host: this,
        allocatePaneId: () => this.nextPaneId++,
      },
      {
        options: config.options,
        bindings: config.bindings,
        prefix: config.prefix,
        triggers: config.triggers,
        file: config.file,
        // rc-file problems are shown once, in the server's first session.
        problems: id === 0 ? config.problems : [],
        explicitConfig: this.explicitConfig,
        initialCommand: options.command,
        paneEnv: { TMX: `${this.ports.socketPath},${process.pid},${id}` },
      },
    );
    const session: ServerSession = { id, name, created: new Date(), app, screen, lastAttached: 0, endMessage: '[exited]' };
    holder.session = session;
    this.sessions.push(session);
    if (this.startupTimer) clearTimeout(this.startupTimer);
    app.start();
    return session;
  }

  private findSessionExact(name: string): ServerSession | undefined {
    return this.sessions.find((s) => s.name === name);
  }

  /** The session each client showed before its current one (switch-client -l). */
  private readonly lastSessions = new WeakMap<ClientConnection, ServerSession>();

  lastSessionOf(connection: ClientConnection): ServerSession | undefined {
    const last = this.lastSessions.get(connection);
    return last && this.sessions.includes(last) ? last : undefined;
  }

  attach(connection: ClientConnection, session: ServerSession): void {
    const previous = this.attachedTo.get(connection);
    if (previous === session) return;
    if (previous) this.lastSessions.set(connection, previous);
    previous?.screen.detach(connection);
    this.attachedTo.set(connection, session);
    session.lastAttached = Date.now();
    connection.onStaleDrained = () => session.screen.catchUp(connection);
    connection.onInput = (data) => this.attachedTo.get(connection)?.screen.input(connection, data);
    if (!previous) connection.sendAttached();
    session.screen.attach(connection);
  }

  detach(connection: ClientConnection, message?: string): void {
    const session = this.attachedTo.get(connection);
    if (!session) return;
    this.attachedTo.delete(connection);
    session.screen.detach(connection);
    connection.exit({ status: 0, message: message ?? `[detached (from session ${session.name})]` });
  }

  private sessionEnded(session: ServerSession, code: number): void {
    const index = this.sessions.indexOf(session);
    if (index >= 0) this.sessions.splice(index, 1);
    for (const [connection, attached] of [...this.attachedTo]) {
      if (attached !== session) continue;
      this.attachedTo.delete(connection);
      connection.exit({ status: code, message: session.endMessage, ...(session.farewell && { error: session.farewell }) });
    }
    if (this.sessions.length === 0) this.finish();
  }

  /** kill-server, SIGTERM: every session ends (its panes and coprocesses), then the server. */
  killServer(status = 0): void {
    this.exitStatus = status;
    if (this.sessions.length === 0) return this.finish();
    for (const session of [...this.sessions]) {
      session.endMessage = '[server exited]';
      session.app.shutdown(status);
    }
  }

  /** An internal error: end everything now, tell every client, exit. */
  crash(error: Error): void {
    this.stopping = true;
    for (const session of this.sessions) session.app.shutdownNow();
    for (const connection of this.connections) {
      connection.exit({ status: 70, error: `tmx: internal error: ${error.stack ?? error.message}` });
    }
    this.closeListener();
  }

  private closeListener(): void {
    if (!this.listener) return;
    this.listener.close();
    this.listener = undefined;
    try {
      unlinkSync(this.ports.socketPath);
    } catch {
      // Already gone.
    }
  }

  private finish(): void {
    if (this.stopping && !this.listener) return;
    this.stopping = true;
    this.closeListener();
    const done = (): void => this.ports.exit(this.exitStatus);
    if (this.connections.size === 0) return done();
    // Clients read their last words first (the exit message, a command's output).
    const timer = setTimeout(done, EXIT_FLUSH_MS);
    const check = setInterval(() => {
      if (this.connections.size > 0) return;
      clearInterval(check);
      clearTimeout(timer);
      done();
    }, 10);
  }

  get isStopping(): boolean {
    return this.stopping;
  }
}
