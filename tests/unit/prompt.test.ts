import { describe, expect, it } from 'vitest';
import { PromptEditor, pushHistory } from '../../src/app/prompt.js';
import { parseArgs, shellQuote } from '../../src/cli-args.js';

function typeInto(editor: PromptEditor, ...keys: string[]): ReturnType<PromptEditor['handleKey']> {
  let last: ReturnType<PromptEditor['handleKey']> = { kind: 'edited' };
  for (const key of keys) last = editor.handleKey(key);
  return last;
}

describe('PromptEditor', () => {
  it('edits a line like readline and submits it', () => {
    const e = new PromptEditor('command', ':');
    typeInto(e, 's', 'p', 'l', 'i', 't', 'Space', '-', 'h');
    expect(e.text).toBe('split -h');
    typeInto(e, 'Home', 'DC', 'C-e', 'BSpace');
    expect(e.text).toBe('plit -');
    typeInto(e, 'C-w');
    expect(e.text).toBe('plit ');
    typeInto(e, 'C-u');
    expect(e.text).toBe('');
    typeInto(e, 'x', 'Left', 'y');
    expect(e.text).toBe('yx');
    expect(e.handleKey('Enter')).toEqual({ kind: 'submit', text: 'yx' });
  });

  it('cancels on Escape, C-c, and backspace on an empty line', () => {
    expect(new PromptEditor('command', ':').handleKey('Escape')).toEqual({ kind: 'cancel' });
    expect(new PromptEditor('command', ':', 'a').handleKey('C-c')).toEqual({ kind: 'cancel' });
    expect(new PromptEditor('command', ':').handleKey('BSpace')).toEqual({ kind: 'cancel' });
  });

  it('recalls history with Up/Down and keeps the draft', () => {
    const e = new PromptEditor('coprocess', 'Run coprocess: ', '', ['newest', 'older']);
    typeInto(e, 'd', 'r');
    typeInto(e, 'Up');
    expect(e.text).toBe('newest');
    typeInto(e, 'Up', 'Up');
    expect(e.text).toBe('older');
    typeInto(e, 'Down', 'Down');
    expect(e.text).toBe('dr');
  });

  it('never lets control characters into the line', () => {
    const e = new PromptEditor('command', ':');
    e.insert('a\x1b[31mb\nc');
    expect(e.text).toBe('a [31mb c');
  });

  it('confirm prompts accept only y', () => {
    expect(new PromptEditor('confirm', '?').handleKey('y')).toEqual({ kind: 'submit', text: 'y' });
    expect(new PromptEditor('confirm', '?').handleKey('n')).toEqual({ kind: 'cancel' });
    expect(new PromptEditor('confirm', '?').handleKey('Enter')).toEqual({ kind: 'cancel' });
  });

  it('history: most recent first, no duplicates, capped', () => {
    let h: string[] = [];
    for (const entry of ['a', 'b', 'a', 'c', '  ']) h = pushHistory(h, entry, 2);
    expect(h).toEqual(['c', 'a']);
  });
});

describe('command-line arguments', () => {
  it('parses the documented forms', () => {
    expect(parseArgs([])).toEqual({ kind: 'run', config: undefined });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--', 'vim', 'a b'])).toEqual({ kind: 'run', command: ['vim', 'a b'], config: undefined });
    expect(parseArgs(['--config', 'x.json', '--', 'ls'])).toEqual({ kind: 'run', command: ['ls'], config: 'x.json' });
    expect(parseArgs(['--check-config', 'f.yaml'])).toEqual({ kind: 'check-config', file: 'f.yaml', config: undefined });
    expect(parseArgs(['triggers', 'test', '--config', 'c.json', 't.log'])).toEqual({
      kind: 'triggers-test',
      transcript: 't.log',
      config: 'c.json',
    });
    expect(parseArgs(['--bogus'])).toEqual({ kind: 'error', message: 'unknown argument: --bogus' });
    expect(parseArgs(['--'])).toMatchObject({ kind: 'error' });
  });

  it('quotes arguments so the shell sees exactly the words given', () => {
    expect(shellQuote('plain-word')).toBe('plain-word');
    expect(shellQuote("it's $(x)")).toBe(`'it'\\''s $(x)'`);
  });
});
