// The running multiplexer: panes, the session arrangement, input routing, prompts and the
// batched render. Real ports (pty factory, screen, timers) are injected by cli.ts.
import type { Action, PaneTarget } from '../commands/actions.js';
import { Window } from './window.js';
import { WindowList, type WindowEntry } from './windows.js';
import { windowListText } from './window-commands.js';
import { overlayKey } from './chooser.js';
import { outputCapabilities } from './frame-view.js';
import { PromptEditor, type PromptKind } from './prompt.js';
import { FrameScheduler, realTimers, type TimerPort } from './frame-scheduler.js';
import { dispatch } from './dispatch.js';
import { Pane } from '../panes/pane.js';
import type { PtyExit } from '../panes/pty.js';
import type { InputEvent } from '../keymap/input.js';
import { KeyRouter } from '../keymap/keymap.js';
import { keyBytesForPane } from '../keymap/keys.js';
import { copyModeCommandFor } from '../keymap/copy-mode-keys.js';
import { tmuxOnlyHint } from '../keymap/default-bindings.js';
import { parseCommandLine } from '../commands/registry.js';
import type { FrameView } from '../ui/compose.js';
import { buildFrameView } from './frame-view.js';
import type { TerminalCapabilities } from '../ui/serialize.js';
import { Painters } from './painters.js';
import { CoprocessManager } from '../coprocess/manager.js';
import { spawnChild } from '../coprocess/spawner.js';
import { FileHistory, historyPath } from '../coprocess/history.js';
import { PaneTriggers } from './pane-triggers.js';
import { MouseRouter } from './mouse.js';
import { clipboardForOuterTerminal, describePaneExit } from './pane-events.js';
import { Copies, typePasted } from './copies.js';
import type { LoadedConfig } from '../config/validate.js';

import type { AppConfig, AppPorts, CommandReply, OpenPrompt, Overlay, OwnTerminal } from './app-types.js';
import type { ScreenSink } from '../ui/screen-port.js';
import { actingOn, ownTerminal, shownOn } from './own-terminal.js';
import { TerminalInputs } from './terminal-input.js';

export type { AppConfig, AppPorts, CommandReply, Overlay, SessionHost } from './app-types.js';
export { utf8BytesMissing } from './terminal-input.js';

/** The rc-problems overlay's first line: it comes up unasked, so typing must not be lost. */
const CONFIG_PROBLEMS_KEYS_NOTE = 'q or Escape closes this; other keys close it and go on to the pane.';

/** How often pane titles (the running command) are checked for changes to redraw. */
const TITLE_REFRESH_MS = 1000;

/** Panes beyond this are refused: each one is a process, a pty and an emulator. */
export const MAX_PANES = 64;

/** Bells closer together than this ring once: a megabyte of BEL must not become a million writes. */
const BELL_INTERVAL_MS = 100;

export class App {
  readonly windows: WindowList;
  private nextPaneId = 0;
  readonly panes = new Map<number, Pane>();
  /** Copy mode's copies, for paste-buffer and the outer clipboard. */
  readonly copies = new Copies({
    options: () => this.config.options,
    writeToTerminal: (data) => this.ports.screen.write(data),
    showMessage: (text) => this.showMessage(text),
  });
  private readonly mouse = new MouseRouter({
    paneRects: () => this.window.placement().panes,
    focusedPaneId: () => this.window.focusedPaneId,
    pane: (id) => this.panes.get(id),
    borderAt: (x, y) => this.window.borderAt(x, y),
    dispatch: (action) => this.dispatch(action),
    now: () => this.timers.now(),
  });
  readonly timers: TimerPort;
  readonly coprocesses: CoprocessManager;
  /** Each terminal's decoder, tokenizer, escape timer and key-table state. */
  private readonly inputs: TerminalInputs;
  private readonly triggers = new Map<number, PaneTriggers>();
  private readonly frames: FrameScheduler;
  private readonly painter: Painters;
  private message: ({ text: string; until: number } & OwnTerminal) | undefined;
  private paneNumbersUntil = 0;
  prompt: OpenPrompt | undefined;
  overlay: Overlay | undefined;
  private stopping = false;

  constructor(
    readonly ports: AppPorts,
    public config: AppConfig,
  ) {
    this.timers = ports.timers ?? realTimers;
    this.windows = new WindowList(this.paneArea());
    this.painter = new Painters(ports.screen);
    this.inputs = new TerminalInputs(ports.screen, () => new KeyRouter(this.config.bindings, this.config.prefix, this.config.options['repeat-time']));
    this.frames = new FrameScheduler(() => this.render(), this.timers);
    this.coprocesses = new CoprocessManager(
      {
        pane: (target) => this.resolvePane(target),
        paneIndex: (id) => this.paneIndex(id),
        env: { ...ports.env, ...config.paneEnv },
        cwd: ports.cwd,
        icon: () => this.config.options['coprocess-icon'],
        showMessage: (text) => this.showMessage(text),
        showOverlay: (title, lines) => this.showOverlay(title, lines),
        openPrompt: (label, history, submit, options) => this.openPrompt('coprocess', label, submit, options?.initial, history, options?.cancel),
        options: () => this.config.options,
        requestRender: () => this.requestRender(),
      },
      ports.spawner ?? spawnChild,
      ports.coprocessHistory ?? new FileHistory(historyPath(ports.env)),
    );
  }

  start(): void {
    const { screen } = this.ports;
    screen.start({ mouse: this.config.options.mouse });
    screen.onInput((data) => this.handleInput(data));
    screen.onResize(() => this.handleResize());
    this.openPane(true, this.config.initialCommand);
    this.showConfigProblems(this.config);
    this.requestRender();
    // A command that starts or ends prints nothing tmx must redraw for, but the title changes.
    this.titleRefresh = setInterval(() => this.refreshTitles(), TITLE_REFRESH_MS);
    this.titleRefresh.unref();
  }

  private lastTitles = '';
  private titleRefresh: ReturnType<typeof setInterval> | undefined;
  /** Said on stderr after the terminal is restored (how the last pane's program failed). */
  private farewell: string | undefined;
  private lastBellAt = -Infinity;

  private ringBell(): void {
    const now = this.timers.now();
    if (now - this.lastBellAt < BELL_INTERVAL_MS) return;
    this.lastBellAt = now;
    this.ports.screen.write('\x07');
  }

  /** A bell in a window not shown marks it on the status line (tmux's `!`), and rings as any bell. */
  private paneBell(id: number): void {
    const entry = this.windows.holding(id);
    if (entry && entry !== this.windows.current && !entry.bell) {
      entry.bell = true;
      this.requestRender();
    }
    this.ringBell();
  }

  private refreshTitles(): void {
    const now = this.timers.now();
    for (const pane of this.panes.values()) pane.refreshCommandName(now);
    const titles = [...this.panes.values()].map((p) => p.title()).join('\0');
    if (titles === this.lastTitles) return;
    this.lastTitles = titles;
    this.requestRender();
  }

  // ---- panes -------------------------------------------------------------------------

  /** Creates a pane (splitting the focused one unless it is the first) running `command` or the shell. */
  openPane(sideBySide: boolean, command?: string, target?: number, window?: WindowEntry): Pane | undefined {
    if (this.panes.size >= MAX_PANES) {
      this.showMessage(`Too many panes (${MAX_PANES} at most): close one first`);
      return undefined;
    }
    const id = this.ports.allocatePaneId?.() ?? this.nextPaneId++;
    const from = target === undefined ? undefined : this.panes.get(target);
    // A split goes into the window of the pane it splits, shown or not.
    const into = window ?? (target !== undefined ? this.windows.holding(target) : undefined) ?? this.windows.current;
    into.window.addPane(id, sideBySide, target);
    const rect = into.window.placement().panes.get(id);
    const env = { ...this.ports.env, TERM: 'xterm-256color', COLORTERM: 'truecolor', TMX: '1', ...this.config.paneEnv, TMX_PANE: `%${id}` };
    let pane: Pane;
    try {
      pane = new Pane(
        id,
        {
          command,
          cwd: from?.cwd() ?? this.ports.cwd,
          env,
          cols: Math.max(1, rect?.width ?? 1),
          rows: Math.max(1, (rect?.height ?? 2) - 1),
          scrollback: this.config.options['scrollback-lines'],
        },
        this.ports.ptyFactory,
        {
          dirty: () => this.requestContentFrame(),
          chromeChanged: () => this.requestRender(),
          echoed: () => {
            if (!this.stopping) this.frames.requestUrgent();
          },
          echoArriving: (p, data) => this.drawEchoAhead(p, data),
          exited: (p, exit) => this.handlePaneExit(p, exit),
          bell: () => this.paneBell(id),
          parsed: (p) => this.triggers.get(p.id)?.scan(),
        },
      );
    } catch (error) {
      const entry = into;
      entry.window.removePane(id);
      this.showMessage(`Cannot start ${command ?? 'the shell'}: ${(error as Error).message}`);
      if (entry.window.isEmpty && !this.windows.remove(entry)) this.shutdown(1);
      else if (entry.window.isEmpty) this.layoutChanged();
      return undefined;
    }
    this.panes.set(id, pane);
    pane.emulator.onClipboardWrite((data) => this.passClipboardWrite(data));
    this.attachTriggers(pane);
    this.layoutChanged();
    return pane;
  }

  /** The pane a `-t` target names (absent: the focused one); a message when there is none. */
  resolvePane(target: PaneTarget | undefined): Pane | undefined {
    // `%ID` names a pane in whatever window it is; other targets are in the window named, or shown.
    const entry = target?.window !== undefined ? this.windows.byIndex(target.window)
      : target?.kind === 'id' ? this.windows.holding(target.id) ?? this.windows.current
      : this.windows.current;
    if (!entry) {
      this.fail(`can't find window: ${target!.window}`);
      return undefined;
    }
    const id = entry.window.resolve(target);
    const pane = id === undefined ? undefined : this.panes.get(id);
    if (!pane) this.fail(target ? "can't find pane" : 'no pane');
    return pane;
  }

  /** The window shown. */
  get window(): Window {
    return this.windows.current.window;
  }

  /** A pane's index in its own window. */
  paneIndex(id: number): number {
    return this.windows.holding(id)?.window.paneOrder.indexOf(id) ?? -1;
  }

  focusedPane(): Pane | undefined {
    const id = this.window.focusedPaneId;
    return id === undefined ? undefined : this.panes.get(id);
  }

  killPane(id: number): void {
    const pane = this.panes.get(id);
    if (pane) this.closePane(pane);
  }

  private handlePaneExit(pane: Pane, exit: PtyExit): void {
    // A program that fails (a bad command, a missing directory) would vanish with its pane:
    // say how it ended and what it last printed.
    const how = describePaneExit(exit);
    if (how) {
      const line = pane.lastOutputLine();
      const index = this.paneIndex(pane.id);
      // The last pane takes the screen with it: say it on stderr once the terminal is back.
      if (this.panes.size > 1) this.showMessage(`Pane ${index} (${pane.launchedAs}) ${how}${line ? `: ${line}` : ''}`);
      else this.farewell = `tmx: ${pane.launchedAs} ${how}${line ? `: ${line}` : ''}`;
    }
    this.closePane(pane);
  }

  private passClipboardWrite(data: Buffer): void {
    const outcome = clipboardForOuterTerminal(data, this.config.options);
    if (outcome && 'refused' in outcome) this.showMessage(outcome.refused);
    else if (outcome) this.ports.screen.write(outcome.sequence);
  }

  private closePane(pane: Pane): void {
    this.triggers.get(pane.id)?.dispose();
    this.triggers.delete(pane.id);
    void this.coprocesses.paneClosed(pane.id);
    this.removePane(pane);
    void pane.close();
  }

  private removePane(pane: Pane): void {
    if (!this.panes.delete(pane.id)) return;
    // A window ends with its last pane, the session with its last window.
    const entry = this.windows.holding(pane.id);
    entry?.window.removePane(pane.id);
    if (entry?.window.isEmpty && !this.windows.remove(entry)) {
      this.shutdown(0);
      return;
    }
    this.layoutChanged();
  }

  /** After any arrangement change: every visible pane's pty gets its new size (SIGWINCH). */
  layoutChanged(): void {
    for (const [id, rect] of this.window.placement().panes) {
      this.panes.get(id)?.resize(rect.width, rect.height - 1);
    }
    this.painter.forgetScreen();
    this.requestRender();
  }

  private paneArea(): { x: number; y: number; width: number; height: number } {
    const { cols, rows } = this.ports.screen;
    const statusRows = this.config.options.status ? 1 : 0;
    return { x: 0, y: 0, width: Math.max(0, cols), height: Math.max(0, rows - statusRows) };
  }

  handleResize(): void {
    this.windows.setArea(this.paneArea());
    this.layoutChanged();
  }

  // ---- commands, messages, prompts -----------------------------------------------------

  runCommand(line: string): void {
    const parsed = parseCommandLine(line);
    if ('error' in parsed) {
      this.showMessage(parsed.error);
      return;
    }
    for (const action of parsed.actions) this.dispatch(action);
  }

  dispatch(action: Action): void {
    try {
      dispatch(this, action);
    } catch (error) {
      // A failing command is a message, never a crash.
      this.fail(`${action.type}: ${(error as Error).message}`);
    }
    this.requestRender();
  }

  /** Where the command being run from outside (`tmx COMMAND`) prints; undefined for keys and the prompt. */
  reply: CommandReply | undefined;

  /** Runs an Action for a command-line client: what it prints and its errors go to `reply`. */
  runExternal(action: Action, reply: CommandReply): void {
    this.reply = reply;
    try {
      this.dispatch(action);
    } finally {
      this.reply = undefined;
    }
  }

  /** A command failed: on stderr of the command-line client that ran it, else on the status line. */
  fail(text: string): void {
    if (this.reply) this.reply.error(text);
    else this.showMessage(text);
  }

  showMessage(text: string): void {
    const duration = this.config.options['display-time'];
    this.message = { text, until: this.timers.now() + duration, ...this.ownTerminal() };
    this.timers.setTimeout(() => this.requestRender(), duration + 1);
    this.requestRender();
  }

  showPaneNumbers(): void {
    const duration = this.config.options['display-panes-time'];
    this.paneNumbersUntil = this.timers.now() + duration;
    this.timers.setTimeout(() => this.requestRender(), duration + 1);
  }

  openPrompt(kind: PromptKind, label: string, submit: (text: string) => void, initial = '', history: string[] = [], cancel?: () => void): void {
    this.prompt?.cancel?.(); // a prompt that is waiting on an answer is not left hanging
    this.prompt = { editor: new PromptEditor(kind, label, initial, history), submit, cancel, ...this.ownTerminal() };
    this.requestRender();
  }

  showOverlay(title: string, lines: string[], passOtherKeys = false, chooser?: Overlay['chooser']): void {
    this.overlay = { title, lines, scroll: 0, passOtherKeys, ...(chooser && { chooser }), ...this.ownTerminal() };
    this.requestRender();
  }

  /** Coprocess actions are handled by the coprocess layer (src/coprocess/). */
  coprocessActions(action: Extract<Action, { type: 'coprocess-prompt' | 'run-coprocess' | 'stop-coprocess' | 'show-coprocess-log' }>): void {
    this.coprocesses.handle(action);
  }

  // ---- rc file and triggers --------------------------------------------------------------

  configActions(action: Extract<Action, { type: 'source-file' | 'reload-config' }>): void {
    const load = this.ports.loadConfig;
    if (!load) {
      this.showMessage(`${action.type}: no rc file loader in this session`);
      return;
    }
    const path = action.type === 'source-file' ? action.path : this.config.explicitConfig;
    load(path).then(
      // The server's rc file is every session's: each takes it (and sessions made later).
      (loaded) => (this.ports.host ? this.ports.host.configLoaded(loaded, path) : this.applyConfig(loaded, path)),
      (error: Error) => this.showMessage(`${action.type}: ${error.message}`),
    );
  }

  /** Takes a freshly loaded rc file into use: options, keys, triggers; problems are shown. */
  applyConfig(loaded: LoadedConfig, explicitConfig = this.config.explicitConfig): void {
    const statusChanged = loaded.options.status !== this.config.options.status;
    this.config = {
      ...this.config,
      options: loaded.options,
      bindings: loaded.bindings,
      prefix: loaded.prefix,
      triggers: loaded.triggers,
      file: loaded.file,
      problems: loaded.problems,
      explicitConfig,
    };
    this.inputs.renewRouters();
    this.ports.screen.setMouse(loaded.options.mouse);
    for (const pane of this.panes.values()) this.attachTriggers(pane);
    if (statusChanged) this.handleResize();
    if (!this.showConfigProblems(this.config)) this.showMessage(loaded.file ? `Loaded ${loaded.file}` : 'No rc file found: using defaults');
    this.painter.forgetScreen();
    this.requestRender();
  }

  /** Shows rc-file problems on screen; returns whether there were any. */
  private showConfigProblems(config: AppConfig): boolean {
    const problems = config.problems ?? [];
    if (problems.length === 0) return false;
    const lines = [CONFIG_PROBLEMS_KEYS_NOTE, '', ...problems.flatMap((p) => p.split('\n'))];
    this.showOverlay(`Problems in the rc file (tmx uses defaults for what is broken)`, lines, true);
    return true;
  }

  private attachTriggers(pane: Pane): void {
    this.triggers.get(pane.id)?.dispose();
    this.triggers.delete(pane.id);
    const triggers = this.config.triggers ?? [];
    if (triggers.length === 0) return;
    this.triggers.set(
      pane.id,
      new PaneTriggers(pane, triggers, {
        runCoprocess: (p, argv, env, silent, label) => {
          if (this.coprocesses.has(p.id)) {
            this.showMessage(`Trigger "${label}" did not run: pane ${this.paneIndex(p.id)} already has a coprocess`);
            return;
          }
          this.coprocesses.start({ kind: 'id', id: p.id }, { display: argv.join(' '), file: argv[0]!, args: argv.slice(1) }, silent, env);
        },
        askZmodem: (p, direction) => this.coprocesses.askZmodem(p, direction),
        showMessage: (text) => this.showMessage(text),
        bell: () => this.ringBell(),
        requestRender: () => this.requestRender(),
      }),
    );
  }

  prefixKey(): string {
    return this.config.prefix;
  }

  // ---- input ---------------------------------------------------------------------------

  /** Bytes from the terminal whose keys are being handled (screen.currentSink), read with its own state. */
  handleInput(data: Buffer): void {
    const sink = this.ports.screen.currentSink?.();
    const input = this.inputs.of(sink);
    // Nothing held (no sequence begun, no character half decoded): a lone printable byte is its key.
    if (data.length === 1 && input.idle() && this.handlePlainCharacter(data, sink)) return;
    input.read(data, this.config.options['escape-time'], (event) => this.handleEvent(event, sink), (late) => this.handleLateEvents(late, sink));
  }

  /** Keys flushed by a terminal's escape timer: handled as that terminal's (its prompt, its messages). */
  private handleLateEvents(events: InputEvent[], sink: ScreenSink | undefined): void {
    if (this.stopping || !this.inputs.attached(sink)) return;
    const handle = (): void => {
      for (const event of events) this.handleEvent(event, sink);
    };
    if (sink && this.ports.screen.withCurrentSink) this.ports.screen.withCurrentSink(sink, handle);
    else handle();
  }

  /**
   * A lone printable ASCII byte, with no escape sequence or split character pending, is the
   * key of that name with itself as its bytes: exactly what the decoder and the tokenizer would
   * make of it. It goes to handleKey directly, which decides as for any key; this skips only
   * their work on the way of every echo, which runs cold (one key every few hundred ms).
   */
  private handlePlainCharacter(data: Buffer, sink: ScreenSink | undefined): boolean {
    const code = data[0]!;
    // Space, controls, DEL and non-ASCII have key names of their own; the tokenizer names them.
    if (code <= 0x20 || code >= 0x7f) return false;
    const char = String.fromCharCode(code);
    this.handleKey(sink, char, char, data);
    return true;
  }

  private handleEvent(event: InputEvent, sink: ScreenSink | undefined): void {
    switch (event.kind) {
      case 'key':
        this.handleKey(sink, event.key, event.bytes);
        break;
      case 'paste':
        this.handlePaste(event.text);
        break;
      case 'mouse':
        this.mouse.handle(event);
        break;
      case 'focus': {
        const pane = this.focusedPane();
        if (pane?.modes().sendFocus) pane.write(event.focused ? '\x1b[I' : '\x1b[O');
        break;
      }
    }
  }

  /** `typed`: the bytes as read, when they are the key's bytes as they go to a pane (a printable character). */
  private handleKey(sink: ScreenSink | undefined, key: string, bytes: string, typed?: Buffer): void {
    if (this.here(this.overlay) && this.handleOverlayKey(key)) return;
    if (this.here(this.prompt)) return this.handlePromptKey(key);
    if (this.paneNumbersUntil > this.timers.now() && /^[0-9]$/.test(key)) {
      this.paneNumbersUntil = 0;
      this.dispatch({ type: 'select-pane', target: { kind: 'index', index: Number(key) } });
      return;
    }
    const outcome = this.inputs.of(sink).router.handle(key, this.timers.now());
    if (outcome.kind === 'forward') {
      // No frame here: the echo will ask for one, and a frame now would only delay it.
      const pane = this.focusedPane();
      if (pane?.inCopyMode) {
        // Keys copy mode does not know are dropped, never typed into the program.
        const command = copyModeCommandFor(key);
        if (command) this.dispatch({ type: 'copy-mode-command', command });
      } else if (pane) pane.typeUserInput(typed ?? keyBytesForPane({ key, bytes }, () => this.paneKeyModes(pane)));
      return;
    }
    if (outcome.kind === 'command') this.runCommand(outcome.command);
    else if (outcome.kind === 'unbound') {
      const hint = tmuxOnlyHint(outcome.key, this.config.prefix);
      if (hint) this.showMessage(hint);
    }
    this.requestRender();
  }

  private paneKeyModes(pane: Pane): { applicationCursor: boolean; applicationKeypad: boolean } {
    const modes = pane.modes();
    return { applicationCursor: modes.applicationCursor, applicationKeypad: modes.applicationKeypad };
  }

  private handlePromptKey(key: string): void {
    const prompt = this.prompt!;
    const outcome = prompt.editor.handleKey(key);
    if (outcome.kind !== 'edited') this.prompt = undefined;
    if (outcome.kind === 'submit') prompt.submit(outcome.text);
    else if (outcome.kind === 'cancel') prompt.cancel?.();
    this.requestRender();
  }

  /** Returns false for a key that closed an overlay shown unasked and goes on as usual. */
  private handleOverlayKey(key: string): boolean {
    const outcome = overlayKey(this.overlay!, key, Math.max(1, this.ports.screen.rows - 2));
    if (outcome !== 'stay') this.overlay = undefined;
    this.requestRender();
    return outcome !== 'pass';
  }

  private handlePaste(text: string): void {
    if (this.here(this.overlay)?.passOtherKeys) {
      this.overlay = undefined; // as any key it does not use: closes it, then goes on
      this.requestRender();
    }
    const prompt = this.here(this.prompt);
    if (prompt) {
      prompt.editor.insert(text);
      this.requestRender();
      return;
    }
    const pane = this.focusedPane();
    if (pane) typePasted(pane, text);
  }

  // ---- rendering -----------------------------------------------------------------------

  /** A frame soon, for any change: borders, titles and status are built anew. */
  requestRender(): void {
    this.painter.chromeChanged();
    if (!this.stopping) this.frames.request();
  }

  /** A frame soon for new pane contents only (output parsed): the last frame's chrome stands. */
  private requestContentFrame(): void {
    if (!this.stopping) this.frames.request();
  }

  private ownTerminal(): OwnTerminal {
    return ownTerminal(this.ports.screen);
  }

  private here<T extends OwnTerminal>(owned: T | undefined): T | undefined {
    return actingOn(owned, this.ports.screen);
  }

  private buildView(sink?: ScreenSink): FrameView {
    const now = this.timers.now();
    const shown = <T extends OwnTerminal>(owned: T | undefined): T | undefined => shownOn(owned, sink, this.ports.screen);
    const message = shown(this.message);
    return buildFrameView({
      window: this.window,
      windowList: windowListText(this),
      sessionName: String(this.ports.host?.sessionFormat(this).session_name ?? 'tmx'),
      panes: this.panes,
      decorations: (pane) => this.decorations(pane),
      screen: this.ports.screen,
      options: this.config.options,
      message: message && message.until > now ? message.text : undefined,
      prompt: shown(this.prompt)?.editor,
      overlay: shown(this.overlay),
      paneNumbers: this.paneNumbersUntil > now,
      awaitingPrefixKey: this.inputs.of(sink).router.awaitingPrefixKey,
    });
  }

  /** A pane's border: the coprocess badge, and notices (paused for the coprocess, copy mode's place). */
  private decorations(pane: Pane): { badge?: string; notice?: string; panel?: string[] } {
    const coprocess = this.coprocesses.decorations(pane);
    const copyMode = pane.copyModeNotice();
    if (!copyMode) return coprocess;
    return { ...coprocess, notice: coprocess.notice ? `${coprocess.notice}, ${copyMode}` : copyMode };
  }

  private render(): void {
    if (this.stopping) return;
    this.painter.paint((sink) => this.buildView(sink), this.panes, (detected) => outputCapabilities(detected, this.config.options['styled-underlines']));
    for (const pane of this.panes.values()) pane.awaitingFrame = false;
  }

  /**
   * A typed key's echo, drawn before xterm parses it when it is plain text that would land at
   * the cursor in the default pen (Emulator.plainPrintAt) and the frame on screen shows that
   * cursor (FramePainter.drawAhead): the bytes the frame after the parse would write, without
   * waiting for the parse and that frame, which run cold at one key every few hundred ms.
   */
  private drawEchoAhead(pane: Pane, data: Buffer): boolean {
    if (this.stopping || data.length === 0) return false;
    for (const byte of data) if (byte < 0x20 || byte > 0x7e) return false;
    const at = pane.emulator.plainPrintAt(data.length);
    return at !== undefined && this.painter.drawAhead(pane.id, at, data.toString('latin1'));
  }

  // ---- shutdown ------------------------------------------------------------------------

  /** One cleanup path for every way out: terminal restored first, then processes ended. */
  shutdown(code: number): void {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.titleRefresh);
    this.ports.screen.stop();
    if (this.farewell) this.ports.report?.(this.farewell);
    const ending = [this.coprocesses.stopAll(), ...[...this.panes.values()].map((pane) => pane.close())];
    this.panes.clear();
    void Promise.allSettled(ending).then(() => this.ports.exit(code));
  }

  /** Synchronous last-resort cleanup (uncaught error, process exit). */
  shutdownNow(): void {
    this.stopping = true;
    clearInterval(this.titleRefresh);
    this.ports.screen.stop();
    this.coprocesses.killAllNow();
    for (const pane of this.panes.values()) pane.closeNow();
    this.panes.clear();
  }

  get isStopping(): boolean {
    return this.stopping;
  }
}
