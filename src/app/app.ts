// A session: its windows and panes, their coprocesses and triggers, the commands run against it
// (dispatch, with a CommandContext) and the batched render. The terminals attached to it (keys,
// mouse, prompts, messages) are session-clients.ts's. Real ports are injected by the server.
import type { Action, PaneTarget } from '../commands/actions.js';
import { Window } from './window.js';
import { WindowList, type WindowEntry } from './windows.js';
import { noteActivity, statusFormats } from './window-commands.js';
import { StatusClock } from './status-clock.js';
import { outputCapabilities } from './frame-view.js';
import { FrameScheduler, realTimers, type TimerPort } from './frame-scheduler.js';
import { dispatch } from './dispatch.js';
import { Pane } from '../panes/pane.js';
import type { PtyExit } from '../panes/pty.js';
import type { FrameView } from '../ui/compose.js';
import { buildFrameView } from './frame-view.js';
import { Painters, type EchoPlan } from './painters.js';
import { CoprocessManager } from '../coprocess/manager.js';
import { spawnChild } from '../coprocess/spawner.js';
import { FileHistory, historyPath } from '../coprocess/history.js';
import { PaneTriggers } from './pane-triggers.js';
import { paneExitText } from './pane-events.js';
import { Copies } from './copies.js';
import type { LoadedConfig } from '../config/validate.js';
import type { AppConfig, AppPorts, CommandContext, CommandReply, SessionModel } from './app-types.js';
import type { ScreenSink } from '../ui/screen-port.js';
import type { AttachedClient, Notices } from './attached-client.js';
import { fail, runLine, showMessage } from './command-context.js';
import { SessionClients } from './session-clients.js';
import { configProblemsOverlay, loadConfigFile, withLoadedConfig } from './session-config.js';

export type { AppConfig, AppPorts, CommandContext, CommandReply, SessionHost, SessionModel } from './app-types.js';
export type { Overlay } from './attached-client.js';
export { utf8BytesMissing } from './terminal-input.js';

/** How often pane titles (the running command) are checked for changes to redraw. */
const TITLE_REFRESH_MS = 1000;

/** Panes beyond this are refused: each one is a process, a pty and an emulator. */
export const MAX_PANES = 64;

/** Bells closer together than this ring once: a megabyte of BEL must not become a million writes. */
const BELL_INTERVAL_MS = 100;

export class App implements SessionModel {
  readonly windows: WindowList;
  private nextPaneId = 0;
  readonly panes = new Map<number, Pane>();
  /** Copy mode's copies, for paste-buffer and the outer clipboard. */
  readonly copies = new Copies({
    options: () => this.config.options,
    writeToTerminal: (data) => this.ports.screen.write(data),
    showMessage: (text) => this.showMessage(text),
  });
  readonly timers: TimerPort;
  readonly coprocesses: CoprocessManager;
  /** The terminals attached: each one's keys, mouse, prompt, overlay and messages. */
  private readonly clients: SessionClients;
  private readonly triggers = new Map<number, PaneTriggers>();
  private readonly frames: FrameScheduler;
  private readonly painter: Painters;
  private readonly statusClock: StatusClock;
  private stopping = false;

  constructor(
    readonly ports: AppPorts,
    public config: AppConfig,
  ) {
    this.timers = ports.timers ?? realTimers;
    this.windows = new WindowList(this.paneArea());
    this.clients = new SessionClients(ports.screen, this);
    this.painter = new Painters(ports.screen, this.clients);
    this.frames = new FrameScheduler(() => this.render(), this.timers, {
      parsedChunks: () => this.parsedChunks,
      parsing: () => this.anyPaneParsing(),
    });
    this.statusClock = new StatusClock({
      timers: this.timers,
      wallClock: () => this.wallClock(),
      intervalSeconds: () => this.config.options['status-interval'],
      tick: () => this.config.options.status && this.requestRender(),
    });
    this.coprocesses = new CoprocessManager(
      {
        pane: (target) => this.resolvePane(target),
        paneIndex: (id) => this.paneIndex(id),
        env: { ...ports.env, ...config.paneEnv },
        cwd: ports.cwd,
        icon: () => this.config.options['coprocess-icon'],
        showMessage: (text) => this.showMessage(text),
        showOverlay: (title, lines) => this.clients.notices().showOverlay(title, lines),
        openPrompt: (label, history, submit, options) => this.clients.notices().openPrompt('coprocess', label, submit, options?.initial, history, options?.cancel),
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
    screen.onInput((data, from) => this.clients.handleInput(data, from));
    screen.onResize((redraw) => this.handleResize(redraw));
    this.openPane(true, this.config.initialCommand);
    this.showConfigProblems(this.config);
    this.requestRender();
    this.statusClock.start();
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
    // The command too: it names the window in the status line (automatic-rename) under any title.
    const titles = [...this.panes.values()].map((p) => `${p.title()}\0${p.currentCommand}`).join('\0');
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
          dirty: () => {
            if (noteActivity(this, id)) this.requestRender();
            this.requestContentFrame();
          },
          chromeChanged: () => this.requestRender(),
          echoed: () => {
            if (!this.stopping) this.frames.requestUrgent();
          },
          echoArriving: (p, data) => this.drawEchoAhead(p, data),
          exited: (p, exit) => this.handlePaneExit(p, exit),
          bell: () => this.paneBell(id),
          parsed: (p) => {
            this.parsedChunks++;
            this.triggers.get(p.id)?.scan();
          },
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
    pane.emulator.onClipboardWrite((data) => this.copies.passClipboardWrite(data));
    this.attachTriggers(pane);
    this.layoutChanged();
    return pane;
  }

  /** The pane a `-t` target names (absent: the focused one); a message when there is none. */
  resolvePane(target: PaneTarget | undefined): Pane | undefined {
    const found = this.findPane(target);
    if (!('error' in found)) return found;
    this.fail(found.error);
    return undefined;
  }

  findPane(target: PaneTarget | undefined): Pane | { error: string } {
    // `%ID` names a pane in whatever window it is; other targets are in the window named, or shown.
    const entry = target?.window !== undefined ? this.windows.byIndex(target.window)
      : target?.kind === 'id' ? this.windows.holding(target.id) ?? this.windows.current
      : this.windows.current;
    if (!entry) return { error: `can't find window: ${target!.window}` };
    const id = entry.window.resolve(target);
    const pane = id === undefined ? undefined : this.panes.get(id);
    return pane ?? { error: target ? "can't find pane" : 'no pane' };
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
    const ended = paneExitText(exit, pane.lastOutputLine());
    // The last pane takes the screen with it: say it on stderr once the terminal is back.
    if (ended && this.panes.size > 1) this.showMessage(`Pane ${this.paneIndex(pane.id)} (${pane.launchedAs}) ${ended}`);
    else if (ended) this.farewell = `tmx: ${pane.launchedAs} ${ended}`;
    this.closePane(pane);
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
    this.resizePanes();
    this.painter.forgetScreen();
    this.requestRender();
  }

  private resizePanes(): void {
    for (const [id, rect] of this.window.placement().panes) {
      this.panes.get(id)?.resize(rect.width, rect.height - 1);
    }
  }

  private paneArea(): { x: number; y: number; width: number; height: number } {
    const { cols, rows } = this.ports.screen;
    const statusRows = this.config.options.status ? 1 : 0;
    return { x: 0, y: 0, width: Math.max(0, cols), height: Math.max(0, rows - statusRows) };
  }

  /**
   * `redraw`: the terminals whose screens are unknown (absent: all). Only their painters start
   * over: a client attaching, resizing or catching up after a stall costs the others no more than
   * the layout change itself (a new layout is a new chrome, drawn as a difference from their screens).
   */
  handleResize(redraw?: readonly ScreenSink[]): void {
    this.clients.forgetGone(); // clients attach and detach through here
    this.windows.setArea(this.paneArea());
    if (!redraw) return this.layoutChanged();
    this.resizePanes();
    for (const sink of redraw) this.painter.forgetScreen(sink);
    this.requestRender();
  }

  // ---- commands, messages, prompts -----------------------------------------------------

  /** What a command from `client` (a key, its prompt, its mouse) or from a shell (`reply`) runs against. */
  commandContext(client?: AttachedClient, reply?: CommandReply): CommandContext {
    return { server: this.ports.host, session: this, client, reply };
  }

  /** A command line, as typed at `client`'s prompt (absent: the rc file's, a test's). */
  runCommand(line: string, client?: AttachedClient): void {
    runLine(this.commandContext(client), line);
  }

  run(action: Action, context: CommandContext): void {
    try {
      this.clients.actingAs(context, () => dispatch(context, action));
    } catch (error) {
      // A failing command is a message, never a crash.
      fail(context, `${action.type}: ${(error as Error).message}`);
    }
    this.requestRender();
  }

  /** What is shown on every terminal: opened by no terminal's key (a pane ended, the rc file). */
  get everyTerminal(): Notices {
    return this.clients.everyTerminal;
  }

  /** A command failed: on stderr of the command-line client that ran it, else on the status line. */
  fail(text: string): void {
    fail(this.clients.here(), text);
  }

  /** On the terminal of the key or command being handled, else on every terminal. */
  showMessage(text: string): void {
    showMessage(this.clients.here(), text);
  }

  /** Coprocess actions are handled by the coprocess layer (src/coprocess/). */
  coprocessActions(action: Extract<Action, { type: 'coprocess-prompt' | 'run-coprocess' | 'stop-coprocess' | 'show-coprocess-log' }>): void {
    this.coprocesses.handle(action);
  }

  // ---- rc file and triggers --------------------------------------------------------------

  configActions(action: Extract<Action, { type: 'source-file' | 'reload-config' }>): void {
    loadConfigFile(action, this.ports, this.config, (loaded, path) => this.applyConfig(loaded, path), (text) => this.showMessage(text));
  }

  /** Takes a freshly loaded rc file into use: options, keys, triggers; problems are shown. */
  applyConfig(loaded: LoadedConfig, explicitConfig = this.config.explicitConfig): void {
    const statusChanged = loaded.options.status !== this.config.options.status;
    this.config = withLoadedConfig(this.config, loaded, explicitConfig);
    this.clients.renewKeyTables();
    this.ports.screen.setMouse(loaded.options.mouse);
    for (const pane of this.panes.values()) this.attachTriggers(pane);
    if (statusChanged) this.handleResize();
    if (!this.showConfigProblems(this.config)) this.showMessage(loaded.file ? `Loaded ${loaded.file}` : 'No rc file found: using defaults');
    this.painter.forgetScreen();
    this.requestRender();
  }

  /** Shows rc-file problems on screen; returns whether there were any. */
  private showConfigProblems(config: AppConfig): boolean {
    const overlay = configProblemsOverlay(config);
    if (overlay) this.clients.notices().showOverlay(overlay.title, overlay.lines, true);
    return overlay !== undefined;
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

  // ---- rendering -----------------------------------------------------------------------

  /** Whether all output so far is parsed and drawn: tests wait for it instead of sleeping. */
  get settled(): boolean {
    return !this.frames.pending && [...this.panes.values()].every((pane) => !pane.parsing);
  }

  /** A frame soon, for any change: borders, titles and status are built anew. */
  requestRender(): void {
    this.clients.disarmKeyShortcut();
    this.painter.chromeChanged();
    if (!this.stopping) this.frames.request();
  }

  /** Chunks of pane output parsed so far (the frame scheduler tells from it when output stops). */
  private parsedChunks = 0;

  private anyPaneParsing(): boolean {
    for (const pane of this.panes.values()) if (pane.parsing) return true;
    return false;
  }

  /** A frame soon for new pane contents only (output parsed): the last frame's chrome stands. */
  private requestContentFrame(): void {
    if (!this.stopping) this.frames.request();
  }

  private buildView(sink?: ScreenSink): FrameView {
    const now = this.timers.now();
    return buildFrameView({
      window: this.window,
      ...statusFormats(this),
      now: new Date(this.wallClock()),
      panes: this.panes,
      decorations: (pane) => this.decorations(pane),
      screen: this.ports.screen,
      terminalColumns: sink?.cols,
      options: this.config.options,
      ...this.clients.noticesFor(sink, now),
    });
  }

  /** A pane's border: the coprocess badge, and notices (paused for the coprocess, copy mode's place). */
  private wallClock(): number {
    return this.ports.wallClock?.() ?? Date.now();
  }

  private decorations(pane: Pane): { badge?: string; notice?: string; panel?: string[] } {
    const coprocess = this.coprocesses.decorations(pane);
    const copyMode = pane.copyModeNotice();
    if (!copyMode) return coprocess;
    return { ...coprocess, notice: coprocess.notice ? `${coprocess.notice}, ${copyMode}` : copyMode };
  }

  private render(): void {
    if (this.stopping) return;
    this.painter.paint((sink) => this.buildView(sink), this.panes, (detected) => outputCapabilities(detected, this.config.options['styled-underlines']), this.timers.now());
    for (const pane of this.panes.values()) pane.awaitingFrame = false;
    this.clients.armKeyShortcut();
    this.planEcho();
  }

  /** The echo a key will bring in the focused pane, worked out while nothing waits on it (drawEchoAhead). */
  private echoPlan: EchoPlan | undefined;

  private planEcho(): void {
    this.echoPlan = undefined;
    const pane = this.focusedPane();
    const at = pane?.emulator.plainPrintAt(1);
    if (pane && at) this.echoPlan = this.painter.planEcho(pane.id, at);
  }

  /**
   * A typed key's echo, drawn before xterm parses it when it is plain text that would land at
   * the cursor in the default pen (Emulator.plainPrintAt) and the frame on screen shows that
   * cursor (FramePainter.drawAhead): the bytes the frame after the parse would write, without
   * waiting for the parse and that frame, which run cold at one key every few hundred ms.
   */
  private drawEchoAhead(pane: Pane, data: Buffer): boolean {
    if (this.stopping || data.length === 0) return false;
    const plan = this.echoPlan;
    this.echoPlan = undefined; // once: the next frame plans the next
    if (plan && plan.paneId === pane.id && data.length === 1 && data[0]! >= 0x20 && data[0]! <= 0x7e && plan.painter.version === plan.version) {
      // Planned after the last frame: the pane parsed nothing since (its echo would not come
      // here otherwise) and the painter drew nothing, so the checks below would pass. Written
      // first, then the painter's own account of it (which checks again).
      const char = String.fromCharCode(data[0]!);
      const sent = plan.sink.send(plan.prefix + char);
      if (plan.painter.drawAhead(pane.id, plan.at, char) === undefined) {
        plan.painter.forgetScreen();
        this.requestRender();
      }
      return sent;
    }
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
    this.statusClock.stop();
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
    this.statusClock.stop();
    this.ports.screen.stop();
    this.coprocesses.killAllNow();
    for (const pane of this.panes.values()) pane.closeNow();
    this.panes.clear();
  }

  get isStopping(): boolean {
    return this.stopping;
  }
}
