// The server as its commands (session-commands.ts) see it, so they need not import server.ts,
// which runs them: a session, and what the commands do with the registry of sessions and clients.
import type { App } from '../app/app.js';
import type { FormatValues } from '../commands/format.js';
import type { HelloMessage } from '../protocol/messages.js';
import type { ClientConnection } from './connection.js';
import type { SharedScreen } from './shared-screen.js';

/** tmux's default-size: a session made without any terminal to size it. */
export const DEFAULT_SIZE = { cols: 80, rows: 24 };

export interface ServerSession {
  readonly id: number;
  name: string;
  readonly created: Date;
  readonly app: App;
  readonly screen: SharedScreen;
  lastAttached: number;
  /** What its clients are told when it ends (`[exited]`, `[server exited]`). */
  endMessage: string;
  /** How its last pane failed, for its clients' stderr. */
  farewell?: string;
}

/** What the session and client commands do with the server (TmxServer implements it). */
export interface SessionServer {
  readonly sessions: ServerSession[];
  readonly attachedTo: Map<ClientConnection, ServerSession>;
  findSession(name: string): ServerSession | undefined;
  defaultSession(hello?: HelloMessage): ServerSession | undefined;
  createSession(options: { name?: string; cols: number; rows: number; command?: string; cwd: string; env: Record<string, string> }): ServerSession | string;
  sessionFormat(from: App): FormatValues;
  lastSessionOf(connection: ClientConnection): ServerSession | undefined;
  attach(connection: ClientConnection, session: ServerSession): void;
  detach(connection: ClientConnection, message?: string): void;
  killServer(status?: number): void;
}
