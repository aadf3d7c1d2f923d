import { describe, expect, it } from 'vitest';
import { COPY_MODE_COMMANDS, copyModeCommandFor } from '../../src/keymap/copy-mode-keys.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX, TMUX_ONLY_KEYS, tmuxOnlyHint, type KeyTables } from '../../src/keymap/default-bindings.js';
import { describeBindings, KeyRouter, mergeBindings, type KeyOutcome } from '../../src/keymap/keymap.js';
import { normalizeKeyName } from '../../src/keymap/keys.js';

const REPEAT_MS = 500;

/** Feeds keys at given times (ms) and collects the outcomes. */
function route(router: KeyRouter, steps: Array<[string, number]>): KeyOutcome[] {
  return steps.map(([key, now]) => router.handle(key, now));
}

const FORWARD: KeyOutcome = { kind: 'forward' };
const CONSUMED: KeyOutcome = { kind: 'consumed' };
const run = (command: string): KeyOutcome => ({ kind: 'command', command });

describe('DEFAULT_BINDINGS', () => {
  it('writes every key in canonical form', () => {
    for (const table of [DEFAULT_BINDINGS.prefix, DEFAULT_BINDINGS.root]) {
      for (const key of Object.keys(table)) expect(normalizeKeyName(key), key).toBe(key);
    }
    expect(normalizeKeyName(DEFAULT_PREFIX)).toBe(DEFAULT_PREFIX);
  });

  it('has a note for every binding', () => {
    for (const binding of Object.values(DEFAULT_BINDINGS.prefix)) expect(binding.note).not.toBe('');
  });

  it.each([
    ['C-b', 'send-prefix'], ['%', 'split-window -h'], ['"', 'split-window -v'], ['Up', 'select-pane -U'],
    ['Left', 'select-pane -L'], ['o', 'select-pane -t :.+'], [';', 'last-pane'],
    ['x', 'confirm-before -p "kill-pane #P? (y/n)" kill-pane'], ['z', 'resize-pane -Z'],
    ['C-Right', 'resize-pane -R'], ['M-Down', 'resize-pane -D 5'], ['Space', 'next-layout'], ['q', 'display-panes'],
    [':', 'command-prompt'], ['?', 'list-keys'], ['R', 'coprocess-prompt'], ['X', 'stop-coprocess'],
  ])('prefix %s runs %s', (key, command) => {
    expect(DEFAULT_BINDINGS.prefix[key]?.command).toBe(command);
  });

  it('makes exactly the resize keys repeatable', () => {
    const repeatable = Object.keys(DEFAULT_BINDINGS.prefix).filter((key) => DEFAULT_BINDINGS.prefix[key]!.repeat);
    expect(repeatable.sort()).toEqual(
      ['C-Up', 'C-Down', 'C-Left', 'C-Right', 'M-Up', 'M-Down', 'M-Left', 'M-Right'].sort(),
    );
  });

  it('has an empty root table', () => {
    expect(DEFAULT_BINDINGS.root).toEqual({});
  });
});

describe('KeyRouter', () => {
  const router = () => new KeyRouter(DEFAULT_BINDINGS, DEFAULT_PREFIX, REPEAT_MS);

  it('forwards unbound keys', () => {
    expect(route(router(), [['a', 0], ['Up', 1], ['C-c', 2]])).toEqual([FORWARD, FORWARD, FORWARD]);
  });

  it('runs a prefix binding after the prefix, then returns to the root table', () => {
    const r = router();
    expect(r.handle('C-b', 0)).toEqual(CONSUMED);
    expect(r.awaitingPrefixKey).toBe(true);
    expect(r.handle('%', 1)).toEqual(run('split-window -h'));
    expect(r.awaitingPrefixKey).toBe(false);
    expect(r.handle('%', 2)).toEqual(FORWARD);
  });

  it('consumes an unbound key after the prefix, naming it', () => {
    expect(route(router(), [['C-b', 0], ['j', 1], ['j', 2]])).toEqual([CONSUMED, { kind: 'unbound', key: 'j' }, FORWARD]);
  });

  it("has a hint for tmux's default keys that tmx lacks, none for keys tmux leaves unbound too", () => {
    expect(tmuxOnlyHint('=', 'C-b')).toBe("C-b =: tmux's choose-buffer; tmx keeps one buffer: ] pastes it");
    expect(tmuxOnlyHint('f', 'C-b')).toBeUndefined(); // bound: find-window
    expect(tmuxOnlyHint('w', 'C-b')).toBeUndefined(); // bound: choose-tree -w
    expect(tmuxOnlyHint('c', 'C-b')).toBeUndefined(); // bound: new-window
    expect(tmuxOnlyHint('L', 'C-a')).toBeUndefined(); // bound: switch-client -l
    expect(tmuxOnlyHint('d', 'C-b')).toBeUndefined(); // bound: detach-client
    expect(tmuxOnlyHint('3', 'C-b')).toBeUndefined(); // bound: select-window -t :3
    expect(tmuxOnlyHint('j', 'C-b')).toBeUndefined();
    expect(tmuxOnlyHint('constructor', 'C-b')).toBeUndefined();
    // None of them is a key tmx binds by default (there the binding wins, and no hint is needed).
    for (const key of Object.keys(TMUX_ONLY_KEYS)) expect(Object.hasOwn(DEFAULT_BINDINGS.prefix, key), key).toBe(false);
    // Short enough for the status line of an 80-column terminal, with a longer prefix.
    for (const key of Object.keys(TMUX_ONLY_KEYS)) expect(tmuxOnlyHint(key, 'C-Space')!.length, key).toBeLessThanOrEqual(80);
  });

  it('runs send-prefix for the prefix pressed twice', () => {
    expect(route(router(), [['C-b', 0], ['C-b', 1]])).toEqual([CONSUMED, run('send-prefix')]);
  });

  it('waits for the key after the prefix however long it takes', () => {
    expect(route(router(), [['C-b', 0], ['o', 1_000_000]])).toEqual([CONSUMED, run('select-pane -t :.+')]);
  });

  it('repeats repeatable keys without the prefix within repeat-time of the last one', () => {
    expect(route(router(), [['C-b', 0], ['C-Up', 10], ['C-Up', 400], ['M-Left', 850], ['C-Up', 1349]])).toEqual([
      CONSUMED, run('resize-pane -U'), run('resize-pane -U'), run('resize-pane -L 5'), run('resize-pane -U'),
    ]);
  });

  it('ends repeat mode when repeat-time has passed', () => {
    expect(route(router(), [['C-b', 0], ['C-Up', 10], ['C-Up', 510]])).toEqual([CONSUMED, run('resize-pane -U'), FORWARD]);
  });

  it('handles a non-repeatable key during repeat mode as in the root table', () => {
    const r = router();
    expect(route(r, [['C-b', 0], ['C-Up', 10], ['%', 20], ['C-Up', 30]])).toEqual([
      CONSUMED, run('resize-pane -U'), FORWARD, FORWARD,
    ]);
  });

  it('lets the prefix start a new prefix sequence during repeat mode', () => {
    expect(route(router(), [['C-b', 0], ['C-Up', 10], ['C-b', 20], ['o', 30]])).toEqual([
      CONSUMED, run('resize-pane -U'), CONSUMED, run('select-pane -t :.+'),
    ]);
  });

  it('does not repeat after a non-repeatable binding', () => {
    expect(route(router(), [['C-b', 0], ['z', 10], ['C-Up', 20]])).toEqual([CONSUMED, run('resize-pane -Z'), FORWARD]);
  });

  it('never repeats with a repeat-time of 0', () => {
    const r = new KeyRouter(DEFAULT_BINDINGS, DEFAULT_PREFIX, 0);
    expect(route(r, [['C-b', 0], ['C-Up', 0], ['C-Up', 0]])).toEqual([CONSUMED, run('resize-pane -U'), FORWARD]);
  });

  it('matches root-table bindings before the prefix', () => {
    const tables: KeyTables = {
      prefix: DEFAULT_BINDINGS.prefix,
      root: { 'M-h': { command: 'select-pane -L', note: '' }, 'C-b': { command: 'display-panes', note: '' } },
    };
    const r = new KeyRouter(tables, 'C-b', REPEAT_MS);
    expect(route(r, [['M-h', 0], ['C-b', 1], ['a', 2]])).toEqual([run('select-pane -L'), run('display-panes'), FORWARD]);
    expect(r.awaitingPrefixKey).toBe(false);
  });

  it('uses a prefix written in any spelling', () => {
    const r = new KeyRouter(DEFAULT_BINDINGS, '^A', REPEAT_MS);
    expect(route(r, [['C-b', 0], ['C-a', 1], ['?', 2]])).toEqual([FORWARD, CONSUMED, run('list-keys')]);
  });

  it('switches tables and prefix with setTables, leaving prefix mode', () => {
    const r = router();
    r.handle('C-b', 0);
    r.setTables({ prefix: { v: { command: 'split-window -h', note: '' } }, root: {} }, 'C-a');
    expect(r.awaitingPrefixKey).toBe(false);
    expect(route(r, [['v', 1], ['C-a', 2], ['v', 3], ['C-b', 4]])).toEqual([FORWARD, CONSUMED, run('split-window -h'), FORWARD]);
  });

  it('forgets the prefix on reset', () => {
    const r = router();
    r.handle('C-b', 0);
    r.reset();
    expect(r.awaitingPrefixKey).toBe(false);
    expect(r.handle('%', 1)).toEqual(FORWARD);
  });

  it('defaults repeat-time to 500 ms', () => {
    const r = new KeyRouter(DEFAULT_BINDINGS, DEFAULT_PREFIX);
    expect(route(r, [['C-b', 0], ['C-Up', 0], ['C-Up', 499], ['C-Up', 999]])).toEqual([
      CONSUMED, run('resize-pane -U'), run('resize-pane -U'), FORWARD,
    ]);
  });
});

describe('mergeBindings', () => {
  it('binds, rebinds and unbinds with normalized keys', () => {
    const merged = mergeBindings(DEFAULT_BINDINGS, {
      prefix: { '|': 'split-window -h', '%': null, '^a': 'send-prefix', 'c-up': 'resize-pane -U 2' },
      root: { 'm-h': 'select-pane -L' },
    });
    if ('errors' in merged) throw new Error(merged.errors.join('\n'));
    expect(merged.prefix['|']).toEqual({ command: 'split-window -h', note: '' });
    expect(merged.prefix['%']).toBeUndefined();
    expect(merged.prefix['C-Up']).toEqual({ command: 'resize-pane -U 2', note: '' });
    expect(merged.prefix['C-a']).toEqual({ command: 'send-prefix', note: '' });
    expect(merged.root['M-h']).toEqual({ command: 'select-pane -L', note: '' });
    expect(merged.prefix['"']).toBe(DEFAULT_BINDINGS.prefix['"']);
  });

  it('keeps the note and repeat of a binding set to the same command', () => {
    const merged = mergeBindings(DEFAULT_BINDINGS, { prefix: { 'C-Up': 'resize-pane -U' } }) as KeyTables;
    expect(merged.prefix['C-Up']).toBe(DEFAULT_BINDINGS.prefix['C-Up']);
  });

  it('does not change the base tables', () => {
    const before = JSON.stringify(DEFAULT_BINDINGS);
    mergeBindings(DEFAULT_BINDINGS, { prefix: { '%': null, a: 'last-pane' }, root: { b: 'last-pane' } });
    expect(JSON.stringify(DEFAULT_BINDINGS)).toBe(before);
  });

  it('reports every bad key and command, naming the table and key', () => {
    const result = mergeBindings(DEFAULT_BINDINGS, {
      prefix: { Foo: 'last-pane', 'C-1': 'last-pane', ok: null },
      root: { a: '  ' },
    });
    expect(result).toEqual({
      errors: [
        expect.stringMatching(/^prefix table, key "Foo": unknown key/),
        expect.stringMatching(/^prefix table, key "C-1": /),
        expect.stringMatching(/^prefix table, key "ok": unknown key/),
        expect.stringMatching(/^root table, key "a": empty command/),
      ],
    });
  });

  it('rejects a value that is neither a string nor null', () => {
    const result = mergeBindings(DEFAULT_BINDINGS, { prefix: { a: 5 as unknown as string } });
    expect(result).toEqual({ errors: [expect.stringContaining('command string, or null')] });
  });

  it('accepts unbinding a key that is not bound', () => {
    expect(mergeBindings(DEFAULT_BINDINGS, { root: { a: null } })).toEqual(DEFAULT_BINDINGS);
  });
});

describe('describeBindings', () => {
  it('lists every binding, prefix table first, modified forms next to their key', () => {
    const tables: KeyTables = {
      prefix: {
        'M-Up': { command: 'c', note: 'n3' },
        b: { command: 'e', note: 'n5' },
        Up: { command: 'a', note: 'n1' },
        'C-Up': { command: 'b', note: 'n2' },
        '%': { command: 'd', note: 'n4' },
      },
      root: { 'M-h': { command: 'f', note: 'n6' } },
    };
    expect(describeBindings(tables, 'C-b')).toEqual([
      { table: 'prefix', key: '%', command: 'd', note: 'n4' },
      { table: 'prefix', key: 'Up', command: 'a', note: 'n1' },
      { table: 'prefix', key: 'C-Up', command: 'b', note: 'n2' },
      { table: 'prefix', key: 'M-Up', command: 'c', note: 'n3' },
      { table: 'prefix', key: 'b', command: 'e', note: 'n5' },
      { table: 'root', key: 'M-h', command: 'f', note: 'n6' },
    ]);
  });

  it('describes all default bindings', () => {
    const rows = describeBindings(DEFAULT_BINDINGS, DEFAULT_PREFIX);
    expect(rows).toHaveLength(Object.keys(DEFAULT_BINDINGS.prefix).length);
    expect(rows.every((row) => row.table === 'prefix' && row.note !== '')).toBe(true);
  });
});

describe('copy mode key table', () => {
  it('names every key canonically (as input gives them) and binds each key once', () => {
    const seen = new Map<string, string>();
    for (const [command, { keys }] of Object.entries(COPY_MODE_COMMANDS)) {
      for (const key of keys) {
        expect(normalizeKeyName(key), `${command}: ${key}`).toBe(key);
        expect(seen.get(key), `${key} bound twice`).toBeUndefined();
        seen.set(key, command);
        expect(copyModeCommandFor(key)).toBe(command);
      }
    }
    expect(copyModeCommandFor('x')).toBeUndefined();
  });
});
