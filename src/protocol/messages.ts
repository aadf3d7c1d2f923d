// The messages between a tmx client and its server, and the protocol version both must share.
import { encodeMessage, type Message } from './framing.js';

/** Raised whenever a message changes shape; a client and server of different versions refuse each other. */
export const PROTOCOL_VERSION = 3;

export const MessageType = {
  /** client -> server, first and once: HelloMessage (JSON). */
  Hello: 1,
  /** client -> server: raw bytes read from the terminal. */
  Input: 2,
  /** client -> server: { cols, rows } (JSON) after SIGWINCH. */
  Resize: 3,
  /** client -> server: its terminal is set up (after Attached): frames may be drawn now. */
  Ready: 4,
  /** server -> client: raw bytes for the terminal (frames). */
  Output: 10,
  /** server -> client: text for the client's stdout (a command's output). */
  Stdout: 11,
  /** server -> client: text for the client's stderr. */
  Stderr: 12,
  /** server -> client, last: ExitMessage (JSON); the client restores its terminal and exits. */
  Exit: 13,
  /** server -> client: the client is attached and should set up its terminal. */
  Attached: 14,
  /** server -> client, after Ready: { serverReads } (JSON): whether the server reads the terminal itself. */
  InputMode: 15,
} as const;

const KNOWN_TYPES = new Set<number>(Object.values(MessageType));
export const isKnownType = (type: number): boolean => KNOWN_TYPES.has(type);

/** The client's terminal, when it has one to attach with. */
export interface ClientTerminalInfo {
  cols: number;
  rows: number;
  truecolor: boolean;
  styledUnderlines: boolean;
  /** The terminal's path (/dev/pts/N): the server writes frames to it directly when it can. */
  tty?: string;
  /** Standard input's terminal: the server reads keys from it directly when it can. */
  ttyIn?: string;
}

export interface HelloMessage {
  protocol: number;
  /** The command line after the global flags (`['new-session', '-s', 'work']`). */
  argv: string[];
  cwd: string;
  /** The client's environment: new panes inherit it (as tmux's update-environment, simplified). */
  env: Record<string, string>;
  terminal?: ClientTerminalInfo;
  /** `--config FILE`, for a server this client starts. */
  config?: string;
}

export interface ExitMessage {
  status: number;
  /** For stdout after the terminal is restored (`[detached (from session 0)]`). */
  message?: string;
  /** For stderr (how the last pane's program failed, an internal error). */
  error?: string;
}

export function encodeJson(type: number, value: unknown): Buffer {
  return encodeMessage(type, JSON.stringify(value));
}

/** Parses a JSON payload; undefined for anything that is not a JSON object. */
export function decodeJson<T extends object>(message: Message): T | undefined {
  try {
    const value: unknown = JSON.parse(message.payload.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

/** What a client of another version is told. */
export function versionMismatch(clientVersion: unknown): string {
  return (
    `tmx: protocol version mismatch (client ${String(clientVersion)}, server ${PROTOCOL_VERSION}): ` +
    'a server of another tmx version is running; end it with that version\'s `tmx kill-server`, or use -L NAME for a separate server'
  );
}

export function isHello(value: unknown): value is HelloMessage {
  const hello = value as HelloMessage;
  return (
    typeof hello === 'object' && hello !== null && Array.isArray(hello.argv) && hello.argv.every((a) => typeof a === 'string') &&
    typeof hello.cwd === 'string' && typeof hello.env === 'object' && hello.env !== null
  );
}
