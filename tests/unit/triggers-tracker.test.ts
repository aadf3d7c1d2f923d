import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { triggersTest } from '../../src/cli-tools.js';
import { Emulator } from '../../src/emulator/emulator.js';
import { LineTracker } from '../../src/triggers/line-tracker.js';
import type { TrackedLine } from '../../src/triggers/types.js';

const emulators: Emulator[] = [];
afterEach(() => emulators.splice(0).forEach((e) => e.dispose()));

function screen(cols = 20, rows = 5, scrollback = 100) {
  const emulator = new Emulator({ cols, rows, scrollback });
  emulators.push(emulator);
  const tracker = new LineTracker(emulator);
  const feed = async (data: string): Promise<TrackedLine[]> => {
    await new Promise<void>((resolve) => emulator.write(data, resolve));
    return tracker.update();
  };
  return { emulator, tracker, feed };
}

const texts = (lines: TrackedLine[]) => lines.map((l) => `${l.id}${l.complete ? '' : '?'}:${l.text}`);

describe('the line tracker on a real emulator', () => {
  test('complete lines once each, then the partial line', async () => {
    const { feed, tracker } = screen();
    expect(texts(await feed('one\r\ntwo\r\nthr'))).toEqual(['0:one', '1:two', '2?:thr']);
    expect(texts(await feed('ee'))).toEqual(['2?:three']);
    expect(texts(tracker.update())).toEqual(['2?:three']);
    expect(texts(await feed('\r\n'))).toEqual(['2:three']);
    expect(texts(await feed(''))).toEqual([]);
  });

  test('wrapped rows are joined into one line', async () => {
    const { feed } = screen(10);
    const long = 'abcdefghij'.repeat(2) + 'xyz';
    expect(texts(await feed(`${long}\r\nnext\r\n`))).toEqual([`0:${long}`, '1:next']);
    expect(texts(await feed('0123456789ab'))).toEqual(['2?:0123456789ab']);
    expect(texts(await feed('\r\n'))).toEqual(['2:0123456789ab']);
  });

  test('a line exactly as wide as the screen is not joined with the next', async () => {
    const { feed } = screen(10);
    expect(texts(await feed('0123456789\r\nnext\r\n'))).toEqual(['0:0123456789', '1:next']);
  });

  test('carriage-return progress bars are seen as they end', async () => {
    const { feed } = screen();
    await feed('10%');
    expect(texts(await feed('\r50%'))).toEqual(['0?:50%']);
    expect(texts(await feed('\r100% done\r\n'))).toEqual(['0:100% done']);
  });

  test('each line once while scrollback is trimmed, and no crash when a write overflows it', async () => {
    const { feed } = screen(20, 5, 10);
    const seen: string[] = [];
    for (let i = 0; i < 100; i++) seen.push(...texts(await feed(`line ${i}\r\n`)));
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => `${i}:line ${i}`));
    const burst = Array.from({ length: 50 }, (_, i) => `burst ${i}\r\n`).join('');
    const after = await feed(burst);
    // Only what the buffer (rows + scrollback) still holds can be read; nothing twice, in order.
    expect(after.length).toBeGreaterThan(0);
    expect(after.at(-1)?.text).toBe('burst 49');
    expect(new Set(after.map((l) => l.text)).size).toBe(after.length);
  });

  test('one marker follows the cursor however far it goes (a new one only once its row is trimmed)', async () => {
    const emulator = new Emulator({ cols: 20, rows: 5, scrollback: 10 });
    emulators.push(emulator);
    let marks = 0;
    const tracker = new LineTracker(Object.assign(Object.create(emulator) as Emulator, { markLine: (row: number) => (marks++, emulator.markLine(row)) }));
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await new Promise<void>((resolve) => emulator.write(`line ${i}\r\n`, resolve));
      seen.push(...texts(tracker.update(false)));
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, i) => `${i}:line ${i}`));
    expect(marks).toBe(1);
    // A burst longer than the history trims the marked row: the tracker starts from the oldest row left.
    await new Promise<void>((resolve) => emulator.write(Array.from({ length: 30 }, (_, i) => `burst ${i}\r\n`).join(''), resolve));
    expect(texts(tracker.update(false)).at(-1)).toMatch(/:burst 29$/);
    expect(tracker.takeLostTrack()).toBe(true);
    expect(marks).toBe(2);
  });

  test('counts the rows the history trims, across the marker\'s moves and a new marker', async () => {
    const { emulator, tracker } = screen(20, 5, 10); // 15 rows in all
    const write = (text: string) => new Promise<void>((resolve) => emulator.write(text, resolve));
    const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => `line ${from + i}\r\n`).join('');
    // A new marker: the count starts (undefined once), then nothing trimmed yet.
    expect(tracker.rowsTrimmed()).toBeUndefined();
    expect(tracker.rowsTrimmed()).toBe(0);
    await write(lines(0, 14)); // the cursor on the 15th row: nothing trimmed
    expect(tracker.rowsTrimmed()).toBe(0);
    tracker.pending(false); // the marker moves to the cursor's row
    await write(lines(14, 4));
    expect(tracker.rowsTrimmed()).toBe(4); // the marker drifted up 4 rows
    tracker.pending(false); // moved again: the drift so far is kept
    expect(tracker.rowsTrimmed()).toBe(4);
    await write(lines(18, 3));
    expect(tracker.rowsTrimmed()).toBe(7);
    // A flood that trims the marker's row away: not known, and a new marker starts again.
    await write(lines(21, 30));
    expect(tracker.rowsTrimmed()).toBeUndefined();
    tracker.pending(false);
    expect(tracker.rowsTrimmed()).toBeUndefined();
    expect(tracker.rowsTrimmed()).toBe(0);
    await write(lines(51, 2));
    expect(tracker.rowsTrimmed()).toBe(2);
  });

  test('the alternate screen is flagged; the normal screen resumes where it was', async () => {
    const { feed } = screen();
    expect(texts(await feed('$ vim\r\n'))).toEqual(['0:$ vim']);
    const inside = await feed('\x1b[?1049h\x1b[Hfile text\r\n~\r\n');
    expect(inside.map((l) => [l.text, l.altScreen])).toEqual([['file text', true], ['~', true]]);
    const back = await feed('\x1b[?1049lafter\r\n$ ');
    expect(back.map((l) => [l.id, l.text, l.complete, l.altScreen])).toEqual([
      [3, 'after', true, false],
      [4, '$ ', false, false],
    ]);
  });

  test('clearing the screen does not lose the lines printed after it', async () => {
    const { feed } = screen();
    await feed('a\r\nb\r\n$ clear\r\n');
    const seen = texts(await feed('\x1b[H\x1b[2Jfresh\r\nlines\r\n'));
    expect(seen).toEqual(['3:fresh', '4:lines']);
  });
});

describe('tmx triggers test', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('prints each firing with its exact argv, env and text, running nothing', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tmx-triggers-test-'));
    const rc = path.join(dir, 'rc.yaml');
    writeFileSync(
      rc,
      [
        'triggers:',
        "  - {name: failed, regex: 'make: \\*\\*\\* \\[(.+)\\] Error (\\d+)', action: run-coprocess, command: 'notify-send \"build \\1\" code=\\2'}",
        "  - {regex: 'Password: *$', instant: true, action: send-text, text: 'hunter2\\r'}",
      ].join('\n'),
    );
    chmodSync(rc, 0o600);
    const transcript = path.join(dir, 'session.log');
    writeFileSync(transcript, 'cc -c x.c\r\nmake: *** [all; rm -rf ~] Error 2\r\nPassword: ');
    const output: string[] = [];
    const status = await triggersTest(transcript, rc, { HOME: dir }, dir, Readable.from([]), (s) => output.push(s));
    expect(status).toBe(0);
    expect(output.join('')).toBe(
      [
        'line 2: "make: *** [all; rm -rf ~] Error 2"',
        '  run-coprocess from trigger "failed", columns 0-33',
        '    argv: ["notify-send","build all; rm -rf ~","code=2"]',
        '    env: TMX_MATCH_0="make: *** [all; rm -rf ~] Error 2" TMX_MATCH_1="all; rm -rf ~" TMX_MATCH_2="2"',
        'line 3 (partial): "Password: "',
        '  send-text from trigger "Password: *$", columns 0-10',
        '    text: "hunter2\\r"',
        '2 firings; nothing was run (cooldowns and rate limits are not applied: a transcript has no timing)',
        '',
      ].join('\n'),
    );
  });

  test('reads stdin and reports rc file errors with exit status 1', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tmx-triggers-test-'));
    const rc = path.join(dir, 'rc.json');
    writeFileSync(rc, '{"triggers": [{"regex": "(a)\\\\1", "action": "bell"}, {"regex": "ding", "action": "bell"}]}');
    chmodSync(rc, 0o600);
    const output: string[] = [];
    const status = await triggersTest(undefined, rc, { HOME: dir }, dir, Readable.from(['ding\n', 'dong\n']), (s) => output.push(s));
    expect(status).toBe(1);
    const text = output.join('');
    expect(text).toContain(`${rc}: error: triggers[0].regex: tmx runs trigger regexes in linear time`);
    expect(text).toContain('(the transcript has no carriage returns');
    expect(text).toContain('line 1: "ding"\n  bell from trigger "ding", columns 0-4\n');
    expect(text).toContain('1 firing;');
  });
});
