// tmux's formats as the status line and display-message read them, strftime, tmux's style strings,
// and the status line's defaults: what a tmux user sees on the first keystroke.
import { describe, expect, it } from 'vitest';
import { expandFormat, trimColumns } from '../../src/commands/format.js';
import { strftime } from '../../src/commands/strftime.js';
import { parseStyle, styleProblem } from '../../src/config/tmux-style.js';
import { defaultOptions } from '../../src/config/options.js';
import { statusLine } from '../../src/app/status-line.js';
import { nextStatusWait, StatusClock } from '../../src/app/status-clock.js';
import { COLOR_DEFAULT, palette16, palette256, rgbColor } from '../../src/emulator/cells.js';
import { validateConfig } from '../../src/config/validate.js';

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

  it('drops #[style] (one pen for the status line), and stops on a nesting bomb', () => {
    expect(expandFormat('#[fg=red,bold]#S#[default]', values)).toBe('main');
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
    expect(parseStyle('bg=green,fg=black')).toEqual({ fg: palette16(0), bg: palette16(2) });
    expect(parseStyle('fg=brightred bg=colour236 bold')).toEqual({ fg: palette16(9), bg: palette256(236) });
    expect(parseStyle('bg=#102030')).toEqual({ fg: COLOR_DEFAULT, bg: rgbColor(0x10, 0x20, 0x30) });
    expect(parseStyle('default')).toEqual({ fg: COLOR_DEFAULT, bg: COLOR_DEFAULT });
  });

  it('names what is wrong, and the rc file check says it', () => {
    expect(styleProblem('bg=greem')).toMatch(/"greem" is not a colour/);
    expect(styleProblem('colour=2')).toMatch(/not a style setting/);
    const result = validateConfig({ options: { 'status-style': 'bg=greem' } }, 'rc.yaml', []);
    expect(result.problems.map((p) => p.text).join('\n')).toMatch(/options.status-style: "greem" is not a colour .*using the default, "bg=green,fg=black"/);
  });
});

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
    expect(line).toEqual({ left: '[0] 0:bash*', right: '"box" 09:05 07-Dec-26' });
    const two = statusLine({
      options: defaultOptions(),
      values: { session_name: '0', pane_title: 'box' },
      windows: [window(0, 'bash', '-'), window(1, 'vim', '*'), window(2, 'top', '')],
      time: MORNING,
      columns: 80,
    });
    expect(two.left).toBe('[0] 0:bash- 1:vim* 2:top ');
  });

  it('takes the window formats and separator, and keeps #{windows} where an older rc file put it', () => {
    const options = { ...defaultOptions(), 'window-status-current-format': '<#I>', 'window-status-separator': '|' };
    const source = { options, values: { session_name: 's' }, windows: [window(0, 'a', '-'), window(1, 'b', '*')], time: MORNING, columns: 80 };
    expect(statusLine(source).left).toBe('[s] 0:a-|<1>');
    expect(statusLine({ ...source, options: { ...options, 'status-left': '(#{windows})' } }).left).toBe('(0:a-|<1>)');
  });

  it('cuts the window list, not status-right, on a narrow terminal', () => {
    const windows = Array.from({ length: 10 }, (_, i) => window(i, 'bash', i === 0 ? '*' : ''));
    const line = statusLine({ options: defaultOptions(), values: { session_name: '0', pane_title: 't' }, windows, time: MORNING, columns: 40 });
    expect(line.right).toBe('"t" 09:05 07-Dec-26');
    expect(line.left.length + line.right.length).toBeLessThan(40);
    expect(line.left.startsWith('[0] 0:bash* 1:bash')).toBe(true);
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
