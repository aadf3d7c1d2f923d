// Tokenizer for what the outer terminal sends to tmx (stdin in raw mode): keys with canonical
// names (keys.ts), SGR and X10 mouse reports, focus reports and bracketed pastes. Pure: the caller
// decodes UTF-8, and runs the escape-time timer that calls flush() while hasPending() is true.

import { charKeyName, formatKey, withMeta } from './keys.js';
import {
  CSI,
  CURSOR_KEY_FINALS,
  ESC,
  KEYPAD_KEYS,
  SS3_FUNCTION_FINALS,
  TILDE_DECODE_ALIASES,
  TILDE_KEY_CODES,
  BACKTAB_FINAL,
  modifiersFromParam,
} from './sequences.js';

export type MouseAction = 'press' | 'release' | 'drag' | 'move' | 'wheel-up' | 'wheel-down';

export type InputEvent =
  | { kind: 'key'; key: string; bytes: string }
  | { kind: 'paste'; text: string }
  | {
      kind: 'mouse';
      action: MouseAction;
      button: number; // 0 left, 1 middle, 2 right, -1 none
      x: number; // 0-based cells
      y: number;
      shift: boolean;
      alt: boolean;
      ctrl: boolean;
      bytes: string;
    }
  | { kind: 'focus'; focused: boolean };

/** The key name of a complete escape sequence tmx does not know; its bytes are forwarded verbatim. */
export const UNKNOWN_KEY = 'Unknown';

/**
 * Longest incomplete sequence held while waiting for its end. Real key and mouse reports are
 * under 32 bytes (SGR mouse at 4-digit coordinates is ~20), so more than this is garbage.
 */
export const MAX_HELD_SEQUENCE = 64;

/** A paste is emitted in pieces of at most this many chars so an endless one cannot grow memory. */
export const MAX_PASTE_PIECE = 1 << 20;

const PASTE_START_PARAM = '200';
const PASTE_END = `${CSI}201~`;

/** X10 mouse: CSI M then three code points, each a value plus this offset. */
const X10_OFFSET = 32;
const X10_REPORT_LENGTH = 3;

/** Mouse button byte bits shared by the SGR and X10 encodings. */
const MOUSE_SHIFT = 4;
const MOUSE_ALT = 8;
const MOUSE_CTRL = 16;
const MOUSE_MOTION = 32;
const MOUSE_WHEEL = 64;
/** Buttons 8-11 (back/forward...) and horizontal wheels have no place in the event; dropped. */
const MOUSE_EXTRA_BUTTONS = 128;
const MOUSE_BUTTON_BITS = 3;
const MOUSE_NO_BUTTON = 3;

/** One parse step: events and how many chars they used, or 'incomplete' (need more input). */
type Step = { events: InputEvent[]; length: number; startsPaste?: boolean } | 'incomplete';

export class InputTokenizer {
  /** An incomplete escape sequence (or, inside a paste, a partial end marker) from the last chunk. */
  private held = '';
  /** Defined while inside a bracketed paste: the text received so far. */
  private pasteText: string | undefined;

  feed(data: string): InputEvent[] {
    const input = this.held + data;
    this.held = '';
    const events: InputEvent[] = [];
    let pos = 0;
    while (pos < input.length) {
      if (this.pasteText !== undefined) {
        pos = this.consumePaste(input, pos, events);
        continue;
      }
      const step = parseEvent(input, pos);
      if (step === 'incomplete') {
        const rest = input.slice(pos);
        if (rest.length >= MAX_HELD_SEQUENCE) events.push(...heldAsKeys(rest));
        else this.held = rest;
        break;
      }
      events.push(...step.events);
      if (step.startsPaste) this.pasteText = '';
      pos += step.length;
    }
    return events;
  }

  /** True while an incomplete sequence or an unfinished paste is held. */
  hasPending(): boolean {
    return this.held !== '' || this.pasteText !== undefined;
  }

  /**
   * Escape-time expired: a held sequence becomes keys (lone ESC -> Escape). Inside a paste the
   * text so far is emitted and the paste goes on, so a lost end marker cannot swallow input.
   */
  flush(): InputEvent[] {
    if (this.pasteText !== undefined) {
      const text = this.pasteText;
      this.pasteText = '';
      return text === '' ? [] : [{ kind: 'paste', text }];
    }
    const held = this.held;
    this.held = '';
    return held === '' ? [] : heldAsKeys(held);
  }

  private consumePaste(input: string, pos: number, events: InputEvent[]): number {
    const end = input.indexOf(PASTE_END, pos);
    if (end >= 0) {
      events.push({ kind: 'paste', text: this.pasteText + input.slice(pos, end) });
      this.pasteText = undefined;
      return end + PASTE_END.length;
    }
    // Keep a possible start of the end marker until the next chunk shows whether it is one.
    const partial = partialSuffix(input, pos, PASTE_END);
    this.pasteText += input.slice(pos, input.length - partial);
    this.held = input.slice(input.length - partial);
    if (this.pasteText!.length >= MAX_PASTE_PIECE) {
      events.push({ kind: 'paste', text: this.pasteText! });
      this.pasteText = '';
    }
    return input.length;
  }
}

/** Length of the longest suffix of input[pos..] that is a proper prefix of marker. */
function partialSuffix(input: string, pos: number, marker: string): number {
  for (let length = Math.min(marker.length - 1, input.length - pos); length > 0; length--) {
    if (input.endsWith(marker.slice(0, length))) return length;
  }
  return 0;
}

function key(name: string, bytes: string): InputEvent {
  return { kind: 'key', key: name, bytes };
}

/**
 * The code point at pos, or undefined when it is the first half of a surrogate pair whose second
 * half is still to come (a decoder may emit the halves in different chunks).
 */
function codePointAt(input: string, pos: number): string | undefined {
  const code = input.charCodeAt(pos);
  const highSurrogate = code >= 0xd800 && code <= 0xdbff;
  if (highSurrogate && pos + 1 >= input.length) return undefined;
  return String.fromCodePoint(input.codePointAt(pos)!);
}

/** Keys for text that never became a sequence: ESC+char is that char with M-, else one key each. */
function heldAsKeys(text: string): InputEvent[] {
  const chars = [...text];
  if (chars.length === 2 && chars[0] === ESC) return [key(withMeta(charKeyName(chars[1]!)), text)];
  return chars.map((char) => key(charKeyName(char), char));
}

function parseEvent(input: string, pos: number): Step {
  if (input[pos] !== ESC) {
    const char = codePointAt(input, pos);
    if (char === undefined) return 'incomplete';
    return { events: [key(charKeyName(char), char)], length: char.length };
  }
  if (pos + 1 >= input.length) return 'incomplete';
  const next = input[pos + 1];
  if (next === '[') return parseCsi(input, pos);
  if (next === 'O') return parseSs3(input, pos);
  if (next === ESC) return parseEscEsc(input, pos);
  const char = codePointAt(input, pos + 1);
  if (char === undefined) return 'incomplete';
  return { events: [key(withMeta(charKeyName(char)), ESC + char)], length: 1 + char.length };
}

/** ESC ESC: Alt with a sequence (ESC ESC [ A is M-Up in some terminals), or M-Escape. */
function parseEscEsc(input: string, pos: number): Step {
  if (pos + 2 >= input.length) return 'incomplete';
  const after = input[pos + 2];
  if (after !== '[' && after !== 'O') return { events: [key('M-Escape', ESC + ESC)], length: 2 };
  const inner = parseEvent(input, pos + 1);
  if (inner === 'incomplete') return 'incomplete';
  const only = inner.events[0];
  if (inner.events.length !== 1 || only?.kind !== 'key' || inner.startsPaste) {
    return { events: [key('Escape', ESC)], length: 1 };
  }
  return { events: [key(withMeta(only.key), ESC + only.bytes)], length: inner.length + 1 };
}

function parseSs3(input: string, pos: number): Step {
  if (pos + 2 >= input.length) return 'incomplete';
  const final = input[pos + 2]!;
  if (!isFinalByte(final)) return { events: heldAsKeys(input.slice(pos, pos + 2)), length: 2 };
  const bytes = input.slice(pos, pos + 3);
  return { events: [key(ss3KeyName(final), bytes)], length: 3 };
}

function ss3KeyName(final: string): string {
  const byFinal = (table: Readonly<Record<string, string>>) => Object.keys(table).find((name) => table[name] === final);
  const keypad = Object.keys(KEYPAD_KEYS).find((name) => KEYPAD_KEYS[name]!.ss3Final === final);
  return byFinal(CURSOR_KEY_FINALS) ?? byFinal(SS3_FUNCTION_FINALS) ?? keypad ?? UNKNOWN_KEY;
}

function isFinalByte(char: string): boolean {
  return char >= '\x40' && char <= '\x7e';
}

/** CSI: parameter bytes 0x30-0x3f, intermediate bytes 0x20-0x2f, one final byte 0x40-0x7e. */
function parseCsi(input: string, pos: number): Step {
  let end = pos + 2;
  if (input[end] === 'M') return parseX10Mouse(input, pos);
  while (end < input.length && input[end]! >= '\x30' && input[end]! <= '\x3f') end++;
  const params = input.slice(pos + 2, end);
  while (end < input.length && input[end]! >= '\x20' && input[end]! <= '\x2f') end++;
  if (end >= input.length) return 'incomplete';
  const final = input[end]!;
  // A byte that cannot be in a CSI: what came before was typed keys, not a sequence.
  if (!isFinalByte(final)) return { events: heldAsKeys(input.slice(pos, end)), length: end - pos };
  const bytes = input.slice(pos, end + 1);
  const length = end + 1 - pos;
  if (params === PASTE_START_PARAM && final === '~') return { events: [], length, startsPaste: true };
  if (params.startsWith('<') && (final === 'M' || final === 'm')) {
    return { events: sgrMouse(params.slice(1), final === 'm', bytes), length };
  }
  return { events: [interpretCsi(params, final, bytes)], length };
}

function interpretCsi(params: string, final: string, bytes: string): InputEvent {
  if (params === '' && (final === 'I' || final === 'O')) return { kind: 'focus', focused: final === 'I' };
  if (params === '' && final === BACKTAB_FINAL) return key('BTab', bytes);
  const numbers = params === '' ? [] : params.split(';').map(Number);
  if (numbers.length > 2) return key(UNKNOWN_KEY, bytes);
  const base = final === '~' ? tildeKeyName(numbers[0]) : csiFinalKeyName(final, numbers[0]);
  const mods = modifiersFromParam(numbers[1] ?? 1);
  if (base === undefined || mods === undefined) return key(UNKNOWN_KEY, bytes);
  return key(formatKey({ ...mods, base }), bytes);
}

function tildeKeyName(code: number | undefined): string | undefined {
  if (code === undefined) return undefined;
  return Object.keys(TILDE_KEY_CODES).find((name) => TILDE_KEY_CODES[name] === code) ?? TILDE_DECODE_ALIASES[code];
}

/** CSI A (or CSI 1;m A): the first parameter, when present, is always 1. */
function csiFinalKeyName(final: string, first: number | undefined): string | undefined {
  if (first !== undefined && first !== 1) return undefined;
  const cursor = Object.keys(CURSOR_KEY_FINALS).find((name) => CURSOR_KEY_FINALS[name] === final);
  return cursor ?? Object.keys(SS3_FUNCTION_FINALS).find((name) => SS3_FUNCTION_FINALS[name] === final);
}

/** SGR (1006) report: CSI < b ; x ; y M (press, motion) or m (release), 1-based cells. */
function sgrMouse(params: string, release: boolean, bytes: string): InputEvent[] {
  const fields = params.split(';');
  const [code, x, y] = fields.map(Number) as [number, number, number];
  const wellFormed = fields.length === 3 && fields.every((field) => /^\d+$/.test(field)) && x >= 1 && y >= 1;
  if (!wellFormed) return [key(UNKNOWN_KEY, bytes)];
  const event = mouseEvent(code, x - 1, y - 1, release, bytes);
  return event ? [event] : [];
}

/** X10 (1000) report: CSI M then button, x, y as code points offset by 32; 1-based cells. */
function parseX10Mouse(input: string, pos: number): Step {
  const values: number[] = [];
  let end = pos + 3;
  while (values.length < X10_REPORT_LENGTH) {
    const char = end < input.length ? codePointAt(input, end) : undefined;
    if (char === undefined) return 'incomplete';
    values.push(char.codePointAt(0)! - X10_OFFSET);
    end += char.length;
  }
  const [code, x, y] = values as [number, number, number];
  const bytes = input.slice(pos, end);
  const invalid = code < 0 || x < 1 || y < 1;
  const event = invalid ? key(UNKNOWN_KEY, bytes) : mouseEvent(code, x - 1, y - 1, false, bytes);
  return { events: event ? [event] : [], length: end - pos };
}

/** Decodes the button byte; undefined for reports tmx drops (extra buttons, horizontal wheel). */
function mouseEvent(code: number, x: number, y: number, sgrRelease: boolean, bytes: string): InputEvent | undefined {
  const low = code & MOUSE_BUTTON_BITS;
  if (code & MOUSE_EXTRA_BUTTONS) return undefined;
  const mods = { shift: (code & MOUSE_SHIFT) !== 0, alt: (code & MOUSE_ALT) !== 0, ctrl: (code & MOUSE_CTRL) !== 0 };
  const base = { kind: 'mouse' as const, x, y, ...mods, bytes };
  if (code & MOUSE_WHEEL) {
    if (low > 1) return undefined;
    return { ...base, action: low === 0 ? 'wheel-up' : 'wheel-down', button: -1 };
  }
  if (code & MOUSE_MOTION) {
    return low === MOUSE_NO_BUTTON ? { ...base, action: 'move', button: -1 } : { ...base, action: 'drag', button: low };
  }
  if (sgrRelease) return { ...base, action: 'release', button: low };
  // X10 cannot say which button was released.
  if (low === MOUSE_NO_BUTTON) return { ...base, action: 'release', button: -1 };
  return { ...base, action: 'press', button: low };
}
