// Trigger parameters are templates: literal text with escapes, and capture references \0..\9.
// A command is split into arguments once, when the rc file loads; at fire time a capture is
// pasted into the argument it sits in as literal text, so pane output can never add, split or
// join arguments, and no shell ever sees it.
import type { Template, TemplatePart } from './types.js';

/** Captures are untrusted pane text; 1 KiB each is plenty for a file name or a URL. */
export const MAX_CAPTURE_BYTES = 1024;
/** \0 (the whole match) to \9, as iTerm2 writes them. */
export const MAX_CAPTURE_GROUP = 9;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', e: '\x1b', '\\': '\\' };

/** Words a user might expect a shell to interpret; tmx passes them to the program as arguments. */
const SHELL_OPERATORS = new Set(['|', '||', '&&', ';', '&', '>', '>>', '<', '2>', '2>&1']);

type TemplateError = { error: string };

function append(template: Template, part: TemplatePart): void {
  const last = template[template.length - 1];
  if (typeof part === 'string' && typeof last === 'string') template[template.length - 1] = last + part;
  else template.push(part);
}

/** Reads the escape at `source[at]` (a backslash); returns the part and the index after it. */
function readEscape(source: string, at: number): { part: TemplatePart; next: number } | TemplateError {
  const ch = source[at + 1];
  if (ch === undefined) return { error: `a lone \\ at the end (write \\\\ for a backslash)` };
  if (ch >= '0' && ch <= '9') return { part: { capture: Number(ch) }, next: at + 2 };
  if (SIMPLE_ESCAPES[ch] !== undefined) return { part: SIMPLE_ESCAPES[ch], next: at + 2 };
  if (ch === 'x') {
    const hex = source.slice(at + 2, at + 4);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return { error: `\\x at column ${at + 1} needs two hex digits, like \\x1b` };
    return { part: String.fromCharCode(parseInt(hex, 16)), next: at + 4 };
  }
  return { error: `unknown escape \\${ch} at column ${at + 1} (known: \\0-\\9 captures, \\n \\r \\t \\e \\xNN \\\\)` };
}

/** A single text (send-text, notify, set-title): escapes decoded now, captures later. */
export function parseTextTemplate(source: string): Template | TemplateError {
  const template: Template = [];
  let i = 0;
  while (i < source.length) {
    if (source[i] !== '\\') {
      append(template, source[i]);
      i += 1;
      continue;
    }
    const escape = readEscape(source, i);
    if ('error' in escape) return escape;
    append(template, escape.part);
    i = escape.next;
  }
  return template;
}

export interface ArgvTemplate {
  argv: Template[];
  /** Unquoted words such as `|` or `>` that a shell would have interpreted. */
  shellOperators: string[];
}

interface WordState {
  words: Template[];
  current: Template | undefined;
  quoted: boolean;
  operators: string[];
}

function endWord(state: WordState): void {
  if (state.current === undefined) return;
  const only = state.current.length === 1 ? state.current[0] : undefined;
  if (!state.quoted && typeof only === 'string' && SHELL_OPERATORS.has(only)) state.operators.push(only);
  state.words.push(state.current);
  state.current = undefined;
  state.quoted = false;
}

/**
 * Splits a command into argument templates like a shell would split words, without running
 * one: blanks separate words, '...' and "..." group them (\" inside double quotes), a backslash
 * before a blank or a quote makes it literal, and the template escapes work everywhere.
 */
export function parseArgvTemplate(source: string): ArgvTemplate | TemplateError {
  const state: WordState = { words: [], current: undefined, quoted: false, operators: [] };
  let quote: string | undefined;
  let quoteStart = 0;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const next = source[i + 1];
    if (quote === undefined && /\s/.test(ch)) {
      endWord(state);
      i += 1;
      continue;
    }
    state.current ??= [];
    if (ch === quote) {
      quote = undefined;
      i += 1;
    } else if (quote === undefined && (ch === "'" || ch === '"')) {
      quote = ch;
      quoteStart = i;
      state.quoted = true;
      i += 1;
    } else if (ch === '\\' && next !== undefined && isEscapedLiteral(next, quote)) {
      append(state.current, next);
      i += 2;
    } else if (ch === '\\') {
      const escape = readEscape(source, i);
      if ('error' in escape) return escape;
      append(state.current, escape.part);
      i = escape.next;
    } else {
      append(state.current, ch);
      i += 1;
    }
  }
  if (quote !== undefined) return { error: `unterminated ${quote} quote at column ${quoteStart + 1} (add the closing ${quote})` };
  endWord(state);
  return { argv: state.words, shellOperators: state.operators };
}

/** Outside quotes `\ `, `\'` and `\"` are literal; inside double quotes only `\"`. */
function isEscapedLiteral(next: string, quote: string | undefined): boolean {
  if (quote === undefined) return next === "'" || next === '"' || /\s/.test(next);
  return quote === '"' && next === '"';
}

/** Capture numbers a template refers to, to check them against the regex's groups at load. */
export function capturesUsed(templates: readonly Template[]): number[] {
  return templates.flatMap((t) => t.flatMap((part) => (typeof part === 'string' ? [] : [part.capture])));
}

/** Control characters (C0, DEL, C1) could drive the pane or a terminal if typed or shown. */
const CONTROL_CHARS = /[\x00-\x1f\x7f-\x9f]/g;

/** What pane text may become inside an argument or a message: no controls, at most 1 KiB. */
export function sanitizeCapture(text: string): string {
  const clean = text.replace(CONTROL_CHARS, '');
  if (Buffer.byteLength(clean) <= MAX_CAPTURE_BYTES) return clean;
  let bytes = 0;
  let end = 0;
  for (const char of clean) {
    bytes += Buffer.byteLength(char);
    if (bytes > MAX_CAPTURE_BYTES) break;
    end += char.length;
  }
  return clean.slice(0, end);
}

/** The sanitized captures \0..\9 of a match; groups that did not take part are empty. */
export function matchCaptures(match: RegExpExecArray): string[] {
  const captures: string[] = [];
  for (let n = 0; n <= MAX_CAPTURE_GROUP && n < match.length; n++) captures.push(sanitizeCapture(match[n] ?? ''));
  return captures;
}

/** Pastes captures into a template as literal text; never re-reads escapes in them. */
export function expandTemplate(template: Template, captures: readonly string[]): string {
  let out = '';
  for (const part of template) out += typeof part === 'string' ? part : (captures[part.capture] ?? '');
  return out;
}

/** TMX_MATCH_0.. for a coprocess, so a user who wants a shell can quote "$TMX_MATCH_1" safely. */
export function captureEnv(captures: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  captures.forEach((capture, n) => (env[`TMX_MATCH_${n}`] = capture));
  return env;
}
