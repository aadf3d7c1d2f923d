import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/commands/actions.js';
import { parseFlags } from '../../src/commands/flags.js';
import { joinCommandWords, quoteCommandWord, quoteShellWord } from '../../src/commands/quote.js';
import { COMMANDS, commandHelp, findCommand, parseCommand, parseCommandLine } from '../../src/commands/registry.js';
import { parseTarget } from '../../src/commands/target.js';
import { tokenize } from '../../src/commands/tokenize.js';

/** The single Action a line must produce, failing the test with the parser's message if not. */
function actionOf(line: string): Action {
  const result = parseCommandLine(line);
  if ('error' in result) throw new Error(`${line}: ${result.error}`);
  expect(result.actions).toHaveLength(1);
  return result.actions[0];
}

function errorOf(line: string): string {
  const result = parseCommandLine(line);
  if (!('error' in result)) throw new Error(`expected an error for ${line}, got ${JSON.stringify(result)}`);
  return result.error;
}

describe('every command builds its Action', () => {
  const cases: Array<[string, Action]> = [
    ['split-window', { type: 'split-window', horizontal: false }],
    ['split-window -v', { type: 'split-window', horizontal: false }],
    ['split-window -h', { type: 'split-window', horizontal: true }],
    ['split-window -h -t 2', { type: 'split-window', horizontal: true, target: { kind: 'index', index: 2 } }],
    ['split-window -ht%3 htop -d 5', { type: 'split-window', horizontal: true, target: { kind: 'id', id: 3 }, command: 'htop -d 5' }],
    ['split-window "vim \'my file\'"', { type: 'split-window', horizontal: false, command: "vim 'my file'" }],
    ['split-window less "my file"', { type: 'split-window', horizontal: false, command: "less 'my file'" }],
    ['split-window -- -h', { type: 'split-window', horizontal: false, command: '-h' }],
    ['select-pane -L', { type: 'select-pane', direction: 'left' }],
    ['select-pane -R', { type: 'select-pane', direction: 'right' }],
    ['select-pane -U', { type: 'select-pane', direction: 'up' }],
    ['select-pane -D', { type: 'select-pane', direction: 'down' }],
    ['select-pane -t :.+', { type: 'select-pane', target: { kind: 'next' } }],
    ['select-pane -t 0', { type: 'select-pane', target: { kind: 'index', index: 0 } }],
    ['select-pane -l', { type: 'last-pane' }],
    ['last-pane', { type: 'last-pane' }],
    ['kill-pane', { type: 'kill-pane' }],
    ['kill-pane -t !', { type: 'kill-pane', target: { kind: 'last' } }],
    ['resize-pane -U', { type: 'resize-pane', direction: 'up', amount: 1 }],
    ['resize-pane -D 5', { type: 'resize-pane', direction: 'down', amount: 5 }],
    ['resize-pane -L -t - 1000', { type: 'resize-pane', direction: 'left', amount: 1000, target: { kind: 'previous' } }],
    ['resize-pane -R 3', { type: 'resize-pane', direction: 'right', amount: 3 }],
    ['resize-pane -Z', { type: 'zoom-pane' }],
    ['resize-pane -Z -t 1', { type: 'zoom-pane', target: { kind: 'index', index: 1 } }],
    ['select-layout tiled', { type: 'select-layout', layout: 'tiled' }],
    ['select-layout even-horizontal', { type: 'select-layout', layout: 'even-horizontal' }],
    ['select-layout even-v', { type: 'select-layout', layout: 'even-vertical' }],
    ['select-layout -n', { type: 'next-layout' }],
    ['next-layout', { type: 'next-layout' }],
    ['display-message hello   world', { type: 'display-message', text: 'hello world', print: false }],
    ['display-message "  spaced  "', { type: 'display-message', text: '  spaced  ', print: false }],
    ['display-message -p -t work:0.1 "#{pane_id}"', { type: 'display-message', text: '#{pane_id}', print: true, target: { kind: 'index', index: 1, session: 'work', window: 0 } }],
    ['capture-pane -p', { type: 'capture-pane', escapes: false }],
    ['capture-pane -p -e -S -100 -E - -t %3', { type: 'capture-pane', escapes: true, start: -100, end: Infinity, target: { kind: 'id', id: 3 } }],
    ['list-panes -a -F "#{pane_id}"', { type: 'list-panes', all: true, format: '#{pane_id}' }],
    ['list-commands', { type: 'list-commands' }],
    ['new-session', { type: 'new-session', detached: false }],
    ['new-session -d -s work -x 100 -y 30 make all', { type: 'new-session', detached: true, name: 'work', width: 100, height: 30, command: 'make all' }],
    ['attach-session -t work', { type: 'attach-session', target: 'work' }],
    ['detach-client', { type: 'detach-client' }],
    ['list-sessions', { type: 'list-sessions' }],
    ['has-session -t work', { type: 'has-session', target: 'work' }],
    ['kill-session -t work', { type: 'kill-session', target: 'work' }],
    ['rename-session -t 0 work', { type: 'rename-session', target: '0', name: 'work' }],
    ['switch-client -n', { type: 'switch-client', to: 'next' }],
    ['switch-client -l', { type: 'switch-client', to: 'last' }],
    ['switch-client -t work', { type: 'switch-client', to: { session: 'work' } }],
    ['new-window', { type: 'new-window', detached: false }],
    ['choose-tree', { type: 'choose-tree', of: 'windows' }],
    ['break-pane -d -n logs -s %3', { type: 'break-pane', detached: true, name: 'logs', source: { kind: 'id', id: 3 } }],
    ['join-pane -h -s :1 -t %0', { type: 'join-pane', horizontal: true, detached: false, source: { kind: 'active', window: 1 }, target: { kind: 'id', id: 0 } }],
    ['choose-tree -s', { type: 'choose-tree', of: 'sessions' }],
    ['new-window -d -n logs -t work tail -f x', { type: 'new-window', detached: true, name: 'logs', command: 'tail -f x', target: { kind: 'active', session: 'work' } }],
    ['select-window -t 2', { type: 'select-window', which: { index: 2 } }],
    ['select-window -t work:2', { type: 'select-window', which: { index: 2 }, target: { kind: 'active', session: 'work' } }],
    ['select-window -l', { type: 'select-window', which: 'last' }],
    ['next-window', { type: 'select-window', which: 'next' }],
    ['previous-window', { type: 'select-window', which: 'previous' }],
    ['last-window', { type: 'select-window', which: 'last' }],
    ['rename-window -t :1 logs', { type: 'rename-window', name: 'logs', window: 1 }],
    ['kill-window -t 3', { type: 'kill-window', window: 3 }],
    ['list-windows -F "#{window_name}"', { type: 'list-windows', format: '#{window_name}' }],
    ['display-panes', { type: 'display-panes' }],
    ['list-keys', { type: 'list-keys' }],
    ['kill-server', { type: 'kill-server' }],
    ['send-prefix', { type: 'send-prefix' }],
    ['send-keys C-c Enter', { type: 'send-keys', keys: ['C-c', 'Enter'], literal: false }],
    ['send-keys -l -t %2 "echo hi" x', { type: 'send-keys', keys: ['echo hi', 'x'], literal: true, target: { kind: 'id', id: 2 } }],
    ['command-prompt', { type: 'command-prompt' }],
    ['command-prompt -p "rename:" -I old "display-message \'%%\'"', { type: 'command-prompt', prompt: 'rename:', initial: 'old', template: "display-message '%%'" }],
    ['command-prompt send-keys -l "%%"', { type: 'command-prompt', template: 'send-keys -l %%' }],
    ['confirm-before kill-pane', { type: 'confirm-before', command: 'kill-pane' }],
    ['confirm-before -p "kill-pane #P? (y/n)" kill-pane', { type: 'confirm-before', prompt: 'kill-pane #P? (y/n)', command: 'kill-pane' }],
    ['confirm-before "kill-pane -t 2"', { type: 'confirm-before', command: 'kill-pane -t 2' }],
    ['confirm-before kill-pane -t 2', { type: 'confirm-before', command: 'kill-pane -t 2' }],
    ['confirm-before send-keys -l "a b"', { type: 'confirm-before', command: 'send-keys -l "a b"' }],
    ['coprocess-prompt', { type: 'coprocess-prompt', silent: false }],
    ['coprocess-prompt -s', { type: 'coprocess-prompt', silent: true }],
    ['run-coprocess ./auto-answer.sh', { type: 'run-coprocess', command: './auto-answer.sh', silent: false }],
    ['run-coprocess -s -t 1 grep -q "a b"', { type: 'run-coprocess', command: "grep -q 'a b'", silent: true, target: { kind: 'index', index: 1 } }],
    ['stop-coprocess', { type: 'stop-coprocess' }],
    ['stop-coprocess -t +', { type: 'stop-coprocess', target: { kind: 'next' } }],
    ['show-coprocess-log', { type: 'show-coprocess-log' }],
    ['show-coprocess-log -t {last}', { type: 'show-coprocess-log', target: { kind: 'last' } }],
    ['source-file ~/.tmx.conf', { type: 'source-file', path: '~/.tmx.conf' }],
    ['source-file "/tmp/my conf"', { type: 'source-file', path: '/tmp/my conf' }],
    ['reload-config', { type: 'reload-config' }],
    ['copy-mode', { type: 'copy-mode', pageUp: false, leaveAtBottom: false }],
    ['paste-buffer', { type: 'paste-buffer' }],
    ['paste-buffer -t 2', { type: 'paste-buffer', target: { kind: 'index', index: 2 } }],
    ['copy-mode -u -e -t 1', { type: 'copy-mode', pageUp: true, leaveAtBottom: true, target: { kind: 'index', index: 1 } }],
    ['swap-pane -U', { type: 'swap-pane', with: 'previous' }],
    ['select-layout -E', { type: 'spread-out' }],
    ['rotate-window', { type: 'rotate-window', direction: 'up' }],
    ['rotate-window -D', { type: 'rotate-window', direction: 'down' }],
    ['swap-pane -D -t 2', { type: 'swap-pane', with: 'next', target: { kind: 'index', index: 2 } }],
    ['move-window -t 3', { type: 'move-window', renumber: false, to: 3 }],
    ['move-window -s work:1 -t :4', { type: 'move-window', renumber: false, from: 1, to: 4, target: { kind: 'active', session: 'work' } }],
    ['move-window -r', { type: 'move-window', renumber: true }],
    ['find-window vim', { type: 'find-window', match: 'vim', in: { name: true, title: true, content: true }, regex: false, ignoreCase: false, zoom: false }],
    ['find-window -CZ -i -r -t work "^make: \\*\\*\\*"', { type: 'find-window', match: '^make: \\*\\*\\*', in: { name: false, title: false, content: true }, regex: true, ignoreCase: true, zoom: true, target: { kind: 'active', session: 'work' } }],
    ['find-window -NT -- -x', { type: 'find-window', match: '-x', in: { name: true, title: true, content: false }, regex: false, ignoreCase: false, zoom: false }],
  ];
  it.each(cases)('%s', (line, expected) => {
    expect(actionOf(line)).toStrictEqual(expected);
  });

  it('covers every command in the table', () => {
    const tested = new Set(cases.map(([line]) => line.split(' ')[0]));
    expect(COMMANDS.filter((c) => !tested.has(c.name)).map((c) => c.name)).toEqual([]);
  });
});

describe('names', () => {
  const aliases: Array<[string, string]> = [
    ['splitw -h', 'split-window -h'],
    ['selectp -L', 'select-pane -L'],
    ['lastp', 'last-pane'],
    ['killp', 'kill-pane'],
    ['resizep -Z', 'resize-pane -Z'],
    ['selectl tiled', 'select-layout tiled'],
    ['nextl', 'next-layout'],
    ['display hi', 'display-message hi'],
    ['displayp', 'display-panes'],
    ['lsk', 'list-keys'],
    ['send Enter', 'send-keys Enter'],
    ['confirm kill-pane', 'confirm-before kill-pane'],
    ['source f', 'source-file f'],
  ];
  it.each(aliases)('alias %s is %s', (alias, full) => {
    expect(actionOf(alias)).toStrictEqual(actionOf(full));
  });

  it.each([
    ['split', 'split-window'],
    ['kill-se', 'ambiguous command: kill-se (could be kill-server, kill-session)'],
    ['kill-ser', 'kill-server'],
    ['ls', 'list-sessions'],
    ['a', 'attach-session'],
    ['new', 'new-session'],
    ['next', 'next-window'],
    ['next-l', 'next-layout'],
    ['run', 'run-coprocess'],
    ['display', 'display-message'],
    ['show', 'show-coprocess-log'],
  ])('%s resolves to %s', (name, full) => {
    const found = findCommand(name);
    expect('error' in found ? found.error : found.name).toBe(full);
  });

  it('an ambiguous prefix lists the candidates', () => {
    expect(errorOf('sel -L')).toBe('ambiguous command: sel (could be select-layout, select-pane, select-window)');
    expect(errorOf('kill')).toBe('ambiguous command: kill (could be kill-pane, kill-server, kill-session, kill-window)');
  });

  it('every command file is in the table', () => {
    const machinery = new Set(['actions', 'direction', 'flags', 'format', 'parse-one', 'quote', 'registry', 'strftime', 'target', 'tokenize', 'types', 'window-step']);
    const files = readdirSync(new URL('../../src/commands/', import.meta.url))
      .map((file) => file.replace(/\.ts$/, ''))
      .filter((name) => !machinery.has(name));
    expect(COMMANDS.map((c) => c.name).sort()).toEqual(files.sort());
  });

  it('names and aliases are unique and help mirrors the table', () => {
    const all = COMMANDS.flatMap((c) => (c.alias ? [c.name, c.alias] : [c.name]));
    expect(new Set(all).size).toBe(all.length);
    const help = commandHelp();
    expect(help.map((h) => h.name)).toEqual(COMMANDS.map((c) => c.name));
    for (const h of help) {
      expect(h.usage.startsWith(h.name)).toBe(true);
      expect(h.summary).not.toMatch(/\n/);
      expect(h.summary.length).toBeGreaterThan(0);
    }
  });
});

describe('tokenize', () => {
  const cases: Array<[string, string[][]]> = [
    ['', []],
    ['   ', []],
    ['# just a comment', []],
    ['split-window -h # trailing comment', [['split-window', '-h']]],
    ['a#b', [['a#b']]],
    ['"#P" \\#x', [['#P', '#x']]],
    ["'single \\n $x \"'", [['single \\n $x "']]],
    ['"a\\"b\\\\c\\nd\\te\\$f\\eg"', [['a"b\\c\nd\te$f\x1bg']]],
    ['"\\q"', [['\\q']]],
    ['a\\ b c\\"d', [['a b', 'c"d']]],
    ['x"y"\'z\'', [['xyz']]],
    ['"" \'\'', [['', '']]],
    ['a ; b', [['a'], ['b']]],
    ['a; b;', [['a'], ['b']]],
    ['a\\; b', [['a;', 'b']]],
    ['a ";" b', [['a', ';', 'b']]],
    ['a;b', [['a;b']]],
    ['; ; a', [['a']]],
    ['a\nb c\n\n# c\nd', [['a'], ['b', 'c'], ['d']]],
    ['a \\\n b', [['a', 'b']]],
    ['trailing\\', [['trailing\\']]],
  ];
  it.each(cases)('%j', (line, expected) => {
    expect(tokenize(line)).toStrictEqual({ commands: expected });
  });

  it('names the column of an unterminated quote', () => {
    expect(tokenize('display "oops')).toStrictEqual({ error: 'unterminated " quote starting at column 9 (add the closing ")' });
    expect(tokenize("a 'b")).toMatchObject({ error: expect.stringContaining("' quote starting at column 3") });
    expect(tokenize('ok\n  "x')).toMatchObject({ error: expect.stringContaining('line 2, column 3') });
  });

  it('quoteCommandWord and joinCommandWords read back as the same words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '\\', ';', '#', '$', '\n', '\t', '\x1b', '-', 'é') });
    fc.assert(fc.property(word, (w) => {
      expect(tokenize(quoteCommandWord(w))).toStrictEqual({ commands: [[w]] });
    }));
    fc.assert(fc.property(fc.array(word, { minLength: 2, maxLength: 4 }), (words) => {
      expect(tokenize(joinCommandWords(words))).toStrictEqual({ commands: [words] });
    }));
  });

  it('quoteShellWord leaves plain words and single-quotes the rest', () => {
    expect(quoteShellWord('-la')).toBe('-la');
    expect(quoteShellWord("it's")).toBe(`'it'\\''s'`);
    expect(quoteShellWord('')).toBe("''");
  });
});

describe('parseFlags', () => {
  it('reads combined flags, attached and separate values, and stops at the first word', () => {
    expect(parseFlags('dhvt:', ['-hd', '-t2', 'cmd', '-v'])).toStrictEqual({
      flags: new Map<string, string | true>([['h', true], ['d', true], ['t', '2']]),
      args: ['cmd', '-v'],
    });
    expect(parseFlags('t:', ['-t', '-', '-'])).toStrictEqual({ flags: new Map([['t', '-']]), args: ['-'] });
    expect(parseFlags('h', ['--', '-h'])).toStrictEqual({ flags: new Map(), args: ['-h'] });
    expect(parseFlags('ht:', ['-ht', 'x'])).toStrictEqual({ flags: new Map<string, string | true>([['h', true], ['t', 'x']]), args: [] });
  });

  it('reports unknown flags and missing values', () => {
    expect(parseFlags('h', ['-hq'])).toStrictEqual({ error: 'unknown flag -q' });
    expect(parseFlags('t:', ['-t'])).toStrictEqual({ error: 'flag -t needs a value' });
  });
});

describe('parseTarget', () => {
  it.each([
    ['2', { kind: 'index', index: 2 }],
    [':.3', { kind: 'index', index: 3 }],
    ['%5', { kind: 'id', id: 5 }],
    ['+', { kind: 'next' }],
    [':.+', { kind: 'next' }],
    ['-', { kind: 'previous' }],
    [':.-', { kind: 'previous' }],
    ['!', { kind: 'last' }],
    ['{last}', { kind: 'last' }],
  ])('%s', (value, expected) => {
    expect(parseTarget(value)).toStrictEqual(expected);
  });

  it.each(['', '%', '-1', '2.5', '%x', '1234567890', 'work:x', 'work:0.%x', 'a.b'])('rejects %j', (value) => {
    expect(parseTarget(value)).toMatchObject({ error: expect.stringContaining('bad target') });
  });

  it.each([
    ['work', { kind: 'active', session: 'work' }],
    ['work:', { kind: 'active', session: 'work' }],
    ['work:0', { kind: 'active', session: 'work', window: 0 }],
    ['work:0.1', { kind: 'index', index: 1, session: 'work', window: 0 }],
    ['work:.%4', { kind: 'id', id: 4, session: 'work' }],
    ['work:.+', { kind: 'next', session: 'work' }],
  ])('session target %s', (value, expected) => {
    expect(parseTarget(value)).toStrictEqual(expected);
  });
});

describe('errors', () => {
  it.each([
    ['split-window -q', 'split-window: unknown flag -q (usage: split-window [-h|-v] [-t PANE] [COMMAND])'],
    ['split-window -h -v', 'split-window: give -h or -v, not both'],
    ['split-window -t', 'split-window: flag -t needs a value'],
    ['split-window -t x.y', 'split-window: bad target "x.y"'],
    ['select-pane', 'select-pane: give exactly one of'],
    ['select-pane -L -R', 'select-pane: give exactly one of'],
    ['select-pane -l -t 1', 'select-pane: give exactly one of'],
    ['select-pane -L extra', 'select-pane: unexpected argument "extra"'],
    ['last-pane now', 'last-pane: unexpected argument "now" (usage: last-pane)'],
    ['kill-pane -t %nope', 'kill-pane: bad target "%nope"'],
    ['resize-pane -U x', 'resize-pane: amount must be a positive whole number, got "x"'],
    ['resize-pane -U 0', 'resize-pane: amount must be a positive whole number, got "0"'],
    ['resize-pane -U -- -3', 'resize-pane: amount must be a positive whole number, got "-3"'],
    ['resize-pane -U 1001', 'resize-pane: amount must be at most 1000, got "1001"'],
    ['resize-pane 5', 'resize-pane: give exactly one of -L, -R, -U, -D, or -Z'],
    ['resize-pane -U -D', 'resize-pane: give exactly one of'],
    ['resize-pane -Z 3', 'resize-pane: -Z toggles zoom'],
    ['resize-pane -U 1 2', 'resize-pane: unexpected argument "2"'],
    ['select-layout', 'select-layout: missing layout NAME'],
    ['select-layout main-diagonal', 'select-layout: unknown layout "main-diagonal" (choose one of even-horizontal, even-vertical, main-horizontal, main-vertical, tiled)'],
    ['select-layout main', 'select-layout: ambiguous layout "main" (choose one of even-horizontal, even-vertical, main-horizontal, main-vertical, tiled)'],
    ['select-layout even', 'select-layout: ambiguous layout "even"'],
    ['select-layout -n tiled', 'select-layout: give -n or NAME, not both'],
    ['display-message', 'display-message: missing argument (usage: display-message [-p] [-t PANE] TEXT)'],
    ['capture-pane', 'capture-pane: tmx has no paste buffers to capture into: give -p'],
    ['capture-pane -p -S x', 'capture-pane: -S wants a line number'],
    ['new-session -x 0', 'new-session: -x wants a whole number'],
    ['new-session -s a:b', 'new-session: bad session name "a:b"'],
    ['switch-client', 'switch-client: give exactly one of -n, -p, -l or -t SESSION'],
    ['send-keys', 'send-keys: missing argument'],
    ['send-keys -t', 'send-keys: flag -t needs a value'],
    ['confirm-before -p "sure?"', 'confirm-before: missing argument'],
    ['command-prompt -x', 'command-prompt: unknown flag -x'],
    ['run-coprocess -s', 'run-coprocess: missing argument'],
    ['run-coprocess -t 9.x cat', 'run-coprocess: bad target "9.x"'],
    ['stop-coprocess now', 'stop-coprocess: unexpected argument'],
    ['source-file', 'source-file: missing argument (usage: source-file PATH)'],
    ['swap-pane', 'swap-pane: give one of -U (the pane before) or -D (the pane after)'],
    ['select-layout -E tiled', 'select-layout: -E takes no NAME and no -n'],
    ['rotate-window -U -D', 'rotate-window: give -U or -D, not both'],
    ['swap-pane -U -D', 'swap-pane: give one of -U (the pane before) or -D (the pane after)'],
    ['source-file a b', 'source-file: unexpected argument "b"'],
    ['reload-config -f', 'reload-config: unknown flag -f'],
    ['move-window -s a:1 -t b:2', 'move-window: windows move within their session only (-s names a, -t b)'],
    ['move-window -r -t 2', 'move-window: -r renumbers every window: give no index with it'],
    ['move-window -t x.y', 'move-window: bad window target "x.y"'],
    ['find-window', 'find-window: missing argument (usage: find-window [-CNTirZ] [-t SESSION] MATCH)'],
    ['find-window ""', 'find-window: give something to find'],
    ['find-window -t :1 x', 'find-window: it looks through every window of a session: give -t SESSION'],
    ['frobnicate', 'unknown command: frobnicate'],
    ['"" x', 'unknown command: ""'],
    ['"a\nb"', 'unknown command: "a\\nb"'],
    ['display "x', 'unterminated " quote starting at column 9'],
    ['next-layout; bogus', 'unknown command: bogus'],
  ])('%s', (line, expected) => {
    const error = errorOf(line);
    expect(error.startsWith(expected)).toBe(true);
    expect(error).not.toMatch(/[\r\n]/);
  });

  it('parseCommand reports an empty command', () => {
    expect(parseCommand([])).toMatchObject({ error: expect.stringContaining('empty command') });
  });

  it('random lines never throw; they give actions or a one-line error', () => {
    const piece = fc.constantFrom(
      ...COMMANDS.map((c) => c.name), 'split', 'sel', '-h', '-t', '-Z', '-U', '-l', '-s', '--', '-',
      '5', 'x', '%3', ':.+', '!', '{last}', 'tiled', '"', "'", '\\', ';', '#', ' ', '\n', '\t', 'é', '\x1b',
    );
    const line = fc.oneof(fc.array(piece, { maxLength: 12 }).map((p) => p.join('')), fc.string(), fc.string({ unit: 'binary' }));
    fc.assert(fc.property(line, (text) => {
      const result = parseCommandLine(text);
      if ('error' in result) expect(result.error).toMatch(/^[^\r\n]+$/);
      else expect(Array.isArray(result.actions)).toBe(true);
    }), { numRuns: 2000 });
  });
});

describe('the default key table', () => {
  const DEFAULT_TABLE_COMMANDS = [
    'send-prefix',
    'split-window -h',
    'split-window -v',
    'select-pane -U',
    'select-pane -D',
    'select-pane -L',
    'select-pane -R',
    'select-pane -t :.+',
    'last-pane',
    'confirm-before -p "kill-pane #P? (y/n)" kill-pane',
    'resize-pane -Z',
    'resize-pane -U',
    'resize-pane -D',
    'resize-pane -L',
    'resize-pane -R',
    'resize-pane -U 5',
    'resize-pane -D 5',
    'resize-pane -L 5',
    'resize-pane -R 5',
    'next-layout',
    'display-panes',
    'command-prompt',
    'list-keys',
    'coprocess-prompt',
    'stop-coprocess',
  ];
  it.each(DEFAULT_TABLE_COMMANDS)('%s parses', (line) => {
    actionOf(line);
  });

  it('every binding in src/keymap/default-bindings.ts parses', async () => {
    // Imported here rather than at the top so the rest of this file runs while that table is
    // being written; once it exists this must pass.
    const modulePath = '../../src/keymap/default-bindings.js';
    const { DEFAULT_BINDINGS } = (await import(/* @vite-ignore */ modulePath)) as {
      DEFAULT_BINDINGS: Record<string, Record<string, { command: string }>>;
    };
    const tables = Object.entries(DEFAULT_BINDINGS);
    expect(tables.length).toBeGreaterThan(0);
    for (const [table, bindings] of tables) {
      for (const [key, binding] of Object.entries(bindings)) {
        const result = parseCommandLine(binding.command);
        expect(result, `${table} ${key}: ${binding.command}`).toHaveProperty('actions');
        expect('actions' in result && result.actions.length, `${table} ${key}`).toBeGreaterThan(0);
      }
    }
  });
});
