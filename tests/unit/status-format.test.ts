// tmux's formats as the status line and display-message read them, strftime, tmux's style strings,
// and the status line's defaults: what a tmux user sees on the first keystroke.
import { describe, expect, it } from 'vitest';
import { expandFormat, trimColumns } from '../../src/commands/format.js';
import { strftime } from '../../src/commands/strftime.js';
import { parsePen, styleProblem } from '../../src/config/tmux-style.js';
import { defaultOptions } from '../../src/config/options.js';
import { runsText, runsWidth, statusLine, type StatusRun, type StatusText } from '../../src/app/status-line.js';
import { nextStatusWait, StatusClock } from '../../src/app/status-clock.js';
import { Attr, COLOR_DEFAULT, palette16, palette256, rgbColor, underlineAttrs, UnderlineStyle } from '../../src/emulator/cells.js';
import { validateConfig } from '../../src/config/validate.js';
import { composeFrame, DEFAULT_STYLE } from '../../src/ui/compose.js';

/** Local time, so the test reads the same in any time zone. */
const MORNING = new Date(2026, 11, 7, 9, 5, 3);

const values = {
  session_name: 'main',
  window_index: 1,
  window_name: 'vim',
  window_flags: '*',
  pane_title: 'notes.txt',
  pane_id: '%3',
  pane_index: 0,
  host: 'box.example.org',
  host_short: 'box',
  zero: 0,
};

describe('expandFormat', () => {
  it('fills in names and the one-letter aliases, ## # #, #} as themselves', () => {
    expect(expandFormat('[#{session_name}] #I:#W#F', values)).toBe('[main] 1:vim*');
    expect(expandFormat('#S #T #D #P #H #h', values)).toBe('main notes.txt %3 0 box.example.org box');
    expect(expandFormat('##S #, #} #Q #', values)).toBe('#S , } #Q #');
    expect(expandFormat('#{no_such_name}|', values)).toBe('|');
  });

  it('chooses with #{?cond,then,else}: empty and 0 are false; nested formats and #, inside', () => {
    expect(expandFormat('#I:#W#{?window_flags,#{window_flags}, }', values)).toBe('1:vim*');
    expect(expandFormat('#I:#W#{?window_flags,#{window_flags}, }', { ...values, window_flags: '' })).toBe('1:vim ');
    expect(expandFormat('#{?zero,yes,no}#{?missing,yes}', values)).toBe('no');
    expect(expandFormat('#{?window_bigger,[#{window_offset_x}#,#{window_offset_y}] ,}x', { window_bigger: 1, window_offset_x: 2, window_offset_y: 3 })).toBe('[2,3] x');
    expect(expandFormat('#{?zero,a,session_name,b,c}', values)).toBe('b');
  });

  it('compares with ==, !=, ||, &&, whose operands are formats (plain text is itself)', () => {
    expect(expandFormat('#{?#{==:#W,vim},editor,shell}', values)).toBe('editor');
    expect(expandFormat('#{!=:#{window_name},vim}#{||:#{zero},#S}#{&&:#{zero},#S}#{==:a,a}', values)).toBe('0101');
  });

  it('trims to columns with =N (the start), =-N (the end) and =/N/marker', () => {
    const title = { pane_title: 'abcdefghijklmnopqrstuvwxyz' };
    expect(expandFormat('"#{=21:pane_title}"', title)).toBe('"abcdefghijklmnopqrstu"');
    expect(expandFormat('#{=-3:pane_title}', title)).toBe('xyz');
    expect(expandFormat('#{=/4/…:pane_title}', title)).toBe('abcd…');
    expect(expandFormat('#{=21:pane_title}', values)).toBe('notes.txt');
    expect(trimColumns('日本語', 5)).toBe('日本');
  });

  it('drops #[style] (display-message prints text), and stops on a nesting bomb', () => {
    expect(expandFormat('#[fg=red,bold]#S#[default]', values)).toBe('main');
    expect(expandFormat('##[x]', values)).toBe('#[x]');
    const bomb = `${'#{?session_name,'.repeat(300)}x${',}'.repeat(300)}`;
    expect(() => expandFormat(bomb, values)).not.toThrow();
  });

  it('runs strftime over the template, not over the values, only when given a time', () => {
    expect(expandFormat('%H:%M %d-%b-%y', values, MORNING)).toBe('09:05 07-Dec-26');
    expect(expandFormat('%H:%M', values)).toBe('%H:%M');
    expect(expandFormat('#T %M', { pane_title: '100%M' }, MORNING)).toBe('100%M 05');
  });
});

describe('strftime', () => {
  it("prints the C locale's fields", () => {
    expect(strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %e %j %p %I %%', MORNING)).toBe('2026-12-07 09:05:03 Mon Monday Dec December  7 341 AM 09 %');
    expect(strftime('%R %T %F %D %Q', MORNING)).toBe('09:05 09:05:03 2026-12-07 12/07/26 %Q');
  });
});

describe('tmux style strings', () => {
  it('reads colours by name, bright name, colourN and #rrggbb', () => {
    expect(parsePen('bg=green,fg=black')).toEqual({ fg: palette16(0), bg: palette16(2), attrs: 0 });
    expect(parsePen('fg=brightred bg=colour236 bold')).toEqual({ fg: palette16(9), bg: palette256(236), attrs: Attr.BOLD });
    expect(parsePen('bg=#102030')).toEqual({ fg: COLOR_DEFAULT, bg: rgbColor(0x10, 0x20, 0x30), attrs: 0 });
    expect(parsePen('default')).toEqual({ fg: COLOR_DEFAULT, bg: COLOR_DEFAULT, attrs: 0 });
    // Attributes as tmux names them; one underline style replaces another; no- forms drop them.
    expect(parsePen('bright,reverse,italics,curly-underscore,double-underscore,nobold')).toEqual({
      fg: COLOR_DEFAULT, bg: COLOR_DEFAULT, attrs: Attr.INVERSE | Attr.ITALIC | underlineAttrs(UnderlineStyle.DOUBLE),
    });
    expect(parsePen('underscore,nounderscore,align=right,range=left,fill=red')).toEqual({ fg: COLOR_DEFAULT, bg: COLOR_DEFAULT, attrs: 0 });
  });

  it('names what is wrong, and the rc file check says it', () => {
    expect(styleProblem('bg=greem')).toMatch(/"greem" is not a colour/);
    expect(styleProblem('colour=2')).toMatch(/not a style setting/);
    const result = validateConfig({ options: { 'status-style': 'bg=greem' } }, 'rc.yaml', []);
    expect(result.problems.map((p) => p.text).join('\n')).toMatch(/options.status-style: "greem" is not a colour .*using the default, "bg=green,fg=black"/);
  });
});

const texts = (line: StatusText) => ({ left: runsText(line.left), right: runsText(line.right) });
const penOf = (run: { fg: number; bg: number; attrs: number }): string => `${run.fg}/${run.bg}/${run.attrs}`;
const BLACK_ON_GREEN = { fg: palette16(0), bg: palette16(2), attrs: 0 };
/** Each run as `text` and its pen, to compare a whole line at once. */
const described = (runs: readonly StatusRun[]) => runs.map((run) => [run.text, penOf(run)]);
const pen = (fg: number, bg: number, attrs = 0): string => penOf({ fg, bg, attrs });
const BLACK = palette16(0);
const GREEN = palette16(2);

describe('the status line', () => {
  const window = (index: number, name: string, flags: string) => ({
    window_index: index, window_name: name, window_flags: flags, window_active: flags.includes('*') ? 1 : 0,
  });

  it("is tmux's default: [session] and the windows on the left, title and clock on the right", () => {
    const line = statusLine({
      options: defaultOptions(),
      values: { session_name: '0', pane_title: 'box' },
      windows: [window(0, 'bash', '*')],
      time: MORNING,
      columns: 80,
    });
    expect(texts(line)).toEqual({ left: '[0] 0:bash*', right: '"box" 09:05 07-Dec-26' });
    // All in status-style's pen: black on green.
    expect(new Set([...line.left, ...line.right].map(penOf))).toEqual(new Set([penOf(BLACK_ON_GREEN)]));
    const two = statusLine({
      options: defaultOptions(),
      values: { session_name: '0', pane_title: 'box' },
      windows: [window(0, 'bash', '-'), window(1, 'vim', '*'), window(2, 'top', '')],
      time: MORNING,
      columns: 80,
    });
    expect(runsText(two.left)).toBe('[0] 0:bash- 1:vim* 2:top ');
  });

  it('takes the window formats and separator, and keeps #{windows} where an older rc file put it', () => {
    const options = { ...defaultOptions(), 'window-status-current-format': '<#I>', 'window-status-separator': '|' };
    const source = { options, values: { session_name: 's' }, windows: [window(0, 'a', '-'), window(1, 'b', '*')], time: MORNING, columns: 80 };
    expect(runsText(statusLine(source).left)).toBe('[s] 0:a-|<1>');
    expect(runsText(statusLine({ ...source, options: { ...options, 'status-left': '(#{windows})' } }).left)).toBe('(0:a-|<1>)');
  });

  it('cuts the window list, not status-right, on a narrow terminal', () => {
    const windows = Array.from({ length: 10 }, (_, i) => window(i, 'bash', i === 0 ? '*' : ''));
    const line = statusLine({ options: defaultOptions(), values: { session_name: '0', pane_title: 't' }, windows, time: MORNING, columns: 40 });
    expect(runsText(line.right)).toBe('"t" 09:05 07-Dec-26');
    expect(runsWidth(line.left) + runsWidth(line.right)).toBe(39);
    expect(runsText(line.left).startsWith('[0] 0:bash* 1:bash')).toBe(true);
  });
});

describe('styles in the status line formats', () => {
  const window = (index: number, name: string, active: boolean) => ({
    window_index: index, window_name: name, window_flags: active ? '*' : '', window_active: active ? 1 : 0,
  });
  const line = (set: Record<string, string | number>, windows = [window(0, 'sh', true)], columns = 80) =>
    statusLine({ options: { ...defaultOptions(), ...set }, values: { session_name: 'main', pane_title: 'box' }, windows, time: MORNING, columns });

  it('applies #[fg= bg= bold] from there on, on top of status-style; #[default] goes back to it', () => {
    const { left, right } = line({ 'status-left': '#[fg=red,bold]#S#[default]|#[bg=colour235]x#[none]y ', 'status-left-length': 40, 'status-right': '#[fg=#ff8800]R#[reverse]v#[nobold,fg=default]d' });
    expect(described(left)).toEqual([
      ['main', pen(palette16(1), GREEN, Attr.BOLD)],
      ['|', pen(BLACK, GREEN)],
      ['xy ', pen(BLACK, palette256(235))], // #[none] drops attributes only: bg stays
      ['0:sh*', pen(BLACK, GREEN)],
    ]);
    expect(described(right)).toEqual([
      ['R', pen(rgbColor(0xff, 0x88, 0), GREEN)],
      ['v', pen(rgbColor(0xff, 0x88, 0), GREEN, Attr.INVERSE)],
      ['d', pen(BLACK, GREEN, Attr.INVERSE)],
    ]);
  });

  it('#[none] keeps the colours and drops the attributes; ##[ is text; a style it cannot read is skipped', () => {
    const { left } = line({ 'status-left': '#[bold,underscore,bg=blue]a#[none]b##[c]#[fg=nosuch]d', 'status-left-length': 40 });
    expect(described(left).slice(0, 2)).toEqual([['a', pen(BLACK, palette16(4), Attr.BOLD | Attr.UNDERLINE)], ['b#[c]d', pen(BLACK, palette16(4))]]);
  });

  it("a value's # is text, never a style", () => {
    const { left } = statusLine({ options: { ...defaultOptions(), 'status-left': '#T|', 'status-left-length': 40 }, values: { pane_title: '#[fg=red]x' }, windows: [], time: MORNING, columns: 80 });
    expect(described(left)).toEqual([['#[fg=red]x|', pen(BLACK, GREEN)]]);
  });

  it('draws status-left in status-left-style and status-right in status-right-style, the window list in neither', () => {
    const { left, right } = line({
      'status-left-style': 'bg=blue,bold', 'status-left': '[#S]#[fg=red]!#[default]. ', 'status-left-length': 40,
      'status-right-style': 'fg=white', 'status-right': '#[reverse]R#[default]r',
    });
    expect(described(left)).toEqual([
      ['[main]', pen(BLACK, palette16(4), Attr.BOLD)],
      ['!', pen(palette16(1), palette16(4), Attr.BOLD)],
      // #[default] goes back to status-left-style, not to status-style.
      ['. ', pen(BLACK, palette16(4), Attr.BOLD)],
      ['0:sh*', pen(BLACK, GREEN)],
    ]);
    expect(described(right)).toEqual([['R', pen(palette16(7), GREEN, Attr.INVERSE)], ['r', pen(palette16(7), GREEN)]]);
    // status-left-length counts the text only, the side's style none of it.
    expect(runsText(line({ 'status-left-style': 'fg=red', 'status-left': 'abcdef', 'status-left-length': 3 }, []).left)).toBe('abc');
  });

  it('places the window list as tmux 3.3 does for each status-justify (measured on a 60-column line)', () => {
    // The current window last, the one before it the last-used (tmux's - flag), as new-window leaves them.
    const windows = (n: number) => Array.from({ length: n }, (_, i) => ({ ...window(i, 'bash', i === n - 1), ...(i === n - 2 ? { window_flags: '-' } : {}) }));
    const fmt = { 'window-status-format': '#I:#W#{?window_flags,#{window_flags}, }', 'status-left-length': 50, 'status-right-length': 50 };
    /** The line as the compositor draws it on a 60-column terminal. */
    const shown = (justify: string, left: string, right: string, n: number): string => {
      const status = line({ ...fmt, 'status-justify': justify, 'status-left': left, 'status-right': right }, windows(n), 60);
      return composeFrame({ width: 60, height: 1, panes: [], separators: [], status, style: DEFAULT_STYLE, paneNumbers: false }).grid.rowText(0);
    };
    const R18 = 'R'.repeat(18);
    // tmux -f conf (status-justify, status-left, status-right) in a 60-column terminal, its last row.
    expect(shown('centre', 'LL', R18, 2)).toBe(`LL${' '.repeat(13)}0:bash- 1:bash*${' '.repeat(12)}${R18}`);
    expect(shown('centre', 'LEFTSIDE-LONG-', 'R', 3)).toBe(`LEFTSIDE-LONG-${' '.repeat(11)}0:bash  1:bash- 2:bash*${' '.repeat(11)}R`);
    expect(shown('centre', 'L', 'R'.repeat(35), 3)).toBe(`L 0:bash  1:bash- 2:bash*${'R'.repeat(35)}`);
    expect(shown('right', 'LL', R18, 2)).toBe(`LL${' '.repeat(25)}0:bash- 1:bash*${R18}`);
    expect(shown('right', 'LEFTSIDE-LONG-LEFTSIDE-LONG-XX', 'R', 3)).toBe(`LEFTSIDE-LONG-LEFTSIDE-LONG-XX${' '.repeat(6)}0:bash  1:bash- 2:bash*R`);
    expect(shown('absolute-centre', 'LL', R18, 2)).toBe(`LL${' '.repeat(20)}0:bash- 1:bash*${' '.repeat(5)}${R18}`);
    // Centred on the whole line, over the sides where they reach it.
    expect(shown('absolute-centre', 'LEFTSIDE-LONG-LEFTSIDE-LONG-XX', 'R', 3)).toBe(`LEFTSIDE-LONG-LEFT0:bash  1:bash- 2:bash*${' '.repeat(18)}R`);
    expect(shown('absolute-centre', 'L', 'R'.repeat(35), 3)).toBe(`L${' '.repeat(17)}0:bash  1:bash- 2:bash*${'R'.repeat(19)}`);
    // left: after status-left, as before.
    expect(shown('left', 'LL', R18, 2)).toBe(`LL0:bash- 1:bash*${' '.repeat(25)}${R18}`);
    expect(line({ ...fmt, 'status-justify': 'left' }, windows(2), 60).list).toBeUndefined();
  });

  it('draws each window entry in window-status-style, the current one in window-status-current-style', () => {
    const windows = [window(0, 'a', false), window(1, 'b', true), window(2, 'c', false)];
    const { left } = line({ 'window-status-style': 'fg=white', 'window-status-current-style': 'bg=blue,bold', 'window-status-current-format': '#I#[fg=red]:#[default]#W' }, windows);
    expect(described(left)).toEqual([
      ['[main] ', pen(BLACK, GREEN)],
      ['0:a ', pen(palette16(7), GREEN)],
      [' ', pen(BLACK, GREEN)],
      ['1', pen(BLACK, palette16(4), Attr.BOLD)],
      [':', pen(palette16(1), palette16(4), Attr.BOLD)],
      ['b', pen(BLACK, palette16(4), Attr.BOLD)],
      [' ', pen(BLACK, GREEN)],
      ['2:c ', pen(palette16(7), GREEN)],
    ]);
    // With the current style left at default, the current window takes window-status-style.
    const plain = line({ 'window-status-style': 'fg=white' }, windows);
    expect(described(plain.left)[3]).toEqual(['1:b*', pen(palette16(7), GREEN)]);
  });

  it('adds window-status-last-style, then -bell-style or else -activity-style, as the flags say (bell and activity reverse by default)', () => {
    const flagged = (index: number, flags: Record<string, number>) => ({ ...window(index, 'w', false), ...flags });
    const windows = [
      flagged(0, { window_bell_flag: 1 }), flagged(1, { window_activity_flag: 1 }), flagged(2, { window_bell_flag: 1, window_activity_flag: 1 }),
      flagged(3, { window_last_flag: 1 }), { ...window(4, 'w', true) },
    ];
    const set = { 'status-left': '', 'window-status-format': '#I', 'window-status-current-format': '#I', 'window-status-separator': '' };
    expect(described(line(set, windows).left)).toEqual([
      ['012', pen(BLACK, GREEN, Attr.INVERSE)],
      ['34', pen(BLACK, GREEN)],
    ]);
    const styled = line({ ...set, 'window-status-last-style': 'fg=red', 'window-status-bell-style': 'bold', 'window-status-activity-style': 'default' }, windows);
    expect(described(styled.left)).toEqual([
      ['0', pen(BLACK, GREEN, Attr.BOLD)],
      ['1', pen(BLACK, GREEN)], // activity's style left at default: nothing added
      ['2', pen(BLACK, GREEN, Attr.BOLD)],
      ['3', pen(palette16(1), GREEN)],
      ['4', pen(BLACK, GREEN)],
    ]);
  });

  it("runs a separator's style on into the next entry unless its style says default (as tmux 3.3 draws it)", () => {
    const windows = [window(0, 'a', false), window(1, 'b', true)];
    const set = { 'status-left': '', 'window-status-separator': '#[bg=red]|', 'window-status-format': '#I', 'window-status-current-format': '#I' };
    expect(described(line({ ...set, 'window-status-style': 'fg=red' }, windows).left)).toEqual([
      ['0', pen(palette16(1), GREEN)], ['|', pen(BLACK, palette16(1))], ['1', pen(palette16(1), palette16(1))],
    ]);
    expect(described(line(set, windows).left)).toEqual([['0', pen(BLACK, GREEN)], ['|', pen(BLACK, palette16(1))], ['1', pen(BLACK, GREEN)]]);
  });

  it('cuts status-left to status-left-length and status-right to status-right-length, counting only text', () => {
    const long = line({ 'status-left': '[#[fg=red]#{session_name}#[default]] ' });
    expect(runsText(long.left).startsWith('[main] 0:sh*')).toBe(true);
    const cut = statusLine({ options: defaultOptions(), values: { session_name: 'a-long-session-name' }, windows: [window(0, 'sh', true)], time: MORNING, columns: 80 });
    expect(runsText(cut.left)).toBe('[a-long-se0:sh*');
    const styled = line({ 'status-left': '#[bold]abc#[fg=red]defghijkl#[fg=blue]m', 'status-right': '#[fg=red]12345', 'status-right-length': 3 }, []);
    expect(described(styled.left)).toEqual([['abc', pen(BLACK, GREEN, Attr.BOLD)], ['defghij', pen(palette16(1), GREEN, Attr.BOLD)]]);
    expect(described(styled.right)).toEqual([['123', pen(palette16(1), GREEN)]]);
    // 0 is no limit in tmux (its =0 cuts nothing), as `#{=0:...}`.
    expect(runsText(line({ 'status-left-length': 0 }).left)).toBe('[main] 0:sh*');
    expect(expandFormat('#{=0:session_name}', values)).toBe('main');
    // tmx's older names predate the lengths: such a side is shown whole.
    expect(runsText(statusLine({ options: { ...defaultOptions(), 'status-left': 'OLDER-RC <#{panes}>' }, values: { panes: '0:sh*' }, windows: [], time: MORNING, columns: 80 }).left)).toBe('OLDER-RC <0:sh*>');
  });

  it('cuts a styled window list to the room left, by its text', () => {
    const windows = Array.from({ length: 10 }, (_, i) => window(i, 'bash', i === 0));
    const { left, right } = line({ 'window-status-current-format': '#[fg=red]#I:#W#F' }, windows, 40);
    expect(runsWidth(left) + 1 + runsWidth(right)).toBe(40);
    expect(described(left).slice(0, 2)).toEqual([['[main] ', pen(BLACK, GREEN)], ['0:bash*', pen(palette16(1), GREEN)]]);
  });

  it('keeps #{=N:} and #{?} working around styles', () => {
    expect(runsText(line({ 'status-left': '#{=3:#[fg=red]abcdef}|', 'status-left-length': 40 }, []).left)).toBe('abc|');
    const prefix = line({ 'status-left': '#{?client_prefix,#[reverse]P,-} ', 'status-left-length': 40 }, []);
    expect(described(prefix.left)).toEqual([['- ', pen(BLACK, GREEN)]]);
    const readmeExample = { options: { ...defaultOptions(), 'status-left': '#{?client_prefix,#[reverse],}[#S]#[default] ' }, values: { session_name: 'w', client_prefix: 1 }, windows: [], time: MORNING, columns: 80 };
    expect(described(statusLine(readmeExample).left)).toEqual([['[w]', pen(BLACK, GREEN, Attr.INVERSE)], [' ', pen(BLACK, GREEN)]]);
    const styledColour = statusLine({ options: { ...defaultOptions(), 'status-left': '#[fg=#{?client_prefix,red,blue}]x' }, values: { client_prefix: 1 }, windows: [], time: MORNING, columns: 80 });
    expect(described(styledColour.left)).toEqual([['x', pen(palette16(1), GREEN)]]);
  });

  it('reads the status-style attributes into the pen, and validates the new options', () => {
    expect(described(line({ 'status-style': 'fg=white,bg=black,bold', 'status-left': 'x#[default]y', 'window-status-format': '' }, []).left)).toEqual([['xy', pen(palette16(7), BLACK, Attr.BOLD)]]);
    const result = validateConfig({ options: { 'window-status-current-style': 'fg=greem', 'status-left-length': -1 } }, 'rc.yaml', []);
    const text = result.problems.map((p) => p.text).join('\n');
    expect(text).toMatch(/options.window-status-current-style: "greem" is not a colour .*using the default, "default"/);
    expect(text).toMatch(/options.status-left-length: .*-1.*using the default, 10/);
  });
});

describe('the status clock', () => {
  it('wakes at the next status-interval step or minute, whichever is first', () => {
    const at = (h: number, m: number, s: number, ms = 0) => new Date(2026, 0, 1, h, m, s, ms).getTime();
    expect(nextStatusWait(at(9, 5, 3), 15)).toBe(12_000 + 5);
    expect(nextStatusWait(at(9, 5, 59, 500), 15)).toBe(500 + 5);
    expect(nextStatusWait(at(9, 5, 50), 45)).toBe(10_000 + 5);
    expect(nextStatusWait(at(9, 5, 50), 0)).toBe(60_000);
  });

  it('redraws when the minute changes, on an injected clock, and stops leaving no timer', () => {
    let now = new Date(2026, 0, 1, 9, 5, 50).getTime();
    const pending = new Map<number, { fn: () => void; at: number }>();
    let serial = 0;
    const timers = {
      setTimeout: (fn: () => void, ms: number) => {
        pending.set(++serial, { fn, at: now + ms });
        return serial;
      },
      clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    };
    const advanceTo = (time: number) => {
      for (;;) {
        const due = [...pending.entries()].filter(([, t]) => t.at <= time).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = time;
    };
    const shown: string[] = [];
    let interval = 15;
    const clock = new StatusClock({ timers, wallClock: () => now, intervalSeconds: () => interval, tick: () => shown.push(strftime('%H:%M:%S', new Date(now))) });
    clock.start();
    advanceTo(new Date(2026, 0, 1, 9, 6, 31).getTime());
    expect(shown.map((s) => s.slice(0, 5))).toEqual(['09:06', '09:06', '09:06']);
    expect(pending.size).toBe(1);
    clock.stop();
    expect(pending.size).toBe(0);
    advanceTo(new Date(2026, 0, 1, 9, 10).getTime());
    expect(shown).toHaveLength(3);
    // status-interval 0: no clock redraws, the option looked at again each minute.
    interval = 0;
    clock.start();
    advanceTo(new Date(2026, 0, 1, 9, 20).getTime());
    expect(shown).toHaveLength(3);
    interval = 15;
    advanceTo(new Date(2026, 0, 1, 9, 21, 20).getTime());
    expect(shown.length).toBeGreaterThan(3);
    clock.stop();
  });
});
