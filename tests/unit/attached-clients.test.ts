// Two terminals on one session: what a terminal starts is its own, as tmux keeps it per client.
// display-panes' numbers, a border or a selection held with the mouse, messages and prompts show
// on and answer to the terminal that began them; the server's commands (detach-client, ...) are
// told which terminal a key came from; each one's status line fits its own width. Copy mode stays
// the pane's, shared by both.
import { describe, expect, it } from 'vitest';
import { ClientTerminalView, QuietPty, sessionApp } from '../support/fake-session.js';
import { App } from '../../src/app/app.js';
import type { CommandContext, SessionHost } from '../../src/app/app-types.js';
import { SharedScreen } from '../../src/server/shared-screen.js';
import type { ServerAction } from '../../src/commands/actions.js';
import type { Options } from '../../src/config/options.js';

/** What the server was asked, and from which terminal. */
function recordingHost(): { host: SessionHost; asked: Array<{ type: string; context: CommandContext }> } {
  const asked: Array<{ type: string; context: CommandContext }> = [];
  const host: SessionHost = {
    serverAction: (action: ServerAction, context: CommandContext) => asked.push({ type: action.type, context }),
    sessionFormat: () => ({ session_name: 'work' }),
    configLoaded: () => undefined,
    allSessions: () => [],
    sessionChoices: () => [],
  };
  return { host, asked };
}

function start(host?: SessionHost, setup: { options?: Partial<Options>; bCols?: number } = {}): { app: App; screen: SharedScreen; ptys: QuietPty[]; a: ClientTerminalView; b: ClientTerminalView } {
  const screen = new SharedScreen(80, 24);
  const { app, ptys } = sessionApp(screen, { ports: host && { host }, options: setup.options, started: false });
  const [a, b] = [new ClientTerminalView(), new ClientTerminalView(setup.bCols)];
  a.app = b.app = app;
  screen.attach(a);
  screen.attach(b);
  app.start();
  return { app, screen, ptys, a, b };
}

const type = (screen: SharedScreen, terminal: ClientTerminalView, text: string) => screen.input(terminal, Buffer.from(text));
const widths = (app: App) => [...app.window.placement().panes.values()].map((rect) => rect.width);

describe('two terminals on one session', () => {
  it("display-panes' numbers show on the terminal that asked, and only its digits pick a pane", async () => {
    const { app, screen, ptys, a, b } = start();
    type(screen, a, '\x02%'); // two panes side by side, the new one (1) focused
    const [first, second] = app.window.paneOrder;
    type(screen, a, '\x02q');
    const [onA, onB] = [await a.lines(), await b.lines()];
    // Each pane's index in the middle of it (row 11 of 23), on A only.
    expect(onA[11]!.slice(0, 40).trimEnd()).toMatch(/^ +0$/);
    expect(onB[11]!.slice(0, 40).trimEnd()).toBe('');
    type(screen, b, '0'); // no numbers on B: a 0 typed into the pane
    expect(ptys[1]!.written).toBe('0');
    expect(app.window.focusedPaneId).toBe(second);
    type(screen, a, '0'); // A's numbers: pane 0 chosen, nothing typed
    expect(app.window.focusedPaneId).toBe(first);
    expect(ptys[0]!.written + ptys[1]!.written).toBe('0');
    app.shutdownNow();
  });

  it("a border held in one terminal is not moved by another terminal's drag, nor let go by its release", () => {
    const { app, screen, a, b } = start();
    type(screen, a, '\x02%');
    expect(widths(app)).toEqual([40, 39]);
    type(screen, a, '\x1b[<0;41;5M'); // A takes the separator (column 41, SGR counts from 1)
    type(screen, b, '\x1b[<32;30;5M\x1b[<0;30;5m'); // B's drag and release hold nothing
    expect(widths(app)).toEqual([40, 39]);
    type(screen, a, '\x1b[<32;31;5M');
    expect(widths(app)).toEqual([30, 49]);
    type(screen, a, '\x1b[<0;31;5m');
    type(screen, a, '\x1b[<32;20;5M'); // let go: a drag after the release moves nothing
    expect(widths(app)).toEqual([30, 49]);
    app.shutdownNow();
  });

  it("a selection dragged in one terminal is neither copied by another's release nor its message shown there", async () => {
    const { app, screen, ptys, a, b } = start();
    ptys[0]!.emit('hello world\r\n');
    await a.lines();
    type(screen, a, '\x1b[<0;1;2M'); // A presses on the pane's first row of text
    type(screen, b, '\x1b[<0;20;10M\x1b[<0;20;10m'); // B clicks elsewhere: only a click
    type(screen, a, '\x1b[<32;5;2M'); // A drags: copy mode (the pane's) and a selection begin
    expect(app.focusedPane()!.inCopyMode).toBe(true);
    type(screen, b, '\x1b[<0;20;10m'); // B's release ends nothing of A's
    expect(app.focusedPane()!.inCopyMode).toBe(true);
    type(screen, a, '\x1b[<0;5;2m');
    expect(app.focusedPane()!.inCopyMode).toBe(false);
    const [onA, onB] = [await a.lines(), await b.lines()];
    expect(onA[23]).toContain('Copied 5 characters');
    expect(onB[23]).not.toContain('Copied');
    app.shutdownNow();
  });

  it("a command's error and an unbound key's hint show on the terminal whose keys caused them", async () => {
    const { app, screen, a, b } = start();
    type(screen, a, '\x02:bogus-command\r');
    type(screen, b, '\x02='); // tmux's choose-buffer: tmx says what it lacks
    const [onA, onB] = [await a.lines(), await b.lines()];
    expect(onA[23]).toContain('bogus-command');
    expect(onA[23]).not.toContain('choose-buffer');
    expect(onB[23]).toContain('choose-buffer');
    expect(onB[23]).not.toContain('bogus-command');
    // From no terminal (the rc file, a shell's command), a message is every terminal's.
    app.showMessage('for everyone');
    expect((await a.lines())[23]).toContain('for everyone');
    expect((await b.lines())[23]).toContain('for everyone');
    app.shutdownNow();
  });

  it('the server is told which terminal a key came from, and none for a command from a shell', () => {
    const { host, asked } = recordingHost();
    const { app, screen, a, b } = start(host);
    type(screen, b, '\x02d');
    type(screen, a, '\x02d');
    app.run({ type: 'detach-client' }, app.commandContext(undefined, { print: () => undefined, error: () => undefined }));
    expect(asked.map((call) => [call.type, call.context.client?.sink])).toEqual([
      ['detach-client', b],
      ['detach-client', a],
      ['detach-client', undefined],
    ]);
    expect(asked[2]!.context.reply).toBeDefined();
    app.shutdownNow();
  });

  it("a terminal's prompt is cancelled when it goes, and the other terminal's keys never reach it", async () => {
    const { app, screen, ptys, a, b } = start();
    type(screen, a, '\x02:');
    type(screen, b, 'x');
    expect(ptys[0]!.written).toBe('x');
    expect((await a.lines())[23]).toBe(':');
    screen.detach(a);
    type(screen, b, 'y'); // A's prompt went with A: B types into the pane as before
    expect(ptys[0]!.written).toBe('xy');
    expect((await b.lines())[23]).not.toMatch(/^:/);
    app.shutdownNow();
  });

  it("a key puts away the message on its own terminal, as tmux's does, and still does what it does", async () => {
    const { app, screen, ptys, a, b } = start();
    app.showMessage('hello everyone'); // the session's: on both terminals
    expect((await a.lines())[23]).toContain('hello everyone');
    type(screen, a, 'x');
    expect(ptys[0]!.written).toBe('x');
    expect((await a.lines())[23]).not.toContain('hello everyone');
    expect((await b.lines())[23]).toContain('hello everyone');
    type(screen, b, '\x02='); // B's own hint, then B's next key puts it away
    expect((await b.lines())[23]).toContain('choose-buffer');
    type(screen, b, 'y');
    expect(ptys[0]!.written).toBe('xy');
    expect((await b.lines())[23]).not.toContain('choose-buffer');
    expect((await b.lines())[23]).not.toContain('hello everyone');
    app.shutdownNow();
  });

  it("lays out each terminal's status line to its own width, as tmux does per client", async () => {
    // B is narrower; the session keeps A's 80 columns (window-size latest: A typed last).
    const { app, screen, a, b } = start(undefined, { options: { 'status-justify': 'right', 'status-right': '|R' }, bCols: 60 });
    type(screen, a, '\x02c');
    const [onA, onB] = [(await a.lines())[23]!, (await b.lines())[23]!];
    // The window list right against status-right, at each terminal's own edge.
    expect(onA).toMatch(/^\[\w*\] +0:\S+ 1:\S+\|R$/);
    expect(onA).toHaveLength(80);
    expect(onB).toMatch(/^\[\w*\] +0:\S+ 1:\S+\|R$/);
    expect(onB).toHaveLength(60);
    app.shutdownNow();
  });
});
