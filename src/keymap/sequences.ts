// The escape sequences xterm-compatible terminals use for named keys, as data. The tokenizer
// (input.ts) reads them and encodeKey (keys.ts) writes them, so both directions share one table
// and cannot disagree.

export const ESC = '\x1b';
export const CSI = `${ESC}[`;
export const SS3 = `${ESC}O`;

/** Keys written CSI X (normal cursor mode), SS3 X (application cursor mode), CSI 1;m X when modified. */
export const CURSOR_KEY_FINALS: Readonly<Record<string, string>> = {
  Up: 'A',
  Down: 'B',
  Right: 'C',
  Left: 'D',
  Home: 'H',
  End: 'F',
};

/** F1-F4 are SS3 P..S unmodified and CSI 1;m P..S modified (xterm). */
export const SS3_FUNCTION_FINALS: Readonly<Record<string, string>> = {
  F1: 'P',
  F2: 'Q',
  F3: 'R',
  F4: 'S',
};

/** Keys written CSI n ~ (or CSI n;m ~ when modified). */
export const TILDE_KEY_CODES: Readonly<Record<string, number>> = {
  IC: 2,
  DC: 3,
  PageUp: 5,
  PageDown: 6,
  F5: 15,
  F6: 17,
  F7: 18,
  F8: 19,
  F9: 20,
  F10: 21,
  F11: 23,
  F12: 24,
};

/** Other CSI n ~ codes outer terminals send (rxvt, linux console, screen); read, never written. */
export const TILDE_DECODE_ALIASES: Readonly<Record<number, string>> = {
  1: 'Home',
  4: 'End',
  7: 'Home',
  8: 'End',
  11: 'F1',
  12: 'F2',
  13: 'F3',
  14: 'F4',
};

/** Keypad keys: SS3 x in application keypad mode, the plain character otherwise. */
export const KEYPAD_KEYS: Readonly<Record<string, { ss3Final: string; normal: string }>> = {
  KP0: { ss3Final: 'p', normal: '0' },
  KP1: { ss3Final: 'q', normal: '1' },
  KP2: { ss3Final: 'r', normal: '2' },
  KP3: { ss3Final: 's', normal: '3' },
  KP4: { ss3Final: 't', normal: '4' },
  KP5: { ss3Final: 'u', normal: '5' },
  KP6: { ss3Final: 'v', normal: '6' },
  KP7: { ss3Final: 'w', normal: '7' },
  KP8: { ss3Final: 'x', normal: '8' },
  KP9: { ss3Final: 'y', normal: '9' },
  'KP*': { ss3Final: 'j', normal: '*' },
  'KP+': { ss3Final: 'k', normal: '+' },
  'KP-': { ss3Final: 'm', normal: '-' },
  'KP.': { ss3Final: 'n', normal: '.' },
  'KP/': { ss3Final: 'o', normal: '/' },
  KPEnter: { ss3Final: 'M', normal: '\r' },
};

export const BACKTAB_FINAL = 'Z';

/** Named keys that accept C-, M- and S- (xterm encodes them in a modifier parameter). */
export function isModifiableKey(base: string): boolean {
  return [CURSOR_KEY_FINALS, SS3_FUNCTION_FINALS, TILDE_KEY_CODES].some((table) => Object.hasOwn(table, base));
}

export interface Modifiers {
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
}

/** xterm's modifier parameter: 1 + (shift 1) + (alt 2) + (ctrl 4); 1 means none. */
export function modifierParam(mods: Modifiers): number {
  return 1 + (mods.shift ? 1 : 0) + (mods.meta ? 2 : 0) + (mods.ctrl ? 4 : 0);
}

/** Reads xterm's modifier parameter; bit 8 is a separate Meta key, which tmx folds into M-. */
export function modifiersFromParam(param: number): Modifiers | undefined {
  if (!Number.isInteger(param) || param < 1 || param > 16) return undefined;
  const bits = param - 1;
  return { shift: (bits & 1) !== 0, meta: (bits & 2) !== 0 || (bits & 8) !== 0, ctrl: (bits & 4) !== 0 };
}
