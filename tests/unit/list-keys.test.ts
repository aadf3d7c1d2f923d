// `prefix ?` laid out for the screen: nothing reaches past the edge (the overlay would cut a
// command in two), every command stays whole on one line, and on a wide screen each binding
// is one line, as tmux's list.
import { describe, expect, it } from 'vitest';
import { listKeysLines, wrapWords } from '../../src/app/list-keys.js';
import { describeBindings } from '../../src/keymap/keymap.js';
import { DEFAULT_BINDINGS, DEFAULT_PREFIX } from '../../src/keymap/default-bindings.js';
import { commandHelp } from '../../src/commands/registry.js';

const rows = describeBindings(DEFAULT_BINDINGS, DEFAULT_PREFIX);
const lines = (width: number) => listKeysLines(rows, commandHelp(), DEFAULT_PREFIX, width);

describe('wrapWords', () => {
  it('breaks between words within the width, and gives the words back in order', () => {
    const text = 'Split a pane: -h side by side, -v stacked (the default); run COMMAND instead of the shell';
    for (const width of [10, 16, 25, 40, 200]) {
      const wrapped = wrapWords(text, width);
      expect(wrapped.every((line) => line.length <= width), `width ${width}`).toBe(true);
      expect(wrapped.join(' ')).toBe(text);
    }
    expect(wrapWords('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapWords('', 10)).toEqual(['']);
  });
});

describe('listKeysLines', () => {
  it('keeps every line within the screen and every command whole on one line', () => {
    for (const width of [60, 80, 100, 120, 200]) {
      const shown = lines(width);
      expect(Math.max(...shown.map((line) => line.length)), `width ${width}`).toBeLessThanOrEqual(width);
      for (const r of rows) {
        expect(shown.some((line) => line.includes(r.command)), `width ${width}: ${r.command}`).toBe(true);
        const head = new RegExp(`^${r.table === 'prefix' ? `${DEFAULT_PREFIX} ` : ' {4}'}${r.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `);
        expect(shown.some((line) => head.test(line)), `width ${width}: ${r.key}`).toBe(true);
      }
      // Every word of every note is there (wrapped notes included).
      const words = new Set(shown.join(' ').split(/\s+/));
      for (const r of rows) for (const word of (r.note || r.command).split(/\s+/)) expect(words.has(word), `width ${width}: ${word}`).toBe(true);
    }
  });

  it('gives each binding one line, note then command, on a wide screen', () => {
    const shown = lines(120);
    for (const r of rows.filter((row) => row.note)) {
      expect(shown.some((line) => line.includes(r.note) && line.endsWith(`  ${r.command}`)), r.key).toBe(true);
    }
  });
});
