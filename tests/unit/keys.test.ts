import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputTokenizer, MAX_HELD_SEQUENCE, type InputEvent } from '../../src/keymap/input.js';
import { encodeKey, keyBytesForPane, NAMED_KEYS, normalizeKeyName } from '../../src/keymap/keys.js';

const ESC = '\x1b';
const NORMAL = { applicationCursor: false, applicationKeypad: false };
const APPLICATION = { applicationCursor: true, applicationKeypad: true };

/** Everything a chunk list produces, with the escape-time flush at the end. */
function tokenize(...chunks: string[]): InputEvent[] {
  const tokenizer = new InputTokenizer();
  const events = chunks.flatMap((chunk) => tokenizer.feed(chunk));
  return [...events, ...tokenizer.flush()];
}

function keyNames(events: InputEvent[]): string[] {
  return events.map((e) => (e.kind === 'key' ? e.key : `<${e.kind}>`));
}

const MODIFIER_PREFIXES = ['', 'C-', 'M-', 'S-', 'C-M-', 'C-S-', 'M-S-', 'C-M-S-'];
const MODIFIABLE = ['Up', 'Down', 'Left', 'Right', 'Home', 'End', 'IC', 'DC', 'PageUp', 'PageDown']
  .concat(Array.from({ length: 12 }, (_, i) => `F${i + 1}`));
const PRINTABLE = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i));
const CTRL_CHARS = [...'abcdefghjklnopqrstuvwxyz'].map((c) => `C-${c}`).concat(['C-Space', 'C-\\', 'C-]', 'C-^', 'C-_']);
const PLAIN_NAMED = ['Enter', 'Tab', 'BTab', 'BSpace', 'Escape', 'Space'];
const KEYPAD = NAMED_KEYS.filter((name) => name.startsWith('KP'));

/** Every canonical name the tokenizer can produce from an outer terminal in normal keypad mode. */
const CANONICAL_KEYS = [
  ...MODIFIABLE.flatMap((key) => MODIFIER_PREFIXES.map((mods) => mods + key)),
  ...[...PRINTABLE, ...CTRL_CHARS, ...PLAIN_NAMED].flatMap((key) => [key, key.startsWith('C-') ? `C-M-${key.slice(2)}` : `M-${key}`]),
];

describe('InputTokenizer: single keys', () => {
  const cases: Array<[string, string]> = [
    ['a', 'a'], ['A', 'A'], ['%', '%'], [' ', 'Space'], ['\r', 'Enter'], ['\t', 'Tab'], ['\x7f', 'BSpace'],
    ['\x08', 'C-h'], ['\x01', 'C-a'], ['\x1a', 'C-z'], ['\n', 'C-j'], ['\x00', 'C-Space'],
    ['\x1c', 'C-\\'], ['\x1d', 'C-]'], ['\x1e', 'C-^'], ['\x1f', 'C-_'],
    [`${ESC}x`, 'M-x'], [`${ESC}X`, 'M-X'], [`${ESC}\x01`, 'C-M-a'], [`${ESC}\r`, 'M-Enter'], [`${ESC}\x7f`, 'M-BSpace'],
    [`${ESC} `, 'M-Space'], [`${ESC}\x00`, 'C-M-Space'], [`${ESC}é`, 'M-é'],
    [`${ESC}[A`, 'Up'], [`${ESC}[B`, 'Down'], [`${ESC}[C`, 'Right'], [`${ESC}[D`, 'Left'],
    [`${ESC}OA`, 'Up'], [`${ESC}OB`, 'Down'], [`${ESC}OC`, 'Right'], [`${ESC}OD`, 'Left'],
    [`${ESC}[1;5A`, 'C-Up'], [`${ESC}[1;3A`, 'M-Up'], [`${ESC}[1;2A`, 'S-Up'], [`${ESC}[1;6A`, 'C-S-Up'],
    [`${ESC}[1;4D`, 'M-S-Left'], [`${ESC}[1;7C`, 'C-M-Right'], [`${ESC}[1;8B`, 'C-M-S-Down'], [`${ESC}[1;9A`, 'M-Up'],
    [`${ESC}${ESC}[A`, 'M-Up'], [`${ESC}${ESC}OA`, 'M-Up'],
    [`${ESC}[H`, 'Home'], [`${ESC}[F`, 'End'], [`${ESC}[1~`, 'Home'], [`${ESC}[4~`, 'End'], [`${ESC}[7~`, 'Home'],
    [`${ESC}[8~`, 'End'], [`${ESC}OH`, 'Home'], [`${ESC}OF`, 'End'], [`${ESC}[1;5H`, 'C-Home'],
    [`${ESC}[2~`, 'IC'], [`${ESC}[3~`, 'DC'], [`${ESC}[3;5~`, 'C-DC'], [`${ESC}[5~`, 'PageUp'], [`${ESC}[6~`, 'PageDown'],
    [`${ESC}[5;5~`, 'C-PageUp'], [`${ESC}[6;3~`, 'M-PageDown'],
    [`${ESC}OP`, 'F1'], [`${ESC}OQ`, 'F2'], [`${ESC}OR`, 'F3'], [`${ESC}OS`, 'F4'],
    [`${ESC}[11~`, 'F1'], [`${ESC}[12~`, 'F2'], [`${ESC}[13~`, 'F3'], [`${ESC}[14~`, 'F4'], [`${ESC}[15~`, 'F5'],
    [`${ESC}[17~`, 'F6'], [`${ESC}[18~`, 'F7'], [`${ESC}[19~`, 'F8'], [`${ESC}[20~`, 'F9'], [`${ESC}[21~`, 'F10'],
    [`${ESC}[23~`, 'F11'], [`${ESC}[24~`, 'F12'], [`${ESC}[1;5P`, 'C-F1'], [`${ESC}[15;2~`, 'S-F5'], [`${ESC}[24;7~`, 'C-M-F12'],
    [`${ESC}[Z`, 'BTab'], [`${ESC}${ESC}[Z`, 'M-BTab'],
    [`${ESC}Op`, 'KP0'], [`${ESC}OM`, 'KPEnter'], [`${ESC}Oj`, 'KP*'],
    [`${ESC}[99~`, 'Unknown'], [`${ESC}[?1;2c`, 'Unknown'], [`${ESC}[1;5;7A`, 'Unknown'], [`${ESC}Oz`, 'Unknown'],
    [`${ESC}[201~`, 'Unknown'], [`${ESC}[2;99~`, 'Unknown'],
  ];
  it.each(cases)('%j -> %s', (bytes, name) => {
    expect(tokenize(bytes)).toEqual([{ kind: 'key', key: name, bytes }]);
  });
});

describe('InputTokenizer: held sequences and flush', () => {
  it('holds a lone ESC until flush, then it is Escape', () => {
    const tokenizer = new InputTokenizer();
    expect(tokenizer.feed(ESC)).toEqual([]);
    expect(tokenizer.hasPending()).toBe(true);
    expect(tokenizer.flush()).toEqual([{ kind: 'key', key: 'Escape', bytes: ESC }]);
    expect(tokenizer.hasPending()).toBe(false);
    expect(tokenizer.flush()).toEqual([]);
  });

  it.each([
    [`${ESC}[1;`, ['Escape', '[', '1', ';']],
    [`${ESC}[`, ['M-['], ],
    [`${ESC}O`, ['M-O']],
    [`${ESC}${ESC}`, ['M-Escape']],
    [`${ESC}[<0;10`, ['Escape', '[', '<', '0', ';', '1', '0']],
  ])('flushes %j as %j', (held, names) => {
    const tokenizer = new InputTokenizer();
    expect(tokenizer.feed(held)).toEqual([]);
    expect(tokenizer.hasPending()).toBe(true);
    const flushed = tokenizer.flush();
    expect(keyNames(flushed)).toEqual(names);
    expect(flushed.map((e) => (e.kind === 'key' ? e.bytes : '')).join('')).toBe(held);
  });

  it('completes a sequence split across feeds', () => {
    const tokenizer = new InputTokenizer();
    expect(tokenizer.feed(`${ESC}[1;`)).toEqual([]);
    expect(tokenizer.hasPending()).toBe(true);
    expect(tokenizer.feed('5A')).toEqual([{ kind: 'key', key: 'C-Up', bytes: `${ESC}[1;5A` }]);
    expect(tokenizer.hasPending()).toBe(false);
  });

  it('reads a byte that cannot be in a CSI as typed keys', () => {
    expect(keyNames(tokenize(`${ESC}[1\x03x`))).toEqual(['Escape', '[', '1', 'C-c', 'x']);
    expect(keyNames(tokenize(`${ESC}[\x03`))).toEqual(['M-[', 'C-c']);
    expect(keyNames(tokenize(`${ESC}O1`))).toEqual(['M-O', '1']);
  });

  it('does not hold long garbage', () => {
    const tokenizer = new InputTokenizer();
    const garbage = `${ESC}[${'1'.repeat(MAX_HELD_SEQUENCE * 2)}`;
    const events = tokenizer.feed(garbage);
    expect(tokenizer.hasPending()).toBe(false);
    expect(events.map((e) => (e.kind === 'key' ? e.bytes : '')).join('')).toBe(garbage);
  });

  it('does not hold garbage that grows one chunk at a time', () => {
    const tokenizer = new InputTokenizer();
    tokenizer.feed(`${ESC}[`);
    for (let i = 0; i < MAX_HELD_SEQUENCE; i++) tokenizer.feed('1');
    expect(tokenizer.hasPending()).toBe(false);
  });
});

describe('InputTokenizer: text', () => {
  it('gives one key per code point, emoji and CJK included', () => {
    expect(tokenize('é日😀a')).toEqual([
      { kind: 'key', key: 'é', bytes: 'é' },
      { kind: 'key', key: '日', bytes: '日' },
      { kind: 'key', key: '😀', bytes: '😀' },
      { kind: 'key', key: 'a', bytes: 'a' },
    ]);
  });

  it('reads Alt with an emoji', () => {
    expect(tokenize(`${ESC}😀`)).toEqual([{ kind: 'key', key: 'M-😀', bytes: `${ESC}😀` }]);
  });
});

describe('InputTokenizer: split chunks', () => {
  const stream = [
    'ab', `${ESC}[A`, `${ESC}OP`, `${ESC}[1;5C`, `${ESC}x`, '\x02', `${ESC}[<0;5;7M`, `${ESC}[M !!`, `${ESC}[I`,
    `${ESC}[200~pa${ESC}[A\r${ESC}[201~`, 'é😀', `${ESC}[15;3~`, `${ESC}${ESC}[B`, `${ESC}[Z`, `${ESC}[99~`, 'z',
  ].join('');
  const whole = tokenize(stream);

  it('reads the whole stream as expected', () => {
    expect(keyNames(whole)).toEqual([
      'a', 'b', 'Up', 'F1', 'C-Right', 'M-x', 'C-b', '<mouse>', '<mouse>', '<focus>', '<paste>', 'é', '😀',
      'M-F5', 'M-Down', 'BTab', 'Unknown', 'z',
    ]);
  });

  it('gives the same events at every split point', () => {
    for (let split = 1; split < stream.length; split++) {
      expect(tokenize(stream.slice(0, split), stream.slice(split)), `split at ${split}`).toEqual(whole);
    }
  });

  it('gives the same events for any chunking', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const chunks = points.slice(1).map((end, i) => stream.slice(points[i], end));
        expect(tokenize(...chunks)).toEqual(whole);
      }),
    );
  });
});

describe('InputTokenizer: any keys in any chunks', () => {
  // These encodings are a prefix of others (ESC, ESC [, ESC O), so only escape-time tells them apart.
  const AMBIGUOUS = new Set(['Escape', 'M-Escape', 'M-[', 'M-O']);
  const keys = CANONICAL_KEYS.filter((key) => !AMBIGUOUS.has(key));

  it('reads back a stream of encoded keys however it is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...keys), { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (typed, rawCuts) => {
          const stream = typed.map((key) => encodeKey(key, NORMAL)!).join('');
          const cuts = [...new Set(rawCuts.map((cut) => cut % stream.length))].sort((a, b) => a - b);
          const points = [0, ...cuts, stream.length];
          const chunks = points.slice(1).map((end, i) => stream.slice(points[i], end));
          expect(keyNames(tokenize(...chunks))).toEqual(typed);
        },
      ),
    );
  });
});

describe('InputTokenizer: mouse', () => {
  const mouse = (action: string, button: number, x: number, y: number, bytes: string, mods = {}) => ({
    kind: 'mouse', action, button, x, y, shift: false, alt: false, ctrl: false, ...mods, bytes,
  });
  it.each([
    [`${ESC}[<0;1;1M`, mouse('press', 0, 0, 0, `${ESC}[<0;1;1M`)],
    [`${ESC}[<2;10;20M`, mouse('press', 2, 9, 19, `${ESC}[<2;10;20M`)],
    [`${ESC}[<0;10;20m`, mouse('release', 0, 9, 19, `${ESC}[<0;10;20m`)],
    [`${ESC}[<1;3;4M`, mouse('press', 1, 2, 3, `${ESC}[<1;3;4M`)],
    [`${ESC}[<32;3;4M`, mouse('drag', 0, 2, 3, `${ESC}[<32;3;4M`)],
    [`${ESC}[<35;3;4M`, mouse('move', -1, 2, 3, `${ESC}[<35;3;4M`)],
    [`${ESC}[<64;3;4M`, mouse('wheel-up', -1, 2, 3, `${ESC}[<64;3;4M`)],
    [`${ESC}[<65;3;4M`, mouse('wheel-down', -1, 2, 3, `${ESC}[<65;3;4M`)],
    [`${ESC}[<28;300;200M`, mouse('press', 0, 299, 199, `${ESC}[<28;300;200M`, { shift: true, alt: true, ctrl: true })],
    [`${ESC}[M !!`, mouse('press', 0, 0, 0, `${ESC}[M !!`)],
    [`${ESC}[M#!!`, mouse('release', -1, 0, 0, `${ESC}[M#!!`)],
    [`${ESC}[M\`*+`, mouse('wheel-up', -1, 9, 10, `${ESC}[M\`*+`)],
    [`${ESC}[M"${String.fromCodePoint(32 + 300)}!`, mouse('press', 2, 299, 0, `${ESC}[M"${String.fromCodePoint(332)}!`)],
  ])('%j', (bytes, event) => {
    expect(tokenize(bytes)).toEqual([event]);
  });

  it('drops horizontal wheel and extra buttons', () => {
    expect(tokenize(`${ESC}[<66;1;1M${ESC}[<128;1;1M`)).toEqual([]);
  });

  it('reads a malformed SGR report as an unknown key', () => {
    expect(keyNames(tokenize(`${ESC}[<0;0;1M`, `${ESC}[<0;1M`))).toEqual(['Unknown', 'Unknown']);
  });

  it('holds an X10 report until its three bytes arrived', () => {
    const tokenizer = new InputTokenizer();
    expect(tokenizer.feed(`${ESC}[M `)).toEqual([]);
    expect(tokenizer.hasPending()).toBe(true);
    expect(keyNames(tokenizer.feed('!!'))).toEqual(['<mouse>']);
  });
});

describe('InputTokenizer: focus and paste', () => {
  it('reads focus reports', () => {
    expect(tokenize(`${ESC}[I${ESC}[O`)).toEqual([
      { kind: 'focus', focused: true },
      { kind: 'focus', focused: false },
    ]);
  });

  it('reads a paste spanning chunks, with the end marker split', () => {
    const tokenizer = new InputTokenizer();
    expect(tokenizer.feed(`x${ESC}[200~hello `)).toEqual([{ kind: 'key', key: 'x', bytes: 'x' }]);
    expect(tokenizer.hasPending()).toBe(true);
    expect(tokenizer.feed(`${ESC}[A wor`)).toEqual([]);
    expect(tokenizer.feed(`ld${ESC}[20`)).toEqual([]);
    expect(tokenizer.feed(`1~y`)).toEqual([
      { kind: 'paste', text: `hello ${ESC}[A world` },
      { kind: 'key', key: 'y', bytes: 'y' },
    ]);
    expect(tokenizer.hasPending()).toBe(false);
  });

  it('keeps text that only looks like the start of the end marker', () => {
    expect(tokenize(`${ESC}[200~a${ESC}[20`, `0~b${ESC}[201~`)).toEqual([{ kind: 'paste', text: `a${ESC}[200~b` }]);
  });

  it('reads an empty paste', () => {
    expect(tokenize(`${ESC}[200~${ESC}[201~`)).toEqual([{ kind: 'paste', text: '' }]);
  });

  it('emits a paste so far on flush and stays in the paste', () => {
    const tokenizer = new InputTokenizer();
    tokenizer.feed(`${ESC}[200~abc`);
    expect(tokenizer.flush()).toEqual([{ kind: 'paste', text: 'abc' }]);
    expect(tokenizer.feed(`def${ESC}[201~g`)).toEqual([
      { kind: 'paste', text: 'def' },
      { kind: 'key', key: 'g', bytes: 'g' },
    ]);
  });
});

describe('normalizeKeyName', () => {
  it.each([
    ['C-b', 'C-b'], ['^B', 'C-b'], ['^b', 'C-b'], ['c-b', 'C-b'], ['C-B', 'C-b'], ['M-Left', 'M-Left'],
    ['m-left', 'M-Left'], ['C-M-x', 'C-M-x'], ['M-C-x', 'C-M-x'], ['S-M-C-Up', 'C-M-S-Up'], ['S-Up', 'S-Up'],
    ['F5', 'F5'], ['f12', 'F12'], ['C-F1', 'C-F1'], ['Enter', 'Enter'], ['Return', 'Enter'], ['enter', 'Enter'],
    ['Escape', 'Escape'], ['Esc', 'Escape'], ['Space', 'Space'], [' ', 'Space'], ['Tab', 'Tab'], ['BTab', 'BTab'],
    ['S-Tab', 'BTab'], ['M-S-Tab', 'M-BTab'], ['BSpace', 'BSpace'], ['Backspace', 'BSpace'],
    ['PPage', 'PageUp'], ['PageUp', 'PageUp'], ['PgUp', 'PageUp'], ['NPage', 'PageDown'], ['PageDown', 'PageDown'],
    ['PgDn', 'PageDown'], ['IC', 'IC'], ['Insert', 'IC'], ['DC', 'DC'], ['Delete', 'DC'], ['Home', 'Home'],
    ['End', 'End'], ['C-PPage', 'C-PageUp'], ['%', '%'], ['"', '"'], [';', ';'], ['?', '?'], [':', ':'], ['|', '|'],
    ['^', '^'], ['-', '-'], ['M--', 'M--'], ['C', 'C'], ['M', 'M'], ['S-a', 'A'], ['M-S-a', 'M-A'], ['é', 'é'],
    ['😀', '😀'], ['C-i', 'Tab'], ['C-m', 'Enter'], ['C-[', 'Escape'], ['^[', 'Escape'], ['C-@', 'C-Space'],
    ['C-Space', 'C-Space'], ['C-?', 'BSpace'], ['C-/', 'C-_'], ['C-\\', 'C-\\'], ['^]', 'C-]'], ['C-M-i', 'M-Tab'],
    ['\x02', 'C-b'], ['\t', 'Tab'], ['KP0', 'KP0'], ['kpenter', 'KPEnter'], ['M-KP*', 'M-KP*'],
  ])('%j -> %s', (written, canonical) => {
    expect(normalizeKeyName(written)).toBe(canonical);
  });

  it.each([
    '', 'Foo', 'C-', 'M-', 'Up-', 'C-Foo', 'C-1', 'C-%', 'C-Enter', 'C-Tab', 'C-BTab', 'S-1', 'S-Space', 'S-Enter',
    'C-S-a', 'S-^B', 'C-KP0', 'ab', 'Unknown', 'F13', 'X-a',
  ])('rejects %j with a message', (written) => {
    const result = normalizeKeyName(written);
    expect(result).toEqual({ error: expect.any(String) });
  });

  it('names the key in the error', () => {
    expect(normalizeKeyName('Foo')).toEqual({ error: expect.stringContaining('"Foo"') });
    expect(normalizeKeyName('C-1')).toEqual({ error: expect.stringContaining('"C-1"') });
  });

  it('is the identity on every canonical name', () => {
    for (const key of [...CANONICAL_KEYS, ...KEYPAD]) expect(normalizeKeyName(key)).toBe(key);
  });
});

describe('encodeKey', () => {
  it.each([
    ['Up', NORMAL, `${ESC}[A`], ['Up', APPLICATION, `${ESC}OA`], ['Home', APPLICATION, `${ESC}OH`],
    ['C-Up', APPLICATION, `${ESC}[1;5A`], ['M-Up', NORMAL, `${ESC}[1;3A`], ['S-Left', NORMAL, `${ESC}[1;2D`],
    ['C-a', NORMAL, '\x01'], ['C-M-a', NORMAL, `${ESC}\x01`], ['M-x', NORMAL, `${ESC}x`], ['Enter', NORMAL, '\r'],
    ['Tab', NORMAL, '\t'], ['BTab', NORMAL, `${ESC}[Z`], ['BSpace', NORMAL, '\x7f'], ['Escape', NORMAL, ESC],
    ['Space', NORMAL, ' '], ['C-Space', NORMAL, '\x00'], ['C-\\', NORMAL, '\x1c'], ['C-_', NORMAL, '\x1f'],
    ['F1', NORMAL, `${ESC}OP`], ['C-F1', NORMAL, `${ESC}[1;5P`], ['F5', NORMAL, `${ESC}[15~`],
    ['F12', NORMAL, `${ESC}[24~`], ['S-F12', NORMAL, `${ESC}[24;2~`], ['IC', NORMAL, `${ESC}[2~`],
    ['DC', NORMAL, `${ESC}[3~`], ['PageUp', NORMAL, `${ESC}[5~`], ['C-PageDown', NORMAL, `${ESC}[6;5~`],
    ['KP0', NORMAL, '0'], ['KP0', APPLICATION, `${ESC}Op`], ['KPEnter', NORMAL, '\r'], ['a', NORMAL, 'a'],
    ['%', NORMAL, '%'], ['😀', NORMAL, '😀'], ['^B', NORMAL, '\x02'], ['pgup', NORMAL, `${ESC}[5~`],
  ])('%s %o -> %j', (key, modes, bytes) => {
    expect(encodeKey(key, modes)).toBe(bytes);
  });

  it.each(['hello', 'Foo', 'C-1', '', 'Unknown'])('cannot encode %j', (key) => {
    expect(encodeKey(key, NORMAL)).toBeUndefined();
  });

  it('round-trips every canonical key through the tokenizer, in both cursor modes', () => {
    for (const modes of [NORMAL, { applicationCursor: true, applicationKeypad: false }]) {
      for (const key of CANONICAL_KEYS) {
        const bytes = encodeKey(key, modes)!;
        expect(tokenize(bytes), `${key} -> ${JSON.stringify(bytes)}`).toEqual([{ kind: 'key', key, bytes }]);
      }
    }
  });

  it('round-trips keypad keys in application keypad mode', () => {
    for (const key of KEYPAD.flatMap((k) => [k, `M-${k}`])) {
      const bytes = encodeKey(key, APPLICATION)!;
      expect(tokenize(bytes)).toEqual([{ kind: 'key', key, bytes }]);
    }
  });
});

describe('keyBytesForPane', () => {
  it.each([
    [{ key: 'Up', bytes: `${ESC}[A` }, APPLICATION, `${ESC}OA`],
    [{ key: 'Up', bytes: `${ESC}OA` }, NORMAL, `${ESC}[A`],
    [{ key: 'Up', bytes: `${ESC}[A` }, NORMAL, `${ESC}[A`],
    [{ key: 'Home', bytes: `${ESC}[1~` }, APPLICATION, `${ESC}OH`],
    [{ key: 'End', bytes: `${ESC}OF` }, NORMAL, `${ESC}[F`],
    [{ key: 'C-Up', bytes: `${ESC}[1;5A` }, APPLICATION, `${ESC}[1;5A`],
    [{ key: 'M-Up', bytes: `${ESC}${ESC}[A` }, APPLICATION, `${ESC}${ESC}[A`],
    [{ key: 'KP1', bytes: `${ESC}Oq` }, NORMAL, '1'],
    [{ key: 'PageUp', bytes: `${ESC}[5~` }, APPLICATION, `${ESC}[5~`],
    [{ key: 'F1', bytes: `${ESC}[11~` }, APPLICATION, `${ESC}[11~`],
    [{ key: 'a', bytes: 'a' }, APPLICATION, 'a'],
    [{ key: 'Unknown', bytes: `${ESC}[99~` }, APPLICATION, `${ESC}[99~`],
  ])('%o in %o -> %j', (ev, modes, bytes) => {
    expect(keyBytesForPane(ev, () => modes)).toBe(bytes);
  });

  it('reads the pane modes only for keys they change', () => {
    let reads = 0;
    const modes = () => (reads++, APPLICATION);
    keyBytesForPane({ key: 'a', bytes: 'a' }, modes);
    keyBytesForPane({ key: 'F1', bytes: `${ESC}[11~` }, modes);
    expect(reads).toBe(0);
    keyBytesForPane({ key: 'Up', bytes: `${ESC}[A` }, modes);
    expect(reads).toBe(1);
  });
});
