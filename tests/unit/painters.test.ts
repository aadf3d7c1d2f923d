// Several terminals on one session: each gets its own frames at its own size, and every one of
// them sees every change (each painter redraws the pane rows changed since its own last frame);
// each reads its own keys (prefix, escape sequences), as tmux reads them per client.
import { describe, expect, it, vi } from 'vitest';
import { ClientTerminalView, QuietPty, sessionApp } from '../support/fake-session.js';
import { App } from '../../src/app/app.js';
import { SharedScreen } from '../../src/server/shared-screen.js';

/** An App on a SharedScreen of 80x24 whose panes are QuietPtys, as the server makes one per session. */
function sharedApp(): { screen: SharedScreen; ptys: QuietPty[]; app: App } {
  const screen = new SharedScreen(80, 24);
  const { app, ptys } = sessionApp(screen, { started: false });
  return { screen, ptys, app };
}

describe('several clients on one session', () => {
  it('each terminal gets frames at its own size, and the second sees every change the first does', async () => {
    const { screen, ptys, app } = sharedApp();
    const small = new ClientTerminalView(60, 20);
    const big = new ClientTerminalView(80, 24);
    small.app = big.app = app;
    screen.attach(small);
    screen.attach(big); // the latest: the window is its size
    app.start();
    for (let i = 1; i <= 30; i++) {
      ptys[0]!.emit(`line ${i}\r\n`);
      // Frame after frame: rows changed since the last frame are read by the big terminal's painter.
      if (i % 5 === 0) await big.lines();
    }
    const [bigLines, smallLines] = [await big.lines(), await small.lines()];
    expect(bigLines[21]).toBe('line 30');
    expect(bigLines[23]).toMatch(/^\[\] 0:sh\*/);
    // The small terminal shows the top of the same window, its status line on its own last row.
    expect(smallLines.slice(1, 19)).toEqual(bigLines.slice(1, 19).map((l) => l.slice(0, 60)));
    expect(smallLines[19]).toMatch(/^\[\] 0:sh\*/);
    expect(Math.max(...smallLines.map((l) => l.length))).toBeLessThanOrEqual(60);
    app.shutdownNow();
  });
});

describe('window-size', () => {
  const client = (cols: number, rows: number) => ({ cols, rows, capabilities: { truecolor: false, styledUnderlines: false }, send: () => true });

  it('latest: the terminal that typed last; smallest and largest: over every terminal attached; detached: the last size', () => {
    let policy = 'latest';
    const screen = new SharedScreen(80, 24, () => policy);
    const [a, b] = [client(100, 30), client(60, 40)];
    screen.attach(a);
    screen.attach(b);
    expect([screen.cols, screen.rows]).toEqual([60, 40]);
    screen.input(a, Buffer.from('x'));
    expect([screen.cols, screen.rows]).toEqual([100, 30]);
    policy = 'smallest';
    expect([screen.cols, screen.rows]).toEqual([60, 30]);
    policy = 'largest';
    expect([screen.cols, screen.rows]).toEqual([100, 40]);
    screen.detach(b);
    screen.detach(a);
    expect([screen.cols, screen.rows]).toEqual([100, 30]);
  });
});

describe('several clients typing on one session', () => {
  function start(): { app: App; screen: SharedScreen; ptys: QuietPty[]; a: ClientTerminalView; b: ClientTerminalView } {
    const { screen, ptys, app } = sharedApp();
    const [a, b] = [new ClientTerminalView(80, 24), new ClientTerminalView(80, 24)];
    a.app = b.app = app;
    screen.attach(a);
    screen.attach(b);
    app.start();
    return { app, screen, ptys, a, b };
  }

  it("a prefix pressed in one terminal does not make another terminal's next key a command", async () => {
    const { app, screen, ptys, a, b } = start();
    screen.input(a, Buffer.from('\x02')); // C-b in A
    screen.input(b, Buffer.from('c')); // typed in B: a c in the pane, not new-window
    expect(ptys).toHaveLength(1);
    expect(ptys[0]!.written).toBe('c');
    // The status line shows the prefix on A's terminal only (#{prefix} in status-left).
    app.config.options['status-left'] = '#{prefix}[tmx]';
    app.requestRender();
    expect((await a.lines())[23]).toMatch(/^\^\[tmx\]/);
    expect((await b.lines())[23]).toMatch(/^\[tmx\]/);
    screen.input(a, Buffer.from('%')); // A is still after its prefix: split-window -h
    expect(ptys).toHaveLength(2);
    expect(ptys[0]!.written).toBe('c');
    app.shutdownNow();
  });

  it("half an escape sequence from one terminal does not swallow another terminal's key", async () => {
    const { app, screen, ptys, a, b } = start();
    screen.input(a, Buffer.from('\x1b')); // ESC in A: Escape, or the start of Meta-x, a sequence...
    screen.input(b, Buffer.from('x')); // B's x is an x, not A's Meta-x
    expect(ptys[0]!.written).toBe('x');
    await vi.waitFor(() => expect(ptys[0]!.written).toBe('x\x1b')); // escape-time: A's lone Escape
    // A late Escape is its own terminal's: B's does not close the prompt open on A.
    screen.input(a, Buffer.from('\x02:'));
    screen.input(b, Buffer.from('\x1b'));
    await vi.waitFor(() => expect(ptys[0]!.written).toBe('x\x1b\x1b'));
    screen.input(a, Buffer.from('q'));
    expect(ptys[0]!.written).toBe('x\x1b\x1b'); // into A's prompt, not the pane
    expect((await a.lines())[23]).toBe(':q');
    expect((await b.lines())[23]).not.toContain(':q');
    app.shutdownNow();
  });
});

describe('a client catching up', () => {
  /** A terminal that records each frame's bytes, and drops them (as a backed-up client) while stalled. */
  class Recording extends ClientTerminalView {
    stalled = false;
    /** Everything sent since the test last cleared it. */
    bytes = '';
    override send(data: string): boolean {
      if (this.stalled) return false;
      this.bytes += data;
      return super.send(data);
    }
    async shows(text: string): Promise<void> {
      await vi.waitFor(async () => {
        await new Promise<void>((r) => this.view.write('', r));
        expect(this.view.screenText()).toContain(text);
      });
    }
  }

  it("redraws its own screen whole; the other terminals' next frames hold only the changed rows", async () => {
    const { screen, ptys, app } = sharedApp();
    const [a, b] = [new Recording(80, 24), new Recording(80, 24)];
    screen.attach(a);
    screen.attach(b);
    app.start();
    for (let i = 1; i <= 5; i++) ptys[0]!.emit(`line-${i}\r\n`);
    await Promise.all([a.shows('line-5'), b.shows('line-5')]);

    b.stalled = true; // its frames are dropped from here on
    ptys[0]!.emit('line-6\r\n');
    await a.shows('line-6');
    b.stalled = false;
    [a.bytes, b.bytes] = ['', ''];
    screen.catchUp(b);
    await b.shows('line-6');
    // The caught-up terminal got the whole screen: rows it had, the status line.
    expect(b.bytes).toContain('line-1');
    expect(b.bytes).toContain('0:sh');

    ptys[0]!.emit('line-7\r\n');
    await a.shows('line-7');
    // The other terminal's frames since: the changed row alone, no untouched row, no status line.
    expect(a.bytes).toContain('line-7');
    expect(a.bytes).not.toContain('line-1');
    expect(a.bytes).not.toContain('0:sh');

    // A third terminal of the same size attaching: the same for the two already there.
    const c = new Recording(80, 24);
    [a.bytes, b.bytes] = ['', ''];
    screen.attach(c);
    await c.shows('line-7');
    ptys[0]!.emit('line-8\r\n');
    await Promise.all([a.shows('line-8'), b.shows('line-8')]);
    for (const t of [a, b]) {
      expect(t.bytes).toContain('line-8');
      expect(t.bytes).not.toContain('line-1');
      expect(t.bytes).not.toContain('0:sh');
    }
    expect(c.bytes).toContain('line-1');
    app.shutdownNow();
  });
});
