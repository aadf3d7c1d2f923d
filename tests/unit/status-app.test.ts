// The status line of a running App (fake ptys, a screen replayed through an emulator): tmux's
// window flags as they come and go, and the clock redrawn when the minute changes.
import { describe, expect, it } from 'vitest';
import { hostname } from 'node:os';
import { appDrawn, sessionApp } from '../support/fake-session.js';
import { ManualTimers } from '../support/manual-timers.js';
import type { App } from '../../src/app/app.js';
import type { Options } from '../../src/config/options.js';
import type { PtyExit, PtyProcess, PtySpawnOptions } from '../../src/panes/pty.js';
import type { ScreenPort } from '../../src/ui/screen-port.js';
import { Emulator } from '../../src/emulator/emulator.js';

class TalkingPty implements PtyProcess {
  static nextPid = 4_300_000; // beyond pid_max: signals to it fail harmlessly
  readonly pid = TalkingPty.nextPid++;
  private data: Array<(d: Buffer) => void> = [];
  constructor(readonly options: PtySpawnOptions) {}
  emit(text: string): void {
    for (const l of this.data) l(Buffer.from(text));
  }
  write(): void {}
  resize(): void {}
  pause(): void {}
  resume(): void {}
  onData(listener: (d: Buffer) => void) {
    this.data.push(listener);
    return { dispose: () => (this.data = this.data.filter((l) => l !== listener)) };
  }
  onExit(_listener: (e: PtyExit) => void) {
    return { dispose: () => undefined };
  }
  destroy(): void {}
  pendingWriteBytes(): number {
    return 0;
  }
}

class ViewScreen implements ScreenPort {
  readonly capabilities = { truecolor: true };
  readonly lost = false;
  readonly cols = 80;
  readonly rows = 24;
  readonly view = new Emulator({ cols: 80, rows: 24, scrollback: 0 });
  /** The App drawing here: statusRow() waits for its frames. */
  app: App | undefined;
  start(): void {}
  stop(): void {}
  setMouse(): void {}
  write(data: string): void {
    if (data !== '\x07') this.view.write(data);
  }
  onInput(): void {}
  onResize(): void {}
  /** The last row once the frames asked for so far are drawn and parsed. */
  async statusRow(): Promise<string> {
    await appDrawn(this.app!);
    await new Promise<void>((r) => this.view.write('', r));
    return this.view.screenText().split('\n')[23]!.trimEnd();
  }
  /** The first row (the pane's border), read after statusRow. */
  borderRow(): string {
    return this.view.screenText().split('\n')[0]!.trimEnd();
  }
}

function start(options: Partial<Options> = {}, clock?: { wallClock: () => number; timers: ManualTimers }) {
  const screen = new ViewScreen();
  const { app, ptys } = sessionApp(screen, { makePty: (o) => new TalkingPty(o), options, ports: clock, started: false });
  screen.app = app;
  app.start();
  return { app, screen, ptys };
}

describe('window flags on the status line', () => {
  it('# for output in a window not shown (monitor-activity), cleared when it is shown; ! for a bell', async () => {
    const { app, screen, ptys } = start({ 'monitor-activity': true });
    app.runCommand('new-window');
    expect(await screen.statusRow()).toMatch(/^\[\] 0:sh- 1:sh\* /);
    ptys[0]!.emit('busy\r\n');
    expect(await screen.statusRow()).toMatch(/^\[\] 0:sh#- 1:sh\* /);
    ptys[0]!.emit('\x07');
    expect(await screen.statusRow()).toMatch(/^\[\] 0:sh#!- 1:sh\* /);
    app.runCommand('select-window -t 0');
    expect(await screen.statusRow()).toMatch(/^\[\] 0:sh\* 1:sh- /);
    app.shutdownNow();
  });

  it('no # without monitor-activity; Z for a zoomed pane', async () => {
    const { app, screen, ptys } = start();
    app.runCommand('new-window');
    ptys[0]!.emit('busy\r\n');
    expect(await screen.statusRow()).toMatch(/^\[\] 0:sh- 1:sh\* /);
    app.runCommand('split-window -h');
    app.runCommand('resize-pane -Z');
    expect(await screen.statusRow()).toMatch(/^\[\] 0:sh- 1:sh\*Z /);
    app.shutdownNow();
  });
});

describe('the pane title on the status line', () => {
  it("is the host name until the program sets one, as tmux's; the border shows the command instead", async () => {
    const { app, screen, ptys } = start();
    const host = escapeRegExp(hostname().slice(0, 21));
    expect(await screen.statusRow()).toMatch(new RegExp(`"${host}" \\d\\d:\\d\\d`));
    expect(screen.borderRow()).toMatch(/^─ 0: sh ─+$/);
    ptys[0]!.emit('\x1b]2;doc.txt\x07');
    expect(await screen.statusRow()).toMatch(/"doc\.txt" \d\d:\d\d/);
    expect(screen.borderRow()).toMatch(/^─ 0: doc\.txt ─+$/);
    // An empty title is a title (tmux shows ""), and the border goes back to the command.
    ptys[0]!.emit('\x1b]2;\x07');
    expect(await screen.statusRow()).toMatch(/ "" \d\d:\d\d/);
    expect(screen.borderRow()).toMatch(/^─ 0: sh ─+$/);
    app.shutdownNow();
  });
});

describe('the status line clock', () => {
  /**
   * The App's timers under the test's control, and a wall clock that follows them from a second
   * before 09:06: the minute comes when the test moves the time on, not after a real second.
   */
  const secondBeforeSix = (): { wallClock: () => number; timers: ManualTimers } => {
    const timers = new ManualTimers(0);
    const base = new Date(2026, 11, 7, 9, 5, 59).getTime();
    return { timers, wallClock: () => base + timers.now() };
  };

  it('shows the new minute when it comes, without anything else happening', async () => {
    const clock = secondBeforeSix();
    const { app, screen } = start({}, clock);
    // The pane has no title of its own: #{pane_title} is the host name, as in tmux.
    const host = escapeRegExp(hostname().slice(0, 21));
    expect(await screen.statusRow()).toMatch(new RegExp(`"${host}" 09:05 07-Dec-26$`));
    clock.timers.advance(1_010); // 09:06:00.010: the clock's timer is due; nothing else runs
    expect(await screen.statusRow()).toMatch(new RegExp(`^\\[\\] 0:sh\\* +"${host}" 09:06 07-Dec-26$`));
    app.shutdownNow();
  });

  it('fills in strftime in status-left too', async () => {
    const { app, screen } = start({ 'status-left': '%H:%M ' }, secondBeforeSix());
    expect(await screen.statusRow()).toMatch(/^09:05 0:sh\* /);
    app.shutdownNow();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
