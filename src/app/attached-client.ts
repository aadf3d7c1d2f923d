// What belongs to one terminal attached to a session rather than to the session, as tmux keeps
// it per client: its keys' state (decoder, tokenizer, key tables), its prompt, overlay, message
// and display-panes numbers, its mouse drags, and its FramePainter (what its terminal shows, so
// its frames are the differences from that). Two terminals on one session never see each
// other's prompt or numbers, and a drag in one never moves a border held in the other.
// What is opened by no terminal (a pane ended, the rc file's problems, a command from a shell)
// is the session's: `Notices` of its own, shown on every terminal.
import { PromptEditor, type PromptKind } from './prompt.js';
import type { TimerPort } from './frame-scheduler.js';
import type { TerminalInput } from './terminal-input.js';
import type { MouseRouter } from './mouse.js';
import type { ScreenPort, ScreenSink } from '../ui/screen-port.js';
import { FramePainter } from './frame-painter.js';

export interface OpenPrompt {
  editor: PromptEditor;
  submit(text: string): void;
  /** Escape (or C-c, C-g) closed it without an answer. */
  cancel?(): void;
}

export interface Overlay {
  title: string;
  lines: string[];
  scroll: number;
  /** A list to choose from (choose-tree): the line under the cursor, and what choosing it does. */
  chooser?: { selected: number; choose(index: number): void };
  /**
   * Shown unasked (rc-file problems at start-up): a key it does not use (q, Escape, C-c close
   * it; the arrows and PageUp/PageDown scroll) closes it and goes on, so typing is not lost.
   */
  passOtherKeys?: boolean;
}

/** What notices need of the session: time, the options' durations, a frame. */
export interface NoticesHost {
  readonly timers: TimerPort;
  displayTime(): number;
  displayPanesTime(): number;
  requestRender(): void;
}

/** A prompt, an overlay, a message and display-panes' numbers: one terminal's, or the session's. */
export class Notices {
  message: { text: string; until: number } | undefined;
  prompt: OpenPrompt | undefined;
  overlay: Overlay | undefined;
  paneNumbersUntil = 0;

  constructor(protected readonly host: NoticesHost) {}

  showMessage(text: string): void {
    const duration = this.host.displayTime();
    this.message = { text, until: this.host.timers.now() + duration };
    this.host.timers.setTimeout(() => this.host.requestRender(), duration + 1);
    this.host.requestRender();
  }

  showPaneNumbers(): void {
    const duration = this.host.displayPanesTime();
    this.paneNumbersUntil = this.host.timers.now() + duration;
    this.host.timers.setTimeout(() => this.host.requestRender(), duration + 1);
  }

  /** The numbers are up: a digit picks a pane (once). */
  takePaneNumber(key: string): boolean {
    if (this.paneNumbersUntil <= this.host.timers.now() || !/^[0-9]$/.test(key)) return false;
    this.paneNumbersUntil = 0;
    return true;
  }

  openPrompt(kind: PromptKind, label: string, submit: (text: string) => void, initial = '', history: string[] = [], cancel?: () => void): void {
    this.prompt?.cancel?.(); // a prompt that is waiting on an answer is not left hanging
    this.prompt = { editor: new PromptEditor(kind, label, initial, history), submit, cancel };
    this.host.requestRender();
  }

  showOverlay(title: string, lines: string[], passOtherKeys = false, chooser?: Overlay['chooser']): void {
    this.overlay = { title, lines, scroll: 0, passOtherKeys, ...(chooser && { chooser }) };
    this.host.requestRender();
  }

  /** The message still up, if any. */
  liveMessage(now: number): { text: string; until: number } | undefined {
    return this.message && this.message.until > now ? this.message : undefined;
  }
}

/** One terminal on the session (or, for a screen that is one terminal, that one: no sink). */
export class AttachedClient extends Notices {
  /** Its clicks and drags: a border or a selection held in this terminal is this terminal's. */
  readonly mouse: MouseRouter;
  /** Its frames: what its terminal shows, and the pane rows as it drew them. */
  readonly painter = new FramePainter();
  /** The session's message a key typed here put away (it stays on the other terminals). */
  dismissedShared: { text: string; until: number } | undefined;

  constructor(
    host: NoticesHost,
    /** The terminal its frames go to; the server finds its connection by it. */
    readonly sink: ScreenSink | undefined,
    readonly input: TerminalInput,
    mouseFor: (client: AttachedClient) => MouseRouter,
  ) {
    super(host);
    this.mouse = mouseFor(this);
  }

  /** Its terminal went: a prompt waiting on an answer is cancelled, a late Escape dropped. */
  gone(): void {
    this.input.stopTimer();
    const prompt = this.prompt;
    this.prompt = undefined;
    prompt?.cancel?.();
  }
}

/** What a key of `client` acts on: its own notice, else the session's (shown on every terminal). */
export function actingOn<K extends 'prompt' | 'overlay'>(client: Notices, session: Notices, kind: K): Notices | undefined {
  if (client[kind]) return client;
  return session[kind] ? session : undefined;
}

/** Each terminal's AttachedClient, made when first seen and dropped once its terminal has gone. */
export class AttachedClients {
  /** For a screen that is one terminal (no sinks), and keys from no terminal. */
  private readonly single: AttachedClient;
  private readonly bySink = new Map<ScreenSink, AttachedClient>();

  constructor(
    private readonly screen: ScreenPort,
    private readonly make: (sink: ScreenSink | undefined) => AttachedClient,
  ) {
    this.single = make(undefined);
  }

  /** The client of `sink`, or of the one terminal. */
  of(sink: ScreenSink | undefined): AttachedClient {
    if (!sink) return this.single;
    let client = this.bySink.get(sink);
    if (!client) {
      this.forgetGone();
      client = this.make(sink);
      this.bySink.set(sink, client);
    }
    return client;
  }

  /** The client of `sink` if it has one (none is made). */
  existing(sink: ScreenSink): AttachedClient | undefined {
    return this.bySink.get(sink);
  }

  all(): AttachedClient[] {
    return [this.single, ...this.bySink.values()];
  }

  /** Whether `sink` is still attached (keys flushed late from one that went are dropped). */
  attached(sink: ScreenSink | undefined): boolean {
    return !sink || (this.screen.sinks?.() ?? []).includes(sink);
  }

  forgetGone(): void {
    for (const [sink, client] of this.bySink) {
      if (this.attached(sink)) continue;
      this.bySink.delete(sink);
      client.gone();
    }
  }
}
