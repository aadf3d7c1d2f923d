// tmx's default status line against tmux 3.3's own (`-f /dev/null`), and a styled one against
// tmux's with the same options, each drawn in an outer terminal of the same size and read from it,
// cell colours included: a tmux user sees the same line on the first keystroke, and their status
// config draws as it did. Only the clock is masked (the two are read moments apart).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAllTerminals, OuterTerminal, shq, startTmx } from './harness.js';

/** Both panes get this title (the default one, the host name, is the same in both: the styled case shows it). */
const TITLE = 'status-e2e';
const SET_TITLE = String.raw`printf '\033]2;%s\033\\' ${TITLE}; clear`;
const CLOCK = /\d\d:\d\d \d\d-[A-Z][a-z]{2}-\d\d/;

/** The reference tmux's socket, in a folder of its own: tmux 3.3 leaves the file after kill-server. */
const referenceDir = mkdtempSync(join(tmpdir(), 'tmx-status-ref-'));
const referenceSocket = join(referenceDir, 'socket');

afterEach(() => {
  // The reference server first: ended from outside, it takes its socket file with it.
  try {
    execFileSync('tmux', ['-S', referenceSocket, 'kill-server'], { stdio: 'ignore' });
  } catch {
    // Already gone.
  }
  closeAllTerminals();
});

afterAll(() => rmSync(referenceDir, { recursive: true, force: true }));

/** The outer terminal's last row, as text and with its colours, once `ready` holds for the text. */
async function statusRow(t: OuterTerminal, ready: RegExp): Promise<{ text: string; cells: string }> {
  await t.waitFor((s) => ready.test(s.split('\n')[t.rows - 1] ?? ''));
  const text = t.lines()[t.rows - 1]!;
  const cells = t.screenWithEscapes().split('\n')[t.rows - 1]!;
  return { text: text.replace(CLOCK, 'HH:MM dd-Mon-yy'), cells: cells.replace(CLOCK, 'HH:MM dd-Mon-yy') };
}

/** tmx's status row, once `ready` holds in both, after checking it is tmux's, text and colours. */
async function sameRowAsTmux(tmx: OuterTerminal, tmux: OuterTerminal, ready: RegExp): Promise<{ text: string; cells: string }> {
  const [mine, theirs] = [await statusRow(tmx, ready), await statusRow(tmux, ready)];
  expect(mine.text).toBe(theirs.text);
  expect(mine.cells).toBe(theirs.cells);
  return mine;
}

/** Types the title-setting line into the focused pane of `t`. */
function setTitle(t: OuterTerminal): void {
  t.type(SET_TITLE);
  t.keys('Enter');
}

describe("the default status line is tmux's", () => {
  it('with one window and with two: [session] 0:bash- 1:bash*, "title" and the clock, black on green', async () => {
    const tmx = await startTmx();
    const tmux = OuterTerminal.start({ rawCommand: ['tmux', '-S', referenceSocket, '-f', '/dev/null', 'new-session'].map(shq).join(' ') });
    const oneWindow = new RegExp(`^\\[0\\] 0:bash\\* +"${TITLE}" ${CLOCK.source}$`);
    for (const t of [tmx, tmux]) {
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').startsWith('[0] 0:bash*'));
      setTitle(t);
    }
    await sameRowAsTmux(tmx, tmux, oneWindow);

    const twoWindows = new RegExp(`^\\[0\\] 0:bash- 1:bash\\* +"${TITLE}" ${CLOCK.source}$`);
    for (const t of [tmx, tmux]) {
      t.prefix('c');
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').startsWith('[0] 0:bash- 1:bash*'));
      setTitle(t);
    }
    await sameRowAsTmux(tmx, tmux, twoWindows);
  });
});

/** A ported tmux status config: styles in the formats, side and window styles, a session name longer than status-left-length. */
const STYLED_OPTIONS: Record<string, string> = {
  'status-style': 'bg=colour235,fg=colour250',
  'status-left-style': 'bg=colour22,italics',
  'status-right-style': 'fg=colour214',
  'status-left': '[#[fg=red,bold]#{session_name}#[default]] ',
  'status-right': '#[fg=black,bg=yellow]"#{=21:pane_title}"#[default]##[ #[bold]%H:%M %d-%b-%y',
  'window-status-format': '#I:#W#[fg=cyan,reverse]#F',
  'window-status-current-style': 'bg=blue,fg=white',
  'window-status-current-format': '#[bold]#I#[nobold]:#W#{?window_flags,#{window_flags}, }',
};
const LONG_SESSION = 'a-long-session-name';

describe('a styled status config is drawn as tmux draws it', () => {
  it('#[fg=..] #[bg=..] #[bold] #[reverse] #[default] ##[, status-left-style and status-right-style, window-status-current-style, status-left cut at status-left-length', async () => {
    const tmuxConf = join(referenceDir, 'styled.conf');
    writeFileSync(tmuxConf, Object.entries(STYLED_OPTIONS).map(([name, value]) => `set -g ${name} ${shq(value)}\n`).join(''));
    const tmx = await startTmx({ args: ['new-session', '-s', LONG_SESSION], homeFiles: { '.tmxrc.json': JSON.stringify({ options: STYLED_OPTIONS }) } });
    const tmux = OuterTerminal.start({ rawCommand: ['tmux', '-S', referenceSocket, '-f', tmuxConf, 'new-session', '-s', LONG_SESSION].map(shq).join(' ') });
    // Neither pane set a title: #{pane_title} is the host name in both.
    const host = hostname().slice(0, 21).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const twoWindows = new RegExp(`^\\[a-long-se0:bash- 1:bash\\* +"${host}"#\\[ ${CLOCK.source}$`);
    for (const t of [tmx, tmux]) {
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').startsWith('[a-long-se0:bash*'));
      t.prefix('c');
      await t.waitFor((s) => twoWindows.test(s.split('\n')[t.rows - 1] ?? ''));
    }
    const mine = await sameRowAsTmux(tmx, tmux, twoWindows);
    // The styles are there: red bold session name, the current window white on blue.
    expect(mine.cells).toContain('\u001b[1m\u001b[31m');
    expect(mine.cells).toContain('\u001b[37m\u001b[44m');
    expect(mine.cells).toContain('\u001b[7m');
    // status-left-style (italics on colour 22) and status-right-style (colour 214) are drawn.
    expect(mine.cells).toMatch(/\u001b\[3m[^\n]*\u001b\[48;5;22m|\u001b\[48;5;22m[^\n]*\u001b\[3m/);
    expect(mine.cells).toContain('38;5;214m');
  });
});

describe('status-justify places the window list where tmux does', () => {
  it.each(['centre', 'right', 'absolute-centre'])('%s, with two windows', async (justify) => {
    const tmuxConf = join(referenceDir, `justify-${justify}.conf`);
    writeFileSync(tmuxConf, `set -g status-justify ${justify}\n`);
    const tmx = await startTmx({ homeFiles: { '.tmxrc.json': JSON.stringify({ options: { 'status-justify': justify } }) } });
    const tmux = OuterTerminal.start({ rawCommand: ['tmux', '-S', referenceSocket, '-f', tmuxConf, 'new-session'].map(shq).join(' ') });
    // right puts the list against status-right, with no space between.
    const twoWindows = new RegExp(`^\\[0\\] +0:bash- 1:bash\\* *"${TITLE}" ${CLOCK.source}$`);
    for (const t of [tmx, tmux]) {
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').includes('0:bash*'));
      t.prefix('c');
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').includes('0:bash- 1:bash*'));
      setTitle(t);
    }
    const mine = await sameRowAsTmux(tmx, tmux, twoWindows);
    // Not where status-justify left would put it.
    expect(mine.text.startsWith('[0] 0:bash-')).toBe(false);
  });
});

describe('a window with a bell is drawn as tmux draws it', () => {
  it('0:bash!- in reverse (window-status-bell-style) once a window not shown rings', async () => {
    const tmx = await startTmx();
    const tmux = OuterTerminal.start({ rawCommand: ['tmux', '-S', referenceSocket, '-f', '/dev/null', 'new-session'].map(shq).join(' ') });
    const rung = new RegExp(`^\\[0\\] 0:bash!- 1:bash\\* +"${TITLE}" ${CLOCK.source}$`);
    for (const t of [tmx, tmux]) {
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').startsWith('[0] 0:bash*'));
      // The bell comes from window 0 once window 1 is the one shown.
      t.type(String.raw`sleep 1; printf '\a'`);
      t.keys('Enter');
      t.prefix('c');
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').startsWith('[0] 0:bash!- 1:bash*'));
      setTitle(t);
    }
    const mine = await sameRowAsTmux(tmx, tmux, rung);
    expect(mine.cells).toContain('\u001b[7m');
  });
});
