// Windows of a session through their commands: new-window, break-pane and join-pane move panes
// between windows, and a window ends with its last pane.
import { describe, expect, it } from 'vitest';
import { QuietPty, sessionApp } from '../support/fake-session.js';
import { App } from '../../src/app/app.js';
import { SharedScreen } from '../../src/server/shared-screen.js';
import { parseCommandLine } from '../../src/commands/registry.js';
import { globSource, textMatcher } from '../../src/app/window-search.js';

function session(): { app: App; ptys: QuietPty[]; exits: number[] } {
  return sessionApp(new SharedScreen(80, 24));
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

  it('move-window gives a window another index, refuses a taken one, and -r renumbers them all', () => {
    const { app } = session();
    app.runCommand('new-window');
    app.runCommand('new-window');
    expect(layout(app)).toBe('0:[0] 1:[1] 2:[2]');
    const { errors, run } = external(app);
    run('move-window -t 5'); // the current window (2)
    expect(layout(app)).toBe('0:[0] 1:[1] 5:[2]');
    expect(app.windows.current.index).toBe(5);
    run('move-window -s 0 -t 5');
    expect(errors).toEqual(['index in use: 5']);
    run('move-window -s 9 -t 3');
    expect(errors.at(-1)).toBe("can't find window: 9");
    run('move-window -s 0'); // to the first free index
    expect(layout(app)).toBe('1:[1] 2:[0] 5:[2]');
    run('move-window -s 1 -t :1'); // onto itself: nothing to do
    expect(errors).toHaveLength(2);
    run('move-window -r');
    expect(layout(app)).toBe('0:[1] 1:[0] 2:[2]');
    expect(app.windows.current.index).toBe(2);
    // Windows made after take the first free index, as before.
    run('move-window -t 7');
    app.runCommand('new-window');
    expect(layout(app)).toBe('0:[1] 1:[0] 2:[3] 7:[2]');
    app.shutdownNow();
  });

  it('find-window shows the one window whose name, pane title or screen matches; several are listed; none is said', async () => {
    const { app } = session();
    app.runCommand('new-window -n logs');
    app.runCommand('new-window -n editor');
    app.runCommand('split-window -h');
    await written(app, 3, 'make: *** [all] Error 2\r\nLOWER upper\r\n');
    app.runCommand('select-window -t 0');
    const { errors, run } = external(app);
    run('find-window -N logs');
    expect(app.windows.current.index).toBe(1);
    // In the screen's text: its window shown, that pane focused, zoomed with -Z.
    run('find-window -C -Z "Error [0-9]"');
    expect(app.windows.current.index).toBe(2);
    expect(app.windows.current.window.focusedPaneId).toBe(3);
    expect(app.windows.current.window.zoomedPaneId).toBe(3);
    run('find-window -C "lower"');
    expect(errors).toEqual(['No windows matching: lower']);
    run('select-window -t 0');
    run('find-window -C -i "lower"');
    expect(app.windows.current.index).toBe(2);
    run('find-window -r -C "^make: \\*{3}"');
    expect(errors).toHaveLength(1);
    run('find-window -r "("');
    expect(errors.at(-1)).toMatch(/^find-window: bad regular expression "\(": /);
    // Several: a list to choose from, the current window's line first chosen.
    run('find-window -N o');
    expect(app.everyTerminal.overlay?.title).toBe('Windows matching o');
    expect(app.everyTerminal.overlay?.lines).toEqual(['1: logs (1 panes) - name', '2: editor*Z (2 panes) - name']);
    expect(app.everyTerminal.overlay?.chooser?.selected).toBe(1);
    app.everyTerminal.overlay!.chooser!.choose(0);
    expect(app.windows.current.index).toBe(1);
    app.shutdownNow();
  });
});

describe('find-window matching', () => {
  it('is a glob found anywhere in the text, as tmux wraps it in *...*', () => {
    const test = (match: string, text: string, ignoreCase = false): boolean => {
      const matcher = textMatcher({ match, regex: false, ignoreCase });
      if ('error' in matcher) throw new Error(matcher.error);
      return matcher(text);
    };
    expect(test('vim', 'nvim main.c')).toBe(true);
    expect(test('v?m', 'vm')).toBe(false);
    expect(test('v?m', 'vfm')).toBe(true);
    expect(test('a*c', 'xxabbbcxx')).toBe(true);
    expect(test('[0-9][!0-9]', 'ab1c')).toBe(true);
    expect(test('[0-9][!0-9]', 'ab12')).toBe(false);
    expect(test('a.c', 'abc')).toBe(false); // a dot is a dot
    expect(test('(x)', 'f(x)')).toBe(true);
    expect(test('\\*', 'a*b')).toBe(true);
    expect(test('\\*', 'ab')).toBe(false);
    expect(test('[', 'a[b')).toBe(true); // unclosed: itself
    expect(test('[]]', 'a]b')).toBe(true);
    expect(test('VIM', 'vim', true)).toBe(true);
    expect(test('VIM', 'vim')).toBe(false);
    expect(globSource('a-b/c')).toBe('a-b\\/c');
  });
});

/** Runs command lines as a script would (`tmx COMMAND`), collecting what they report on stderr. */
function external(app: App): { errors: string[]; run(line: string): void } {
  const errors: string[] = [];
  return {
    errors,
    run(line) {
      const parsed = parseCommandLine(line);
      if ('error' in parsed) throw new Error(parsed.error);
      for (const action of parsed.actions) app.run(action, app.commandContext(undefined, { print: () => undefined, error: (text) => errors.push(text) }));
    },
  };
}

/** Text drawn on pane `id`'s screen, as if its program printed it. */
function written(app: App, id: number, text: string): Promise<void> {
  return new Promise((resolve) => app.panes.get(id)!.emulator.write(text, resolve));
}
