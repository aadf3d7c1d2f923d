// The commands about sessions and clients (new-session, attach-session, list-sessions, ...),
// run by the server for a command-line client or for a key pressed in an attached client.
import { assertNever, type ServerAction } from '../commands/actions.js';
import { expandFormat } from '../commands/format.js';
import type { CommandContext, CommandReply } from '../app/app.js';
import { say, showMessage } from '../app/command-context.js';
import type { HelloMessage } from '../protocol/messages.js';
import type { ClientConnection } from './connection.js';
import { DEFAULT_SIZE, type ServerSession, type SessionServer } from './server-types.js';

export interface ActionContext {
  server: SessionServer;
  reply?: CommandReply;
  /** A command-line client (tmx COMMAND ...): its hello says its terminal, cwd and environment. */
  connection?: ClientConnection;
  hello?: HelloMessage;
  /** The session and attached client where a key or the prompt ran the command. */
  session?: ServerSession;
  client?: ClientConnection;
  /** The context a session's command ran in (its messages go to its terminal). */
  from?: CommandContext;
}

/** tmux's list-sessions line (with the size, as tmux printed it for years). */
export const LIST_SESSIONS_FORMAT =
  '#{session_name}: #{session_windows} windows (created #{session_created_string}) [#{session_width}x#{session_height}]#{session_attached_string}';

function fail(context: ActionContext, text: string): void {
  if (context.reply) context.reply.error(text);
  else if (context.from) showMessage(context.from, text);
}

function print(context: ActionContext, text: string): void {
  if (context.reply) context.reply.print(text);
  else if (context.from) say(context.from, text.trimEnd());
}

/** `Sun Dec  6 21:20:01 2026`, as ctime(3), which tmux uses. */
export function ctime(date: Date): string {
  const day = date.toLocaleString('en-US', { weekday: 'short' });
  const month = date.toLocaleString('en-US', { month: 'short' });
  const time = [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${day} ${month} ${String(date.getDate()).padStart(2, ' ')} ${time} ${date.getFullYear()}`;
}

function sessionNamed(context: ActionContext, target: string | undefined): ServerSession | undefined {
  const { server } = context;
  const session = target !== undefined ? server.findSession(target) : context.session ?? server.defaultSession(context.hello);
  if (!session) fail(context, target !== undefined ? `can't find session: ${target}` : 'no sessions');
  return session;
}

export function runServerAction(action: ServerAction, context: ActionContext): void {
  const { server } = context;
  switch (action.type) {
    case 'new-session':
      return newSession(action, context);
    case 'attach-session': {
      const session = sessionNamed(context, action.target);
      if (session) attachOrSwitch(context, session);
      return;
    }
    case 'detach-client': {
      if (context.client) return server.detach(context.client);
      // From outside: the clients of the session (of the pane it runs in, else the latest).
      const session = sessionNamed(context, undefined);
      if (!session) return;
      for (const [connection, attached] of [...server.attachedTo]) if (attached === session) server.detach(connection);
      return;
    }
    case 'list-sessions': {
      const format = action.format ?? LIST_SESSIONS_FORMAT;
      const lines = server.sessions.map((session) => {
        const attached = session.screen.attached.length;
        return expandFormat(format, {
          ...server.sessionFormat(session.app),
          session_created_string: ctime(session.created),
          session_attached_string: attached > 0 ? ' (attached)' : '',
        });
      });
      print(context, lines.map((l) => `${l}\n`).join(''));
      return;
    }
    case 'has-session':
      sessionNamed(context, action.target);
      return;
    case 'kill-session': {
      const session = sessionNamed(context, action.target);
      session?.app.shutdown(0);
      return;
    }
    case 'rename-session': {
      const session = sessionNamed(context, action.target);
      if (!session) return;
      if (server.sessions.some((s) => s !== session && s.name === action.name)) return fail(context, `duplicate session: ${action.name}`);
      session.name = action.name;
      session.app.requestRender();
      return;
    }
    case 'switch-client':
      return switchClient(action.to, context);
    case 'kill-server':
      server.killServer(0);
      return;
    default:
      assertNever(action);
  }
}

function newSession(action: Extract<ServerAction, { type: 'new-session' }>, context: ActionContext): void {
  const { server, hello, connection } = context;
  const from = context.session;
  const terminal = connection && !action.detached ? hello?.terminal : undefined;
  if (connection && !action.detached && !terminal) return fail(context, 'open terminal failed: not a terminal');
  const size = {
    cols: action.width ?? terminal?.cols ?? context.client?.cols ?? DEFAULT_SIZE.cols,
    rows: action.height ?? terminal?.rows ?? context.client?.rows ?? DEFAULT_SIZE.rows,
  };
  const made = server.createSession({
    name: action.name,
    ...size,
    command: action.command,
    cwd: hello?.cwd ?? from?.app.ports.cwd ?? process.cwd(),
    env: hello?.env ?? from?.app.ports.env ?? {},
  });
  if (typeof made === 'string') return fail(context, made);
  if (!action.detached) attachOrSwitch(context, made);
}

/** A command-line client attaches; a key or the prompt moves its own client to the session. */
function attachOrSwitch(context: ActionContext, session: ServerSession): void {
  const { server } = context;
  if (context.connection) {
    if (!context.hello?.terminal) return fail(context, 'open terminal failed: not a terminal');
    server.attach(context.connection, session);
    return;
  }
  if (context.client) server.attach(context.client, session);
}

function switchClient(to: 'next' | 'previous' | 'last' | { session: string }, context: ActionContext): void {
  const { server } = context;
  const client = context.client ?? [...server.attachedTo.keys()].find((c) => server.attachedTo.get(c) === server.defaultSession(context.hello));
  if (!client) return fail(context, 'no current client');
  const current = server.attachedTo.get(client);
  let session: ServerSession | undefined;
  if (typeof to === 'object') session = sessionNamed(context, to.session);
  else if (to === 'last') {
    session = server.lastSessionOf(client);
    if (!session) return fail(context, "can't find last session");
  } else {
    const order = [...server.sessions].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    const at = current ? order.indexOf(current) : -1;
    session = order[(at + (to === 'next' ? 1 : order.length - 1)) % order.length];
  }
  if (session) server.attach(client, session);
}
