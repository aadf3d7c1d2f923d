// The terminals attached to a session, as the session sees them: each one's keys read with its own
// state and routed (overlay, prompt, display-panes digits, key tables, the pane), its mouse, and
// what each is shown of the prompts, overlays and messages (its own over the session's). App is
// the session's model; this is the per-client part it talks to.
import type { Action } from '../commands/actions.js';
import type { InputEvent } from '../keymap/input.js';
import { KeyRouter } from '../keymap/keymap.js';
import { keyBytesForPane } from '../keymap/keys.js';
import { copyModeCommandFor } from '../keymap/copy-mode-keys.js';
import { tmuxOnlyHint } from '../keymap/default-bindings.js';
import type { Pane } from '../panes/pane.js';
import type { KeyShortcut, ScreenPort, ScreenSink } from '../ui/screen-port.js';
import type { AppConfig, CommandContext } from './app-types.js';
import type { FramePainter } from './frame-painter.js';
import type { PainterSource } from './painters.js';
import { actingOn, AttachedClient, AttachedClients, Notices, type NoticesHost, type Overlay } from './attached-client.js';
import { overlayKey } from './chooser.js';
import { noticesOf } from './command-context.js';
import type { TimerPort } from './frame-scheduler.js';
import { MouseRouter } from './mouse.js';
import type { PromptEditor } from './prompt.js';
import { TerminalInput } from './terminal-input.js';
import { typePasted } from './copies.js';
import type { Window } from './window.js';

/** What the terminals need of their session. */
export interface ClientsHost {
  readonly config: AppConfig;
  readonly timers: TimerPort;
  readonly window: Window;
  readonly panes: ReadonlyMap<number, Pane>;
  readonly isStopping: boolean;
  focusedPane(): Pane | undefined;
  commandContext(client?: AttachedClient): CommandContext;
  run(action: Action, context: CommandContext): void;
  runCommand(line: string, client: AttachedClient): void;
  requestRender(): void;
}

/** What one terminal's frame shows of the notices: its own over the session's. */
export interface ClientNotices {
  message: string | undefined;
  /** When the message goes (the app's timers' clock); a frame after it builds its view anew. */
  messageUntil: number | undefined;
  prompt: PromptEditor | undefined;
  overlay: Overlay | undefined;
  paneNumbers: boolean;
  awaitingPrefixKey: boolean;
}

export class SessionClients implements PainterSource {
  private readonly clients: AttachedClients;
  /** What is shown on every terminal: opened by no terminal's key (a pane ended, the rc file). */
  readonly everyTerminal: Notices;
  /** The command or key being handled: where what it causes deep down (a coprocess's prompt) shows. */
  private acting: CommandContext | undefined;

  constructor(
    private readonly screen: ScreenPort,
    private readonly host: ClientsHost,
  ) {
    const notices: NoticesHost = {
      timers: host.timers,
      displayTime: () => host.config.options['display-time'],
      displayPanesTime: () => host.config.options['display-panes-time'],
      requestRender: () => host.requestRender(),
    };
    this.everyTerminal = new Notices(notices);
    this.clients = new AttachedClients(screen, (sink) => new AttachedClient(notices, sink, new TerminalInput(this.keyRouter()), (client) => this.mouseFor(client)));
  }

  /** Runs `run` in `context`: what it causes deep down (a coprocess's prompt, a copy's message) goes there. */
  actingAs<T>(context: CommandContext, run: () => T): T {
    const outer = this.acting;
    this.acting = context;
    try {
      return run();
    } finally {
      this.acting = outer;
    }
  }

  /** Where what happens now is said: the command's or key's own context, else every terminal. */
  here(): CommandContext {
    return this.acting ?? this.host.commandContext();
  }

  /** The notices of the terminal whose key or command is being handled, else every terminal's. */
  notices(): Notices {
    return noticesOf(this.here());
  }

  /** Clients attach and detach: one that went takes its prompt with it. */
  forgetGone(): void {
    this.clients.forgetGone();
  }

  /** The painter of `sink`'s terminal (absent: the one terminal of a plain screen). */
  painterOf(sink?: ScreenSink): FramePainter {
    return this.clients.of(sink).painter;
  }

  existingPainterOf(sink: ScreenSink): FramePainter | undefined {
    return this.clients.existing(sink)?.painter;
  }

  allPainters(): FramePainter[] {
    return this.clients.all().map((client) => client.painter);
  }

  /** New key tables (the rc file reloaded): every terminal starts over in the root table. */
  renewKeyTables(): void {
    for (const client of this.clients.all()) client.input.router = this.keyRouter();
  }

  /** What a frame for `sink` shows: its terminal's notices over the session's, the later message of the two. */
  noticesFor(sink: ScreenSink | undefined, now: number): ClientNotices {
    const [client, every] = [this.clients.of(sink), this.everyTerminal];
    const message = this.shownMessage(client, now);
    return {
      message: message?.text,
      messageUntil: message?.until,
      prompt: (client.prompt ?? every.prompt)?.editor,
      overlay: client.overlay ?? every.overlay,
      paneNumbers: client.paneNumbersUntil > now || every.paneNumbersUntil > now,
      awaitingPrefixKey: client.input.router.awaitingPrefixKey,
    };
  }

  /** The message `client`'s terminal shows: its own or the session's, the later of the two. */
  private shownMessage(client: AttachedClient, now: number): { text: string; until: number } | undefined {
    const own = client.liveMessage(now);
    const live = this.everyTerminal.liveMessage(now);
    const shared = live === client.dismissedShared ? undefined : live;
    return own && shared ? (own.until >= shared.until ? own : shared) : own ?? shared;
  }

  /** A key, a paste, a click or the wheel puts away the message its terminal shows, as tmux's do; then it does what it does. */
  private dismissMessage(client: AttachedClient): void {
    const now = this.host.timers.now();
    if (!this.shownMessage(client, now)) return;
    client.message = undefined;
    client.dismissedShared = this.everyTerminal.liveMessage(now);
    this.host.requestRender();
  }

  /** A terminal's mouse: what it does runs as a command from that terminal. */
  private mouseFor(client: AttachedClient): MouseRouter {
    const { host } = this;
    return new MouseRouter({
      paneRects: () => host.window.placement().panes,
      focusedPaneId: () => host.window.focusedPaneId,
      pane: (id) => host.panes.get(id),
      borderAt: (x, y) => host.window.borderAt(x, y),
      dispatch: (action) => host.run(action, host.commandContext(client)),
      now: () => host.timers.now(),
    });
  }

  private keyRouter(): KeyRouter {
    const { config } = this.host;
    return new KeyRouter(config.bindings, config.prefix, config.options['repeat-time']);
  }

  // ---- input ---------------------------------------------------------------------------

  /** Bytes from a terminal (`from`; absent: the one terminal of a plain screen), read with its own state. */
  handleInput(data: Buffer, from?: ScreenSink): void {
    this.disarmKeyShortcut(); // this key may change where the next ones go
    const client = this.clients.of(from);
    this.actingAs(this.host.commandContext(client), () => {
      const input = client.input;
      // Nothing held (no sequence begun, no character half decoded): a lone printable byte is its key.
      if (data.length === 1 && input.idle() && this.handlePlainCharacter(data, client)) return;
      input.read(data, this.host.config.options['escape-time'], (event) => this.handleEvent(event, client), (late) => this.handleLateEvents(late, client));
    });
  }

  // ---- the key shortcut ----------------------------------------------------------------

  /** The terminal whose reader offers its keys to `route`, if any. */
  private shortcut: { sink: ScreenSink; route: KeyShortcut } | undefined;

  /**
   * Called after each frame. When a lone printable key typed at the latest terminal can only go
   * to the focused pane (no prompt, overlay or pane numbers up, the root key table with nothing
   * pending and the key bound to nothing there, no sequence half read, no copy mode), such a key
   * goes there straight from the terminal's reader (ScreenSink.keyShortcut), past the screen, the
   * decoder, the tokenizer and the key tables that would send it there too. That way is most of
   * an idle echo, and it runs cold. Whatever could change where keys go asks for a frame
   * (App.requestRender, App.run) or is a key taken the long way (handleInput): each drops the
   * shortcut, and the frame after it arms it again if it still holds.
   */
  armKeyShortcut(): void {
    this.disarmKeyShortcut();
    const sink = this.screen.sinks?.()[0];
    const client = sink && this.clients.existing(sink);
    const pane = this.host.focusedPane();
    if (!client || !pane || pane.inCopyMode || this.host.isStopping) return;
    const { input } = client;
    const every = this.everyTerminal;
    const now = this.host.timers.now();
    if (client.prompt || client.overlay || every.prompt || every.overlay) return;
    if (client.paneNumbersUntil > now || every.paneNumbersUntil > now) return;
    if (this.shownMessage(client, now)) return; // the key puts it away
    if (!input.idle() || !input.router.atRoot) return;
    const toPane = input.router.plainKeysToPane();
    const route: KeyShortcut = (data) => {
      if (data.length !== 1 || toPane[data[0]!] !== 1) return false;
      pane.typeUserInput(data);
      return true;
    };
    this.shortcut = { sink, route };
    sink.keyShortcut = route;
  }

  disarmKeyShortcut(): void {
    const armed = this.shortcut;
    if (!armed) return;
    this.shortcut = undefined;
    if (armed.sink.keyShortcut === armed.route) armed.sink.keyShortcut = undefined;
  }

  /** Keys flushed by a terminal's escape timer: handled as that terminal's (its prompt, its messages). */
  private handleLateEvents(events: InputEvent[], client: AttachedClient): void {
    if (this.host.isStopping || !this.clients.attached(client.sink)) return;
    this.actingAs(this.host.commandContext(client), () => {
      for (const event of events) this.handleEvent(event, client);
    });
  }

  /**
   * A lone printable ASCII byte, with no escape sequence or split character pending, is the
   * key of that name with itself as its bytes: exactly what the decoder and the tokenizer would
   * make of it. It goes to handleKey directly, which decides as for any key; this skips only
   * their work on the way of every echo, which runs cold (one key every few hundred ms).
   */
  private handlePlainCharacter(data: Buffer, client: AttachedClient): boolean {
    const code = data[0]!;
    // Space, controls, DEL and non-ASCII have key names of their own; the tokenizer names them.
    if (code <= 0x20 || code >= 0x7f) return false;
    const char = String.fromCharCode(code);
    this.handleKey(client, char, char, data);
    return true;
  }

  private handleEvent(event: InputEvent, client: AttachedClient): void {
    switch (event.kind) {
      case 'key':
        this.handleKey(client, event.key, event.bytes);
        break;
      case 'paste':
        this.handlePaste(event.text, client);
        break;
      case 'mouse':
        // A press or the wheel: the drag and release that finish a gesture leave what it showed (Copied ...).
        if (event.action === 'press' || event.action.startsWith('wheel')) this.dismissMessage(client);
        client.mouse.handle(event);
        break;
      case 'focus': {
        const pane = this.host.focusedPane();
        if (pane?.modes().sendFocus) pane.write(event.focused ? '\x1b[I' : '\x1b[O');
        break;
      }
    }
  }

  /** `typed`: the bytes as read, when they are the key's bytes as they go to a pane (a printable character). */
  private handleKey(client: AttachedClient, key: string, bytes: string, typed?: Buffer): void {
    const { host } = this;
    this.dismissMessage(client);
    const overlay = actingOn(client, this.everyTerminal, 'overlay');
    if (overlay && this.handleOverlayKey(overlay, key, client)) return;
    const prompt = actingOn(client, this.everyTerminal, 'prompt');
    if (prompt) return this.handlePromptKey(prompt, key);
    if (client.takePaneNumber(key) || this.everyTerminal.takePaneNumber(key)) {
      host.run({ type: 'select-pane', target: { kind: 'index', index: Number(key) } }, host.commandContext(client));
      return;
    }
    const outcome = client.input.router.handle(key, host.timers.now());
    if (outcome.kind === 'forward') {
      // No frame here: the echo will ask for one, and a frame now would only delay it.
      const pane = host.focusedPane();
      if (pane?.inCopyMode) {
        // Keys copy mode does not know are dropped, never typed into the program.
        const command = copyModeCommandFor(key);
        if (command) host.run({ type: 'copy-mode-command', command }, host.commandContext(client));
      } else if (pane) pane.typeUserInput(typed ?? keyBytesForPane({ key, bytes }, () => paneKeyModes(pane)));
      return;
    }
    if (outcome.kind === 'command') host.runCommand(outcome.command, client);
    else if (outcome.kind === 'unbound') {
      const hint = tmuxOnlyHint(outcome.key, host.config.prefix);
      if (hint) client.showMessage(hint);
    }
    host.requestRender();
  }

  /** A key for the prompt `holder` shows (the terminal's own, or the session's). */
  private handlePromptKey(holder: Notices, key: string): void {
    const prompt = holder.prompt!;
    const outcome = prompt.editor.handleKey(key);
    if (outcome.kind !== 'edited') holder.prompt = undefined;
    if (outcome.kind === 'submit') prompt.submit(outcome.text);
    else if (outcome.kind === 'cancel') prompt.cancel?.();
    this.host.requestRender();
  }

  /** Returns false for a key that closed an overlay shown unasked and goes on as usual. */
  private handleOverlayKey(holder: Notices, key: string, client: AttachedClient): boolean {
    const rows = client.sink?.rows ?? this.screen.rows;
    const outcome = overlayKey(holder.overlay!, key, Math.max(1, rows - 2));
    if (outcome !== 'stay') holder.overlay = undefined;
    this.host.requestRender();
    return outcome !== 'pass';
  }

  private handlePaste(text: string, client: AttachedClient): void {
    this.dismissMessage(client);
    const overlay = actingOn(client, this.everyTerminal, 'overlay');
    if (overlay?.overlay?.passOtherKeys) {
      overlay.overlay = undefined; // as any key it does not use: closes it, then goes on
      this.host.requestRender();
    }
    const prompt = actingOn(client, this.everyTerminal, 'prompt')?.prompt;
    if (prompt) {
      prompt.editor.insert(text);
      this.host.requestRender();
      return;
    }
    const pane = this.host.focusedPane();
    if (pane) typePasted(pane, text);
  }
}

function paneKeyModes(pane: Pane): { applicationCursor: boolean; applicationKeypad: boolean } {
  const modes = pane.modes();
  return { applicationCursor: modes.applicationCursor, applicationKeypad: modes.applicationKeypad };
}
