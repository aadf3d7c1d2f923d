// What the multiplexer draws on: the outer terminal (client/client-terminal.ts, in the client) or a
// client's screen as the server sees it (server/).
import type { TerminalCapabilities } from './serialize.js';

export interface ScreenPort {
  readonly cols: number;
  readonly rows: number;
  readonly capabilities: TerminalCapabilities;
  start(options: { mouse: boolean }): void;
  write(data: string): void;
  /** `from`: the terminal the bytes came from, on a screen of several (sinks). */
  onInput(listener: (data: Buffer, from?: ScreenSink) => void): void;
  /**
   * The size may have changed, or terminals show what tmx did not draw. `redraw`: the terminals
   * whose screens are unknown (attached, resized, caught up after dropped frames), the only ones
   * whose next frame is whole; absent: every terminal's.
   */
  onResize(listener: (redraw?: readonly ScreenSink[]) => void): void;
  setMouse(enabled: boolean): void;
  /** Gives the terminal back as it was found. Idempotent and synchronous (safe on exit paths). */
  stop(): void;
  /** True once the terminal has gone away (hang-up). */
  readonly lost: boolean;
  /**
   * The terminals behind this screen, each drawn at its own size, the latest client first; absent
   * (one terminal, the screen itself) for a screen that is one terminal.
   */
  sinks?(): readonly ScreenSink[];
}

/** One client's terminal: frames painted for it alone. */
export interface ScreenSink {
  readonly cols: number;
  readonly rows: number;
  readonly capabilities: TerminalCapabilities;
  /** false when the frame was dropped (the client is backed up). */
  send(data: string): boolean;
  /**
   * Set by the session while a lone printable key typed here can only go to the focused pane
   * (SessionClients.armKeyShortcut): the terminal's reader offers each read to it first, and
   * it returns true when it took the bytes.
   */
  keyShortcut?: KeyShortcut | undefined;
}

export type KeyShortcut = (data: Buffer) => boolean;

export const ESC = '\x1b';
/** Mouse: button events + drag motion (1002), reported in SGR encoding (1006) so wide screens work. */
export const MOUSE_ON = `${ESC}[?1000h${ESC}[?1002h${ESC}[?1006h`;
export const MOUSE_OFF = `${ESC}[?1006l${ESC}[?1002l${ESC}[?1000l`;
export const BRACKETED_PASTE_ON = `${ESC}[?2004h`;
export const BRACKETED_PASTE_OFF = `${ESC}[?2004l`;
/** Normal cursor keys and keypad on the outer terminal; panes get theirs re-encoded. */
export const NORMAL_KEYS = `${ESC}[?1l${ESC}>`;
/**
 * No autowrap while tmx draws: a character the outer terminal counts wider than tmx did, drawn
 * in the last column, would otherwise wrap, and on the last row scroll the whole screen. The
 * serializer never relies on wrapping: it places the cursor anew after the right margin.
 */
export const AUTOWRAP_OFF = `${ESC}[?7l`;
export const AUTOWRAP_ON = `${ESC}[?7h`;

