// Windows of a session through their commands: new-window, break-pane and join-pane move panes
// between windows, and a window ends with its last pane.
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.js';
import { defaultOptions } from '../../src/config/options.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX } from '../../src/keymap/default-bindings.js';
import type { PtyExit, PtyProcess, PtySpawnOptions } from '../../src/panes/pty.js';
import { SharedScreen } from '../../src/server/shared-screen.js';

class QuietPty implements PtyProcess {
  static nextPid = 4_200_000; // beyond pid_max: signals to it fail harmlessly
  readonly pid = QuietPty.nextPid++;
  private exits: Array<(e: PtyExit) => void> = [];
  constructor(readonly options: PtySpawnOptions) {}
  write(): void {}
  resize(): void {}
  pause(): void {}
  resume(): void {}
  onData() {
    return { dispose: () => undefined };
  }
  onExit(listener: (e: PtyExit) => void) {
    this.exits.push(listener);
    return { dispose: () => undefined };
  }
  exit(): void {
    for (const l of this.exits) l({ exitCode: 0 });
  }
  destroy(): void {}
  pendingWriteBytes(): number {
    return 0;
  }
}

function session(): { app: App; ptys: QuietPty[]; exits: number[] } {
  const ptys: QuietPty[] = [];
  const exits: number[] = [];
  const app = new App(
    {
      screen: new SharedScreen(80, 24),
      ptyFactory: (options) => {
        const pty = new QuietPty(options);
        ptys.push(pty);
        return pty;
      },
      env: { SHELL: '/bin/sh', HOME: '/nonexistent' },
      cwd: '/',
      exit: (code) => exits.push(code),
      coprocessHistory: { load: () => [], add: () => [] },
    },
    { options: defaultOptions(), bindings: DEFAULT_BINDINGS, prefix: DEFAULT_PREFIX },
  );
  app.start();
  return { app, ptys, exits };
}

/** Pane exits are handled once their last output is read (a few turns of the event loop). */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

const layout = (app: App) => app.windows.all.map((e) => `${e.index}:[${e.window.paneOrder.join(',')}]`).join(' ');

describe('window commands', () => {
  it('break-pane moves a pane to a new window; join-pane brings it back; %ID finds a pane in any window', () => {
    const { app } = session();
    app.runCommand('split-window -h');
    expect(layout(app)).toBe('0:[0,1]');
    app.runCommand('break-pane -d -n alone');
    expect(layout(app)).toBe('0:[0] 1:[1]');
    expect(app.windows.current.index).toBe(0);
    expect(app.windows.byIndex(1)!.name).toBe('alone');
    app.runCommand('break-pane'); // the only pane of its window stays
    expect(layout(app)).toBe('0:[0] 1:[1]');
    app.runCommand('join-pane -h -s %1');
    expect(layout(app)).toBe('0:[0,1]');
    app.runCommand('new-window');
    expect(layout(app)).toBe('0:[0,1] 1:[2]');
    expect(app.windows.current.index).toBe(1);
    app.runCommand('kill-pane -t %0');
    expect(layout(app)).toBe('0:[1] 1:[2]');
    app.shutdownNow();
  });

  it('a window ends with its last pane (the last window shown instead), the session with its last window', async () => {
    const { app, ptys, exits } = session();
    app.runCommand('new-window');
    app.runCommand('new-window');
    app.runCommand('select-window -t 0');
    app.runCommand('select-window -t 2');
    ptys[2]!.exit();
    await until(() => app.windows.all.length === 2);
    expect(layout(app)).toBe('0:[0] 1:[1]');
    expect(app.windows.current.index).toBe(0);
    ptys[0]!.exit();
    ptys[1]!.exit();
    await until(() => exits.length > 0);
    expect(exits).toEqual([0]);
  });
});
