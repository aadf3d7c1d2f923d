// The idle echo's two shortcuts, armed after each frame: a lone printable key read from the
// latest terminal goes straight to the focused pane (SessionClients.armKeyShortcut), and that
// pane's one-character echo is written from a plan made after the frame (App.planEcho). Each is
// taken only while the long way would do exactly the same: these tests change, right before
// the key or the echo, each thing that makes the long way do something else.
import { describe, expect, it } from 'vitest';
import { ClientTerminalView, QuietPty, appDrawn, sessionApp } from '../support/fake-session.js';
import { SharedScreen } from '../../src/server/shared-screen.js';
import { DEFAULT_BINDINGS } from '../../src/keymap/default-bindings.js';
import type { AppConfig } from '../../src/app/app-types.js';
import type { App } from '../../src/app/app.js';
import { seededRandom } from '../support/random.js';

/** A pane's program that echoes what is typed, as a shell at its prompt does. */
class EchoingPty extends QuietPty {
  echo = true;
  override write(data: string | Buffer): void {
    super.write(data);
    if (this.echo) this.emit(data.toString());
  }
}

function start(config?: Partial<Pick<AppConfig, 'bindings' | 'prefix'>>) {
  const screen = new SharedScreen(80, 24);
  const { app, ptys } = sessionApp(screen, { makePty: (options) => new EchoingPty(options), config, started: false });
  const [a, b] = [new ClientTerminalView(), new ClientTerminalView()];
  a.app = b.app = app;
  screen.attach(a);
  app.start();
  const type = (terminal: ClientTerminalView, text: string) => screen.input(terminal, Buffer.from(text));
  return { app, screen, ptys, a, b, type };
}

describe('the key shortcut', () => {
  it('is armed by a frame for the latest terminal, and takes its printable keys to the focused pane', async () => {
    const { app, ptys, a, type } = start();
    await appDrawn(app);
    expect(a.keyShortcut).toBeDefined();
    type(a, 'ls');
    expect(ptys[0]!.written).toBe('ls');
    app.shutdownNow();
  });

  it('is not taken while the key tables, a prompt, copy mode or pane numbers would take the key', async () => {
    // Each: keys, a frame, then one printable key, and what it must have done instead of being typed.
    const cases: Array<[string, string, string, (app: App, a: ClientTerminalView) => Promise<void>]> = [
      ['the prefix table', '\x02', 'c', async (app) => expect(app.windows.all.length).toBe(2)],
      ['a prompt', '\x02:', 'x', async (_app, a) => expect((await a.lines())[23]).toContain(':x')],
      ['copy mode', '\x02[', 'z', async (app) => expect(app.focusedPane()!.inCopyMode).toBe(true)],
      ['pane numbers', '\x02%\x02q', '0', async (app) => expect(app.window.focusedPaneId).toBe(app.window.paneOrder[0])],
    ];
    for (const [what, before, key, check] of cases) {
      const { app, ptys, a, type } = start();
      await appDrawn(app);
      type(a, before);
      await appDrawn(app);
      type(a, key);
      expect(ptys.map((pty) => pty.written).join(''), what).toBe('');
      await check(app, a);
      app.shutdownNow();
    }
  });

  it('leaves keys bound in the root table, and a printable prefix, to the key tables', async () => {
    const bindings = { ...DEFAULT_BINDINGS, root: { ...DEFAULT_BINDINGS.root, x: { command: 'new-window', note: 'a test binding' } } };
    const { app, ptys, a, type } = start({ bindings, prefix: '`' });
    await appDrawn(app);
    type(a, 'x');
    expect(app.windows.all.length).toBe(2);
    await appDrawn(app);
    type(a, '`');
    await appDrawn(app);
    type(a, 'c');
    expect(app.windows.all.length).toBe(3);
    await appDrawn(app);
    type(a, 'y');
    expect(ptys.map((pty) => pty.written).join('')).toBe('y');
    app.shutdownNow();
  });

  it('follows a focus moved by a command from outside at once, before any frame', async () => {
    const { app, ptys, a, type } = start();
    type(a, '\x02%');
    await appDrawn(app);
    app.runCommand('select-pane -L');
    type(a, 'k');
    expect(ptys[0]!.written).toBe('k');
    expect(ptys[1]!.written).toBe('');
    app.shutdownNow();
  });

  it("follows the focus when the focused pane's program ends, before any frame", async () => {
    const { app, ptys, a, type } = start();
    type(a, '\x02%');
    await appDrawn(app);
    ptys[1]!.exit(); // its pane closes in a microtask, the focus goes back to the first pane
    await Promise.resolve();
    expect(app.window.paneOrder).toHaveLength(1);
    type(a, 'k');
    expect(ptys[0]!.written).toBe('k');
    app.shutdownNow();
  });

  it("belongs to the latest terminal: another terminal's key takes the long way and makes it the latest", async () => {
    const { app, screen, ptys, a, b, type } = start();
    screen.attach(b);
    await appDrawn(app);
    expect(b.keyShortcut).toBeDefined();
    expect(a.keyShortcut).toBeUndefined();
    type(a, 'q');
    expect(ptys[0]!.written).toBe('q');
    expect(b.keyShortcut).toBeUndefined();
    await appDrawn(app);
    expect(a.keyShortcut).toBeDefined();
    screen.detach(b);
    await appDrawn(app);
    expect(a.keyShortcut).toBeDefined();
    screen.detach(a); // the last terminal: nothing else asks for a frame
    expect(a.keyShortcut).toBeUndefined(); // gone from the session: its keys no longer reach its panes
    app.shutdownNow();
  });
});

describe('the echo planned after a frame', () => {
  it('is written as the character alone, on the terminal that typed it', async () => {
    const { app, screen, ptys, a, b, type } = start();
    screen.attach(b);
    ptys[0]!.emit('$ ');
    await appDrawn(app);
    const [onA, onB] = [a.raw.length, b.raw.length];
    type(b, 'x');
    expect(b.raw.slice(onB)).toBe('x');
    expect(a.raw.slice(onA)).toBe('');
    await appDrawn(app);
    expect((await a.lines())[1]).toBe('$ x');
    expect((await b.lines())[1]).toBe('$ x');
    expect(b.raw.slice(onB)).toBe('x');
    app.shutdownNow();
  });

  it('is dropped when the screen changed after the frame: a message, another frame, a colour set by the program', async () => {
    const { app, ptys, a, type } = start();
    ptys[0]!.emit('$ ');
    await appDrawn(app);
    app.showMessage('hello'); // not drawn yet
    let before = a.raw.length;
    type(a, 'x');
    expect(a.raw.slice(before)).toBe('');
    expect((await a.lines())[1]).toBe('$ x');
    ptys[0]!.emit('\x1b[31m'); // parsed and drawn: a coloured pen, the next echo is red
    await appDrawn(app);
    before = a.raw.length;
    type(a, 'y');
    expect(a.raw.slice(before)).toBe('');
    await appDrawn(app);
    expect(a.raw.slice(before)).toContain('y');
    expect(a.raw.slice(before)).not.toBe('y');
    app.shutdownNow();
  });

  it("is the focused pane's only: another pane's first output after input is drawn by its frame", async () => {
    const { app, ptys, a, type } = start();
    type(a, '\x02%'); // two panes, the right one (1) focused
    await appDrawn(app);
    const left = app.window.paneOrder[0]!;
    // Input typed into the left pane by a way that asks for no frame: its echo must not be
    // written at the focused pane's cursor by the plan made for that pane.
    const before = a.raw.length;
    app.panes.get(left)!.typeUserInput(Buffer.from('q'));
    expect(ptys[0]!.written).toBe('q');
    expect(a.raw.slice(before)).not.toBe('q');
    const row = (await a.lines())[1]!;
    expect(row.slice(0, 40).trimEnd()).toBe('q');
    expect(row.slice(41).trim()).toBe('');
    app.shutdownNow();
  });

  it('leaves the terminal as a whole redraw would, with output, keys and frames at random', async () => {
    const rand = seededRandom(20261207);
    const { app, ptys, a, type } = start();
    type(a, '\x02%');
    for (let round = 0; round < 30; round++) {
      for (let k = 0; k < 4; k++) {
        const r = rand();
        if (r < 0.25) ptys[Math.floor(rand() * ptys.length)]!.emit(['word ', '\r\n', '\x1b[32m', '\x1b[0m', '\x1b[5;3H', '漢', '\x1b]2;t\x07'][Math.floor(rand() * 7)]!);
        else if (r < 0.7) type(a, String.fromCharCode(0x21 + Math.floor(rand() * 94)));
        else if (r < 0.75) type(a, '\x02o');
        else await appDrawn(app);
      }
      await appDrawn(app);
      const patched = (await a.lines()).join('\n') + JSON.stringify(a.view.cursorState());
      app.layoutChanged(); // the next frame is drawn whole
      await appDrawn(app);
      const whole = (await a.lines()).join('\n') + JSON.stringify(a.view.cursorState());
      expect(patched, `round ${round}`).toBe(whole);
    }
    app.shutdownNow();
  });
});
