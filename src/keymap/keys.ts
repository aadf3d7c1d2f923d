// Key names as tmux writes them ("C-b", "M-Left", "C-M-S-F5", "BSpace") and the bytes a program
// in a pane expects for each. A canonical name is exactly what the tokenizer (input.ts) produces,
// so a binding written in any accepted spelling matches the key the user types.

import {
  CSI,
  CURSOR_KEY_FINALS,
  ESC,
  KEYPAD_KEYS,
  SS3,
  SS3_FUNCTION_FINALS,
  TILDE_KEY_CODES,
  BACKTAB_FINAL,
  isModifiableKey,
  modifierParam,
  type Modifiers,
} from './sequences.js';

export interface KeyModes {
  applicationCursor: boolean;
  applicationKeypad: boolean;
}

/** A key split into its modifiers and its base name ("Up", "a", "Space", "F5"). */
export interface KeyParts extends Modifiers {
  base: string;
}

/** Canonical base names other than single characters, with the other spellings users write. */
const KEY_NAME_ALIASES: Readonly<Record<string, readonly string[]>> = {
  Enter: ['Return'],
  Escape: ['Esc'],
  Space: [],
  Tab: [],
  BTab: [],
  BSpace: ['Backspace'],
  Up: [],
  Down: [],
  Left: [],
  Right: [],
  Home: [],
  End: [],
  IC: ['Insert'],
  DC: ['Delete'],
  PageUp: ['PPage', 'PgUp'],
  PageDown: ['NPage', 'PgDn'],
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`F${i + 1}`, []])),
  ...Object.fromEntries(Object.keys(KEYPAD_KEYS).map((name) => [name, []])),
};

/** Every canonical named (non-character) base, for list-keys, help and tests. */
export const NAMED_KEYS: readonly string[] = Object.keys(KEY_NAME_ALIASES);

/** Lower-cased spelling -> canonical base; tmux matches key names case-insensitively. */
const NAME_LOOKUP: ReadonlyMap<string, string> = new Map(
  Object.entries(KEY_NAME_ALIASES).flatMap(([name, aliases]) =>
    [name, ...aliases].map((spelling) => [spelling.toLowerCase(), name] as [string, string]),
  ),
);

/** C0 controls (and DEL) that have a name of their own rather than C-<letter>. */
const SPECIAL_CHAR_NAMES: Readonly<Record<number, string>> = {
  0x00: 'C-Space',
  0x09: 'Tab',
  0x0d: 'Enter',
  0x1b: 'Escape',
  0x20: 'Space',
  0x7f: 'BSpace',
};

/** What C-<char> means for characters whose control code has another canonical name. */
const CTRL_CHAR_ALIASES: Readonly<Record<string, KeyParts>> = {
  '@': { base: 'Space', ctrl: true, meta: false, shift: false },
  '[': { base: 'Escape', ctrl: false, meta: false, shift: false },
  i: { base: 'Tab', ctrl: false, meta: false, shift: false },
  m: { base: 'Enter', ctrl: false, meta: false, shift: false },
  '?': { base: 'BSpace', ctrl: false, meta: false, shift: false },
  '/': { base: '_', ctrl: true, meta: false, shift: false },
};

/** Characters other than letters whose control code (char XOR 0x40) has a C- name. */
const CTRL_PUNCTUATION = new Set(['\\', ']', '^', '_']);

/** Bytes of the bases that take at most M- (which is a leading ESC). */
const PLAIN_KEY_BYTES: Readonly<Record<string, string>> = {
  Enter: '\r',
  Tab: '\t',
  BTab: `${CSI}${BACKTAB_FINAL}`,
  BSpace: '\x7f',
  Escape: ESC,
  Space: ' ',
};

const NO_MODIFIERS: Modifiers = { ctrl: false, meta: false, shift: false };

/** "C-M-S-" order, as tmux prints keys. */
export function formatKey(parts: KeyParts): string {
  return `${parts.ctrl ? 'C-' : ''}${parts.meta ? 'M-' : ''}${parts.shift ? 'S-' : ''}${parts.base}`;
}

/** Splits a canonical name; "M--" is M- with "-", a lone "C" is the letter. */
export function splitKey(name: string): KeyParts {
  const parts: KeyParts = { ...NO_MODIFIERS, base: name };
  while (parts.base.length > 2 && parts.base[1] === '-') {
    const flag = parts.base[0];
    if (flag === 'C') parts.ctrl = true;
    else if (flag === 'M') parts.meta = true;
    else if (flag === 'S') parts.shift = true;
    else break;
    parts.base = parts.base.slice(2);
  }
  return parts;
}

/** The canonical name of one code point typed on its own (no ESC prefix). */
export function charKeyName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const special = SPECIAL_CHAR_NAMES[code];
  if (special !== undefined) return special;
  // 0x01-0x1a are C-a..C-z (0x08 included: terminals send it for C-h, BSpace is DEL).
  if (code >= 0x01 && code <= 0x1a) return `C-${String.fromCharCode(code + 0x60)}`;
  if (code >= 0x1c && code <= 0x1f) return `C-${String.fromCharCode(code + 0x40)}`;
  return char;
}

/** The same key typed with Alt, which terminals send as an ESC prefix. */
export function withMeta(name: string): string {
  return formatKey({ ...splitKey(name), meta: true });
}

type KeyError = { error: string };

/**
 * Accepts what users write in rc files and tmux configs ("C-b", "^B", "c-b", "M-C-x", "PgUp",
 * "S-Tab") and returns the canonical name the tokenizer produces, or an error naming the fix.
 */
export function normalizeKeyName(name: string): string | KeyError {
  if (name === '') return { error: 'empty key name' };
  const { mods, rest } = splitUserModifiers(name);
  const base = resolveBase(rest);
  if (base === undefined) {
    return { error: `unknown key "${name}" (write keys like C-b, M-Left, S-Up, F5, Enter, Space, PageUp, %)` };
  }
  let parts: KeyParts | KeyError = { ...base, meta: base.meta || mods.meta };
  if (mods.shift) parts = applyShift(parts, mods.ctrl || parts.ctrl, name);
  if (mods.ctrl && !('error' in parts)) parts = applyCtrl(parts, name);
  return 'error' in parts ? parts : formatKey(parts);
}

/** Strips C-/M-/S- in any case and order, and the ^X spelling of C-x. */
function splitUserModifiers(name: string): { mods: Modifiers; rest: string } {
  const mods = { ...NO_MODIFIERS };
  let rest = name;
  while (rest.length > 2 && rest[1] === '-' && /[cmsCMS]/.test(rest[0]!)) {
    const flag = rest[0]!.toUpperCase();
    if (flag === 'C') mods.ctrl = true;
    else if (flag === 'M') mods.meta = true;
    else mods.shift = true;
    rest = rest.slice(2);
  }
  if (rest.length === 2 && rest[0] === '^') {
    mods.ctrl = true;
    rest = rest.slice(1);
  }
  return { mods, rest };
}

function resolveBase(rest: string): KeyParts | undefined {
  if ([...rest].length === 1) return splitKey(charKeyName(rest));
  const named = NAME_LOOKUP.get(rest.toLowerCase());
  return named === undefined ? undefined : { ...NO_MODIFIERS, base: named };
}

function applyShift(parts: KeyParts, withCtrl: boolean, written: string): KeyParts | KeyError {
  if (isModifiableKey(parts.base)) return { ...parts, shift: true };
  if (/^[a-zA-Z]$/.test(parts.base) && !withCtrl) return { ...parts, base: parts.base.toUpperCase() };
  if (parts.base === 'Tab' && !withCtrl) return { ...parts, base: 'BTab' };
  return { error: `"${written}": terminals send no distinct code for S- with ${parts.base}${shiftHint(parts)}` };
}

function shiftHint(parts: KeyParts): string {
  return parts.base.length === 1 ? ' (write the shifted character itself, like % or A)' : '';
}

function applyCtrl(parts: KeyParts, written: string): KeyParts | KeyError {
  if (parts.ctrl || isModifiableKey(parts.base) || parts.base === 'Space') return { ...parts, ctrl: true };
  const lower = /^[A-Z]$/.test(parts.base) ? parts.base.toLowerCase() : parts.base;
  const alias = CTRL_CHAR_ALIASES[lower];
  if (alias) return { ...alias, meta: alias.meta || parts.meta };
  if (/^[a-z]$/.test(lower) || CTRL_PUNCTUATION.has(lower)) return { ...parts, base: lower, ctrl: true };
  return { error: `"${written}": terminals send no distinct code for C- with ${parts.base}` };
}

/**
 * The bytes a program in a pane expects for a key name (send-keys, re-encoded cursor keys),
 * xterm style; undefined when the name is not a key.
 */
export function encodeKey(key: string, modes: KeyModes): string | undefined {
  const name = normalizeKeyName(key);
  return typeof name === 'string' ? encodeParts(splitKey(name), modes) : undefined;
}

function encodeParts(parts: KeyParts, modes: KeyModes): string {
  const { base } = parts;
  const modified = parts.ctrl || parts.meta || parts.shift;
  const cursorFinal = CURSOR_KEY_FINALS[base];
  if (cursorFinal !== undefined) {
    if (modified) return `${CSI}1;${modifierParam(parts)}${cursorFinal}`;
    return `${modes.applicationCursor ? SS3 : CSI}${cursorFinal}`;
  }
  const functionFinal = SS3_FUNCTION_FINALS[base];
  if (functionFinal !== undefined) {
    return modified ? `${CSI}1;${modifierParam(parts)}${functionFinal}` : `${SS3}${functionFinal}`;
  }
  const tildeCode = TILDE_KEY_CODES[base];
  if (tildeCode !== undefined) return modified ? `${CSI}${tildeCode};${modifierParam(parts)}~` : `${CSI}${tildeCode}~`;
  // Canonical names give the remaining keys at most C- and M-; M- is an ESC prefix.
  const unmeta = encodeUnmodifiable(parts, modes);
  return parts.meta ? `${ESC}${unmeta}` : unmeta;
}

function encodeUnmodifiable(parts: KeyParts, modes: KeyModes): string {
  const keypad = KEYPAD_KEYS[parts.base];
  if (keypad) return modes.applicationKeypad ? `${SS3}${keypad.ss3Final}` : keypad.normal;
  if (parts.ctrl) {
    if (parts.base === 'Space') return '\x00';
    // C-a..C-z and C-\ C-] C-^ C-_ are the character's code with bit 0x40 cleared.
    return String.fromCharCode(parts.base.toUpperCase().charCodeAt(0) & 0x1f);
  }
  return PLAIN_KEY_BYTES[parts.base] ?? parts.base;
}

/**
 * The bytes to forward for a key the user typed that no binding took: the raw bytes, except
 * unmodified cursor keys, Home/End and keypad keys, which are re-encoded for the pane's modes
 * (the outer terminal stays in normal cursor mode; the pane's program may have asked for
 * application mode, and vice versa).
 */
export function keyBytesForPane(ev: { key: string; bytes: string }, modes: () => KeyModes): string {
  // A typed character (the common case, on the way of every echo) is sent as it came.
  if (ev.key.length === 1) return ev.bytes;
  const parts = splitKey(ev.key);
  const modified = parts.ctrl || parts.meta || parts.shift;
  const modeDependent = Object.hasOwn(CURSOR_KEY_FINALS, parts.base) || Object.hasOwn(KEYPAD_KEYS, parts.base);
  if (modified || !modeDependent) return ev.bytes;
  // Read only here: the pane's modes come from the emulator, which is not free (every keystroke).
  return encodeParts(parts, modes());
}
