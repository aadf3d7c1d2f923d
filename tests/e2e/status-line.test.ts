// tmx's default status line against tmux 3.3's own (`-f /dev/null`), each drawn in an outer
// terminal of the same size and read from it, cell colours included: a tmux user sees the same
// line on the first keystroke. Only the clock is masked (the two are read moments apart).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeAllTerminals, OuterTerminal, shq, startTmx } from './harness.js';

/** Both panes get this title: tmux's default title is the host name, tmx's the running command. */
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
    const [mine, theirs] = [await statusRow(tmx, oneWindow), await statusRow(tmux, oneWindow)];
    expect(mine.text).toBe(theirs.text);
    expect(mine.cells).toBe(theirs.cells);

    const twoWindows = new RegExp(`^\\[0\\] 0:bash- 1:bash\\* +"${TITLE}" ${CLOCK.source}$`);
    for (const t of [tmx, tmux]) {
      t.prefix('c');
      await t.waitFor((s) => (s.split('\n')[t.rows - 1] ?? '').startsWith('[0] 0:bash- 1:bash*'));
      setTitle(t);
    }
    const [mine2, theirs2] = [await statusRow(tmx, twoWindows), await statusRow(tmux, twoWindows)];
    expect(mine2.text).toBe(theirs2.text);
    expect(mine2.cells).toBe(theirs2.cells);
  });
});
